// Forwarding: only operations of the contract's table pass; the proxy signs exactly the bytes it sends
// (signing spec §10: canonical path on the wire, query re-encoded, raw body hashed, never re-serialised).
// The upstream URL is built from the configured endpoint and the canonical path only: nothing of the browser's
// request (Host, X-Forwarded-*, an absolute request-target, encoded slashes, dot segments) can change where it goes.
import { cceErrorCodes } from '../../contract/errors.ts';
import { createMatcher } from '../../contract/match.ts';
import type { AnyOperation } from '../../contract/operation.ts';
import { operationList } from '../../contract/operations.ts';
import { canonicalQuery, canonicalUri, parseRawQuery, SigningError } from '../signing/canonical.ts';
import { signRequest } from '../signing/sign.ts';
import type { ServerConfig } from './config.ts';
import type { TokenSource } from './iam-token.ts';
import { consoleErrorCodes, jsonError, ProxyRefusal } from './refusal.ts';
import { UpstreamTooLarge, type Upstream, type UpstreamResponse } from './upstream.ts';

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

const nullBodyStatuses = new Set([101, 204, 205, 304]);

const tooLarge = () =>
  new ProxyRefusal(413, cceErrorCodes.invalidRequest, `Request body too large: at most ${maxBodyBytes} bytes (12 MB) are accepted with AK/SK signing`);
const upstreamTooLarge = () => new UpstreamTooLarge(`CCE answered more than ${maxBufferedResponseBytes} bytes`);

/**
 * Reads at most `limit` bytes; refuses (413) before reading a body that announces a larger Content-Length, and
 * stops reading (cancelling the rest) as soon as a body without one grows past the limit.
 */
export async function readLimited(request: Request, limit: number): Promise<Uint8Array<ArrayBuffer>> {
  const announced = request.headers.get('content-length');
  if (announced !== null) {
    if (!/^\d+$/.test(announced)) throw new ProxyRefusal(400, cceErrorCodes.invalidRequest, 'Invalid Content-Length');
    if (Number(announced) > limit) throw tooLarge();
    // The HTTP parser holds the client to its Content-Length: reading it whole is bounded (and, with
    // @hono/node-server, read straight from the socket without a web stream).
    if (Number(announced) === 0) return new Uint8Array();
    return new Uint8Array(await request.arrayBuffer());
  }
  if (!request.body) return new Uint8Array();
  return readAll(request.body, limit, tooLarge);
}

/** Reads a whole stream; as soon as it grows past `limit` bytes, cancels the rest and throws `overLimit()`. */
async function readAll(body: ReadableStream<Uint8Array>, limit: number, overLimit: () => Error): Promise<Uint8Array<ArrayBuffer>> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => undefined);
      throw overLimit();
    }
    chunks.push(value);
  }
  if (chunks.length === 1 && chunks[0]) return chunks[0] as Uint8Array<ArrayBuffer>;
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

class UpstreamTimeout extends Error {
  override readonly name = 'UpstreamTimeout';
}

/**
 * A stream that errors (and cancels its source) when no chunk arrives for `idleMs`: a download may take longer than
 * the timeout as a whole, but a stalled one does not hang forever.
 */
function withIdleTimeout(source: ReadableStream<Uint8Array>, idleMs: number, onTimeout: () => void): ReadableStream<Uint8Array> {
  const reader = source.getReader();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let finished = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      timer = setTimeout(() => {
        finished = true;
        onTimeout();
        controller.error(new UpstreamTimeout(`no data from CCE for ${idleMs} ms`));
        void reader.cancel().catch(() => undefined);
      }, idleMs);
      try {
        const { done, value } = await reader.read();
        clearTimeout(timer);
        if (finished) return;
        if (done) {
          finished = true;
          controller.close();
        } else controller.enqueue(value);
      } catch (error) {
        clearTimeout(timer);
        if (!finished) {
          finished = true;
          controller.error(error);
        }
      }
    },
    cancel(reason) {
      clearTimeout(timer);
      finished = true;
      return reader.cancel(reason);
    },
  });
}

export type ForwardResult = {
  response: Response;
  operation: AnyOperation | null;
  params: Record<string, string>;
};

/** `rawTarget` is the request-target exactly as received (before URL parsing resolved `..` and `%2e%2e`). */
export type Forwarder = (request: Request, rawTarget?: string) => Promise<ForwardResult>;

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

  return async function forward(request, rawTarget) {
    const url = new URL(request.url);
    const target = rawTarget ?? `${url.pathname}${url.search}`;
    const { rawPath, rawQuery } = splitTarget(target);
    const found = match(request.method, rawPath);
    if (found === null) {
      return {
        response: jsonError(404, cceErrorCodes.notFound, `Unknown API: ${request.method} ${url.pathname} is not an operation of CCE Autopilot`),
        operation: null,
        params: {},
      };
    }
    if ('refused' in found) throw new ProxyRefusal(400, cceErrorCodes.invalidRequest, `Invalid request: ${found.refused}`);
    const op = found.operation;
    const ok = (response: Response): ForwardResult => ({ response, operation: op, params: found.params });

    // Headers of the browser that are passed on, checked first: nothing is read before they are acceptable.
    const contentType = request.headers.get('content-type')?.trim() ?? '';
    const multipart = op.bodyKind === 'multipart';
    if (multipart && !multipartPattern.test(contentType)) {
      throw new ProxyRefusal(415, cceErrorCodes.contentTypeNotSupported, `${op.id} takes a multipart/form-data body with a boundary`);
    }
    const language = request.headers.get('x-language')?.trim();
    if (language !== undefined && !languagePattern.test(language)) {
      throw new ProxyRefusal(400, cceErrorCodes.invalidRequest, 'Invalid request: X-Language must be a language tag such as en-us');
    }
    const accept = request.headers.get('accept')?.trim() || 'application/json';
    if (!acceptPattern.test(accept)) throw new ProxyRefusal(400, cceErrorCodes.invalidRequest, 'Invalid request: malformed Accept header');
    const wrongType = () =>
      new ProxyRefusal(415, cceErrorCodes.contentTypeNotSupported, `${op.id} takes an application/json body, not ${contentType || 'an untyped one'}`);
    if (op.bodyKind === 'json' && contentType !== '' && !jsonPattern.test(contentType)) throw wrongType();

    const body = request.method === 'GET' ? new Uint8Array() : await readLimited(request, maxBodyBytes);

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
    const headers: Record<string, string> = {};
    let sentToken: string | null = null;
    let wirePath: string;
    let wireQuery: string;
    if (config.credentials.kind === 'aksk') {
      const credentials = config.credentials;
      const s = refuseSigning(() =>
        signRequest({
          method: request.method,
          url: `${origin}${path}`,
          query,
          headers: signed,
          body,
          unsignedPayload: multipart,
          credentials: { ak: credentials.ak, sk: credentials.sk, securityToken: credentials.securityToken },
          date: new Date(),
        }),
      );
      Object.assign(headers, s.headers);
      // the signer hands back the path and query it signed: those go on the wire
      wirePath = s.wirePath;
      wireQuery = s.wireQuery;
    } else {
      ({ wirePath, wireQuery } = refuseSigning(() => ({ wirePath: canonicalUri(path).slice(0, -1), wireQuery: canonicalQuery(query) })));
      // spec §10: token mode forwards X-Auth-Token and adds no Authorization.
      Object.assign(headers, signed);
      if (!tokenSource) throw new ProxyRefusal(500, cceErrorCodes.internal, 'No IAM token source is configured');
      sentToken = await tokenSource.get();
      headers['x-auth-token'] = sentToken;
    }
    if (multipart) headers['content-type'] = contentType;
    headers.accept = accept;

    // One deadline for the answer's head and, for JSON, its body. A download gets an idle timeout instead.
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        controller.abort();
        reject(new UpstreamTimeout());
      }, config.timeoutMs);
    });
    deadline.catch(() => undefined);

    const streamed = op.responseKind === 'binary';
    let response: UpstreamResponse;
    let payload: ReadableStream<Uint8Array> | Uint8Array<ArrayBuffer> | null;
    try {
      response = await Promise.race([
        upstream({
          method: request.method,
          url: `${origin}${wirePath}${wireQuery ? `?${wireQuery}` : ''}`,
          headers,
          body: body.byteLength > 0 ? body : null,
          signal: controller.signal,
          stream: streamed,
          maxBufferedBytes: maxBufferedResponseBytes,
        }),
        deadline,
      ]);
      payload = response.body;
      if (payload instanceof ReadableStream && !streamed) payload = await Promise.race([readAll(payload, maxBufferedResponseBytes, upstreamTooLarge), deadline]);
    } catch (error) {
      clearTimeout(timer);
      if (error instanceof ProxyRefusal) throw error;
      if (error instanceof UpstreamTimeout) {
        return ok(jsonError(504, consoleErrorCodes.upstreamTimeout, `CCE did not answer ${op.id} within ${config.timeoutMs} ms`));
      }
      if (error instanceof UpstreamTooLarge) return ok(jsonError(502, consoleErrorCodes.upstreamUnreachable, error.message));
      return ok(jsonError(502, consoleErrorCodes.upstreamUnreachable, `CCE could not be reached at ${origin}`));
    }
    clearTimeout(timer);

    if (sentToken !== null && response.status === 401) tokenSource?.invalidate(sentToken);

    const out: Record<string, string> = { 'cache-control': 'no-store' };
    for (const name of passedResponseHeaders) {
      const value = response.header(name);
      if (value !== null) out[name] = value;
    }
    if (payload instanceof ReadableStream) {
      // The chart archive streams through: never held whole in memory (spec: "streams the chart archive download").
      const length = response.header('content-length');
      if (length !== null && response.header('content-encoding') === null) out['content-length'] = length;
      const body = withIdleTimeout(payload, config.timeoutMs, () => controller.abort());
      return ok(new Response(body, { status: response.status, statusText: response.statusText, headers: out }));
    }
    return ok(new Response(nullBodyStatuses.has(response.status) ? null : payload, { status: response.status, statusText: response.statusText, headers: out }));
  };
}
