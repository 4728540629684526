// The console's login session when it listens beyond loopback: CONSOLE_AUTH_TOKEN, typed once on the login page, is
// exchanged for a cookie `v1.<expiry ms>.<HMAC-SHA256(key, "v1.<expiry ms>")>`. Nothing is stored on the server, so
// any replica that shares the key (CONSOLE_SESSION_SECRET, or the token it is derived from) accepts it.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export const sessionCookieName = 'console_session';
export const sessionLifetimeMs = 12 * 3600_000;

const cookiePattern = /^v1\.(\d{13,15})\.([0-9a-f]{64})$/;

function mac(key: string, expiresAt: number): string {
  return createHmac('sha256', key).update(`v1.${expiresAt}`).digest('hex');
}

export function issueSession(key: string, now: number): { value: string; expiresAt: number } {
  const expiresAt = now + sessionLifetimeMs;
  return { value: `v1.${expiresAt}.${mac(key, expiresAt)}`, expiresAt };
}

export function verifySession(key: string, value: string | undefined, now: number): boolean {
  if (!value) return false;
  const m = cookiePattern.exec(value);
  if (!m?.[1] || !m[2]) return false;
  const expiresAt = Number(m[1]);
  // a cookie claiming to outlive the lifetime was not made here
  if (!(expiresAt > now) || expiresAt > now + sessionLifetimeMs + 60_000) return false;
  return timingSafeEqual(Buffer.from(mac(key, expiresAt), 'hex'), Buffer.from(m[2], 'hex'));
}

/** Constant-time comparison of the typed token with CONSOLE_AUTH_TOKEN (hashing first equalises the lengths). */
export function sameToken(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

export function readCookie(header: string | null | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

export function sessionCookie(value: string, options: { secure: boolean; maxAgeSeconds: number }): string {
  return [
    `${sessionCookieName}=${value}`,
    'Path=/',
    `Max-Age=${options.maxAgeSeconds}`,
    'HttpOnly',
    'SameSite=Strict',
    ...(options.secure ? ['Secure'] : []),
  ].join('; ');
}

/**
 * Failed logins per client address in a sliding window: after `limit` failures within `windowMs` the address gets
 * 429 until the oldest failure leaves the window. In memory, per replica; bounded so that a flood of addresses
 * cannot grow it without end (the oldest entries go first).
 */
export function createLoginLimiter(options: { limit: number; windowMs: number; maxAddresses?: number }) {
  const failures = new Map<string, number[]>();
  const maxAddresses = options.maxAddresses ?? 10_000;
  const recent = (address: string, now: number) => (failures.get(address) ?? []).filter((t) => t > now - options.windowMs);
  return {
    /** Seconds to wait, or 0 when the address may try. */
    retryAfter(address: string, now: number): number {
      const times = recent(address, now);
      if (times.length < options.limit) return 0;
      const oldest = times[times.length - options.limit] ?? now;
      return Math.max(1, Math.ceil((oldest + options.windowMs - now) / 1000));
    },
    fail(address: string, now: number): void {
      const times = recent(address, now);
      times.push(now);
      failures.delete(address);
      failures.set(address, times);
      if (failures.size > maxAddresses) {
        const oldest = failures.keys().next().value;
        if (oldest !== undefined) failures.delete(oldest);
      }
    },
    succeed(address: string): void {
      failures.delete(address);
    },
  };
}
