// Token mode: where the X-Auth-Token of each forwarded call comes from. Either CCE_AUTH_TOKEN as given, or a
// project-scoped token that the proxy obtains from IAM (POST /v3/auth/tokens with the password method, seed 3.1 /
// 3.2 "Token认证"), caches, and renews before its 24 h expiry. Every token is registered with the log redactor the
// moment it is known, so none ever reaches a log line.
import { z } from 'zod';
import {
  iamErrorBodySchema,
  iamSubjectTokenHeader,
  iamTokenLifetimeMs,
  iamTokenPath,
  iamTokenSchema,
  passwordTokenRequest,
} from '../../contract/iam.ts';
import { consoleErrorCodes, ProxyRefusal } from './refusal.ts';

/** Only the times matter here: a token body without catalog, roles or user still says when it expires. */
const tokenTimesSchema = z.looseObject({
  token: iamTokenSchema.pick({ expires_at: true }).extend({ issued_at: z.string().nullish() }),
});

export type TokenSource = {
  /** A valid token (cached, fetched or renewed as needed). Throws ProxyRefusal 502 when IAM cannot give one. */
  get(): Promise<string>;
  /** CCE said 401 to this token: forget it, so the next call asks IAM again. */
  invalidate(token: string): void;
};

export function staticTokenSource(token: string): TokenSource {
  return { get: () => Promise.resolve(token), invalidate: () => undefined };
}

export type IamTokenSourceOptions = {
  /** scheme://host[:port] of IAM. */
  endpoint: string;
  username: string;
  password: string;
  domain: string;
  projectId: string;
  timeoutMs: number;
  /** Called with every token as soon as it arrives (the redactor learns it). */
  onToken: (token: string) => void;
  /** Failures worth a log line (a renewal failed, the old token is still used). */
  onError?: (message: string) => void;
  fetch?: (request: Request) => Promise<Response>;
  now?: () => number;
  /** How long a failed exchange is answered from memory before IAM is asked again (default 30 s). */
  retryAfterMs?: number;
};

/**
 * When to renew: a quarter of the lifetime before expiry, at most an hour and at least a minute before
 * (24 h tokens are renewed after 23 h). Past `usableUntil` a token is not sent any more: clocks drift.
 */
function renewalTimes(issuedAt: number, expiresAt: number) {
  const lifetime = Math.max(0, expiresAt - issuedAt);
  const margin = Math.max(60_000, Math.min(3_600_000, lifetime / 4));
  return { renewAt: expiresAt - margin, usableUntil: expiresAt - 30_000 };
}

type Cached = { token: string; renewAt: number; usableUntil: number };

export function iamTokenSource(options: IamTokenSourceOptions): TokenSource {
  const now = options.now ?? Date.now;
  const doFetch = options.fetch ?? ((request: Request) => fetch(request));
  let cached: Cached | null = null;
  let inflight: Promise<Cached> | null = null;
  // After a failed exchange IAM is not asked again for a while: a wrong password retried on every browser call would
  // lock the IAM user (IAM locks after repeated failures), and a down IAM does not need a flood.
  let failure: { refusal: ProxyRefusal; until: number } | null = null;

  async function exchange(): Promise<Cached> {
    const started = now();
    const body = JSON.stringify(
      passwordTokenRequest({ user: options.username, password: options.password, domain: options.domain, project: { id: options.projectId } }),
    );
    let response: Response;
    try {
      response = await doFetch(
        new Request(`${options.endpoint}${iamTokenPath}?nocatalog=true`, {
          method: 'POST',
          headers: { 'content-type': 'application/json;charset=utf8', accept: 'application/json' },
          body,
          // the body carries the password: never follow a redirect anywhere
          redirect: 'manual',
          signal: AbortSignal.timeout(options.timeoutMs),
        }),
      );
    } catch (error) {
      const reason = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError') ? `no answer within ${options.timeoutMs} ms` : 'unreachable';
      throw new ProxyRefusal(502, consoleErrorCodes.iamFailed, `IAM ${options.endpoint} is ${reason}: no token for CCE`);
    }
    const text = await response.text().catch(() => '');
    const token = response.headers.get(iamSubjectTokenHeader);
    if (!response.ok || !token) {
      let detail = `HTTP ${response.status}`;
      try {
        const parsed = iamErrorBodySchema.safeParse(JSON.parse(text));
        if (parsed.success) detail += `: ${parsed.data.error.message}`;
      } catch {
        // not IAM's error form: the status says enough
      }
      if (response.ok) detail += ` without an ${iamSubjectTokenHeader} header`;
      throw new ProxyRefusal(502, consoleErrorCodes.iamFailed, `IAM refused the token exchange for user ${options.username} (${detail})`);
    }
    options.onToken(token);
    let expiresAt = started + iamTokenLifetimeMs;
    let issuedAt = started;
    try {
      const parsed = tokenTimesSchema.safeParse(JSON.parse(text));
      if (parsed.success) {
        const expires = Date.parse(parsed.data.token.expires_at);
        const issued = Date.parse(parsed.data.token.issued_at ?? '');
        if (Number.isFinite(expires)) expiresAt = expires;
        // our clock decides when to renew; IAM's issued_at only tells the lifetime
        if (Number.isFinite(issued) && Number.isFinite(expires)) issuedAt = expiresAt - (expires - issued);
      }
    } catch {
      // a token without a readable body: assume the documented 24 h
    }
    return { token, ...renewalTimes(issuedAt, expiresAt) };
  }

  function refresh(): Promise<Cached> {
    if (failure && now() < failure.until) return Promise.reject(failure.refusal);
    inflight ??= exchange()
      .then(
        (fresh) => {
          failure = null;
          return fresh;
        },
        (error: unknown) => {
          const refusal = error instanceof ProxyRefusal ? error : new ProxyRefusal(502, consoleErrorCodes.iamFailed, 'IAM token exchange failed');
          failure = { refusal, until: now() + (options.retryAfterMs ?? 30_000) };
          throw refusal;
        },
      )
      .finally(() => {
        inflight = null;
      });
    return inflight;
  }

  return {
    async get() {
      const t = now();
      if (cached && t < cached.renewAt) return cached.token;
      if (cached && t < cached.usableUntil) {
        // Renew, but a failing IAM does not stop the console while the current token still works.
        const current = cached.token;
        try {
          cached = await refresh();
        } catch (error) {
          options.onError?.(`IAM token renewal failed, the current token is used until it expires: ${error instanceof Error ? error.message : String(error)}`);
          return current;
        }
        return cached.token;
      }
      cached = await refresh();
      return cached.token;
    },
    invalidate(token) {
      if (cached?.token === token) cached = null;
    },
  };
}
