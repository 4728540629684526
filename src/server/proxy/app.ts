// The console's HTTP surface, one origin: /console/login (when CONSOLE_AUTH_TOKEN is set), /console/api/* (own
// endpoints), /autopilot/* (signed forwarding), /__emulator/* (emulator control, loopback only), and the built SPA
// for everything else.
import type { HttpBindings } from '@hono/node-server';
import { Hono, type Context } from 'hono';
import { cceErrorCodes } from '../../contract/errors.ts';
import { createMatcher } from '../../contract/match.ts';
import { operationList } from '../../contract/operations.ts';
import { publicConfig, type ServerConfig } from './config.ts';
import { createForwarder, splitTarget } from './forward.ts';
import type { TokenSource } from './iam-token.ts';
import type { AuditLog } from './log.ts';
import { createLoginApp } from './login.ts';
import { consoleErrorCodes, jsonError, ProxyRefusal, refusalResponse } from './refusal.ts';
import { controlGuard, csrfGuard, hardenResponses, hostGuard, sessionGate, targetGuard } from './security.ts';
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

const mutating = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The request-target as received: node's raw URL (before `..` was resolved), else the parsed one (tests). */
const rawTargetOf = (c: Context<Env>) => c.env?.incoming?.url ?? `${new URL(c.req.url).pathname}${new URL(c.req.url).search}`;

export function createConsoleApp(options: ConsoleAppOptions) {
  const { config, audit } = options;
  const forward = createForwarder(config, options.upstream, options.tokenSource);
  const match = createMatcher(operationList);
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

  // The audit trail: every mutating call, also the ones refused here (CSRF, size, type), with CCE's request id.
  app.use('/autopilot/*', async (c, next) => {
    if (!mutating.has(c.req.method)) return next();
    const started = Date.now();
    await next();
    let operationId: string | null = null;
    let clusterId: string | null = null;
    try {
      const found = match(c.req.method, splitTarget(rawTargetOf(c)).rawPath);
      if (found && !('refused' in found)) {
        operationId = found.operation.id;
        clusterId = found.params.cluster_id ?? null;
      }
    } catch {
      // an unparseable target: recorded without an operation
    }
    audit.record({
      time: new Date(started).toISOString(),
      operationId,
      method: c.req.method,
      path: new URL(c.req.url).pathname,
      clusterId,
      status: c.res.status,
      requestId: c.res.headers.get('x-request-id'),
      client: c.env?.incoming?.socket.remoteAddress ?? null,
      forwardedFor: c.req.header('x-forwarded-for') ?? null,
      durationMs: Date.now() - started,
    });
  });
  app.use('/autopilot/*', csrfGuard(config));
  app.all('/autopilot/*', async (c) => {
    try {
      const { response } = await forward(c.req.raw, c.env?.incoming?.url);
      return response;
    } catch (error) {
      if (error instanceof ProxyRefusal) return refusalResponse(error);
      audit.error('forwarding failed', error);
      return jsonError(502, consoleErrorCodes.upstreamUnreachable, 'The proxy could not forward the request');
    }
  });

  app.get('*', (c) => serveStatic(new URL(c.req.url).pathname));
  app.all('*', () => jsonError(404, cceErrorCodes.notFound, 'Not found'));
  app.onError((error) => {
    audit.error('request failed', error);
    return jsonError(500, cceErrorCodes.internal, 'Internal error of the console');
  });
  return app;
}
