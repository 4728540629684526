// Puts the process together from a configuration: the proxy in front of either the embedded emulator
// (in-process, still signed and verified) or Huawei Cloud (AK/SK signing, a given token, or an IAM token).
import { resolve } from 'node:path';
import { createEmulator, type Emulator } from './emulator/app.ts';
import { createConsoleHandler } from './proxy/app.ts';
import type { NodeHandler } from './proxy/api-handler.ts';
import { secretsOf, type ServerConfig } from './proxy/config.ts';
import { iamTokenSource, staticTokenSource, type TokenSource } from './proxy/iam-token.ts';
import { createAuditLog, type AuditLog, type LogSink } from './proxy/log.ts';
import { fetchUpstream, networkUpstream, toRequest, type Upstream } from './proxy/upstream.ts';

export type ConsoleServer = {
  /** The whole HTTP surface, a node:http request listener (main.ts, the dev server and the tests listen with it). */
  handler: NodeHandler;
  config: ServerConfig;
  emulator: Emulator | null;
  audit: AuditLog;
};

export type ComposeOptions = {
  staticRoot?: string;
  /** Where signed requests go (default: the network, or the embedded emulator in emulator mode). */
  upstream?: (request: Request) => Promise<Response>;
  /** How the IAM token exchange reaches IAM (default: the network). */
  iamFetch?: (request: Request) => Promise<Response>;
  quiet?: boolean;
  /** Receives every log and audit line instead of stdout / stderr / AUDIT_LOG (tests). */
  logSink?: LogSink;
  /** Sees every request the proxy sends upstream (tests). */
  tap?: (request: Request) => void;
  now?: () => number;
};

export function composeServer(config: ServerConfig, options: ComposeOptions = {}): ConsoleServer {
  const audit = createAuditLog({ file: config.auditLog, secrets: secretsOf(config), quiet: options.quiet, sink: options.logSink });
  let emulator: Emulator | null = null;
  let upstream: Upstream = options.upstream ? fetchUpstream(options.upstream) : networkUpstream();
  if (config.mode === 'emulator' && config.emulator) {
    if (config.credentials.kind !== 'aksk') throw new Error('the embedded emulator is signed with AK/SK');
    emulator = createEmulator({
      credentials: [{ ak: config.credentials.ak, sk: config.credentials.sk }],
      projectId: config.projectId,
      region: config.region,
      speed: config.emulator.speed,
      dataDir: config.emulator.dataDir,
      scenario: config.emulator.scenario,
      control: config.emulator.control,
    });
    upstream = fetchUpstream(emulator.fetch);
  }
  if (options.tap) {
    const inner = upstream;
    const tap = options.tap;
    upstream = async (request) => {
      tap(toRequest(request));
      return inner(request);
    };
  }

  let tokenSource: TokenSource | undefined;
  const c = config.credentials;
  if (c.kind === 'token') tokenSource = staticTokenSource(c.token);
  else if (c.kind === 'password') {
    tokenSource = iamTokenSource({
      endpoint: c.iamEndpoint,
      username: c.username,
      password: c.password,
      domain: c.domain,
      projectId: config.projectId,
      timeoutMs: config.timeoutMs,
      // a token learnt at run time is a secret like the configured ones: the redactor removes it from every line
      onToken: (token) => audit.addSecret(token),
      onError: (message) => audit.error(message),
      ...(options.iamFetch ? { fetch: options.iamFetch } : {}),
      ...(options.now ? { now: options.now } : {}),
    });
  }

  const controlled = emulator?.options.control ? emulator : null;
  const handler = createConsoleHandler({
    config,
    upstream,
    tokenSource,
    staticRoot: options.staticRoot ?? resolve(import.meta.dirname, '../../dist'),
    audit,
    now: options.now,
    ...(controlled ? { emulatorControl: (request: Request) => controlled.fetch(request) } : {}),
  });
  return { handler, config, emulator, audit };
}
