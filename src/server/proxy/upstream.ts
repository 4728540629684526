// Where a signed request goes. Over the network: node:http / node:https with keep-alive agents (a third of the
// per-request cost of fetch, which would also re-stream a body it was handed whole); never a redirect followed.
// In-process (the embedded emulator, tests): a fetch-shaped handler given a Request.
// Either way the upstream keeps the deadline: it covers the answer's head and, unless the body is streamed, the
// whole body; a streamed body (the chart archive) is the caller's to watch.
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';

export type UpstreamRequest = {
  method: string;
  /** scheme://host[:port] + canonical path + canonical query: exactly what was signed. */
  url: string;
  headers: Record<string, string>;
  body: Uint8Array | null;
  /** Deadline for the head and, unless `stream`, the whole body: past it the call fails with UpstreamTimeout. */
  timeoutMs: number;
  /** Hand the body over as a stream (the chart archive) instead of reading it whole. */
  stream: boolean;
  /** Largest body read whole; more is an UpstreamTooLarge. */
  maxBufferedBytes: number;
};

export type UpstreamResponse = {
  status: number;
  statusText: string;
  header(name: string): string | null;
  /** Read whole, or (when `stream` was asked for) a stream; null for the statuses without a body. */
  body: Uint8Array | Readable | null;
};

export type Upstream = (request: UpstreamRequest) => Promise<UpstreamResponse>;

export class UpstreamTooLarge extends Error {
  override readonly name = 'UpstreamTooLarge';
}

export class UpstreamTimeout extends Error {
  override readonly name = 'UpstreamTimeout';
}

export const nullBodyStatuses: ReadonlySet<number> = new Set([101, 204, 205, 304]);

const tooLarge = (limit: number) => new UpstreamTooLarge(`CCE answered more than ${limit} bytes`);
const timedOut = (ms: number) => new UpstreamTimeout(`CCE did not answer within ${ms} ms`);

/** The network upstream: one keep-alive agent per scheme, shared by every request of the process. */
export function networkUpstream(): Upstream {
  const agents = {
    'http:': new HttpAgent({ keepAlive: true, maxSockets: 256, scheduling: 'lifo', noDelay: true }),
    'https:': new HttpsAgent({ keepAlive: true, maxSockets: 256, scheduling: 'lifo', noDelay: true }),
  };
  // the origins parsed so far (the proxy has one endpoint): a URL parse per request is not free
  const origins = new Map<string, URL>();
  return (request) =>
    new Promise<UpstreamResponse>((resolve, reject) => {
      const authority = request.url.indexOf('//') + 2;
      const pathStart = request.url.slice(authority).search(/[/?]/);
      const originText = pathStart < 0 ? request.url : request.url.slice(0, authority + pathStart);
      const path = pathStart < 0 ? '/' : request.url.slice(authority + pathStart);
      let url = origins.get(originText);
      if (!url) origins.set(originText, (url = new URL(originText)));
      const secure = url.protocol === 'https:';
      const headers: Record<string, string> = { ...request.headers };
      if (request.body !== null || request.method !== 'GET') headers['content-length'] = String(request.body?.byteLength ?? 0);
      let settled = false;
      // one timer (an AbortSignal per request costs more than the whole signature)
      const timer = setTimeout(() => {
        fail(timedOut(request.timeoutMs));
        outgoing.destroy();
      }, request.timeoutMs);
      const fail = (error: Error) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        reject(error);
      };
      const succeed = (response: UpstreamResponse) => {
        settled = true;
        clearTimeout(timer);
        resolve(response);
      };
      const outgoing = (secure ? httpsRequest : httpRequest)(
        {
          protocol: url.protocol,
          hostname: url.hostname.replace(/^\[|\]$/g, ''),
          port: url.port || (secure ? 443 : 80),
          path: path.startsWith('?') ? `/${path}` : path,
          method: request.method,
          headers,
          agent: secure ? agents['https:'] : agents['http:'],
        },
        (incoming: IncomingMessage) => {
          const header = (name: string) => {
            const value = incoming.headers[name];
            return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
          };
          const status = incoming.statusCode ?? 502;
          const head = { status, statusText: incoming.statusMessage ?? '', header };
          if (nullBodyStatuses.has(status)) {
            incoming.resume();
            succeed({ ...head, body: null });
            return;
          }
          if (request.stream) {
            succeed({ ...head, body: incoming });
            return;
          }
          const chunks: Buffer[] = [];
          let total = 0;
          incoming.on('data', (chunk: Buffer) => {
            total += chunk.byteLength;
            if (total > request.maxBufferedBytes) {
              incoming.destroy();
              fail(tooLarge(request.maxBufferedBytes));
              return;
            }
            chunks.push(chunk);
          });
          incoming.once('end', () => {
            if (settled) return;
            const body = chunks.length === 1 && chunks[0] ? chunks[0] : Buffer.concat(chunks, total);
            succeed({ ...head, body });
          });
          incoming.once('error', fail);
          incoming.once('aborted', () => fail(new Error('CCE closed the connection before the answer was complete')));
        },
      );
      outgoing.once('error', fail);
      outgoing.end(request.body ?? undefined);
    });
}

/** A Request for a fetch-shaped handler (the embedded emulator's app.fetch, a test's stub, a tap). */
export function toRequest(request: UpstreamRequest, signal?: AbortSignal): Request {
  return new Request(request.url, {
    method: request.method,
    headers: request.headers,
    // a Buffer or Uint8Array: both are BodyInit at run time
    body: request.body as Uint8Array<ArrayBuffer> | null,
    redirect: 'manual',
    ...(signal ? { signal } : {}),
  });
}

/** Reads a whole stream; as soon as it grows past `limit` bytes, cancels the rest and throws UpstreamTooLarge. */
async function readAll(body: ReadableStream<Uint8Array>, limit: number): Promise<Uint8Array> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  return chunks.length === 1 && chunks[0] ? chunks[0] : Buffer.concat(chunks, total);
}

/** Adapts a fetch-shaped handler to an Upstream. */
export function fetchUpstream(handler: (request: Request) => Response | Promise<Response>): Upstream {
  return async (request) => {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        controller.abort();
        reject(timedOut(request.timeoutMs));
      }, request.timeoutMs);
    });
    deadline.catch(() => undefined);
    try {
      const response = await Promise.race([Promise.resolve(handler(toRequest(request, controller.signal))), deadline]);
      const head = { status: response.status, statusText: response.statusText, header: (name: string) => response.headers.get(name) };
      if (nullBodyStatuses.has(response.status) || response.body === null) return { ...head, body: nullBodyStatuses.has(response.status) ? null : new Uint8Array() };
      if (request.stream) return { ...head, body: Readable.fromWeb(response.body as NodeReadableStream<Uint8Array>) };
      return { ...head, body: await Promise.race([readAll(response.body, request.maxBufferedBytes), deadline]) };
    } finally {
      clearTimeout(timer);
    }
  };
}
