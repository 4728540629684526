// Control endpoints for tests and demos under /__emulator/ (mounted by app.ts only when `control` is on):
// reset to a named scenario, drive the clock, read and change the settings, inject faults (latency, 500s, 429s)
// for a path pattern. Loopback only: the console server checks that for the embedded emulator; a request that
// arrives on a socket from elsewhere (the standalone emulator) is answered 404 here.
import type { HttpBindings } from '@hono/node-server';
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { cceErrorBody, cceErrorCodes } from '../../contract/errors.ts';
import { describeIssues } from '../../contract/validation.ts';
import { seededRandom } from '../seeded-random.ts';
import type { ClockSnapshot, EmulatorClock } from './clock.ts';
import { EmulatorError } from './errors.ts';
import { scenarios, type ScenarioName } from './scenarios.ts';
import { emulatorSettingsPatchSchema, emulatorSettingsSchema, type EmulatorSettings } from './settings.ts';

export function isLoopback(address: string): boolean {
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}

// ---------------------------------------------------------------------------------------------------------------
// Faults
// ---------------------------------------------------------------------------------------------------------------

/**
 * A pattern is matched against "METHOD /raw/path" (no query). `/…/flags` is a regular expression; anything else is a
 * glob: `*` = any characters but `/`, `**` = anything, `?` = one character but `/`. A glob that starts with `/` has
 * no method part and matches every method ("* /path" is the same).
 */
export function compilePathPattern(pattern: string): RegExp {
  const regex = /^\/(.+)\/([imsu]*)$/s.exec(pattern);
  if (regex) return new RegExp(regex[1] ?? '', regex[2]);
  const glob = pattern.startsWith('/') ? `* ${pattern}` : pattern;
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i] ?? '';
    if (ch === '*' && glob[i + 1] === '*') {
      source += '.*';
      i++;
    } else if (ch === '*') source += '[^/]*';
    else if (ch === '?') source += '[^/]';
    else source += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

export const faultSpecSchema = z
  .strictObject({
    pathPattern: z
      .string({ error: 'pathPattern must be a string' })
      .min(1, 'pathPattern must not be empty')
      .max(500, 'pathPattern must be at most 500 characters')
      .superRefine((pattern, ctx) => {
        try {
          compilePathPattern(pattern);
        } catch (error) {
          ctx.addIssue({ code: 'custom', message: `pathPattern is not a valid regular expression: ${error instanceof Error ? error.message : String(error)}` });
        }
      }),
    latencyMs: z.number().int().min(0).max(120_000, 'latencyMs must be at most 120000').optional(),
    errorRate: z.number().min(0, 'errorRate must be between 0 and 1').max(1, 'errorRate must be between 0 and 1').optional(),
    status429: z.strictObject({ retryAfterSeconds: z.number().int().min(0).max(86_400) }).optional(),
    count: z.number().int().min(1, 'count must be at least 1').optional(),
    /** Seed of the PRNG behind errorRate (default 1). */
    seed: z.number().int().optional(),
  })
  .refine(
    (f) => f.latencyMs !== undefined || f.errorRate !== undefined || f.status429 !== undefined,
    'a fault needs latencyMs, errorRate or status429',
  );
export type FaultSpec = z.infer<typeof faultSpecSchema>;

export type Fault = FaultSpec & {
  id: string;
  /** Requests it still applies to; null = unlimited. */
  remaining: number | null;
  /** Requests it applied to so far. */
  matched: number;
};

export type FaultDecision = { latencyMs: number; refusal: EmulatorError | null };

export function createFaultTable() {
  let faults: Array<{ fault: Fault; pattern: RegExp; random: () => number }> = [];
  let next = 1;

  return {
    add(spec: FaultSpec): Fault {
      const fault: Fault = { ...spec, id: `fault-${next++}`, remaining: spec.count ?? null, matched: 0 };
      faults.push({ fault, pattern: compilePathPattern(spec.pathPattern), random: seededRandom(spec.seed ?? 1) });
      return fault;
    },
    list: (): Fault[] => faults.map((f) => structuredClone(f.fault)),
    remove(id: string): boolean {
      const before = faults.length;
      faults = faults.filter((f) => f.fault.id !== id);
      return faults.length < before;
    },
    clear(): void {
      faults = [];
    },
    /**
     * What the faults matching this request do to it; each matching fault spends one of its `count`. Latencies add
     * up; the first fault that refuses decides the answer (a 429 before a 500).
     */
    decide(method: string, rawPath: string): FaultDecision {
      const target = `${method.toUpperCase()} ${rawPath}`;
      let latencyMs = 0;
      let refusal: EmulatorError | null = null;
      for (const entry of faults) {
        const { fault } = entry;
        if (!entry.pattern.test(target)) continue;
        fault.matched++;
        if (fault.remaining !== null) fault.remaining--;
        latencyMs += fault.latencyMs ?? 0;
        if (refusal) continue;
        if (fault.status429) {
          // Seed 7.2: CCE.02429001 "The throttling threshold has been reached"; 7.1: read Retry-After, wait, retry.
          refusal = new EmulatorError(429, cceErrorCodes.throttled, 'The throttling threshold has been reached.', {
            'Retry-After': String(fault.status429.retryAfterSeconds),
          });
        } else if (fault.errorRate !== undefined) {
          // 0 and 1 are exact (no draw); between, the fault's own seeded sequence decides.
          const hit = fault.errorRate >= 1 || (fault.errorRate > 0 && entry.random() < fault.errorRate);
          if (hit) refusal = new EmulatorError(500, cceErrorCodes.internal, `Internal error (injected by ${fault.id}).`);
        }
      }
      faults = faults.filter((f) => f.fault.remaining === null || f.fault.remaining > 0);
      return { latencyMs, refusal };
    },
  };
}

export type FaultTable = ReturnType<typeof createFaultTable>;

// ---------------------------------------------------------------------------------------------------------------
// Endpoints
// ---------------------------------------------------------------------------------------------------------------

export type ControlDeps = {
  clock: EmulatorClock;
  faults: FaultTable;
  /** Replaces the state with a fresh scenario (and clears the faults). */
  reset(name: ScenarioName, speed?: number): Promise<void>;
  /** Moves the clock and runs the state machines up to the new now, durably. */
  advance(ms: number): Promise<void>;
  settings(): EmulatorSettings;
  /** Writes the settings into the state, durably. */
  replaceSettings(settings: EmulatorSettings): Promise<void>;
};

const speedSchema = z.number({ error: 'speed must be a number' }).min(0, 'speed must not be negative').max(10_000, 'speed must be at most 10000');
const scenarioNames = Object.keys(scenarios) as [ScenarioName, ...ScenarioName[]];

const resetBodySchema = z.strictObject({
  scenario: z.enum(scenarioNames, { error: `scenario must be one of ${scenarioNames.join(', ')}` }).default('demo'),
  speed: speedSchema.optional(),
});

const clockBodySchema = z.strictObject({
  advanceMs: z
    .number({ error: 'advanceMs must be a number' })
    .min(0, 'advanceMs must not be negative')
    .max(366 * 24 * 3600_000, 'advanceMs must be at most a year'),
  speed: speedSchema,
}).partial();

class ControlRefusal extends Error {
  constructor(
    readonly status: 400 | 404,
    message: string,
  ) {
    super(message);
  }
}

async function bodyOf<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  const text = await c.req.text();
  let json: unknown = {};
  if (text.trim() !== '') {
    try {
      json = JSON.parse(text);
    } catch {
      throw new ControlRefusal(400, 'Invalid request: the body is not valid JSON');
    }
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new ControlRefusal(400, `Invalid request: ${describeIssues(parsed.error)}`);
  return parsed.data;
}

const controlError = (status: 400 | 404, message: string) =>
  new Response(JSON.stringify(cceErrorBody(status === 404 ? cceErrorCodes.notFound : cceErrorCodes.invalidRequest, message)), {
    status,
    headers: { 'content-type': 'application/json' },
  });

const clockView = (snapshot: ClockSnapshot) => ({ ...snapshot, iso: new Date(snapshot.now).toISOString() });

/** Routes relative to /__emulator. */
export function createControlApp(deps: ControlDeps) {
  const app = new Hono<{ Bindings: Partial<HttpBindings> }>();

  app.use('*', async (c, next) => {
    const address = c.env?.incoming?.socket.remoteAddress;
    if (address !== undefined && !isLoopback(address)) return controlError(404, 'Emulator control answers loopback clients only');
    await next();
  });
  app.onError((error) => {
    if (error instanceof ControlRefusal) return controlError(error.status, error.message);
    throw error;
  });

  app.post('/reset', async (c) => {
    const body = await bodyOf(c, resetBodySchema);
    await deps.reset(body.scenario, body.speed);
    return c.json({ scenario: body.scenario, clock: clockView(deps.clock.snapshot()) });
  });

  app.get('/clock', (c) => c.json({ clock: clockView(deps.clock.snapshot()) }));
  app.post('/clock', async (c) => {
    const body = await bodyOf(c, clockBodySchema);
    if (body.advanceMs !== undefined) await deps.advance(body.advanceMs);
    if (body.speed !== undefined) deps.clock.setSpeed(body.speed);
    return c.json({ clock: clockView(deps.clock.snapshot()) });
  });

  app.get('/settings', (c) => c.json({ settings: deps.settings() }));
  app.put('/settings', async (c) => {
    const patch = await bodyOf(c, emulatorSettingsPatchSchema);
    const current = deps.settings();
    // Nested durations merge; every other field (the failure maps too) is replaced as a whole.
    const merged = emulatorSettingsSchema.parse({ ...current, ...patch, durations: { ...current.durations, ...patch.durations } });
    await deps.replaceSettings(merged);
    return c.json({ settings: merged });
  });

  app.get('/faults', (c) => c.json({ faults: deps.faults.list() }));
  app.post('/faults', async (c) => {
    const spec = await bodyOf(c, faultSpecSchema);
    return c.json({ fault: deps.faults.add(spec) }, 201);
  });
  app.delete('/faults', (c) => {
    deps.faults.clear();
    return c.body(null, 204);
  });
  app.delete('/faults/:id', (c) => {
    if (!deps.faults.remove(c.req.param('id'))) return controlError(404, `fault ${c.req.param('id')} not found`);
    return c.body(null, 204);
  });

  app.all('*', (c) => controlError(404, `Unknown control endpoint ${c.req.method} ${new URL(c.req.url).pathname}`));
  return app;
}
