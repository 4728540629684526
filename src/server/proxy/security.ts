// Response hardening, Host and Origin checks, CSRF, and the login gate.
//   - every answer carries CSP (frame-ancestors 'none'), nosniff and no-referrer;
//   - without a login (loopback only) the Host must be a loopback name: a DNS-rebinding page cannot talk to the proxy;
//   - a mutating API call needs a same-origin Origin and the custom header a cross-site form cannot send;
//   - with CONSOLE_AUTH_TOKEN every path but the login page needs the session cookie.
import type { HttpBindings } from '@hono/node-server';
import type { Context, MiddlewareHandler } from 'hono';
import { csrfHeaderName } from '../../contract/console.ts';
import { cceErrorCodes } from '../../contract/errors.ts';
import { isLoopbackHost, type ServerConfig } from './config.ts';
import { consoleErrorCodes, jsonError } from './refusal.ts';
import { readCookie, sessionCookieName, verifySession } from './session.ts';

export const securityHeaders: Readonly<Record<string, string>> = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

export function hardenResponses(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    for (const [name, value] of Object.entries(securityHeaders)) c.res.headers.set(name, value);
  };
}

/** host[:port] the browser addressed (the Host header; app.request in tests has only the URL). */
function requestHost(c: Context): string {
  return (c.req.header('host') ?? new URL(c.req.url).host).toLowerCase();
}

function hostnameOf(host: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(host);
  if (bracketed?.[1]) return bracketed[1];
  return host.replace(/:\d+$/, '');
}

/**
 * Without a login the console only answers to loopback names: a page on evil.example that rebinds its name to
 * 127.0.0.1 sends `Host: evil.example`, and gets nothing. X-Forwarded-Host, when present, must be one too (nothing
 * forwards to a loopback-only console). Behind a load balancer (with a login) Host is free: it never decides where a
 * request goes, the configured endpoint does.
 */
export function hostGuard(config: ServerConfig): MiddlewareHandler {
  return async (c, next) => {
    if (config.consoleAuthToken === null) {
      const forwarded = c.req.header('x-forwarded-host');
      const hosts = [requestHost(c), ...(forwarded === undefined ? [] : forwarded.split(',').map((h) => h.trim().toLowerCase()))];
      if (!hosts.every((h) => isLoopbackHost(hostnameOf(h)))) {
        return jsonError(421, cceErrorCodes.forbidden, 'Misdirected request: without CONSOLE_AUTH_TOKEN the console answers only to 127.0.0.1, localhost and [::1]');
      }
    }
    return next();
  };
}

const dotSegment = /^(?:\.|%2e){1,2}$/i;

/**
 * The request-target exactly as received (node's raw URL, before URL parsing resolved `..`): only the origin form
 * `/path?query`, and no `.` / `..` segments, plain or percent-encoded. A browser never sends either, so such a
 * target is a probe: 400, for every path (the SPA's files included).
 */
export function targetGuard(): MiddlewareHandler<{ Bindings: Partial<HttpBindings> }> {
  return async (c, next) => {
    const raw = c.env?.incoming?.url;
    if (raw !== undefined) {
      if (!raw.startsWith('/') || raw.startsWith('//')) {
        return jsonError(400, cceErrorCodes.invalidRequest, 'Invalid request: the request-target must be a path (no absolute URL, no //)');
      }
      const path = raw.split(/[?#]/, 1)[0] ?? '';
      if (path.split('/').some((segment) => dotSegment.test(segment))) {
        return jsonError(400, cceErrorCodes.invalidRequest, 'Invalid request: dot segments are not allowed in the path');
      }
    }
    return next();
  };
}

/** Does `origin` (an Origin header value) name this console? */
function isOwnOrigin(c: Context, config: ServerConfig, origin: string): boolean {
  if (config.publicOrigin) return origin === config.publicOrigin;
  try {
    const o = new URL(origin);
    // scheme-insensitive: TLS may end at a load balancer in front of the proxy
    return (o.protocol === 'http:' || o.protocol === 'https:') && o.host === requestHost(c);
  } catch {
    return false;
  }
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Refuses mutating API calls that do not come from this origin's SPA (fetch always sends a real Origin). */
export function csrfGuard(config: ServerConfig): MiddlewareHandler {
  return async (c, next) => {
    if (safeMethods.has(c.req.method)) return next();
    const origin = c.req.header('origin');
    if (origin === undefined || !isOwnOrigin(c, config, origin)) {
      return jsonError(403, cceErrorCodes.forbidden, 'Forbidden: cross-origin or Origin-less requests cannot change anything');
    }
    if (c.req.header(csrfHeaderName) !== '1') {
      return jsonError(403, cceErrorCodes.forbidden, `Forbidden: the ${csrfHeaderName} header is required on requests that change something`);
    }
    return next();
  };
}

/**
 * For plain HTML forms (login, logout): under `Referrer-Policy: no-referrer` a browser sends `Origin: null` with a
 * form POST even to its own origin, so a null or missing Origin is accepted when Fetch Metadata says same-origin.
 * A request with neither header is not a browser's (no CSRF there).
 */
export function isSameOriginForm(c: Context, config: ServerConfig): boolean {
  const site = c.req.header('sec-fetch-site');
  if (site !== undefined && site !== 'same-origin') return false;
  const origin = c.req.header('origin');
  if (origin !== undefined && origin !== 'null') return isOwnOrigin(c, config, origin);
  return true;
}

/**
 * Emulator control (tests reset it with plain HTTP clients, which send no Origin): refused when a browser says the
 * call comes from another site, so a web page cannot reset the emulator behind the user's back.
 */
export function controlGuard(config: ServerConfig): MiddlewareHandler {
  return async (c, next) => {
    if (!safeMethods.has(c.req.method) && !isSameOriginForm(c, config)) {
      return jsonError(403, cceErrorCodes.forbidden, 'Forbidden: emulator control cannot be called from another site');
    }
    return next();
  };
}

export const loginPath = '/console/login';
export const logoutPath = '/console/logout';

/** Paths whose callers are scripts: they get 401 JSON, not a redirect to the login page. */
const apiPrefixes = ['/autopilot/', '/console/api/', '/__emulator/'];

/** With CONSOLE_AUTH_TOKEN, every path but the login page needs a valid session cookie. */
export function sessionGate(config: ServerConfig, now: () => number = Date.now): MiddlewareHandler {
  return async (c, next) => {
    if (config.consoleAuthToken === null) return next();
    const path = c.req.path;
    if (path === loginPath || path === logoutPath) return next();
    if (verifySession(config.sessionSecret, readCookie(c.req.header('cookie'), sessionCookieName), now())) return next();
    if (apiPrefixes.some((p) => path.startsWith(p)) || !safeMethods.has(c.req.method)) {
      return jsonError(401, consoleErrorCodes.unauthenticated, `Not signed in: log in at ${loginPath} first`);
    }
    const url = new URL(c.req.url);
    const nextPath = `${url.pathname}${url.search}`;
    return c.redirect(nextPath === '/' ? loginPath : `${loginPath}?next=${encodeURIComponent(nextPath)}`, 303);
  };
}
