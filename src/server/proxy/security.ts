// Response hardening and CSRF: every answer carries CSP, frame-ancestors 'none', nosniff and no-referrer;
// a mutating call needs a same-origin Origin and the custom header a cross-site form cannot send.
import type { MiddlewareHandler } from 'hono';
import { csrfHeaderName } from '../../contract/console.ts';
import { cceErrorCodes } from '../../contract/errors.ts';
import { jsonError } from './forward.ts';

export const securityHeaders: Record<string, string> = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
};

export function hardenResponses(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    for (const [name, value] of Object.entries(securityHeaders)) c.res.headers.set(name, value);
  };
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Refuses mutating calls that do not come from this origin's SPA. */
export function csrfGuard(): MiddlewareHandler {
  return async (c, next) => {
    if (safeMethods.has(c.req.method)) return next();
    const origin = c.req.header('origin');
    const host = c.req.header('host');
    const expected = new URL(c.req.url);
    const sameOrigin = origin !== undefined && (() => {
      try {
        const o = new URL(origin);
        return o.host === (host ?? expected.host) && (o.protocol === 'http:' || o.protocol === 'https:');
      } catch {
        return false;
      }
    })();
    if (!sameOrigin) return jsonError(403, cceErrorCodes.forbidden, 'Forbidden: cross-origin or Origin-less requests cannot change anything');
    if (c.req.header(csrfHeaderName) !== '1') {
      return jsonError(403, cceErrorCodes.forbidden, `Forbidden: the ${csrfHeaderName} header is required on requests that change something`);
    }
    return next();
  };
}
