import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { composeServer } from '../compose.ts';
import { loadConfig } from './config.ts';
import { securityHeaders } from './security.ts';
import { sessionCookieName } from './session.ts';
import { consoleRequest } from './test-console.ts';
import { proxyTestSecrets as s, testProject as project, type TestRequest } from './test-servers.ts';

type Seen = Request[];

async function console_(env: Record<string, string> = {}, options: { now?: () => number } = {}) {
  const config = loadConfig({ CLOUD_SDK_AK: s.ak, CLOUD_SDK_SK: s.sk, CCE_REGION: 'cn-north-4', CCE_PROJECT_ID: project, CCE_ENDPOINT: 'http://127.0.0.1:9', ...env }, { version: 'test' });
  const seen: Seen = [];
  const lines: string[] = [];
  const server = composeServer(config, {
    staticRoot: '/nonexistent',
    logSink: (_stream, line) => lines.push(line),
    upstream: (request) => {
      seen.push(request);
      return Promise.resolve(Response.json({ ok: true }, { headers: { 'x-request-id': 'req0001' } }));
    },
    ...options,
  });
  return { request: await consoleRequest(server), seen, lines, config };
}

const clusters = `/autopilot/v3/projects/${project}/clusters`;
const remote = { HOST: '0.0.0.0', CONSOLE_AUTH_TOKEN: s.consoleToken };
const sameOriginForm = { origin: 'null', 'sec-fetch-site': 'same-origin', 'content-type': 'application/x-www-form-urlencoded' };

async function login(request: TestRequest, token: string = s.consoleToken, headers: Record<string, string> = {}) {
  return request('/console/login', { method: 'POST', headers: { ...sameOriginForm, ...headers }, body: new URLSearchParams({ token, next: '/clusters' }).toString() });
}

const cookieOf = (res: Response) => (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';

describe('response hardening', () => {
  it('puts CSP with frame-ancestors none, nosniff and no-referrer on every answer', async () => {
    const { request } = await console_(remote);
    const answers = await Promise.all([
      request('/console/api/config'),
      request('/console/login'),
      request('/'),
      request(clusters),
      request('/autopilot/nope'),
    ]);
    for (const res of answers) {
      expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    }
    const { request: open } = await console_();
    const forwarded = await open(clusters);
    expect(forwarded.status).toBe(200);
    for (const [name, value] of Object.entries(securityHeaders)) expect(forwarded.headers.get(name)).toBe(value);
  });
});

describe('Host and Origin', () => {
  it('without a login answers only to loopback names (DNS rebinding), before anything is forwarded', async () => {
    const { request, seen } = await console_();
    const rebound = await request(clusters, { headers: { host: 'evil.example:8080' } });
    expect(rebound.status).toBe(421);
    expect(await rebound.json()).toMatchObject({ errorCode: 'CCE.01403001' });
    expect(seen).toHaveLength(0);
    for (const host of ['127.0.0.1:8080', 'localhost:8080', '[::1]:8080']) {
      expect((await request(clusters, { headers: { host } })).status).toBe(200);
    }
  });

  it('refuses a mutating call from another origin, without Origin, with Origin null, or without the CSRF header', async () => {
    const { request, seen } = await console_();
    const post = (headers: Record<string, string>) =>
      request(clusters, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: '{}' });
    const refused: Array<Record<string, string>> = [
      { origin: 'https://evil.example', 'x-console-csrf': '1' },
      { 'x-console-csrf': '1' },
      { origin: 'null', 'x-console-csrf': '1', 'sec-fetch-site': 'same-origin' },
      { origin: 'http://localhost' },
      { origin: 'http://localhost', 'x-console-csrf': '0' },
    ];
    for (const headers of refused) {
      const res = await post(headers);
      expect(res.status).toBe(403);
      expect(((await res.json()) as { errorMessage: string }).errorMessage).toMatch(/Forbidden/);
    }
    expect(seen).toHaveLength(0);
    expect((await post({ origin: 'http://localhost', 'x-console-csrf': '1' })).status).toBe(200);
    expect(seen).toHaveLength(1);
  });

  it('with CONSOLE_ORIGIN compares the Origin with it exactly', async () => {
    const { request } = await console_({ ...remote, CONSOLE_ORIGIN: 'https://console.example.com' });
    const cookie = cookieOf(await login(request, s.consoleToken, { host: 'console.example.com', origin: 'https://console.example.com' }));
    const post = (origin: string) =>
      request(clusters, { method: 'POST', headers: { cookie, origin, host: 'internal:8080', 'x-console-csrf': '1', 'content-type': 'application/json' }, body: '{}' });
    expect((await post('https://console.example.com')).status).toBe(200);
    expect((await post('http://internal:8080')).status).toBe(403);
  });
});

describe('login when bound beyond loopback', () => {
  it('redirects pages to the login page and answers API calls with 401 JSON', async () => {
    const { request, seen } = await console_(remote);
    const page = await request('/clusters/abc?tab=addons');
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe('/console/login?next=%2Fclusters%2Fabc%3Ftab%3Daddons');
    for (const path of [clusters, '/console/api/config', '/__emulator/clock']) {
      const res = await request(path);
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ errorCode: 'CONSOLE.401' });
    }
    expect(seen).toHaveLength(0);
  });

  it('serves an accessible login page in English or Simplified Chinese', async () => {
    const { request } = await console_(remote);
    const en = await (await request('/console/login?next=/clusters')).text();
    expect(en).toContain('<html lang="en">');
    expect(en).toMatch(/<label for="token">Access token<\/label>\s*<input id="token" name="token" type="password"/);
    expect(en).toContain('<button type="submit">Sign in</button>');
    expect(en).toContain(':focus-visible');
    expect(en).toContain('<input type="hidden" name="next" value="/clusters">');
    const zh = await (await request('/console/login', { headers: { 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.8' } })).text();
    expect(zh).toContain('<html lang="zh-CN">');
    expect(zh).toContain('访问令牌');
    const forced = await (await request('/console/login?lang=en', { headers: { 'accept-language': 'zh-CN' } })).text();
    expect(forced).toContain('<html lang="en">');
  });

  it('exchanges the token for an HttpOnly SameSite=Strict cookie that opens the API', async () => {
    const { request } = await console_(remote);
    const res = await login(request);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/clusters');
    const setCookie = res.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(new RegExp(`^${sessionCookieName}=v1\\.\\d+\\.[0-9a-f]{64}; Path=/; Max-Age=43200; HttpOnly; SameSite=Strict$`));
    expect(setCookie).not.toContain(s.consoleToken);
    expect((await request(clusters, { headers: { cookie: cookieOf(res) } })).status).toBe(200);
    // Secure behind a TLS-terminating load balancer
    const behindTls = await login(request, s.consoleToken, { 'x-forwarded-proto': 'https' });
    expect(behindTls.headers.get('set-cookie')).toMatch(/; Secure$/);
  });

  it('answers a wrong token with 401 and the page again, with the error announced', async () => {
    const { request } = await console_(remote);
    const res = await login(request, 'not-the-token-000000');
    expect(res.status).toBe(401);
    expect(res.headers.get('set-cookie')).toBeNull();
    const html = await res.text();
    expect(html).toContain('role="alert"');
    expect(html).toContain('aria-invalid="true"');
  });

  it('is stateless: a cookie from one replica opens another with the same token, not one with another token', async () => {
    const a = await console_(remote);
    const b = await console_(remote);
    const c = await console_({ ...remote, CONSOLE_AUTH_TOKEN: 'another-console-token-0000000' });
    const cookie = cookieOf(await login(a.request));
    expect((await b.request(clusters, { headers: { cookie } })).status).toBe(200);
    expect((await c.request(clusters, { headers: { cookie } })).status).toBe(401);
    // and CONSOLE_SESSION_SECRET shared by replicas with different tokens
    const secret = { CONSOLE_SESSION_SECRET: 'shared-session-secret-0123456789abcdef' };
    const d = await console_({ ...remote, ...secret });
    const e = await console_({ ...remote, ...secret, CONSOLE_AUTH_TOKEN: 'rotated-console-token-000000' });
    expect((await e.request(clusters, { headers: { cookie: cookieOf(await login(d.request)) } })).status).toBe(200);
  });

  it('refuses a tampered or expired cookie', async () => {
    let now = Date.now();
    const { request } = await console_(remote, { now: () => now });
    const cookie = cookieOf(await login(request));
    const tampered = cookie.replace(/v1\.(\d+)\./, (_, t: string) => `v1.${Number(t) + 1000}.`);
    expect((await request(clusters, { headers: { cookie: tampered } })).status).toBe(401);
    now += 12 * 3600_000 + 1000;
    expect((await request(clusters, { headers: { cookie } })).status).toBe(401);
  });

  it('logs out by clearing the cookie', async () => {
    const { request } = await console_(remote);
    const res = await request('/console/logout', { method: 'POST', headers: sameOriginForm });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/console/login?signedOut=1');
    expect(res.headers.get('set-cookie')).toMatch(new RegExp(`^${sessionCookieName}=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict`));
  });

  it('refuses a login form from another site and never redirects off the console', async () => {
    const { request } = await console_(remote);
    expect((await login(request, s.consoleToken, { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await login(request, s.consoleToken, { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    for (const next of ['//evil.example/x', 'https://evil.example', '/\\evil.example']) {
      const res = await request('/console/login', { method: 'POST', headers: sameOriginForm, body: new URLSearchParams({ token: s.consoleToken, next }).toString() });
      expect(res.headers.get('location')).toBe('/');
    }
  });

  it('rate-limits failed logins per client address with 429, even for the right token', async () => {
    let now = Date.now();
    const { request } = await console_(remote, { now: () => now });
    for (let i = 0; i < 5; i++) expect((await login(request, `wrong-token-${i}-0000000000`)).status).toBe(401);
    const limited = await login(request);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    now += 15 * 60_000 + 1000;
    expect((await login(request)).status).toBe(303);
  });
});

describe('emulator control', () => {
  it('cannot be called from another site', async () => {
    const config = loadConfig({ EMULATOR_DATA_DIR: '' }, { version: 'test' });
    const request = await consoleRequest(composeServer(config, { quiet: true, staticRoot: '/nonexistent' }));
    const reset = (headers: Record<string, string>) =>
      request('/__emulator/reset', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: '{"scenario":"empty"}' });
    expect((await reset({ origin: 'https://evil.example' })).status).toBe(403);
    expect((await reset({ 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await reset({})).status).toBe(200);
  });
});

describe('audit log', () => {
  it('writes one JSON line per mutating call to AUDIT_LOG: time, operation, cluster, status, request id, client', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'proxy-audit-'));
    const file = join(dir, 'audit.jsonl');
    const config = loadConfig({ CLOUD_SDK_AK: s.ak, CLOUD_SDK_SK: s.sk, CCE_REGION: 'cn-north-4', CCE_PROJECT_ID: project, CCE_ENDPOINT: 'http://127.0.0.1:9', AUDIT_LOG: file }, { version: 'test' });
    const request = await consoleRequest(composeServer(config, {
      quiet: true,
      staticRoot: '/nonexistent',
      upstream: () => Promise.resolve(new Response(null, { status: 204, headers: { 'x-request-id': 'cce-req-42' } })),
    }));
    await request(`${clusters}/c-123/tags/create`, {
      method: 'POST',
      headers: { origin: 'http://localhost', 'x-console-csrf': '1', 'content-type': 'application/json' },
      body: '{"tags":[]}',
    });
    await request(`${clusters}/c-456`, { method: 'DELETE' }); // refused: no Origin, no CSRF header
    await request(clusters); // a read: not audited
    const entries = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(entries).toHaveLength(2);
    expect(entries[0]).toMatchObject({ type: 'audit', operationId: 'batchCreateClusterTags', method: 'POST', clusterId: 'c-123', status: 204, requestId: 'cce-req-42' });
    expect(Date.parse(String(entries[0]?.time))).toBeGreaterThan(0);
    expect(entries[0]).toHaveProperty('client');
    expect(entries[1]).toMatchObject({ operationId: 'deleteCluster', clusterId: 'c-456', status: 403, requestId: null });
  });
});

describe('audit log failure', () => {
  it('reports an audit line that cannot be written and still answers the call', async () => {
    const config = loadConfig({ CLOUD_SDK_AK: s.ak, CLOUD_SDK_SK: s.sk, CCE_REGION: 'cn-north-4', CCE_PROJECT_ID: project, CCE_ENDPOINT: 'http://127.0.0.1:9' }, { version: 'test' });
    const errors: string[] = [];
    const request = await consoleRequest(
      composeServer(config, {
        staticRoot: '/nonexistent',
        logSink: (stream, line) => {
          if (stream === 'audit') throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
          if (stream === 'stderr') errors.push(line);
        },
        upstream: () => Promise.resolve(new Response(null, { status: 204, headers: { 'x-request-id': 'cce-req-43' } })),
      }),
    );
    const res = await request(`${clusters}/c-123/tags/create`, {
      method: 'POST',
      headers: { origin: 'http://localhost', 'x-console-csrf': '1', 'content-type': 'application/json' },
      body: '{"tags":[]}',
    });
    expect(res.status).toBe(204);
    expect(errors.join('')).toMatch(/the audit line could not be written Error: ENOSPC/);
  });
});

describe('the login redirect', () => {
  it('goes back to a path with non-ASCII characters, percent-encoded', async () => {
    const { request } = await console_(remote);
    const res = await request('/console/login', {
      method: 'POST',
      headers: sameOriginForm,
      body: new URLSearchParams({ token: s.consoleToken, next: '/charts/名字?tab=values' }).toString(),
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/charts/%E5%90%8D%E5%AD%97?tab=values');
  });
});
