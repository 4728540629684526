// Forwarding: only operations of the contract's table pass; the proxy signs exactly the bytes it sends
// (signing spec §10: canonical path on the wire, query re-encoded, raw body hashed, never re-serialised).
import { cceErrorBody, cceErrorCodes } from '../../contract/errors.ts';
import { createMatcher } from '../../contract/match.ts';
import type { AnyOperation } from '../../contract/operation.ts';
import { operationList } from '../../contract/operations.ts';
import { canonicalQuery, canonicalUri, parseRawQuery, SigningError } from '../signing/canonical.ts';
import { signRequest } from '../signing/sign.ts';
import type { ServerConfig } from './config.ts';

/** Where a signed request goes: the network, or the embedded emulator in-process. */
export type Upstream = (request: Request) => Promise<Response>;

/** The documented AK/SK body limit (seed §3.2). */
export const maxBodyBytes = 12 * 1024 * 1024;

/** Of the browser's headers only Accept, Content-Type (multipart boundary) and X-Language reach the cloud: cookies,
 * Authorization, X-Auth-Token, X-Sdk-*, Host and X-Forwarded-* never do. */

/** Headers of the upstream answer the browser gets. */
const passedResponseHeaders = ['content-type', 'content-disposition', 'content-length', 'x-request-id', 'port-id', 'retry-after'];


export class ProxyRefusal extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export function jsonError(status: number, code: string, message: string, requestId?: string): Response {
  return new Response(JSON.stringify(cceErrorBody(code, message, requestId)), {
    status,
    headers: { 'content-type': 'application/json' },
  });
}

/** Reads at most `limit` bytes; refuses (413) before reading a body that announces or turns out to be larger. */
export async function readLimited(request: Request, limit: number): Promise<Uint8Array<ArrayBuffer>> {
  const announced = Number(request.headers.get('content-length') ?? '0');
  if (announced > limit) throw new ProxyRefusal(413, cceErrorCodes.invalidRequest, `Request body too large: at most ${limit} bytes are accepted with AK/SK signing`);
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel();
      throw new ProxyRefusal(413, cceErrorCodes.invalidRequest, `Request body too large: at most ${limit} bytes are accepted with AK/SK signing`);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

export type TokenSource = () => Promise<string>;

/** A query or header the signer cannot sign (broken UTF-8, lone surrogate …) is the caller's error: 400. */
function signOrRefuse(input: Parameters<typeof signRequest>[0]) {
  try {
    return signRequest(input);
  } catch (error) {
    if (error instanceof SigningError) throw new ProxyRefusal(400, cceErrorCodes.invalidRequest, `Invalid request: ${error.message}`);
    throw error;
  }
}

/** `rawTarget` is the request-target exactly as received (before URL normalisation removed `..`). */
export type Forwarder = (request: Request, rawTarget?: string) => Promise<{ response: Response; operation: AnyOperation | null; params: Record<string, string> }>;

export function createForwarder(config: ServerConfig, upstream: Upstream, tokenSource?: TokenSource): Forwarder {
  const match = createMatcher(operationList);
  const endpoint = new URL(config.endpoint);

  return async function forward(request, rawTarget) {
    const url = new URL(request.url);
    const target0 = rawTarget ?? request.url.slice(url.origin.length);
    const rawPath = target0.split('?')[0] ?? url.pathname;
    const found = match(request.method, rawPath);
    if (found === null) {
      return {
        response: jsonError(404, cceErrorCodes.notFound, `Unknown API: ${request.method} ${url.pathname} is not an operation of CCE Autopilot`),
        operation: null,
        params: {},
      };
    }
    if ('refused' in found) {
      return { response: jsonError(400, cceErrorCodes.invalidRequest, `Invalid request: ${found.refused}`), operation: null, params: {} };
    }
    const op = found.operation;
    const body = op.bodyKind === 'none' && request.method === 'GET' ? new Uint8Array() : await readLimited(request, maxBodyBytes);

    const contentType = request.headers.get('content-type') ?? undefined;
    const multipart = op.bodyKind === 'multipart';
    if (multipart && !contentType?.toLowerCase().startsWith('multipart/form-data')) {
      throw new ProxyRefusal(415, cceErrorCodes.contentTypeNotSupported, `${op.id} takes a multipart/form-data body`);
    }
    if (op.bodyKind === 'json' && body.byteLength > 0 && contentType && !/^application\/json\b/i.test(contentType)) {
      throw new ProxyRefusal(415, cceErrorCodes.contentTypeNotSupported, `${op.id} takes an application/json body, not ${contentType}`);
    }

    const signed: Record<string, string> = {};
    // JSON APIs sign content-type application/json (like the SDK); multipart leaves it unsigned (boundary).
    if (!multipart) signed['content-type'] = 'application/json';
    const pathHasProject = op.path.includes('{project_id}');
    if (!pathHasProject || config.credentials.kind === 'aksk') signed['x-project-id'] = config.projectId;
    const language = request.headers.get('x-language');
    if (language) signed['x-language'] = language.trim();

    const target = `${endpoint.origin}${endpoint.pathname.replace(/\/$/, '')}`;
    // The bytes on the wire are the canonical ones, so the gateway re-canonicalises to exactly what was signed.
    let query: ReturnType<typeof parseRawQuery>;
    let wirePath: string;
    let wireQuery: string;
    try {
      query = parseRawQuery(target0.includes('?') ? target0.slice(target0.indexOf('?') + 1) : '');
      wirePath = canonicalUri(rawPath).replace(/\/$/, '');
      wireQuery = canonicalQuery(query);
    } catch (error) {
      if (error instanceof SigningError) throw new ProxyRefusal(400, cceErrorCodes.invalidRequest, `Invalid request: ${error.message}`);
      throw error;
    }
    const headers = new Headers();
    if (config.credentials.kind === 'aksk') {
      const s = signOrRefuse({
        method: request.method,
        url: `${target}${wirePath}`,
        query,
        headers: signed,
        body,
        unsignedPayload: multipart,
        credentials: {
          ak: config.credentials.ak,
          sk: config.credentials.sk,
          ...(config.credentials.securityToken ? { securityToken: config.credentials.securityToken } : {}),
        },
        date: new Date(),
      });
      for (const [k, v] of Object.entries(s.headers)) headers.set(k, v);
    } else {
      for (const [k, v] of Object.entries(signed)) headers.set(k, v);
      if (!tokenSource) throw new ProxyRefusal(500, cceErrorCodes.internal, 'No IAM token source is configured');
      headers.set('x-auth-token', await tokenSource());
    }
    if (multipart && contentType) headers.set('content-type', contentType);
    headers.set('accept', request.headers.get('accept') ?? 'application/json');

    const upstreamUrl = `${target}${wirePath}${wireQuery ? `?${wireQuery}` : ''}`;
    let response: Response;
    try {
      response = await upstream(
        new Request(upstreamUrl, {
          method: request.method,
          headers,
          body: body.byteLength > 0 ? body : null,
          signal: AbortSignal.timeout(config.timeoutMs),
        }),
      );
    } catch (error) {
      if (error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
        return {
          response: jsonError(504, 'CONSOLE.504', `CCE did not answer within ${config.timeoutMs} ms`),
          operation: op,
          params: found.params,
        };
      }
      return {
        response: jsonError(502, 'CONSOLE.502', `CCE could not be reached: ${error instanceof Error ? error.message : String(error)}`),
        operation: op,
        params: found.params,
      };
    }
    const out = new Headers();
    for (const name of passedResponseHeaders) {
      const value = response.headers.get(name);
      if (value !== null) out.set(name, value);
    }
    return {
      response: new Response(response.body, { status: response.status, statusText: response.statusText, headers: out }),
      operation: op,
      params: found.params,
    };
  };
}
