// The server's configuration, parsed from the environment with zod. A missing or contradictory variable stops the
// start with a message naming it. Secrets stay in this object; `publicConfig` is what the browser may see.
//
// Modes (README "Pointing it at Huawei Cloud"):
//   emulator  no credential variable at all: the embedded emulator, signed with a key pair made for this process;
//   aksk      CLOUD_SDK_AK + CLOUD_SDK_SK (+ CLOUD_SDK_SECURITY_TOKEN): every call signed with SDK-HMAC-SHA256;
//   token     CCE_AUTH_TOKEN: forwarded as X-Auth-Token;
//   password  IAM_USERNAME + IAM_PASSWORD + IAM_DOMAIN: exchanged at IAM for a project-scoped token (iam-token.ts).
import { createHmac, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { csrfHeaderName, type ConsoleConfig } from '../../contract/console.ts';

const nonEmpty = z.string().trim().min(1);

/** An upstream base URL: scheme://host[:port], nothing else (the proxy appends the canonical path itself). */
function endpointSchema(name: string) {
  return z
    .string()
    .trim()
    .transform((value, ctx) => {
      let url: URL;
      try {
        url = new URL(value);
      } catch {
        ctx.addIssue({ code: 'custom', message: `${name} must be an http(s) URL such as https://cce.cn-north-4.myhuaweicloud.com` });
        return z.NEVER;
      }
      const problem =
        url.protocol !== 'https:' && url.protocol !== 'http:'
          ? `${name} must be an http(s) URL`
          : url.username || url.password
            ? `${name} must not carry a user name or password`
            : (url.pathname !== '/' && url.pathname !== '') || url.search || url.hash || /[?#]/.test(value)
              ? `${name} must be scheme://host[:port] without a path, query or fragment`
              : // the token, the IAM password or replayable signatures would travel in clear text
                url.protocol === 'http:' && !isLoopbackHost(url.hostname)
                ? `${name} must use https unless it is a loopback address (http://127.0.0.1:…)`
                : null;
      if (problem) {
        ctx.addIssue({ code: 'custom', message: problem });
        return z.NEVER;
      }
      return url.origin;
    });
}

const envSchema = z.object({
  HOST: z
    .string()
    .trim()
    .regex(/^(?:[A-Za-z0-9.-]+|\[?[0-9A-Fa-f:.]+\]?)$/, 'HOST must be an IP address or a host name')
    .default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  CLOUD_SDK_AK: nonEmpty.regex(/^[A-Za-z0-9]+$/, 'CLOUD_SDK_AK must be letters and digits').optional(),
  CLOUD_SDK_SK: nonEmpty.optional(),
  CLOUD_SDK_SECURITY_TOKEN: nonEmpty.optional(),
  CCE_REGION: z
    .string()
    .regex(/^[a-z]{2,}(-[a-z0-9]+)+$/, 'CCE_REGION must look like cn-north-4')
    .optional(),
  CCE_PROJECT_ID: z.string().regex(/^[0-9a-fA-F]{32}$/, 'CCE_PROJECT_ID must be the 32-hex-character project id').optional(),
  CCE_ENDPOINT: endpointSchema('CCE_ENDPOINT').optional(),
  CCE_AUTH_TOKEN: nonEmpty.optional(),
  IAM_USERNAME: nonEmpty.optional(),
  IAM_PASSWORD: z.string().min(1).optional(),
  IAM_DOMAIN: nonEmpty.optional(),
  IAM_ENDPOINT: endpointSchema('IAM_ENDPOINT').optional(),
  PROXY_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(30_000),
  CONSOLE_AUTH_TOKEN: z.string().min(16, 'CONSOLE_AUTH_TOKEN must be at least 16 characters').optional(),
  CONSOLE_SESSION_SECRET: z.string().min(32, 'CONSOLE_SESSION_SECRET must be at least 32 characters').optional(),
  CONSOLE_ORIGIN: z
    .url({ protocol: /^https?$/, error: 'CONSOLE_ORIGIN must be the public origin, e.g. https://console.example.com' })
    .transform((value) => new URL(value).origin)
    .optional(),
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

const emulatorVariables = ['EMULATOR_DATA_DIR', 'EMULATOR_SPEED', 'EMULATOR_CONTROL', 'EMULATOR_PROJECT_ID', 'EMULATOR_REGION', 'EMULATOR_SCENARIO'] as const;

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
  /** Upstream origin (scheme://host[:port]). In emulator mode a fixed in-process name. */
  endpoint: string;
  credentials: Credentials;
  timeoutMs: number;
  /** When set, every path but the login page needs the session cookie. */
  consoleAuthToken: string | null;
  /** Key of the session cookie's HMAC: CONSOLE_SESSION_SECRET, else derived from the token (replicas agree). */
  sessionSecret: string;
  /** The public origin behind a load balancer that rewrites Host; mutating calls must come from it. */
  publicOrigin: string | null;
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
  const h = host.toLowerCase();
  return loopbackHosts.has(h) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

export const emulatorEndpoint = 'http://emulator.internal';

/** The secrets of a configuration: what the log redactor removes and what the leak test looks for. */
export function secretsOf(config: ServerConfig): string[] {
  const c = config.credentials;
  const credentialSecrets = c.kind === 'aksk' ? [c.ak, c.sk, c.securityToken ?? ''] : c.kind === 'token' ? [c.token] : [c.password];
  return [...credentialSecrets, config.consoleAuthToken ?? '', config.sessionSecret].filter((s) => s !== '');
}

export function loadConfig(env: Record<string, string | undefined>, defaults: { version: string; dataDir?: string }): ServerConfig {
  // An empty variable counts as unset (docker-compose `FOO=`), except EMULATOR_DATA_DIR where '' means "in memory".
  const given = Object.fromEntries(
    Object.entries(env).filter(([name, value]) => value !== undefined && (value !== '' || name === 'EMULATOR_DATA_DIR')),
  );
  const parsed = envSchema.safeParse(given);
  if (!parsed.success) {
    const first = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`Invalid environment: ${first}`);
  }
  const e = parsed.data;
  const has = (name: keyof typeof e) => Object.hasOwn(given, name);
  const aksk = has('CLOUD_SDK_AK') || has('CLOUD_SDK_SK');
  const token = has('CCE_AUTH_TOKEN');
  const password = has('IAM_USERNAME') || has('IAM_PASSWORD') || has('IAM_DOMAIN');
  const chosen = [aksk && 'CLOUD_SDK_AK/CLOUD_SDK_SK', token && 'CCE_AUTH_TOKEN', password && 'IAM_USERNAME/IAM_PASSWORD/IAM_DOMAIN'].filter(Boolean);
  if (chosen.length > 1) throw new ConfigError(`Choose one way to authenticate; found ${chosen.join(' and ')}`);
  if (has('CLOUD_SDK_SECURITY_TOKEN') && !aksk) throw new ConfigError('CLOUD_SDK_SECURITY_TOKEN goes with CLOUD_SDK_AK and CLOUD_SDK_SK');
  if (has('IAM_ENDPOINT') && !password) throw new ConfigError('IAM_ENDPOINT is only used with IAM_USERNAME, IAM_PASSWORD and IAM_DOMAIN');

  const consoleAuthToken = e.CONSOLE_AUTH_TOKEN ?? null;
  if (!isLoopbackHost(e.HOST.replace(/^\[|\]$/g, '')) && !consoleAuthToken) {
    throw new ConfigError(`HOST=${e.HOST} is not a loopback address: set CONSOLE_AUTH_TOKEN so that only people with it can log in`);
  }
  if (has('CONSOLE_SESSION_SECRET') && !consoleAuthToken) {
    throw new ConfigError('CONSOLE_SESSION_SECRET is only used with CONSOLE_AUTH_TOKEN (the login)');
  }
  const common = {
    host: e.HOST,
    port: e.PORT,
    timeoutMs: e.PROXY_TIMEOUT_MS,
    consoleAuthToken,
    // Stateless sessions: every replica must agree on the key; without CONSOLE_SESSION_SECRET it is derived from the
    // login token, so replicas sharing the token accept each other's cookies, and changing the token ends every session.
    sessionSecret:
      e.CONSOLE_SESSION_SECRET ??
      (consoleAuthToken ? createHmac('sha256', consoleAuthToken).update('cce-console session key v1').digest('hex') : randomBytes(32).toString('hex')),
    publicOrigin: e.CONSOLE_ORIGIN ?? null,
    auditLog: e.AUDIT_LOG ?? null,
    version: defaults.version,
  };

  if (chosen.length === 0) {
    const cloudOnly = (['CCE_ENDPOINT', 'CCE_PROJECT_ID', 'CCE_REGION'] as const).filter(has);
    if (cloudOnly.length > 0) {
      throw new ConfigError(
        `${cloudOnly.join(', ')} ${cloudOnly.length > 1 ? 'are' : 'is'} set but no credentials: set CLOUD_SDK_AK and CLOUD_SDK_SK, CCE_AUTH_TOKEN, or IAM_USERNAME, IAM_PASSWORD and IAM_DOMAIN`,
      );
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

  const emulatorOnly = emulatorVariables.filter(has);
  if (emulatorOnly.length > 0) {
    throw new ConfigError(`${emulatorOnly.join(', ')} only apply to the embedded emulator, which does not run with ${chosen[0]}`);
  }
  const missing = (names: Array<[string, string | undefined]>) => {
    const absent = names.filter(([, v]) => !v).map(([n]) => n);
    if (absent.length) throw new ConfigError(`Missing ${absent.join(', ')} (needed with ${chosen[0]})`);
  };
  missing([
    ['CCE_REGION', e.CCE_REGION],
    ['CCE_PROJECT_ID', e.CCE_PROJECT_ID],
  ]);
  const region = e.CCE_REGION ?? '';
  const endpoint = e.CCE_ENDPOINT ?? `https://cce.${region}.myhuaweicloud.com`;
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
      iamEndpoint: e.IAM_ENDPOINT ?? `https://iam.${region}.myhuaweicloud.com`,
    };
  }
  return { ...common, mode: 'cloud', region, projectId: (e.CCE_PROJECT_ID ?? '').toLowerCase(), endpoint, credentials, emulator: null };
}

/** What GET /console/api/config answers: never a secret. */
export function publicConfig(config: ServerConfig): ConsoleConfig & { endpoint: string | null; temporaryCredentials: boolean } {
  return {
    mode: config.mode,
    authMode: config.mode === 'emulator' ? 'emulator' : config.credentials.kind,
    region: config.region,
    projectId: config.projectId,
    version: config.version,
    csrfHeader: csrfHeaderName,
    loginRequired: config.consoleAuthToken !== null,
    emulatorControl: config.emulator?.control ?? false,
    endpoint: config.mode === 'cloud' ? config.endpoint : null,
    temporaryCredentials: config.credentials.kind === 'aksk' && config.credentials.securityToken !== undefined,
  };
}
