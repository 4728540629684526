import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  iamErrorBodySchema,
  iamPasswordTokenRequestSchema,
  iamTokenResponseSchema,
  passwordTokenRequest,
} from '../../contract/iam.ts';
import { createEmulator } from './app.ts';
import { defaultIamIdentity, iamTime } from './iam.ts';
import { createTestEmulator, testCredentials, testProjectId, testRegion, type TestEmulator } from './test-client.ts';

const base = 'http://cce.emulator.test';
const HOUR = 3600_000;

function tokenRequest(overrides: Partial<{ user: string; password: string; domain: string; project: { id: string } | { name: string } }> = {}) {
  return passwordTokenRequest({ ...defaultIamIdentity, project: { id: testProjectId }, ...overrides });
}

async function askToken(t: TestEmulator, body: unknown, { query = '', contentType = 'application/json' } = {}) {
  const res = await t.emulator.fetch(
    new Request(`${base}/v3/auth/tokens${query}`, {
      method: 'POST',
      headers: { 'content-type': contentType },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    }),
  );
  return { status: res.status, token: res.headers.get('x-subject-token'), headers: res.headers, json: (await res.json()) as unknown };
}

function withToken(t: TestEmulator, token: string, path: string) {
  return t.emulator.fetch(new Request(`${base}${path}`, { headers: { 'x-auth-token': token, 'content-type': 'application/json' } }));
}

const clustersPath = `/autopilot/v3/projects/${testProjectId}/clusters`;

afterEach(() => {
  vi.useRealTimers();
});

describe('POST /v3/auth/tokens (password method, project scope)', () => {
  it('answers 201 with X-Subject-Token and a token body that parses and expires 24 h after issue', async () => {
    const t = createTestEmulator();
    const res = await askToken(t, tokenRequest());
    expect(res.status).toBe(201);
    expect(res.token).toMatch(/^MII[A-Za-z0-9+/=]{100,}$/);
    const { token } = iamTokenResponseSchema.parse(res.json);
    expect(Date.parse(token.expires_at) - Date.parse(token.issued_at)).toBe(24 * HOUR);
    expect(token.expires_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    expect(token.methods).toEqual(['password']);
    expect(token.project).toMatchObject({ id: testProjectId, name: testRegion, domain: { name: defaultIamIdentity.domain } });
    expect(token.user).toMatchObject({ name: defaultIamIdentity.user, domain: { name: defaultIamIdentity.domain } });
    expect(token.catalog?.find((s) => s.type === 'cce')?.endpoints[0]).toMatchObject({ region_id: testRegion, url: base });
    expect(t.emulator.tokens.size).toBe(1);
  });

  it('scopes by project name (the region id) as well as by id, and omits the catalog on ?nocatalog=true', async () => {
    const t = createTestEmulator();
    const res = await askToken(t, tokenRequest({ project: { name: testRegion } }), { query: '?nocatalog=true' });
    expect(res.status).toBe(201);
    const { token } = iamTokenResponseSchema.parse(res.json);
    expect(token.project.id).toBe(testProjectId);
    expect(token.catalog).toBeUndefined();
  });

  it('issues a token that authenticates CCE calls, with the project taken from its scope on project-less paths', async () => {
    const t = createTestEmulator();
    const { token } = await askToken(t, tokenRequest());
    const list = await withToken(t, token!, clustersPath);
    expect(list.status).toBe(200);
    const clusters = ((await list.json()) as { items: Array<{ metadata: { uid: string } }> }).items;
    expect(clusters.length).toBeGreaterThan(0);
    // /autopilot/v3/addons has no project in the path (digest 1.1): without one, the emulator would answer 400.
    const addons = await withToken(t, token!, `/autopilot/v3/addons?cluster_id=${clusters[0]!.metadata.uid}`);
    expect(addons.status).toBe(200);
    // …and a path naming another project is refused.
    const other = await withToken(t, token!, '/autopilot/v3/projects/ffffffffffffffffffffffffffffffff/clusters');
    expect(other.status).toBe(403);
  });

  it('keeps accepting the token for 24 h of real time, then refuses it with 401 "token expires"', async () => {
    const t = createTestEmulator();
    const { token } = await askToken(t, tokenRequest());
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 24 * HOUR - 60_000 });
    expect((await withToken(t, token!, clustersPath)).status).toBe(200);
    vi.setSystemTime(Date.now() + 2 * 60_000);
    const expired = await withToken(t, token!, clustersPath);
    expect(expired.status).toBe(401);
    expect(((await expired.json()) as { error_msg: string }).error_msg).toMatch(/token expires/);
  });

  it('does not count the driven clock: advancing it by two days leaves the token valid', async () => {
    const t = createTestEmulator();
    const { token } = await askToken(t, tokenRequest());
    t.advance(48 * HOUR);
    expect((await withToken(t, token!, clustersPath)).status).toBe(200);
  });

  it('refuses a token it never issued with 401 APIGW.0301', async () => {
    const t = createTestEmulator();
    const res = await withToken(t, 'MIIforged', clustersPath);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error_code: 'APIGW.0301' });
  });

  it.each([
    ['user', { user: 'someone-else' }],
    ['password', { password: 'not-the-password' }],
    ['domain', { domain: 'other-domain' }],
  ])('answers a wrong %s with 401 in the IAM error form and issues nothing', async (_field, override) => {
    const t = createTestEmulator();
    const res = await askToken(t, tokenRequest(override));
    expect(res.status).toBe(401);
    expect(res.token).toBeNull();
    expect(iamErrorBodySchema.parse(res.json).error).toEqual({ code: 401, message: 'The username or password is wrong.', title: 'Unauthorized' });
    expect(t.emulator.tokens.size).toBe(0);
  });

  it.each([
    ['another project id', { id: 'ffffffffffffffffffffffffffffffff' }],
    ['another project name', { name: 'ap-southeast-1' }],
  ])('refuses a scope on %s with 400 naming it', async (_what, project) => {
    const t = createTestEmulator();
    const res = await askToken(t, tokenRequest({ project }));
    expect(res.status).toBe(400);
    expect(iamErrorBodySchema.parse(res.json).error.message).toContain(Object.values(project)[0]);
    expect(t.emulator.tokens.size).toBe(0);
  });

  it('checks the credentials before the scope, so a stranger learns nothing about projects', async () => {
    const t = createTestEmulator();
    const res = await askToken(t, tokenRequest({ password: 'wrong-password', project: { name: 'ap-southeast-1' } }));
    expect(res.status).toBe(401);
  });

  it.each([
    ['no scope', { auth: { identity: tokenRequest().auth.identity } }, 'auth.scope'],
    ['a domain scope', { auth: { ...tokenRequest().auth, scope: { domain: { name: 'emulator-domain' } } } }, 'auth.scope'],
    ['the token method', { auth: { ...tokenRequest().auth, identity: { ...tokenRequest().auth.identity, methods: ['token'] } } }, 'methods'],
    ['an empty project', { auth: { ...tokenRequest().auth, scope: { project: {} } } }, 'auth.scope.project'],
    ['no password', { auth: { ...tokenRequest().auth, identity: { methods: ['password'], password: { user: { name: 'u', domain: { name: 'd' } } } } } }, 'password'],
  ])('answers %s with 400 naming the field', async (_what, body, field) => {
    const t = createTestEmulator();
    const res = await askToken(t, body);
    expect(res.status).toBe(400);
    expect(iamErrorBodySchema.parse(res.json).error.message).toContain(field);
    expect(t.emulator.tokens.size).toBe(0);
  });

  it('answers a body that is not JSON, or not declared as JSON, with 400', async () => {
    const t = createTestEmulator();
    expect((await askToken(t, '{"auth":')).status).toBe(400);
    expect((await askToken(t, JSON.stringify(tokenRequest()), { contentType: 'text/plain' })).status).toBe(400);
  });

  it('needs no signature, and knows the user it was configured with', async () => {
    const emulator = createEmulator({
      credentials: [testCredentials],
      projectId: testProjectId,
      region: testRegion,
      speed: 0,
      iam: { user: 'ops', password: 'rehearsal-pass', domain: 'acme' },
    });
    const t: TestEmulator = { ...createTestEmulator(), emulator };
    expect((await askToken(t, tokenRequest())).status).toBe(401);
    const res = await askToken(t, tokenRequest({ user: 'ops', password: 'rehearsal-pass', domain: 'acme' }));
    expect(res.status).toBe(201);
  });

  it('keeps issued tokens valid across a scenario reset (IAM is another service)', async () => {
    const t = createTestEmulator();
    const { token } = await askToken(t, tokenRequest());
    t.emulator.reset('empty');
    const res = await withToken(t, token!, clustersPath);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ items: [] });
  });
});

describe('IAM contract', () => {
  it('builds a request body its own strict schema accepts, and refuses unknown fields', () => {
    expect(iamPasswordTokenRequestSchema.safeParse(tokenRequest()).success).toBe(true);
    const extra = { auth: { ...tokenRequest().auth, extra: 1 } };
    const result = iamPasswordTokenRequestSchema.safeParse(extra);
    expect(result.success).toBe(false);
  });

  it('prints times with microseconds like IAM', () => {
    expect(iamTime(Date.UTC(2019, 1, 13, 6, 52, 13, 855))).toBe('2019-02-13T06:52:13.855000Z');
  });
});
