// The bad-input corpus, over a real socket so that nothing is normalised on the way: each request is answered with a
// clear 4xx (JSON with a code and a message) and never reaches the upstream.
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { proxyTestSecrets as s, rawRequest, startProxy, testProject as project, type RunningProxy } from './test-servers.ts';

let proxy: RunningProxy;
let remote: RunningProxy;
const upstreamCalls: Request[] = [];

const env = { CLOUD_SDK_AK: s.ak, CLOUD_SDK_SK: s.sk, CCE_REGION: 'cn-north-4', CCE_PROJECT_ID: project, CCE_ENDPOINT: 'https://cce.cn-north-4.myhuaweicloud.com' };

beforeAll(async () => {
  const upstream = (request: Request) => {
    upstreamCalls.push(request);
    return Promise.resolve(Response.json({ items: [] }, { headers: { 'x-request-id': 'upstream-id' } }));
  };
  proxy = await startProxy(env, { upstream });
  remote = await startProxy({ ...env, HOST: '0.0.0.0', CONSOLE_AUTH_TOKEN: s.consoleToken }, { upstream });
});

afterAll(async () => {
  await proxy?.close();
  await remote?.close();
});

const clusters = `/autopilot/v3/projects/${project}/clusters`;
const get = (target: string, headers = 'Host: 127.0.0.1\r\n') => `GET ${target} HTTP/1.1\r\n${headers}Connection: close\r\n\r\n`;
const post = (target: string, body: string, headers: string) =>
  `POST ${target} HTTP/1.1\r\nHost: 127.0.0.1:${proxy.port}\r\n${headers}Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`;
const mutation = (port: () => number) => `Origin: http://127.0.0.1:${port()}\r\nX-Console-Csrf: 1\r\n`;

type Case = [name: string, request: () => string, status: number, message: RegExp];

const corpus: Case[] = [
  ['traversal with ..', () => get(`${clusters}/../../../../etc/passwd`), 400, /dot segments/],
  ['traversal out of /autopilot entirely', () => get('/autopilot/../../../etc/passwd'), 400, /dot segments/],
  ['encoded traversal %2e%2e', () => get(`${clusters}/%2e%2e/%2E%2E/x`), 400, /dot segments/],
  ['encoded slash in a segment', () => get(`${clusters}/abc%2F..%2Fsecrets`), 400, /encoded slashes/],
  ['encoded backslash', () => get(`${clusters}/abc%5Cdef`), 400, /encoded slashes/],
  ['empty segment //', () => get(`/autopilot/v3/projects/${project}//clusters`), 400, /empty path segment/],
  ['absolute-form request-target', () => get(`http://evil.example${clusters}`), 400, /must be a path/],
  ['protocol-relative target', () => get(`//evil.example${clusters}`), 400, /must be a path/],
  ['CRLF encoded in the path', () => get(`${clusters}/abc%0D%0AX-Injected:%201`), 400, /control characters/],
  ['NUL in the path', () => get(`${clusters}/abc%00`), 400, /control characters/],
  ['overlong UTF-8 dot', () => get(`${clusters}/%C0%AE%C0%AE`), 400, /malformed percent-encoding/],
  ['lone surrogate in the query', () => get(`${clusters}?status=%ED%A0%80`), 400, /not UTF-8|surrogate/],
  ['bare CR inside a header value', () => get(clusters, 'Host: 127.0.0.1\r\nX-Language: en\rX-Injected: 1\r\n'), 400, /malformed HTTP/],
  ['LF-folded header (obs-fold)', () => get(clusters, 'Host: 127.0.0.1\r\nX-Language: en\r\n X-Injected: 1\r\n'), 400, /malformed HTTP/],
  ['header value that is not a language tag', () => get(clusters, 'Host: 127.0.0.1\r\nX-Language: en<script>\r\n'), 400, /X-Language/],
  ['Content-Length and Transfer-Encoding together', () => `POST ${clusters} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n0\r\n\r\n`, 400, /malformed HTTP/],
  ['Host of another site (DNS rebinding)', () => get(clusters, 'Host: evil.example\r\n'), 421, /answers only to 127\.0\.0\.1/],
  ['X-Forwarded-Host of another site', () => get(clusters, 'Host: 127.0.0.1\r\nX-Forwarded-Host: evil.example\r\n'), 421, /answers only to/],
  ['unknown operation', () => get(`/autopilot/v3/projects/${project}/secrets`), 404, /not an operation of CCE Autopilot/],
  ['known path, method not in the table', () => `PATCH ${clusters} HTTP/1.1\r\nHost: 127.0.0.1:${proxy.port}\r\n${mutation(() => proxy.port)}Content-Length: 0\r\nConnection: close\r\n\r\n`, 404, /not an operation/],
  ['wrong content type', () => post(clusters, 'a=1', `${mutation(() => proxy.port)}Content-Type: text/plain\r\n`), 415, /application\/json/],
  ['missing CSRF header', () => post(clusters, '{}', `Origin: http://127.0.0.1:${proxy.port}\r\nContent-Type: application/json\r\n`), 403, /X-Console-Csrf header is required/],
  ['cross-origin', () => post(clusters, '{}', 'Origin: https://evil.example\r\nX-Console-Csrf: 1\r\nContent-Type: application/json\r\n'), 403, /cross-origin/],
  ['no Origin at all', () => post(clusters, '{}', 'X-Console-Csrf: 1\r\nContent-Type: application/json\r\n'), 403, /Origin-less/],
];

describe('bad-input corpus (real socket)', () => {
  it.each(corpus)('%s', async (_name, request, status, message) => {
    const before = upstreamCalls.length;
    const res = await rawRequest(proxy.port, request());
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toContain('application/json');
    const body = JSON.parse(res.body) as { errorCode: string; errorMessage: string };
    expect(body.errorCode).toMatch(/^CCE\.\d+$/);
    expect(body.errorMessage).toMatch(message);
    expect(upstreamCalls.length).toBe(before);
  });

  it('an oversize body is refused with 413 from its Content-Length, before it is sent', async () => {
    const before = upstreamCalls.length;
    const head = `POST ${clusters} HTTP/1.1\r\nHost: 127.0.0.1:${proxy.port}\r\n${mutation(() => proxy.port)}Content-Type: application/json\r\nContent-Length: ${13 * 1024 * 1024}\r\n\r\n{"a":`;
    const started = Date.now();
    const res = await rawRequest(proxy.port, head, { keepOpen: true, timeoutMs: 3000 });
    expect(res.status).toBe(413);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(JSON.parse(res.body)).toMatchObject({ errorCode: 'CCE.01400001' });
    expect(upstreamCalls.length).toBe(before);
  });

  it('with Expect: 100-continue an oversize body is refused without inviting it, a fitting one is invited', async () => {
    const head = (length: number) =>
      `POST ${clusters} HTTP/1.1\r\nHost: 127.0.0.1:${proxy.port}\r\n${mutation(() => proxy.port)}Content-Type: application/json\r\nContent-Length: ${length}\r\nExpect: 100-continue\r\n\r\n`;
    const refused = await rawRequest(proxy.port, head(13 * 1024 * 1024), { keepOpen: true, timeoutMs: 3000 });
    expect(refused.status).toBe(413);
    expect(refused.raw).not.toContain('100 Continue');
    const invited = await new Promise<string>((done) => {
      const socket = connect({ host: '127.0.0.1', port: proxy.port }, () => socket.write(head(2)));
      let text = '';
      socket.on('data', (chunk) => {
        text += chunk.toString('latin1');
        if (text.startsWith('HTTP/1.1 100 Continue\r\n\r\n') && !text.includes('\r\n\r\nHTTP/1.1 ')) socket.write('{}');
        if (/\r\n\r\nHTTP\/1\.1 \d{3}[\s\S]*\r\n\r\n[\s\S]*\}$/.test(text)) {
          socket.destroy();
          done(text);
        }
      });
      setTimeout(() => {
        socket.destroy();
        done(text);
      }, 3000);
    });
    expect(invited).toMatch(/^HTTP\/1\.1 100 Continue\r\n\r\nHTTP\/1\.1 200 /);
  });

  it('a chunked body that grows past 12 MB is refused with 413', async () => {
    const before = upstreamCalls.length;
    const res = await fetch(`${proxy.url}${clusters}`, {
      method: 'POST',
      headers: { origin: proxy.url, 'x-console-csrf': '1', 'content-type': 'application/json' },
      body: new ReadableStream<Uint8Array>({
        start(controller) {
          for (let i = 0; i < 13; i++) controller.enqueue(new Uint8Array(1024 * 1024).fill(0x20));
          controller.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(upstreamCalls.length).toBe(before);
  });

  it('an upload the client abandons midway is dropped: nothing forwarded, an audit line, and the next call is served', async () => {
    const before = upstreamCalls.length;
    const linesBefore = proxy.lines.length;
    await new Promise<void>((done) => {
      const socket = connect({ host: '127.0.0.1', port: proxy.port }, () => {
        socket.write(`POST ${clusters} HTTP/1.1\r\nHost: 127.0.0.1:${proxy.port}\r\n${mutation(() => proxy.port)}Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"metadata":`);
        setTimeout(() => {
          socket.destroy();
          done();
        }, 100);
      });
    });
    await new Promise((done) => setTimeout(done, 100));
    expect(upstreamCalls.length).toBe(before);
    const audited = proxy.lines.slice(linesBefore).filter((line) => line.includes('"type":"audit"'));
    expect(audited).toHaveLength(1);
    expect(JSON.parse(audited[0] ?? '{}')).toMatchObject({ operationId: 'createCluster', status: 400 });
    expect((await rawRequest(proxy.port, get(clusters))).status).toBe(200);
  });

  it('no header, path or query changes the upstream host', async () => {
    const before = upstreamCalls.length;
    const res = await rawRequest(
      remote.port,
      get(`${clusters}?host=evil.example&url=http%3A%2F%2Fevil.example%2F`, `Host: evil.example\r\nX-Forwarded-Host: evil.example\r\nX-Forwarded-Proto: http\r\nCookie: ${await sessionCookie()}\r\n`),
    );
    expect(res.status).toBe(200);
    expect(upstreamCalls.length).toBe(before + 1);
    const url = new URL(upstreamCalls.at(-1)?.url ?? '');
    expect(url.origin).toBe('https://cce.cn-north-4.myhuaweicloud.com');
    expect(url.search).toBe('?host=evil.example&url=http%3A%2F%2Fevil.example%2F');
    expect(upstreamCalls.at(-1)?.headers.get('host')).toBe('cce.cn-north-4.myhuaweicloud.com');
  });
});

async function sessionCookie(): Promise<string> {
  const res = await fetch(`${remote.url}/console/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: remote.url },
    body: new URLSearchParams({ token: s.consoleToken }).toString(),
    redirect: 'manual',
  });
  return (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}
