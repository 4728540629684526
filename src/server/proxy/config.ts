// The server's configuration, parsed from the environment with zod. A missing or contradictory variable stops the
// start with a message naming it. Secrets stay in this object; `publicConfig` is what the browser may see.
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { csrfHeaderName, type ConsoleConfig } from '../../contract/console.ts';

const nonEmpty = z.string().trim().min(1);

const envSchema = z.object({
  HOST: nonEmpty.default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  CLOUD_SDK_AK: nonEmpty.optional(),
  CLOUD_SDK_SK: nonEmpty.optional(),
  CLOUD_SDK_SECURITY_TOKEN: nonEmpty.optional(),
  CCE_REGION: z
    .string()
    .regex(/^[a-z]{2,}(-[a-z0-9]+)+$/, 'CCE_REGION must look like cn-north-4')
    .optional(),
  CCE_PROJECT_ID: z.string().regex(/^[0-9a-fA-F]{32}$/, 'CCE_PROJECT_ID must be the 32-hex-character project id').optional(),
  CCE_ENDPOINT: z.url({ protocol: /^https?$/, error: 'CCE_ENDPOINT must be an http(s) URL' }).optional(),
  CCE_AUTH_TOKEN: nonEmpty.optional(),
  IAM_USERNAME: nonEmpty.optional(),
  IAM_PASSWORD: nonEmpty.optional(),
  IAM_DOMAIN: nonEmpty.optional(),
  IAM_ENDPOINT: z.url({ protocol: /^https?$/, error: 'IAM_ENDPOINT must be an http(s) URL' }).optional(),
  PROXY_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(30_000),
  CONSOLE_AUTH_TOKEN: z.string().min(16, 'CONSOLE_AUTH_TOKEN must be at least 16 characters').optional(),
  CONSOLE_SESSION_SECRET: z.string().min(32, 'CONSOLE_SESSION_SECRET must be at least 32 characters').optional(),
  AUDIT_LOG: nonEmpty.optional(),
  EMULATOR_DATA_DIR: z.string().optional(),
  EMULATOR_SPEED: z.coerce.number().min(0).max(10_000).default(1),
  EMULATOR_CONTROL: z.enum(['0', '1']).default('1'),
  EMULATOR_PROJECT_ID: z.string().regex(/^[0-9a-f]{32}$/, 'EMULATOR_PROJECT_ID must be 32 lower-case hex characters').default(
    '2d5e3c8a9f4b4e7f8a1b6c0d9e8f7a6b',
  ),
  EMULATOR_REGION: nonEmpty.default('cn-north-4'),
  EMULATOR_SCENARIO: z.enum(['demo', 'empty']).default('demo'),
});

export type Credentials =
  | { kind: 'aksk'; ak: string; sk: string; securityToken?: string }
  | { kind: 'token'; token: string }
  | { kind: 'password'; username: string; password: string; domain: string; iamEndpoint: string };

export type ServerConfig = {
  host: string;
  port: number;
  mode: 'emulator' | 'cloud';
  region: string;
  projectId: string;
  /** Upstream base URL (no trailing slash). In emulator mode a fixed in-process name. */
  endpoint: string;
  credentials: Credentials;
  timeoutMs: number;
  consoleAuthToken: string | null;
  sessionSecret: string;
  auditLog: string | null;
  emulator: {
    dataDir: string | null;
    speed: number;
    control: boolean;
    scenario: 'demo' | 'empty';
  } | null;
  version: string;
};

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

const loopbackHosts = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

export function isLoopbackHost(host: string): boolean {
  return loopbackHosts.has(host) || /^127\.\d+\.\d+\.\d+$/.test(host);
}

export const emulatorEndpoint = 'http://emulator.internal';

export function loadConfig(env: Record<string, string | undefined>, defaults: { version: string; dataDir?: string }): ServerConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const first = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`Invalid environment: ${first}`);
  }
  const e = parsed.data;
  const has = (v: string | undefined) => v !== undefined;
  const aksk = has(e.CLOUD_SDK_AK) || has(e.CLOUD_SDK_SK);
  const token = has(e.CCE_AUTH_TOKEN);
  const password = has(e.IAM_USERNAME) || has(e.IAM_PASSWORD) || has(e.IAM_DOMAIN);
  const chosen = [aksk && 'CLOUD_SDK_AK/CLOUD_SDK_SK', token && 'CCE_AUTH_TOKEN', password && 'IAM_USERNAME/IAM_PASSWORD/IAM_DOMAIN'].filter(Boolean);
  if (chosen.length > 1) throw new ConfigError(`Choose one way to authenticate; found ${chosen.join(' and ')}`);

  const consoleAuthToken = e.CONSOLE_AUTH_TOKEN ?? null;
  if (!isLoopbackHost(e.HOST) && !consoleAuthToken) {
    throw new ConfigError(`HOST=${e.HOST} is not a loopback address: set CONSOLE_AUTH_TOKEN so that only people with it can log in`);
  }
  const common = {
    host: e.HOST,
    port: e.PORT,
    timeoutMs: e.PROXY_TIMEOUT_MS,
    consoleAuthToken,
    // Stateless sessions: every replica must share the secret; without one, the login token itself keys them.
    sessionSecret: e.CONSOLE_SESSION_SECRET ?? (consoleAuthToken ? `session:${consoleAuthToken}` : randomBytes(32).toString('hex')),
    auditLog: e.AUDIT_LOG ?? null,
    version: defaults.version,
  };

  if (chosen.length === 0) {
    if (has(e.CCE_ENDPOINT) || has(e.CCE_PROJECT_ID)) {
      throw new ConfigError('CCE_ENDPOINT/CCE_PROJECT_ID are set but no credentials: set CLOUD_SDK_AK and CLOUD_SDK_SK (or CCE_AUTH_TOKEN)');
    }
    return {
      ...common,
      mode: 'emulator',
      region: e.EMULATOR_REGION,
      projectId: e.EMULATOR_PROJECT_ID,
      endpoint: emulatorEndpoint,
      // the in-process emulator trusts a key pair made for this process only
      credentials: { kind: 'aksk', ak: `EMU${randomBytes(8).toString('hex').toUpperCase()}`, sk: randomBytes(24).toString('base64url') },
      emulator: {
        dataDir: e.EMULATOR_DATA_DIR === '' ? null : (e.EMULATOR_DATA_DIR ?? defaults.dataDir ?? null),
        speed: e.EMULATOR_SPEED,
        control: e.EMULATOR_CONTROL === '1',
        scenario: e.EMULATOR_SCENARIO,
      },
    };
  }

  const missing = (names: Array<[string, string | undefined]>) => {
    const absent = names.filter(([, v]) => !v).map(([n]) => n);
    if (absent.length) throw new ConfigError(`Missing ${absent.join(', ')}`);
  };
  missing([
    ['CCE_REGION', e.CCE_REGION],
    ['CCE_PROJECT_ID', e.CCE_PROJECT_ID],
  ]);
  const region = e.CCE_REGION ?? '';
  const endpoint = (e.CCE_ENDPOINT ?? `https://cce.${region}.myhuaweicloud.com`).replace(/\/+$/, '');
  let credentials: Credentials;
  if (aksk) {
    missing([
      ['CLOUD_SDK_AK', e.CLOUD_SDK_AK],
      ['CLOUD_SDK_SK', e.CLOUD_SDK_SK],
    ]);
    credentials = {
      kind: 'aksk',
      ak: e.CLOUD_SDK_AK ?? '',
      sk: e.CLOUD_SDK_SK ?? '',
      ...(e.CLOUD_SDK_SECURITY_TOKEN ? { securityToken: e.CLOUD_SDK_SECURITY_TOKEN } : {}),
    };
  } else if (token) {
    credentials = { kind: 'token', token: e.CCE_AUTH_TOKEN ?? '' };
  } else {
    missing([
      ['IAM_USERNAME', e.IAM_USERNAME],
      ['IAM_PASSWORD', e.IAM_PASSWORD],
      ['IAM_DOMAIN', e.IAM_DOMAIN],
    ]);
    credentials = {
      kind: 'password',
      username: e.IAM_USERNAME ?? '',
      password: e.IAM_PASSWORD ?? '',
      domain: e.IAM_DOMAIN ?? '',
      iamEndpoint: (e.IAM_ENDPOINT ?? `https://iam.${region}.myhuaweicloud.com`).replace(/\/+$/, ''),
    };
  }
  if (has(e.CLOUD_SDK_SECURITY_TOKEN) && !aksk) throw new ConfigError('CLOUD_SDK_SECURITY_TOKEN goes with CLOUD_SDK_AK and CLOUD_SDK_SK');
  return { ...common, mode: 'cloud', region, projectId: e.CCE_PROJECT_ID ?? '', endpoint, credentials, emulator: null };
}

/** What GET /console/api/config answers: never a secret. */
export function publicConfig(config: ServerConfig): ConsoleConfig {
  return {
    mode: config.mode,
    authMode: config.mode === 'emulator' ? 'emulator' : config.credentials.kind,
    region: config.region,
    projectId: config.projectId,
    version: config.version,
    csrfHeader: csrfHeaderName,
    loginRequired: config.consoleAuthToken !== null,
    emulatorControl: config.emulator?.control ?? false,
  };
}
