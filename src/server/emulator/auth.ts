// Authentication like the API gateway: SDK-HMAC-SHA256 / V11-HMAC-SHA256 signatures rebuilt from the request's
// SignedHeaders (verified against the real clock, not the emulator's driven one: 15 minutes of skew either way), or an
// IAM token issued by the emulator's own POST /v3/auth/tokens (iam.ts).
import { verifyRequest } from '../signing/verify.ts';

export type EmulatorCredential = { ak: string; sk: string };

export type AuthOutcome =
  | { ok: true; projectId: string | null; principal: string }
  | { ok: false; status: number; code: string; message: string };

/** expiresAt is real time (ms). */
export type TokenRecord = { projectId: string; user: string; expiresAt: number };

export type AuthInput = {
  method: string;
  rawPath: string;
  rawQuery: string;
  /** Lower-cased names. */
  headers: Record<string, string>;
  body: Uint8Array;
};

export type AuthenticatorOptions = {
  /** V11 credential scopes must name this region… */
  region: string;
  /** …and this service (the SDK derives CCE keys with "cce"). */
  serviceName?: string;
  /** Real time (ms); tests may pass their own. */
  now?: () => number;
};

const IAM = 'Incorrect IAM authentication information';

export function createAuthenticator(
  credentials: readonly EmulatorCredential[],
  tokens: Map<string, TokenRecord>,
  options: AuthenticatorOptions,
) {
  const secrets = new Map(credentials.map((c) => [c.ak, c.sk]));
  const now = options.now ?? (() => Date.now());
  const serviceName = options.serviceName ?? 'cce';
  const refuse = (message: string): AuthOutcome => ({ ok: false, status: 401, code: 'APIGW.0301', message });

  return function authenticate(input: AuthInput): AuthOutcome {
    const token = input.headers['x-auth-token'];
    if (token !== undefined && !input.headers.authorization) {
      const record = tokens.get(token);
      if (!record) return refuse(`${IAM}: decrypt token fail`);
      if (record.expiresAt <= now()) {
        return refuse(`${IAM}: token expires, expires_at: ${new Date(record.expiresAt).toISOString()}`);
      }
      return { ok: true, projectId: record.projectId, principal: `token:${record.user}` };
    }
    const result = verifyRequest({
      method: input.method,
      rawPath: input.rawPath,
      rawQuery: input.rawQuery,
      headers: input.headers,
      body: input.body,
      now: new Date(now()),
      lookupSecret: (ak) => secrets.get(ak),
    });
    if (!result.ok) return { ok: false, status: result.status, code: result.code, message: result.message };
    // A derived key is bound to one region and one service: it opens nothing else (spec §7a).
    if (result.derived && (result.derived.regionId !== options.region || result.derived.serviceName !== serviceName)) {
      return refuse(
        `${IAM}: verify aksk signature fail, credential scope ${result.derived.regionId}/${result.derived.serviceName} ` +
          `does not match ${options.region}/${serviceName}`,
      );
    }
    // X-Project-Id as signed; an unsigned one is still read (it only picks the project; app.ts refuses a path that
    // names another project than the credential's).
    return { ok: true, projectId: result.projectId ?? input.headers['x-project-id'] ?? null, principal: `ak:${result.ak}` };
  };
}
