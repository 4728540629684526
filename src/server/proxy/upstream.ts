// Where a signed request goes. Over the network: node:http / node:https with keep-alive agents (a third of the
// per-request cost of fetch, which would also re-stream a body it was handed whole); never a redirect followed.
// In-process (the embedded emulator, tests): a fetch-shaped handler given a Request.
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { Readable } from 'node:stream';

export type UpstreamRequest = {
  method: string;
  /** scheme://host[:port] + canonical path + canonical query: exactly what was signed. */
  url: string;
  headers: Record<string, string>;
  body: Uint8Array<ArrayBuffer> | null;
  signal: AbortSignal;
  /** Hand the body over as a stream (the chart archive) instead of reading it whole. */
  stream: boolean;
  /** Largest body read whole; more is an error. */
  maxBufferedBytes: number;
};

export type UpstreamResponse = {
  status: number;
  statusText: string;
  header(name: string): string | null;
  body: Uint8Array<ArrayBuffer> | ReadableStream<Uint8Array> | null;
};

export type Upstream = (request: UpstreamRequest) => Promise<UpstreamResponse>;

export class UpstreamTooLarge extends Error {
  override readonly name = 'UpstreamTooLarge';
}

const nullBodyStatuses = new Set([101, 204, 205, 304]);

/** The network upstream: one keep-alive agent per scheme, shared by every request of the process. */
export function networkUpstream(): Upstream {
  const agents = {
    'http:': new HttpAgent({ keepAlive: true, maxSockets: 256, scheduling: 'lifo', noDelay: true }),
    'https:': new HttpsAgent({ keepAlive: true, maxSockets: 256, scheduling: 'lifo', noDelay: true }),
  };
  return (request) =>
    new Promise<UpstreamResponse>((resolve, reject) => {
      const url = new URL(request.url);
      const secure = url.protocol === 'https:';
      const headers: Record<string, string> = { ...request.headers };
      if (request.body !== null || request.method !== 'GET') headers['content-length'] = String(request.body?.byteLength ?? 0);
      const outgoing = (secure ? httpsRequest : httpRequest)(
        {
          protocol: url.protocol,
          hostname: url.hostname.replace(/^\[|\]$/g, ''),
          port: url.port || (secure ? 443 : 80),
          path: `${url.pathname}${url.search}`,
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
            resolve({ ...head, body: null });
            return;
          }
          if (request.stream) {
            resolve({ ...head, body: Readable.toWeb(incoming) as ReadableStream<Uint8Array> });
            return;
          }
          const chunks: Buffer[] = [];
          let total = 0;
          incoming.on('data', (chunk: Buffer) => {
            total += chunk.byteLength;
            if (total > request.maxBufferedBytes) {
              incoming.destroy(new UpstreamTooLarge(`CCE answered more than ${request.maxBufferedBytes} bytes`));
              return;
            }
            chunks.push(chunk);
          });
          incoming.once('end', () => {
            request.signal.removeEventListener('abort', abort);
            const body = chunks.length === 1 && chunks[0] ? chunks[0] : Buffer.concat(chunks, total);
            resolve({ ...head, body: new Uint8Array(body.buffer, body.byteOffset, body.byteLength) as Uint8Array<ArrayBuffer> });
          });
          incoming.once('error', reject);
        },
      );
      // a plain listener: the `signal` option of http.request costs more per request than the whole signature
      const abort = () => outgoing.destroy(new Error('aborted by the proxy'));
      request.signal.addEventListener('abort', abort, { once: true });
      outgoing.once('error', (error) => {
        request.signal.removeEventListener('abort', abort);
        reject(error);
      });
      outgoing.end(request.body ?? undefined);
    });
}

/** A Request for a fetch-shaped handler (the embedded emulator's app.fetch, a test's stub, a tap). */
export function toRequest(request: UpstreamRequest): Request {
  return new Request(request.url, {
    method: request.method,
    headers: request.headers,
    body: request.body,
    signal: request.signal,
    redirect: 'manual',
  });
}

/** Adapts a fetch-shaped handler to an Upstream. */
export function fetchUpstream(handler: (request: Request) => Response | Promise<Response>): Upstream {
  return async (request) => {
    const response = await handler(toRequest(request));
    return {
      status: response.status,
      statusText: response.statusText,
      header: (name) => response.headers.get(name),
      body: nullBodyStatuses.has(response.status) ? null : response.body,
    };
  };
}
