// Listening on a socket, shared by main.ts and the tests: the Hono app behind @hono/node-server, plus a JSON answer
// for requests Node's HTTP parser refuses before any handler sees them (a CR inside a header, a broken
// Content-Length, request smuggling with Transfer-Encoding and Content-Length …).
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { cceErrorBody, cceErrorCodes } from '../../contract/errors.ts';
import { securityHeaders } from './security.ts';

type FetchApp = { fetch: Parameters<typeof serve>[0]['fetch'] };

function clientErrorResponse(message: string): string {
  const body = JSON.stringify(cceErrorBody(cceErrorCodes.invalidRequest, message));
  const headers = Object.entries(securityHeaders).map(([name, value]) => `${name}: ${value}\r\n`).join('');
  return `HTTP/1.1 400 Bad Request\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n${headers}connection: close\r\n\r\n${body}`;
}

export function listen(app: FetchApp, options: { hostname: string; port: number }): Promise<{ server: ServerType; address: AddressInfo }> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, hostname: options.hostname, port: options.port }, (address) => resolve({ server, address }));
    server.once('error', reject);
    server.on('clientError', (error: NodeJS.ErrnoException & { code?: string }, socket) => {
      if (!socket.writable || error.code === 'ECONNRESET') {
        socket.destroy();
        return;
      }
      const reason = error.code === 'HPE_HEADER_OVERFLOW' ? 'Invalid request: the request headers are too large' : 'Invalid request: malformed HTTP (header or framing)';
      socket.end(clientErrorResponse(reason));
    });
  });
}
