// `npm run emulator`: the CCE Autopilot emulator alone, on plain HTTP, for SDK scripts, the console's cloud mode
// (CCE_ENDPOINT=http://127.0.0.1:9443) or demos. Configured by EMULATOR_* variables (README, "The emulator").
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { z } from 'zod';
import { createEmulator, type Emulator } from './app.ts';
import { isLoopback } from './control.ts';
import { defaultIamIdentity } from './iam.ts';
import { CorruptStateError } from './persistence.ts';
import { scenarios, type ScenarioName } from './scenarios.ts';

/** Documented defaults: a local test key pair, never a real credential. */
export const defaultAk = 'EMULATORAK0000000001';
export const defaultSk = 'emulator-local-secret-key-0000000000000001';
export const defaultProjectId = '2d5e3c8a9f4b4e7f8a1b6c0d9e8f7a6b';

const nonEmpty = (name: string) => z.string().trim().min(1, `${name} must not be empty`);
const scenarioNames = Object.keys(scenarios) as [ScenarioName, ...ScenarioName[]];

export const standaloneEnvSchema = z.object({
  EMULATOR_HOST: nonEmpty('EMULATOR_HOST').default('127.0.0.1'),
  EMULATOR_PORT: z.coerce
    .number({ error: 'EMULATOR_PORT must be a port number' })
    .int('EMULATOR_PORT must be a port number')
    .min(0, 'EMULATOR_PORT must be between 0 and 65535')
    .max(65535, 'EMULATOR_PORT must be between 0 and 65535')
    .default(9443),
  EMULATOR_AK: z
    .string()
    .regex(/^[A-Za-z0-9]{8,128}$/, 'EMULATOR_AK must be 8-128 letters and digits')
    .default(defaultAk),
  EMULATOR_SK: z.string().min(16, 'EMULATOR_SK must be at least 16 characters').default(defaultSk),
  EMULATOR_PROJECT_ID: z
    .string()
    .regex(/^[0-9a-f]{32}$/, 'EMULATOR_PROJECT_ID must be 32 lower-case hex characters')
    .default(defaultProjectId),
  EMULATOR_REGION: z
    .string()
    .regex(/^[a-z]{2,}(-[a-z0-9]+)+$/, 'EMULATOR_REGION must look like cn-north-4')
    .default('cn-north-4'),
  EMULATOR_SPEED: z.coerce
    .number({ error: 'EMULATOR_SPEED must be a number' })
    .min(0, 'EMULATOR_SPEED must not be negative')
    .max(10_000, 'EMULATOR_SPEED must be at most 10000')
    .default(1),
  /** Unset or empty: memory only. */
  EMULATOR_DATA_DIR: z.string().optional(),
  EMULATOR_SCENARIO: z.enum(scenarioNames, { error: `EMULATOR_SCENARIO must be one of ${scenarioNames.join(', ')}` }).default('demo'),
  EMULATOR_CONTROL: z.enum(['0', '1'], { error: 'EMULATOR_CONTROL must be 0 or 1' }).default('1'),
  EMULATOR_IAM_USER: nonEmpty('EMULATOR_IAM_USER').default(defaultIamIdentity.user),
  EMULATOR_IAM_PASSWORD: z.string().min(8, 'EMULATOR_IAM_PASSWORD must be at least 8 characters').default(defaultIamIdentity.password),
  EMULATOR_IAM_DOMAIN: nonEmpty('EMULATOR_IAM_DOMAIN').default(defaultIamIdentity.domain),
});

export type StandaloneConfig = {
  host: string;
  port: number;
  ak: string;
  sk: string;
  projectId: string;
  region: string;
  speed: number;
  dataDir: string | null;
  scenario: ScenarioName;
  control: boolean;
  iam: { user: string; password: string; domain: string };
};

export class StandaloneConfigError extends Error {
  override readonly name = 'StandaloneConfigError';
}

const loopbackHost = (host: string) => host === 'localhost' || isLoopback(host.replace(/^\[|\]$/g, ''));

export function parseStandaloneEnv(env: Record<string, string | undefined>): StandaloneConfig {
  const parsed = standaloneEnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new StandaloneConfigError(`Invalid environment: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  const e = parsed.data;
  // The defaults are published in the README: on a reachable address they would open the emulator to anyone.
  if (!loopbackHost(e.EMULATOR_HOST)) {
    const published = [e.EMULATOR_SK === defaultSk && 'EMULATOR_SK', e.EMULATOR_IAM_PASSWORD === defaultIamIdentity.password && 'EMULATOR_IAM_PASSWORD'].filter(Boolean);
    if (published.length) {
      throw new StandaloneConfigError(`EMULATOR_HOST=${e.EMULATOR_HOST} is not a loopback address: set ${published.join(' and ')} (the defaults are public)`);
    }
  }
  return {
    host: e.EMULATOR_HOST,
    port: e.EMULATOR_PORT,
    ak: e.EMULATOR_AK,
    sk: e.EMULATOR_SK,
    projectId: e.EMULATOR_PROJECT_ID,
    region: e.EMULATOR_REGION,
    speed: e.EMULATOR_SPEED,
    dataDir: e.EMULATOR_DATA_DIR ? resolve(e.EMULATOR_DATA_DIR) : null,
    scenario: e.EMULATOR_SCENARIO,
    control: e.EMULATOR_CONTROL === '1',
    iam: { user: e.EMULATOR_IAM_USER, password: e.EMULATOR_IAM_PASSWORD, domain: e.EMULATOR_IAM_DOMAIN },
  };
}

/** What the emulator prints when it listens: where, and with which AK and project. Never the SK or the password. */
export function startBanner(config: StandaloneConfig, address: { host: string; port: number }, pid: number): string {
  return [
    `CCE Autopilot emulator on http://${address.host}:${address.port}`,
    `AK ${config.ak} · project ${config.projectId} · region ${config.region}`,
    `IAM user ${config.iam.user} in domain ${config.iam.domain} (POST /v3/auth/tokens)`,
    `scenario ${config.scenario} · speed ${config.speed} · data ${config.dataDir ?? 'in memory'} · control ${config.control ? 'on (/__emulator/, loopback only)' : 'off'} · pid ${pid}`,
    '',
  ].join('\n');
}

export type RunningEmulator = { emulator: Emulator; server: ServerType; close(): Promise<void> };

/** Starts listening; resolves once the port is bound. */
export function startStandalone(config: StandaloneConfig, log: (text: string) => void): Promise<RunningEmulator> {
  const emulator = createEmulator({
    credentials: [{ ak: config.ak, sk: config.sk }],
    projectId: config.projectId,
    region: config.region,
    speed: config.speed,
    dataDir: config.dataDir,
    scenario: config.scenario,
    control: config.control,
    iam: config.iam,
  });
  return new Promise((resolvePromise, reject) => {
    const server = serve({ fetch: emulator.app.fetch, hostname: config.host, port: config.port }, (info) => {
      const host = info.family === 'IPv6' ? `[${info.address}]` : info.address;
      log(startBanner(config, { host, port: info.port }, process.pid));
      resolvePromise({
        emulator,
        server,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            // keep-alive clients must not hold the process open
            if ('closeIdleConnections' in server) server.closeIdleConnections();
          }),
      });
    });
    server.once('error', reject);
  });
}

async function main(): Promise<void> {
  let running: RunningEmulator;
  try {
    running = await startStandalone(parseStandaloneEnv(process.env), (text) => process.stdout.write(text));
  } catch (error) {
    if (error instanceof StandaloneConfigError || error instanceof CorruptStateError) {
      process.stderr.write(`Cannot start the emulator: ${error.message}\n`);
      process.exit(2);
    }
    if (error instanceof Error && 'code' in error && (error.code === 'EADDRINUSE' || error.code === 'EACCES' || error.code === 'EADDRNOTAVAIL')) {
      process.stderr.write(`Cannot start the emulator: cannot listen (${error.message})\n`);
      process.exit(1);
    }
    throw error;
  }
  const stop = () => {
    running.close().then(() => process.exit(0), () => process.exit(1));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) await main();
