// Forwarding: only operations of the contract's table pass; the proxy signs exactly the bytes it sends
// (signing spec §10: canonical path on the wire, query re-encoded, raw body hashed, never re-serialised).
// The upstream URL is built from the configured endpoint and the canonical path only: nothing of the browser's
// request (Host, X-Forwarded-*, an absolute request-target, encoded slashes, dot segments) can change where it goes.
import { Readable, Transform, pipeline } from 'node:stream';
import { cceErrorCodes } from '../../contract/errors.ts';
import { createMatcher } from '../../contract/match.ts';
import type { AnyOperation } from '../../contract/operation.ts';
import { operationList } from '../../contract/operations.ts';
import { canonicalQuery, canonicalUri, parseRawQuery, SigningError } from '../signing/canonical.ts';
import { signRequest } from '../signing/sign.ts';
import type { ServerConfig } from './config.ts';
import type { TokenSource } from './iam-token.ts';
import { consoleErrorCodes, errorAnswer, ProxyRefusal } from './refusal.ts';
import { UpstreamTimeout, UpstreamTooLarge, type Upstream, type UpstreamResponse } from './upstream.ts';

/** The documented AK/SK body limit (seed §3.2, signing spec §8.7). */
export const maxBodyBytes = 12 * 1024 * 1024;

/** A JSON answer is read whole before it is passed on (so the timeout covers it); more than this is not CCE. */
const maxBufferedResponseBytes = 64 * 1024 * 1024;

/**
 * Of the browser's headers only Accept, Content-Type (JSON, or multipart with its boundary) and X-Language reach
 * the cloud: cookies, Authorization, X-Auth-Token, X-Sdk-*, X-Security-Token, Host and X-Forwarded-* never do,
 * because the upstream request is built from nothing but these.
 */
const languagePattern = /^[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*$/;
const acceptPattern = /^[\x20-\x7e]{1,256}$/;
/** multipart/form-data with a boundary (RFC 2046: 1-70 characters of a restricted set, optionally quoted). */
const multipartPattern = /^multipart\/form-data\s*;\s*boundary=(?:"[0-9A-Za-z'()+_,\-./:=? ]{1,70}"|[0-9A-Za-z'()+_,\-./:=?]{1,70})\s*$/i;
/** JSON, also in its patch spellings, which the SDK collapses to application/json too (spec §0 step 1). */
const jsonPattern = /^application\/(?:json|json-patch\+json|merge-patch\+json)\s*(?:;\s*charset="?utf-8"?)?\s*$/i;

/** Headers of the upstream answer the browser gets (status and body pass unchanged). */
const passedResponseHeaders = ['content-type', 'content-disposition', 'x-request-id', 'retry-after', 'port-id'];

export const tooLarge = () =>
  new ProxyRefusal(413, cceErrorCodes.invalidRequest, `Request body too large: at most ${maxBodyBytes} bytes (12 MB) are accepted with AK/SK signing`);

/** A call of the API as the browser sent it, whatever carried it. */
export type ApiCall = {
  method: string;
  /** The request-target split as received (splitTarget). */
  rawPath: string;
  rawQuery: string;
  /** A request header by its name, in any case. */
  header(name: string): string | undefined;
  /** The whole body, at most `limit` bytes: a larger one is refused (413), announced or not, before it is read whole. */
  readBody(limit: number): Promise<Uint8Array>;
};

/** What goes back to the browser: status, the passed headers, and the body whole or (the chart archive) streamed. */
export type ApiAnswer = {
  status: number;
  statusText: string;
  headers: Record<string, string>;
  body: Uint8Array | Readable | null;
};

export type ForwardResult = {
  answer: ApiAnswer;
  operation: AnyOperation | null;
  params: Record<string, string>;
};

export type Forwarder = (call: ApiCall) => Promise<ForwardResult>;

/**
 * A stream that fails (and stops its source) when no chunk arrives for `idleMs`: a download may take longer than
 * the timeout as a whole, but a stalled one does not hang forever.
 */
function withIdleTimeout(source: Readable, idleMs: number): Readable {
  const timer = setTimeout(() => source.destroy(new UpstreamTimeout(`no data from CCE for ${idleMs} ms`)), idleMs);
  const watched = new Transform({
    transform(chunk, _encoding, done) {
      timer.refresh();
      done(null, chunk);
    },
  });
  pipeline(source, watched, () => clearTimeout(timer));
  return watched;
}

function refuseSigning<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    // A query or header the signer cannot sign (broken UTF-8, lone surrogate …) is the caller's error: 400.
    if (error instanceof SigningError) throw new ProxyRefusal(400, cceErrorCodes.invalidRequest, `Invalid request: ${error.message}`);
    throw error;
  }
}

/** Splits a request-target into raw path and raw query; only the origin-form `/path?query` is accepted. */
export function splitTarget(rawTarget: string): { rawPath: string; rawQuery: string } {
  if (!rawTarget.startsWith('/') || rawTarget.startsWith('//')) {
    throw new ProxyRefusal(400, cceErrorCodes.invalidRequest, 'Invalid request: the request-target must be a path (no absolute URL, no //)');
  }
  const q = rawTarget.indexOf('?');
  const withoutFragment = (s: string) => (s.includes('#') ? s.slice(0, s.indexOf('#')) : s);
  return q < 0 ? { rawPath: withoutFragment(rawTarget), rawQuery: '' } : { rawPath: rawTarget.slice(0, q), rawQuery: withoutFragment(rawTarget.slice(q + 1)) };
}

export function createForwarder(config: ServerConfig, upstream: Upstream, tokenSource?: TokenSource): Forwarder {
  const match = createMatcher(operationList);
  const origin = new URL(config.endpoint).origin;

  return async function forward(call) {
    const { method, rawPath, rawQuery } = call;
    const found = match(method, rawPath);
    if (found === null) {
      return {
        answer: errorAnswer(404, cceErrorCodes.notFound, `Unknown API: ${method} ${rawPath} is not an operation of CCE Autopilot`),
        operation: null,
        params: {},
      };
    }
    if ('refused' in found) throw new ProxyRefusal(400, cceErrorCodes.invalidRequest, `Invalid request: ${found.refused}`);
    const op = found.operation;
    const ok = (answer: ApiAnswer): ForwardResult => ({ answer, operation: op, params: found.params });

    // Headers of the browser that are passed on, checked first: nothing is read before they are acceptable.
    const contentType = call.header('content-type')?.trim() ?? '';
    const multipart = op.bodyKind === 'multipart';
    if (multipart && !multipartPattern.test(contentType)) {
      throw new ProxyRefusal(415, cceErrorCodes.contentTypeNotSupported, `${op.id} takes a multipart/form-data body with a boundary`);
    }
    const language = call.header('x-language')?.trim();
    if (language !== undefined && !languagePattern.test(language)) {
      throw new ProxyRefusal(400, cceErrorCodes.invalidRequest, 'Invalid request: X-Language must be a language tag such as en-us');
    }
    const accept = call.header('accept')?.trim() || 'application/json';
    if (!acceptPattern.test(accept)) throw new ProxyRefusal(400, cceErrorCodes.invalidRequest, 'Invalid request: malformed Accept header');
    const wrongType = () =>
      new ProxyRefusal(415, cceErrorCodes.contentTypeNotSupported, `${op.id} takes an application/json body, not ${contentType || 'an untyped one'}`);
    if (op.bodyKind === 'json' && contentType !== '' && !jsonPattern.test(contentType)) throw wrongType();

    const body = method === 'GET' ? new Uint8Array() : await call.readBody(maxBodyBytes);

    if (op.bodyKind === 'json' && body.byteLength > 0 && !jsonPattern.test(contentType)) throw wrongType();
    if (op.bodyKind === 'none' && body.byteLength > 0) {
      throw new ProxyRefusal(400, cceErrorCodes.invalidRequest, `Invalid request: ${op.id} takes no request body`);
    }

    const signed: Record<string, string> = {};
    // JSON APIs sign content-type application/json (like the SDK, even on GET); multipart leaves it unsigned
    // (its boundary), with X-Sdk-Content-Sha256: UNSIGNED-PAYLOAD instead of the body's hash (spec §6, §10).
    if (!multipart) signed['content-type'] = 'application/json';
    const pathHasProject = op.path.includes('{project_id}');
    // spec §8.8: X-Project-Id carries the project of the paths without one; the SDK sends it with AK/SK always.
    if (!pathHasProject || config.credentials.kind === 'aksk') signed['x-project-id'] = config.projectId;
    if (language) signed['x-language'] = language;

    // The bytes on the wire are the canonical ones (path re-encoded, without the trailing `/` the SDK strips too;
    // query decoded, sorted, re-encoded), so the gateway re-canonicalises to exactly what was signed.
    const path = rawPath.length > 1 && rawPath.endsWith('/') ? rawPath.slice(0, -1) : rawPath;
    const query = refuseSigning(() => parseRawQuery(rawQuery));
    let headers: Record<string, string>;
    let sentToken: string | null = null;
    let wirePath: string;
    let wireQuery: string;
    if (config.credentials.kind === 'aksk') {
      const credentials = config.credentials;
      const s = refuseSigning(() =>
        signRequest({
          method,
          url: `${origin}${path}`,
          query,
          headers: signed,
          body,
          unsignedPayload: multipart,
          credentials: { ak: credentials.ak, sk: credentials.sk, securityToken: credentials.securityToken },
          date: new Date(),
        }),
      );
      headers = s.headers;
      // the signer hands back the path and query it signed: those go on the wire
      wirePath = s.wirePath;
      wireQuery = s.wireQuery;
    } else {
      ({ wirePath, wireQuery } = refuseSigning(() => ({ wirePath: canonicalUri(path).slice(0, -1), wireQuery: canonicalQuery(query) })));
      // spec §10: token mode forwards X-Auth-Token and adds no Authorization.
      headers = signed;
      if (!tokenSource) throw new ProxyRefusal(500, cceErrorCodes.internal, 'No IAM token source is configured');
      sentToken = await tokenSource.get();
      headers['x-auth-token'] = sentToken;
    }
    if (multipart) headers['content-type'] = contentType;
    headers.accept = accept;

    // One deadline for the answer's head and, for JSON, its body (the upstream keeps it). A download gets an idle
    // timeout instead.
    const streamed = op.responseKind === 'binary';
    let response: UpstreamResponse;
    try {
      response = await upstream({
        method,
        url: `${origin}${wirePath}${wireQuery ? `?${wireQuery}` : ''}`,
        headers,
        body: body.byteLength > 0 ? body : null,
        timeoutMs: config.timeoutMs,
        stream: streamed,
        maxBufferedBytes: maxBufferedResponseBytes,
      });
    } catch (failure) {
      if (failure instanceof UpstreamTimeout) return ok(errorAnswer(504, consoleErrorCodes.upstreamTimeout, `CCE did not answer ${op.id} within ${config.timeoutMs} ms`));
      if (failure instanceof UpstreamTooLarge) return ok(errorAnswer(502, consoleErrorCodes.upstreamUnreachable, failure.message));
      return ok(errorAnswer(502, consoleErrorCodes.upstreamUnreachable, `CCE could not be reached at ${origin}`));
    }

    if (sentToken !== null && response.status === 401) tokenSource?.invalidate(sentToken);

    const out: Record<string, string> = { 'cache-control': 'no-store' };
    for (const name of passedResponseHeaders) {
      const value = response.header(name);
      if (value !== null) out[name] = value;
    }
    const payload = response.body;
    if (payload instanceof Readable) {
      // The chart archive streams through: never held whole in memory (spec: "streams the chart archive download").
      const length = response.header('content-length');
      if (length !== null && response.header('content-encoding') === null) out['content-length'] = length;
      return ok({ status: response.status, statusText: response.statusText, headers: out, body: withIdleTimeout(payload, config.timeoutMs) });
    }
    return ok({ status: response.status, statusText: response.statusText, headers: out, body: payload });
  };
}
