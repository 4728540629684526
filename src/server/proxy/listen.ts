// Listening on a socket, shared by main.ts and the tests: the console's request listener on a node:http server, plus
// a JSON answer for requests Node's HTTP parser refuses before any handler sees them (a CR inside a header, a broken
// Content-Length, request smuggling with Transfer-Encoding and Content-Length …).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cceErrorBody, cceErrorCodes } from '../../contract/errors.ts';
import type { NodeHandler } from './api-handler.ts';
import { maxBodyBytes } from './forward.ts';
import { securityHeaders } from './security.ts';

function clientErrorResponse(message: string): string {
  const body = JSON.stringify(cceErrorBody(cceErrorCodes.invalidRequest, message));
  const headers = Object.entries(securityHeaders).map(([name, value]) => `${name}: ${value}\r\n`).join('');
  return `HTTP/1.1 400 Bad Request\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n${headers}connection: close\r\n\r\n${body}`;
}

export function listen(handler: NodeHandler, options: { hostname: string; port: number }): Promise<{ server: Server; address: AddressInfo }> {
  return new Promise((resolve, reject) => {
    const server = createServer(handler);
    server.once('error', reject);
    server.listen(options.port, options.hostname, () => resolve({ server, address: server.address() as AddressInfo }));
    // `Expect: 100-continue` (curl with a large body): a body over the limit is refused (413) before the client
    // sends it, instead of being invited and then refused.
    server.on('checkContinue', (request, response) => {
      if (Number(request.headers['content-length'] ?? 0) <= maxBodyBytes) response.writeContinue();
      handler(request, response);
    });
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
