// The console's HTTP surface, one origin: /console/api/* (own endpoints), /autopilot/* (signed forwarding),
// /__emulator/* (emulator control, loopback only), and the built SPA for everything else.
import type { HttpBindings } from '@hono/node-server';
import { Hono } from 'hono';
import { cceErrorCodes } from '../../contract/errors.ts';
import { publicConfig, type ServerConfig } from './config.ts';
import { createForwarder, jsonError, ProxyRefusal, type TokenSource, type Upstream } from './forward.ts';
import type { AuditLog } from './log.ts';
import { csrfGuard, hardenResponses } from './security.ts';
import { createStaticHandler } from './static.ts';

export type ConsoleAppOptions = {
  config: ServerConfig;
  upstream: Upstream;
  tokenSource?: TokenSource;
  staticRoot: string;
  audit: AuditLog;
  /** Emulator control endpoints, when the embedded emulator has them on. */
  emulatorControl?: (request: Request) => Promise<Response> | Response;
};

const loopback = (address: string | undefined) =>
  address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1' || (address ?? '').startsWith('127.');

export function createConsoleApp(options: ConsoleAppOptions) {
  const { config } = options;
  const forward = createForwarder(config, options.upstream, options.tokenSource);
  const serveStatic = createStaticHandler(options.staticRoot);
  const app = new Hono<{ Bindings: Partial<HttpBindings> }>();

  app.use('*', hardenResponses());

  app.get('/console/api/config', (c) => c.json(publicConfig(config), 200, { 'cache-control': 'no-store' }));
  app.all('/console/api/*', () => jsonError(404, cceErrorCodes.notFound, 'Unknown console endpoint'));

  app.all('/__emulator/*', (c) => {
    const address = c.env?.incoming?.socket.remoteAddress;
    if (!options.emulatorControl || (address !== undefined && !loopback(address))) {
      return jsonError(404, cceErrorCodes.notFound, 'Emulator control is off');
    }
    return options.emulatorControl(c.req.raw);
  });

  app.use('/autopilot/*', csrfGuard());
  app.all('/autopilot/*', async (c) => {
    const started = Date.now();
    try {
      const { response, operation, params } = await forward(c.req.raw, c.env?.incoming?.url);
      if (operation && c.req.method !== 'GET') {
        options.audit.record({
          time: new Date(started).toISOString(),
          operationId: operation.id,
          method: c.req.method,
          clusterId: params.cluster_id ?? null,
          status: response.status,
          requestId: response.headers.get('x-request-id'),
          client: c.env?.incoming?.socket.remoteAddress ?? null,
          durationMs: Date.now() - started,
        });
      }
      return response;
    } catch (error) {
      if (error instanceof ProxyRefusal) return jsonError(error.status, error.code, error.message);
      options.audit.error('forwarding failed', error);
      return jsonError(502, 'CONSOLE.502', 'The proxy could not forward the request');
    }
  });

  app.get('*', (c) => serveStatic(new URL(c.req.url).pathname));
  app.all('*', () => jsonError(404, cceErrorCodes.notFound, 'Not found'));
  return app;
}
