// The console's HTTP surface, one origin: /autopilot/* (signed forwarding, node-level: api-handler.ts), and through
// Hono /console/login (when CONSOLE_AUTH_TOKEN is set), /console/api/* (own endpoints), /__emulator/* (emulator
// control, loopback only), and the built SPA for everything else.
import { getRequestListener, type HttpBindings } from '@hono/node-server';
import { Hono } from 'hono';
import { cceErrorCodes } from '../../contract/errors.ts';
import { createApiHandler, isApiTarget, type NodeHandler } from './api-handler.ts';
import { publicConfig, type ServerConfig } from './config.ts';
import { createForwarder } from './forward.ts';
import type { TokenSource } from './iam-token.ts';
import type { AuditLog } from './log.ts';
import { createLoginApp } from './login.ts';
import { jsonError } from './refusal.ts';
import { controlGuard, hardenResponses, hostGuard, sessionGate, targetGuard } from './security.ts';
import { createStaticHandler } from './static.ts';
import type { Upstream } from './upstream.ts';

export type ConsoleAppOptions = {
  config: ServerConfig;
  upstream: Upstream;
  tokenSource?: TokenSource | undefined;
  staticRoot: string;
  audit: AuditLog;
  /** Emulator control endpoints, when the embedded emulator has them on. */
  emulatorControl?: ((request: Request) => Promise<Response> | Response) | undefined;
  /** Wall clock for sessions and the login limiter (tests move it). */
  now?: (() => number) | undefined;
};

type Env = { Bindings: Partial<HttpBindings> };

const loopbackPeer = (address: string | undefined) =>
  address === '::1' || address === '::ffff:127.0.0.1' || /^(?:::ffff:)?127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(address ?? '');

/** The pages: everything but the API. */
function createPagesApp(options: ConsoleAppOptions) {
  const { config, audit } = options;
  const serveStatic = createStaticHandler(options.staticRoot);
  const app = new Hono<Env>();

  app.use('*', hardenResponses());
  app.use('*', targetGuard());
  app.use('*', hostGuard(config));
  app.route('/', createLoginApp({ config, audit, now: options.now }));
  app.use('*', sessionGate(config, options.now));

  app.get('/console/api/config', (c) => c.json(publicConfig(config), 200, { 'cache-control': 'no-store' }));
  app.all('/console/api/*', () => jsonError(404, cceErrorCodes.notFound, 'Unknown console endpoint'));

  app.use('/__emulator/*', controlGuard(config));
  app.all('/__emulator/*', (c) => {
    const address = c.env?.incoming?.socket.remoteAddress;
    if (!options.emulatorControl || (address !== undefined && !loopbackPeer(address))) {
      return jsonError(404, cceErrorCodes.notFound, 'Emulator control is off');
    }
    return options.emulatorControl(c.req.raw);
  });

  app.get('*', (c) => serveStatic(new URL(c.req.url).pathname));
  app.all('*', () => jsonError(404, cceErrorCodes.notFound, 'Not found'));
  app.onError((error) => {
    audit.error('request failed', error);
    return jsonError(500, cceErrorCodes.internal, 'Internal error of the console');
  });
  return app;
}

/** The whole surface as a node:http request listener: the API at the node level, the rest through Hono. */
export function createConsoleHandler(options: ConsoleAppOptions): NodeHandler {
  const api = createApiHandler({
    config: options.config,
    forward: createForwarder(options.config, options.upstream, options.tokenSource),
    audit: options.audit,
    now: options.now,
  });
  const pages = getRequestListener(createPagesApp(options).fetch);
  return (request, response) => {
    if (isApiTarget(request.url ?? '/')) api(request, response);
    else void pages(request, response);
  };
}
