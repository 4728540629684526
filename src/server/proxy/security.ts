// Response hardening, Host and Origin checks, CSRF, and the login gate.
//   - every answer carries CSP (frame-ancestors 'none'), nosniff and no-referrer;
//   - without a login (loopback only) the Host must be a loopback name: a DNS-rebinding page cannot talk to the proxy;
//   - a mutating API call needs a same-origin Origin and the custom header a cross-site form cannot send;
//   - with CONSOLE_AUTH_TOKEN every path but the login page needs the session cookie.
// Each check is a function of the request's head, so the Hono pages and the node-level API handler (api-handler.ts)
// run the very same checks; the middlewares below are their Hono form.
import type { HttpBindings } from '@hono/node-server';
import type { Context, MiddlewareHandler } from 'hono';
import { csrfHeaderName } from '../../contract/console.ts';
import { cceErrorCodes } from '../../contract/errors.ts';
import { isLoopbackHost, type ServerConfig } from './config.ts';
import { consoleErrorCodes, ProxyRefusal, refusalResponse } from './refusal.ts';
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

/** What the checks look at: the same for a Hono page and for the node-level API handler. */
export type RequestHead = {
  method: string;
  /** The request-target exactly as received (node's raw URL, before `..` was resolved); undefined without a socket. */
  rawTarget: string | undefined;
  /** The path the router sees. */
  path: string;
  /** A header by its name, in any case. */
  header(name: string): string | undefined;
};

type Env = { Bindings: Partial<HttpBindings> };

/** The head of a Hono request. */
export function headOf(c: Context<Env>): RequestHead {
  return { method: c.req.method, rawTarget: c.env?.incoming?.url, path: c.req.path, header: (name) => c.req.header(name) };
}

/** A Hono middleware from a check. */
const middleware =
  (check: (head: RequestHead) => ProxyRefusal | null): MiddlewareHandler<Env> =>
  async (c, next) => {
    const refusal = check(headOf(c));
    return refusal ? refusalResponse(refusal) : next();
  };

export function hardenResponses(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    for (const [name, value] of Object.entries(securityHeaders)) c.res.headers.set(name, value);
  };
}

/** host[:port] the browser addressed. */
function requestHost(head: RequestHead): string {
  return (head.header('host') ?? '').toLowerCase();
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
export function hostRefusal(config: ServerConfig, head: RequestHead): ProxyRefusal | null {
  if (config.consoleAuthToken !== null) return null;
  const forwarded = head.header('x-forwarded-host');
  const hosts = [requestHost(head), ...(forwarded === undefined ? [] : forwarded.split(',').map((h) => h.trim().toLowerCase()))];
  if (hosts.every((h) => isLoopbackHost(hostnameOf(h)))) return null;
  return new ProxyRefusal(421, cceErrorCodes.forbidden, 'Misdirected request: without CONSOLE_AUTH_TOKEN the console answers only to 127.0.0.1, localhost and [::1]');
}

export const hostGuard = (config: ServerConfig) => middleware((head) => hostRefusal(config, head));

const dotSegment = /^(?:\.|%2e){1,2}$/i;

/**
 * The request-target exactly as received: only the origin form `/path?query`, and no `.` / `..` segments, plain or
 * percent-encoded. A browser never sends either, so such a target is a probe: 400, for every path (the SPA's files
 * included).
 */
export function targetRefusal(head: RequestHead): ProxyRefusal | null {
  const raw = head.rawTarget;
  if (raw === undefined) return null;
  if (!raw.startsWith('/') || raw.startsWith('//')) {
    return new ProxyRefusal(400, cceErrorCodes.invalidRequest, 'Invalid request: the request-target must be a path (no absolute URL, no //)');
  }
  const q = raw.search(/[?#]/);
  const path = q < 0 ? raw : raw.slice(0, q);
  if ((path.includes('.') || /%2e/i.test(path)) && path.split('/').some((segment) => dotSegment.test(segment))) {
    return new ProxyRefusal(400, cceErrorCodes.invalidRequest, 'Invalid request: dot segments are not allowed in the path');
  }
  return null;
}

export const targetGuard = () => middleware(targetRefusal);

/** Does `origin` (an Origin header value) name this console? */
function isOwnOrigin(head: RequestHead, config: ServerConfig, origin: string): boolean {
  if (config.publicOrigin) return origin === config.publicOrigin;
  try {
    const o = new URL(origin);
    // scheme-insensitive: TLS may end at a load balancer in front of the proxy
    return (o.protocol === 'http:' || o.protocol === 'https:') && o.host === requestHost(head);
  } catch {
    return false;
  }
}

const safeMethods: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Refuses mutating API calls that do not come from this origin's SPA (fetch always sends a real Origin). */
export function csrfRefusal(config: ServerConfig, head: RequestHead): ProxyRefusal | null {
  if (safeMethods.has(head.method)) return null;
  const origin = head.header('origin');
  if (origin === undefined || !isOwnOrigin(head, config, origin)) {
    return new ProxyRefusal(403, cceErrorCodes.forbidden, 'Forbidden: cross-origin or Origin-less requests cannot change anything');
  }
  if (head.header(csrfHeaderName) !== '1') {
    return new ProxyRefusal(403, cceErrorCodes.forbidden, `Forbidden: the ${csrfHeaderName} header is required on requests that change something`);
  }
  return null;
}

/**
 * For plain HTML forms (login, logout): under `Referrer-Policy: no-referrer` a browser sends `Origin: null` with a
 * form POST even to its own origin, so a null or missing Origin is accepted when Fetch Metadata says same-origin.
 * A request with neither header is not a browser's (no CSRF there).
 */
export function isSameOriginForm(head: RequestHead, config: ServerConfig): boolean {
  const site = head.header('sec-fetch-site');
  if (site !== undefined && site !== 'same-origin') return false;
  const origin = head.header('origin');
  if (origin !== undefined && origin !== 'null') return isOwnOrigin(head, config, origin);
  return true;
}

/**
 * Emulator control (tests reset it with plain HTTP clients, which send no Origin): refused when a browser says the
 * call comes from another site, so a web page cannot reset the emulator behind the user's back.
 */
export const controlGuard = (config: ServerConfig) =>
  middleware((head) =>
    !safeMethods.has(head.method) && !isSameOriginForm(head, config)
      ? new ProxyRefusal(403, cceErrorCodes.forbidden, 'Forbidden: emulator control cannot be called from another site')
      : null,
  );

export const loginPath = '/console/login';
export const logoutPath = '/console/logout';

/** Paths whose callers are scripts: they get 401 JSON, not a redirect to the login page. */
const apiPrefixes = ['/autopilot/', '/console/api/', '/__emulator/'];

/** With CONSOLE_AUTH_TOKEN, every path but the login page needs a valid session cookie. */
export function hasSession(config: ServerConfig, head: RequestHead, now: number): boolean {
  if (config.consoleAuthToken === null) return true;
  if (head.path === loginPath || head.path === logoutPath) return true;
  return verifySession(config.sessionSecret, readCookie(head.header('cookie'), sessionCookieName), now);
}

export const notSignedIn = () => new ProxyRefusal(401, consoleErrorCodes.unauthenticated, `Not signed in: log in at ${loginPath} first`);

/** The session gate of the pages: API paths get 401 JSON, pages a redirect to the login page. */
export function sessionGate(config: ServerConfig, now: () => number = Date.now): MiddlewareHandler<Env> {
  return async (c, next) => {
    const head = headOf(c);
    if (hasSession(config, head, now())) return next();
    if (apiPrefixes.some((p) => head.path.startsWith(p)) || !safeMethods.has(head.method)) return refusalResponse(notSignedIn());
    const url = new URL(c.req.url);
    const nextPath = `${url.pathname}${url.search}`;
    return c.redirect(nextPath === '/' ? loginPath : `${loginPath}?next=${encodeURIComponent(nextPath)}`, 303);
  };
}
