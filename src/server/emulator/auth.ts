// Authentication like the API gateway: SDK-HMAC-SHA256 / V11 signatures (verified against the real clock, not the
// emulator's driven one) or an IAM token issued by the emulator's own /v3/auth/tokens.
import { verifyRequest } from '../signing/verify.ts';

export type EmulatorCredential = { ak: string; sk: string };

export type AuthOutcome =
  | { ok: true; projectId: string | null; principal: string }
  | { ok: false; status: number; code: string; message: string };

export type TokenRecord = { projectId: string; user: string; expiresAt: number };

export type AuthInput = {
  method: string;
  rawPath: string;
  rawQuery: string;
  headers: Record<string, string>;
  body: Uint8Array;
};

export function createAuthenticator(credentials: readonly EmulatorCredential[], tokens: Map<string, TokenRecord>) {
  const secrets = new Map(credentials.map((c) => [c.ak, c.sk]));
  return function authenticate(input: AuthInput): AuthOutcome {
    const token = input.headers['x-auth-token'];
    if (token !== undefined && !input.headers.authorization) {
      const record = tokens.get(token);
      if (!record) return { ok: false, status: 401, code: 'APIGW.0301', message: 'Incorrect IAM authentication information: decrypt token fail' };
      if (record.expiresAt <= Date.now()) {
        return {
          ok: false,
          status: 401,
          code: 'APIGW.0301',
          message: `Incorrect IAM authentication information: token expires, expires_at: ${new Date(record.expiresAt).toISOString()}`,
        };
      }
      return { ok: true, projectId: record.projectId, principal: `token:${record.user}` };
    }
    const result = verifyRequest({
      method: input.method,
      rawPath: input.rawPath,
      rawQuery: input.rawQuery,
      headers: input.headers,
      body: input.body,
      now: new Date(),
      lookupSecret: (ak) => secrets.get(ak),
    });
    if (!result.ok) return { ok: false, status: result.status, code: result.code, message: result.message };
    return { ok: true, projectId: input.headers['x-project-id'] ?? null, principal: `ak:${result.ak}` };
  };
}
