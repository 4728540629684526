// The API path, /autopilot/*, served at the node:http level: the checks of security.ts (target, Host, session,
// CSRF), the forwarder, the audit trail, the answer written straight to the socket. The pages (login, config, the
// SPA) go through Hono (app.ts); the API does not, because Hono's web Request/Response layer costs more per call
// than signing and forwarding it (ARCHITECTURE.md "The API path", `npm run bench:proxy`).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline, Readable } from 'node:stream';
import { cceErrorCodes } from '../../contract/errors.ts';
import { createMatcher } from '../../contract/match.ts';
import { operationList } from '../../contract/operations.ts';
import type { ServerConfig } from './config.ts';
import { splitTarget, tooLarge, type ApiAnswer, type Forwarder, type ForwardResult } from './forward.ts';
import type { AuditLog } from './log.ts';
import { consoleErrorCodes, errorAnswer, ProxyRefusal, refusalAnswer } from './refusal.ts';
import { csrfRefusal, hasSession, hostRefusal, notSignedIn, securityHeaders, targetRefusal, type RequestHead } from './security.ts';

export type NodeHandler = (request: IncomingMessage, response: ServerResponse) => void;

/** Is this request-target (as received) one of the API's? */
export function isApiTarget(rawTarget: string): boolean {
  if (!rawTarget.startsWith('/autopilot')) return false;
  const next = rawTarget.charAt('/autopilot'.length);
  return next === '' || next === '/' || next === '?';
}

function headerOf(request: IncomingMessage): (name: string) => string | undefined {
  return (name) => {
    const value = request.headers[name.toLowerCase()];
    return Array.isArray(value) ? value.join(', ') : value;
  };
}

/** Reads the body whole, at most `limit` bytes; an announced larger one is refused before a byte is read. */
function readBody(request: IncomingMessage, limit: number): Promise<Uint8Array> {
  const announced = request.headers['content-length'];
  if (announced !== undefined) {
    // node's parser has held the client to a well-formed Content-Length
    if (Number(announced) > limit) return Promise.reject(tooLarge());
    if (Number(announced) === 0) return Promise.resolve(new Uint8Array());
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const onData = (chunk: Buffer) => {
      total += chunk.byteLength;
      if (total > limit) {
        request.off('data', onData);
        request.pause();
        reject(tooLarge());
        return;
      }
      chunks.push(chunk);
    };
    request.on('data', onData);
    request.once('end', () => resolve(chunks.length === 1 && chunks[0] ? chunks[0] : Buffer.concat(chunks, total)));
    const ended = () => reject(new ProxyRefusal(400, cceErrorCodes.invalidRequest, 'Invalid request: the connection closed before the whole body arrived'));
    request.once('error', ended);
    request.once('close', () => {
      if (!request.complete) ended();
    });
  });
}

/** Is part of the request's body still unread (then the connection cannot be reused)? */
function bodyUnread(request: IncomingMessage): boolean {
  if (request.complete) return false;
  const length = request.headers['content-length'];
  return request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

function send(request: IncomingMessage, response: ServerResponse, answer: ApiAnswer): void {
  const headers: Record<string, string> = { ...answer.headers, ...securityHeaders };
  if (bodyUnread(request)) headers.connection = 'close';
  const { body } = answer;
  if (body instanceof Readable) {
    response.writeHead(answer.status, answer.statusText || undefined, headers);
    // a download that fails midway is cut off: the browser sees an incomplete body, never a wrong one
    pipeline(body, response, () => undefined);
    return;
  }
  if (body !== null) headers['content-length'] = String(body.byteLength);
  response.writeHead(answer.status, answer.statusText || undefined, headers);
  response.end(body ?? undefined);
}

const mutating = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export type ApiHandlerOptions = {
  config: ServerConfig;
  forward: Forwarder;
  audit: AuditLog;
  now?: (() => number) | undefined;
};

export function createApiHandler({ config, forward, audit, now = Date.now }: ApiHandlerOptions): NodeHandler {
  const match = createMatcher(operationList);

  /** The operation of a call the forwarder did not answer (refused before, or by it), for the audit trail. */
  const operationOf = (method: string, rawPath: string): Pick<ForwardResult, 'operation' | 'params'> => {
    const found = match(method, rawPath);
    return found && !('refused' in found) ? { operation: found.operation, params: found.params } : { operation: null, params: {} };
  };

  async function answer(request: IncomingMessage, head: RequestHead): Promise<{ answer: ApiAnswer; forwarded: ForwardResult | null; rawPath: string | null }> {
    let rawPath: string | null = null;
    try {
      const target = splitTarget(head.rawTarget ?? '/');
      rawPath = target.rawPath;
      const refusal = csrfRefusal(config, head);
      if (refusal) throw refusal;
      const forwarded = await forward({ method: head.method, ...target, header: head.header, readBody: (limit) => readBody(request, limit) });
      return { answer: forwarded.answer, forwarded, rawPath };
    } catch (error) {
      if (error instanceof ProxyRefusal) return { answer: refusalAnswer(error), forwarded: null, rawPath };
      audit.error('forwarding failed', error);
      return {
        answer: errorAnswer(502, consoleErrorCodes.upstreamUnreachable, 'The proxy could not forward the request'),
        forwarded: null,
        rawPath,
      };
    }
  }

  return (request, response) => {
    const rawTarget = request.url ?? '/';
    const q = rawTarget.indexOf('?');
    const head: RequestHead = { method: request.method ?? 'GET', rawTarget, path: q < 0 ? rawTarget : rawTarget.slice(0, q), header: headerOf(request) };
    const refusal = targetRefusal(head) ?? hostRefusal(config, head) ?? (hasSession(config, head, now()) ? null : notSignedIn());
    if (refusal) {
      send(request, response, refusalAnswer(refusal));
      return;
    }
    const started = Date.now();
    answer(request, head)
      .then(({ answer: result, forwarded, rawPath }) => {
        // The audit trail: every mutating call, also the ones refused here (CSRF, size, type), with CCE's request
        // id, written before the answer leaves. A line that cannot be written is reported, and the answer still goes.
        if (mutating.has(head.method)) {
          try {
            const { operation, params } = forwarded ?? (rawPath === null ? { operation: null, params: {} } : operationOf(head.method, rawPath));
            audit.record({
              time: new Date(started).toISOString(),
              operationId: operation?.id ?? null,
              method: head.method,
              path: rawPath ?? head.path,
              clusterId: params.cluster_id ?? null,
              status: result.status,
              requestId: result.headers['x-request-id'] ?? null,
              client: request.socket.remoteAddress ?? null,
              forwardedFor: head.header('x-forwarded-for') ?? null,
              durationMs: Date.now() - started,
            });
          } catch (error) {
            audit.error('the audit line could not be written', error);
          }
        }
        send(request, response, result);
      })
      .catch((error: unknown) => {
        audit.error('request failed', error);
        if (!response.headersSent) send(request, response, errorAnswer(500, cceErrorCodes.internal, 'Internal error of the console'));
        else response.destroy();
      });
  };
}
