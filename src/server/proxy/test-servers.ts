// Real-HTTP fixtures for the proxy's tests and the benchmark: the standalone emulator (`npm run emulator`) in a child
// process, the proxy on a random loopback port, and a raw-socket client for requests that no fetch would send
// (absolute request-targets, `..` kept as typed, broken header bytes, a Content-Length that is never honoured).
import { spawn } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { resolve } from 'node:path';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { composeServer, type ComposeOptions, type ConsoleServer } from '../compose.ts';
import { loadConfig } from './config.ts';
import { listen } from './listen.ts';
import { nullBodyStatuses } from './upstream.ts';

const root = resolve(import.meta.dirname, '../../..');

/** Fixed test credentials of the proxy's tests: never real ones, and looked for by the leak tests. */
export const proxyTestSecrets = {
  ak: 'PROXYTESTAK000000001',
  sk: 'proxy-test-sk-0123456789abcdefghijklmnop',
  securityToken: 'proxy-test-security-token-ZXCVBNMASDFGHJKL0123456789',
  cceToken: 'MIIproxy-test-cce-auth-token-0123456789abcdefghijklmnopqrstuvwxyz',
  iamUser: 'proxy-test-user',
  iamPassword: 'proxy-test-iam-password-0123456789',
  iamDomain: 'proxy-test-domain',
  consoleToken: 'proxy-test-console-login-token-0123456789',
} as const;

export const testProject = '2d5e3c8a9f4b4e7f8a1b6c0d9e8f7a6b';
export const testRegion = 'cn-north-4';

/** The standalone emulator's environment for the proxy's secrets: their AK/SK and their IAM user. */
export const emulatorEnvWithIam = {
  EMULATOR_AK: proxyTestSecrets.ak,
  EMULATOR_SK: proxyTestSecrets.sk,
  EMULATOR_IAM_USER: proxyTestSecrets.iamUser,
  EMULATOR_IAM_PASSWORD: proxyTestSecrets.iamPassword,
  EMULATOR_IAM_DOMAIN: proxyTestSecrets.iamDomain,
};

/** A server entry point (`src/server/…`) under tsx in a child process, with PATH, HOME and `env` only. */
export function spawnServer(entry: string, env: Record<string, string>) {
  return spawn(resolve(root, 'node_modules/.bin/tsx'), [entry], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

export type StandaloneEmulator = { url: string; port: number; stop(): Promise<void>; output(): string };

/** `npm run emulator` in a child process on a random port, frozen clock, memory only. */
export function startStandaloneEmulator(env: Record<string, string> = {}): Promise<StandaloneEmulator> {
  const child = spawnServer('src/server/emulator/standalone.ts', {
    EMULATOR_PORT: '0',
    EMULATOR_HOST: '127.0.0.1',
    EMULATOR_SPEED: '0',
    EMULATOR_DATA_DIR: '',
    EMULATOR_PROJECT_ID: testProject,
    EMULATOR_REGION: testRegion,
    ...env,
  });
  let output = '';
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the standalone emulator did not start within 20 s:\n${output}`));
    }, 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const m = /emulator on http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
      if (m?.[1]) {
        clearTimeout(timer);
        const port = Number(m[1]);
        resolvePromise({
          url: `http://127.0.0.1:${port}`,
          port,
          output: () => output,
          stop: async () => {
            if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
            await exited;
          },
        });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the standalone emulator exited with ${code}:\n${output}`));
    });
  });
}

/** A project-scoped token the emulator's IAM issues to the test IAM user (what CCE_AUTH_TOKEN holds); '' if none. */
export async function issueEmulatorToken(emulator: StandaloneEmulator): Promise<string> {
  const issued = await fetch(`${emulator.url}/v3/auth/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      auth: {
        identity: {
          methods: ['password'],
          password: { user: { name: proxyTestSecrets.iamUser, password: proxyTestSecrets.iamPassword, domain: { name: proxyTestSecrets.iamDomain } } },
        },
        scope: { project: { id: testProject } },
      },
    }),
  });
  return issued.headers.get('x-subject-token') ?? '';
}

export type RunningProxy = {
  url: string;
  port: number;
  server: ConsoleServer;
  /** Every log and audit line the proxy wrote. */
  lines: string[];
  request: TestRequest;
  close(): Promise<void>;
};

/** The console (loadConfig + composeServer, as main.ts does) on 127.0.0.1 and a random port. */
export async function startProxy(env: Record<string, string>, options: ComposeOptions = {}): Promise<RunningProxy> {
  const config = loadConfig({ PORT: '0', ...env }, { version: 'test' });
  const lines: string[] = [];
  const server = composeServer(config, { staticRoot: '/nonexistent', logSink: (_stream, line) => lines.push(line), ...options });
  return { ...(await serveConsole(server)), server, lines };
}

/** A composed console on 127.0.0.1 and a random port, with `request` to call it over real HTTP. */
export async function serveConsole(server: ConsoleServer) {
  const { server: listener, address } = await listen(server.handler, { hostname: '127.0.0.1', port: 0 });
  return {
    url: `http://127.0.0.1:${address.port}`,
    port: address.port,
    request: requestOver(address.port),
    close: () =>
      new Promise<void>((done) => {
        listener.close(() => done());
        listener.closeAllConnections();
      }),
  };
}

/** Like fetch, for a path of the console (or a Request whose URL's path is taken). */
export type TestRequest = (input: string | Request, init?: RequestInit) => Promise<Response>;

/**
 * Real HTTP to 127.0.0.1:`port` with the headers exactly as given (fetch would replace Host): Host is `localhost`
 * unless given, as for a request to http://localhost. A body given as a ReadableStream (or a Request's) is streamed
 * without a Content-Length; any other is sent whole with one, as a browser does.
 */
function requestOver(port: number): TestRequest {
  return async (input, init) => {
    const request = input instanceof Request ? input : new Request(new URL(input, 'http://localhost'), init);
    const url = new URL(request.url);
    const headers: Record<string, string> = { host: url.host };
    request.headers.forEach((value, name) => {
      headers[name] = value;
    });
    const streamed = input instanceof Request || init?.body instanceof ReadableStream;
    const whole = request.body !== null && !streamed ? Buffer.from(await request.arrayBuffer()) : null;
    if (whole) headers['content-length'] = String(whole.byteLength);
    return new Promise<Response>((resolvePromise, reject) => {
      let answered = false;
      const outgoing = httpRequest({ host: '127.0.0.1', port, method: request.method, path: `${url.pathname}${url.search}`, headers, agent: false }, (incoming) => {
        answered = true;
        const responseHeaders = new Headers();
        for (const [name, value] of Object.entries(incoming.headers)) {
          for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) responseHeaders.append(name, v);
        }
        const status = incoming.statusCode ?? 0;
        const body = nullBodyStatuses.has(status) ? null : (Readable.toWeb(incoming) as ReadableStream<Uint8Array>);
        resolvePromise(new Response(body, { status, statusText: incoming.statusMessage ?? '', headers: responseHeaders }));
      });
      // once answered, a body the server stopped reading (a 413) ends in a reset: that is the server's right
      outgoing.on('error', (error) => {
        if (!answered) reject(error);
      });
      if (streamed && request.body) Readable.fromWeb(request.body as NodeReadableStream<Uint8Array>).on('error', () => undefined).pipe(outgoing);
      else outgoing.end(whole ?? undefined);
    });
  };
}

export type RawResponse = { status: number; headers: Record<string, string>; body: string; raw: string };

/**
 * Sends bytes as they are on a fresh connection and reads the answer until the server closes it (or `timeoutMs`).
 * `Connection: close` is the caller's to write.
 */
export function rawRequest(port: number, request: string | Buffer, options: { timeoutMs?: number; keepOpen?: boolean } = {}): Promise<RawResponse> {
  return new Promise((resolvePromise, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    const chunks: Buffer[] = [];
    const finish = () => {
      const raw = Buffer.concat(chunks).toString('latin1');
      const headEnd = raw.indexOf('\r\n\r\n');
      const head = headEnd < 0 ? raw : raw.slice(0, headEnd);
      const [statusLine = '', ...headerLines] = head.split('\r\n');
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? 0);
      const headers: Record<string, string> = {};
      for (const line of headerLines) {
        const colon = line.indexOf(':');
        if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
      let body = headEnd < 0 ? '' : raw.slice(headEnd + 4);
      if (headers['transfer-encoding']?.includes('chunked')) body = dechunk(body);
      resolvePromise({ status, headers, body: Buffer.from(body, 'latin1').toString('utf8'), raw });
    };
    const timer = setTimeout(() => {
      socket.destroy();
      finish();
    }, options.timeoutMs ?? 5000);
    socket.on('data', (chunk) => {
      chunks.push(chunk);
      // an answer with a complete Content-Length body is enough when the request itself keeps the socket busy
      if (options.keepOpen) {
        const text = Buffer.concat(chunks).toString('latin1');
        const headEnd = text.indexOf('\r\n\r\n');
        const length = /\r\ncontent-length:\s*(\d+)/i.exec(text)?.[1];
        if (headEnd >= 0 && length !== undefined && text.length - headEnd - 4 >= Number(length)) {
          clearTimeout(timer);
          socket.destroy();
          finish();
        }
      }
    });
    socket.on('end', () => {
      clearTimeout(timer);
      finish();
    });
    socket.on('error', (error) => {
      clearTimeout(timer);
      if (chunks.length > 0) finish();
      else reject(error);
    });
    socket.write(request);
  });
}

function dechunk(body: string): string {
  let out = '';
  let rest = body;
  for (;;) {
    const lineEnd = rest.indexOf('\r\n');
    if (lineEnd < 0) return out;
    const size = parseInt(rest.slice(0, lineEnd), 16);
    if (!Number.isFinite(size) || size === 0) return out;
    out += rest.slice(lineEnd + 2, lineEnd + 2 + size);
    rest = rest.slice(lineEnd + 2 + size + 2);
  }
}
