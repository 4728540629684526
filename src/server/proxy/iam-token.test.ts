// The IAM token cache against a tiny local IAM stub: the documented request shape, renewal timing, one exchange for
// concurrent calls, and what happens when IAM fails.
import { describe, expect, it } from 'vitest';
import { iamTokenSource } from './iam-token.ts';
import { ProxyRefusal } from './refusal.ts';

const hour = 3600_000;

function stubIam(options: { lifetimeMs?: number; fail?: () => boolean } = {}) {
  const requests: Array<{ url: string; body: unknown }> = [];
  let issued = 0;
  let clock = Date.UTC(2026, 0, 1);
  const fetch = async (request: Request) => {
    requests.push({ url: request.url, body: await request.json() });
    if (options.fail?.()) return Response.json({ error: { code: 401, message: 'The username or password is wrong.', title: 'Unauthorized' } }, { status: 401 });
    issued += 1;
    const expires = new Date(clock + (options.lifetimeMs ?? 24 * hour)).toISOString().replace('Z', '000Z').replace(/\.(\d{3})000Z$/, '.$1000Z');
    return Response.json(
      { token: { expires_at: expires, issued_at: new Date(clock).toISOString() } },
      { status: 201, headers: { 'X-Subject-Token': `MII-token-${issued}` } },
    );
  };
  return {
    requests,
    fetch,
    now: () => clock,
    advance: (ms: number) => {
      clock += ms;
    },
  };
}

function source(iam: ReturnType<typeof stubIam>, learnt: string[] = [], errors: string[] = []) {
  return iamTokenSource({
    endpoint: 'https://iam.cn-north-4.myhuaweicloud.com',
    username: 'alice',
    password: 'pa55word',
    domain: 'acme',
    projectId: '0123456789abcdef0123456789abcdef',
    timeoutMs: 1000,
    onToken: (t) => learnt.push(t),
    onError: (m) => errors.push(m),
    fetch: iam.fetch,
    now: iam.now,
  });
}

describe('IAM token source', () => {
  it('asks POST /v3/auth/tokens with the password method and a project scope, and tells the redactor', async () => {
    const iam = stubIam();
    const learnt: string[] = [];
    expect(await source(iam, learnt).get()).toBe('MII-token-1');
    expect(iam.requests[0]?.url).toBe('https://iam.cn-north-4.myhuaweicloud.com/v3/auth/tokens?nocatalog=true');
    expect(iam.requests[0]?.body).toEqual({
      auth: {
        identity: { methods: ['password'], password: { user: { name: 'alice', password: 'pa55word', domain: { name: 'acme' } } } },
        scope: { project: { id: '0123456789abcdef0123456789abcdef' } },
      },
    });
    expect(learnt).toEqual(['MII-token-1']);
  });

  it('caches the token for 23 h and renews it in the last hour before its 24 h expiry', async () => {
    const iam = stubIam();
    const tokens = source(iam);
    await tokens.get();
    iam.advance(23 * hour - 1000);
    expect(await tokens.get()).toBe('MII-token-1');
    iam.advance(2000);
    expect(await tokens.get()).toBe('MII-token-2');
    expect(iam.requests).toHaveLength(2);
  });

  it('makes one exchange for concurrent calls', async () => {
    const iam = stubIam();
    const tokens = source(iam);
    const all = await Promise.all([tokens.get(), tokens.get(), tokens.get()]);
    expect(all).toEqual(['MII-token-1', 'MII-token-1', 'MII-token-1']);
    expect(iam.requests).toHaveLength(1);
  });

  it('keeps using a still-valid token when the renewal fails, and renews after a 401 from CCE', async () => {
    let failing = false;
    const iam = stubIam({ fail: () => failing });
    const errors: string[] = [];
    const tokens = source(iam, [], errors);
    await tokens.get();
    iam.advance(23.5 * hour);
    failing = true;
    expect(await tokens.get()).toBe('MII-token-1');
    expect(errors[0]).toMatch(/renewal failed/);
    failing = false;
    iam.advance(60_000);
    expect(await tokens.get()).toBe('MII-token-2');
    tokens.invalidate('MII-token-2');
    expect(await tokens.get()).toBe('MII-token-3');
  });

  it('refuses with 502 when IAM says no, and does not ask again for 30 s (no account lock-out)', async () => {
    const iam = stubIam({ fail: () => true });
    const tokens = source(iam);
    const error = await tokens.get().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProxyRefusal);
    expect((error as ProxyRefusal).status).toBe(502);
    expect((error as ProxyRefusal).message).toContain('The username or password is wrong.');
    await tokens.get().catch(() => undefined);
    expect(iam.requests).toHaveLength(1);
    iam.advance(31_000);
    await tokens.get().catch(() => undefined);
    expect(iam.requests).toHaveLength(2);
  });

  it('renews a short-lived token a quarter of its life before it expires', async () => {
    const iam = stubIam({ lifetimeMs: 2 * hour });
    const tokens = source(iam);
    await tokens.get();
    iam.advance(1.4 * hour);
    expect(await tokens.get()).toBe('MII-token-1');
    iam.advance(0.2 * hour);
    expect(await tokens.get()).toBe('MII-token-2');
  });
});
