// The CCE Autopilot emulator as one Hono app: route by the contract's operation table, authenticate like the
// gateway, apply injected faults, validate with the contract's schemas, run the resource handler on a copy of the
// state, persist, answer. Also IAM's POST /v3/auth/tokens (iam.ts) and, when on, /__emulator/ (control.ts).
import { randomUUID } from 'node:crypto';
import type { HttpBindings } from '@hono/node-server';
import { Hono } from 'hono';
import type { z } from 'zod';
import { cceErrorBody, cceErrorCodes } from '../../contract/errors.ts';
import { iamTokenPath } from '../../contract/iam.ts';
import { createMatcher } from '../../contract/match.ts';
import type { AnyOperation } from '../../contract/operation.ts';
import { operationList } from '../../contract/operations.ts';
import { describeIssues } from '../../contract/validation.ts';
import { createAuthenticator, type EmulatorCredential, type TokenRecord } from './auth.ts';
import { EmulatorClock } from './clock.ts';
import { createControlApp, createFaultTable } from './control.ts';
import { EmulatorError, invalid } from './errors.ts';
import type { Handler, HandlerResult, Handlers } from './handler.ts';
import { createIamService, defaultIamIdentity, type IamIdentity } from './iam.ts';
import { filePersistence, memoryPersistence, type Persistence } from './persistence.ts';
import { handlers, reconcilers } from './registry.ts';
import { scenarios, type ScenarioName } from './scenarios.ts';
import type { EmulatorState } from './state.ts';

export type EmulatorOptions = {
  credentials: readonly EmulatorCredential[];
  projectId: string;
  region: string;
  /** Clock speed: 1 = real time, 0 = frozen (tests drive it), 60 = a minute per second. */
  speed?: number;
  dataDir?: string | null;
  scenario?: ScenarioName;
  /** Control endpoints under /__emulator/ (control.ts). */
  control?: boolean;
  /** The IAM user that POST /v3/auth/tokens knows (defaults: iam.ts). */
  iam?: Partial<IamIdentity>;
};

/** Huawei Cloud's name for the id of one request, echoed on every answer. */
export const requestIdHeader = 'X-Request-Id';

const mutating = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function errorResponse(status: number, code: string, message: string, requestId: string, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify(cceErrorBody(code, message, requestId)), {
    status,
    headers: { 'content-type': 'application/json', [requestIdHeader]: requestId, ...headers },
  });
}

function toResponse(result: HandlerResult, op: AnyOperation, requestId: string): Response {
  const status = result.status ?? op.successStatus;
  const headers: Record<string, string> = { [requestIdHeader]: requestId, ...result.headers };
  const { body } = result;
  if (body === undefined || status === 204) return new Response(null, { status, headers });
  if (body instanceof Uint8Array) {
    headers['content-type'] ??= 'application/octet-stream';
    return new Response(body as Uint8Array<ArrayBuffer>, { status, headers });
  }
  if (typeof body === 'string' && headers['content-type']?.startsWith('text/')) return new Response(body, { status, headers });
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}

function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw invalid(`Invalid request: ${describeIssues(result.error, what)}`);
  return result.data;
}

function queryObject(search: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of search) {
    const existing = out[key];
    out[key] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return out;
}

async function readBody(op: AnyOperation, request: Request, raw: Uint8Array<ArrayBuffer>): Promise<unknown> {
  if (op.bodyKind === 'none') return undefined;
  const contentType = request.headers.get('content-type') ?? '';
  if (op.bodyKind === 'multipart') {
    if (!contentType.toLowerCase().startsWith('multipart/form-data')) {
      throw invalid('Content-Type must be multipart/form-data', cceErrorCodes.contentTypeNotSupported);
    }
    const form = await new Request('http://emulator.local/', { method: 'POST', headers: { 'content-type': contentType }, body: raw }).formData();
    return Object.fromEntries(form.entries());
  }
  if (raw.byteLength === 0) return undefined;
  if (contentType && !/^application\/json\b/i.test(contentType)) {
    throw invalid(`Content-Type ${contentType} is not supported; use application/json`, cceErrorCodes.contentTypeNotSupported);
  }
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(raw));
  } catch {
    throw invalid('Invalid request: the body is not valid JSON');
  }
}

export function createEmulator(options: EmulatorOptions) {
  const persistence: Persistence = options.dataDir ? filePersistence(options.dataDir) : memoryPersistence();
  const stored = persistence.load();
  const speed = options.speed ?? 1;
  // A restart never moves virtual time backwards (a clock that was advanced stays ahead); a frozen clock resumes
  // exactly where it stopped.
  const savedNow = stored?.clockNow ?? null;
  const clock = new EmulatorClock(speed, savedNow === null ? Date.now() : speed === 0 ? savedNow : Math.max(Date.now(), savedNow));
  const tokens = new Map<string, TokenRecord>();
  const authenticate = createAuthenticator(options.credentials, tokens, { region: options.region });
  const iam = createIamService({
    identity: { ...defaultIamIdentity, ...options.iam },
    projectId: options.projectId,
    region: options.region,
    tokens,
  });
  const faults = createFaultTable();
  const match = createMatcher(operationList);

  const build = (name: ScenarioName): EmulatorState =>
    scenarios[name]({ projectId: options.projectId, region: options.region, now: clock.now() });

  let state: EmulatorState = stored?.state ?? build(options.scenario ?? 'demo');
  const save = (next: EmulatorState) => persistence.save(next, clock.now());
  save(state);

  // Writes run one at a time (handlers may await, e.g. reading an uploaded archive): no lost updates.
  let writeQueue: Promise<unknown> = Promise.resolve();
  function exclusive<T>(work: () => Promise<T> | T): Promise<T> {
    const run = writeQueue.then(work, work);
    writeQueue = run.catch(() => undefined);
    return run;
  }

  /** Advances every state machine to the clock's now; persists when something moved (durable like a write). */
  function reconcileChanged(): boolean {
    const ctx = { state, now: clock.now(), region: options.region };
    let changed = false;
    for (const step of reconcilers) changed = step(ctx) || changed;
    if (changed) save(state);
    return changed;
  }
  function reconcile(): void {
    reconcileChanged();
  }

  /** A fresh scenario. Issued tokens stay valid: IAM is another service, a reset of CCE does not log anyone out. */
  function reset(name: ScenarioName, speed?: number) {
    if (speed !== undefined) clock.setSpeed(speed);
    state = build(name);
    faults.clear();
    save(state);
  }

  /** Applies the injected faults of this request: waits, then answers a refusal if one applies. */
  async function injectFaults(method: string, rawPath: string): Promise<EmulatorError | null> {
    const decision = faults.decide(method, rawPath);
    if (decision.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, decision.latencyMs));
    return decision.refusal;
  }

  const app = new Hono<{ Bindings: Partial<HttpBindings> }>();

  if (options.control) {
    app.route(
      '/__emulator',
      createControlApp({
        clock,
        faults,
        reset: (name, speed) => exclusive(() => reset(name, speed)),
        advance: (ms) =>
          exclusive(() => {
            clock.advance(ms);
            // durable even when no state machine moved: the clock's reading is part of the data dir
            if (!reconcileChanged()) save(state);
          }),
        settings: () => structuredClone(state.settings),
        replaceSettings: (settings) =>
          exclusive(() => {
            const draft = structuredClone(state);
            draft.settings = settings;
            save(draft);
            state = draft;
          }),
      }),
    );
  }

  // IAM's token endpoint (not a CCE operation): no signature, the body carries the password.
  app.post(iamTokenPath, async (c) => {
    const refusal = await injectFaults('POST', iamTokenPath);
    if (refusal) return errorResponse(refusal.status, refusal.code, refusal.message, randomUUID().replaceAll('-', ''), refusal.headers);
    return iam.issueToken(c.req.raw);
  });

  app.all('*', async (c) => {
    const requestId = randomUUID().replaceAll('-', '');
    const url = new URL(c.req.url);
    // the request-target as received: URL parsing would already have resolved `..` and `%2e%2e`
    const rawTarget = c.env?.incoming?.url ?? c.req.raw.url.slice(url.origin.length);
    const rawPath = rawTarget.split('?')[0] ?? url.pathname;
    const rawQuery = rawTarget.includes('?') ? rawTarget.slice(rawTarget.indexOf('?') + 1) : '';
    const found = match(c.req.method, rawPath);
    if (found === null) {
      return errorResponse(404, 'APIGW.0101', 'The API does not exist or has not been published in the environment', requestId);
    }
    if ('refused' in found) return errorResponse(400, cceErrorCodes.invalidRequest, `Invalid request: ${found.refused}`, requestId);
    const op = found.operation;

    const raw = new Uint8Array(await c.req.arrayBuffer());
    const headers: Record<string, string> = {};
    c.req.raw.headers.forEach((value, key) => {
      headers[key] = value;
    });

    const auth = authenticate({ method: c.req.method, rawPath, rawQuery, headers, body: raw });
    if (!auth.ok) return errorResponse(auth.status, auth.code, auth.message, requestId);

    // Injected faults hit authenticated calls only, before anything is read or written.
    const refusal = await injectFaults(c.req.method, rawPath);
    if (refusal) return errorResponse(refusal.status, refusal.code, refusal.message, requestId, refusal.headers);

    try {
      const params = parseOrThrow(op.pathParams, found.params, '');
      const pathProject = (params as { project_id?: string }).project_id;
      const projectId = pathProject ?? auth.projectId;
      if (!projectId) throw invalid('Invalid request: X-Project-Id is required for this API when signing with AK/SK');
      if (pathProject && auth.projectId && pathProject !== auth.projectId) {
        throw new EmulatorError(403, cceErrorCodes.forbidden, 'Forbidden: the project in the path does not match the credential');
      }
      const query = parseOrThrow(op.query, queryObject(url.searchParams), '');
      const body = parseOrThrow(op.body, await readBody(op, c.req.raw, raw), '');

      const handler = handlers[op.id as keyof Handlers] as Handler<AnyOperation> | undefined;
      if (!handler) {
        throw new EmulatorError(501, cceErrorCodes.internal, `The emulator does not implement ${op.id} yet`);
      }
      const isWrite = mutating.has(op.method);
      const execute = async () => {
        reconcile();
        const draft = isWrite ? structuredClone(state) : state;
        const result = await handler({
          state: draft,
          now: clock.now(),
          projectId,
          region: options.region,
          requestId,
          params,
          query,
          body,
          rawBody: raw,
          headers,
          blobs: persistence.blobs,
        });
        if (isWrite) {
          // commit only after the handler succeeded: a refused request leaves no half-written state
          save(draft);
          state = draft;
        }
        return result;
      };
      const result = isWrite ? await exclusive(execute) : await execute();
      return toResponse(result, op, requestId);
    } catch (error) {
      if (error instanceof EmulatorError) return errorResponse(error.status, error.code, error.message, requestId, error.headers);
      console.error(`[emulator] ${op.id} failed`, error);
      return errorResponse(500, cceErrorCodes.internal, 'Internal error.', requestId);
    }
  });

  return {
    app,
    fetch: (request: Request) => app.fetch(request),
    clock,
    reset,
    tokens,
    faults,
    get state(): EmulatorState {
      return state;
    },
    options,
  };
}

export type Emulator = ReturnType<typeof createEmulator>;
