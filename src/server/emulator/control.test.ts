import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HttpBindings } from '@hono/node-server';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultSettings } from './settings.ts';
import { compilePathPattern, createFaultTable, isLoopback } from './control.ts';
import { createTestEmulator, testProjectId, type TestEmulator } from './test-client.ts';

const base = 'http://cce.emulator.test';
const clustersPath = `/autopilot/v3/projects/${testProjectId}/clusters`;

async function control(t: TestEmulator, method: string, path: string, body?: unknown) {
  const res = await t.emulator.fetch(
    new Request(`${base}/__emulator${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    }),
  );
  const text = await res.text();
  return { status: res.status, json: (text ? JSON.parse(text) : undefined) as Record<string, unknown> | undefined, headers: res.headers };
}

const messageOf = (json: Record<string, unknown> | undefined) => String(json?.errorMessage ?? '');

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('control endpoints', () => {
  it('are absent when control is off: every /__emulator/ path answers 404', async () => {
    const t = createTestEmulator({ control: false });
    for (const [method, path] of [
      ['POST', '/reset'],
      ['GET', '/clock'],
      ['PUT', '/settings'],
      ['POST', '/faults'],
    ] as const) {
      expect((await control(t, method, path, method === 'GET' ? undefined : {})).status).toBe(404);
    }
    expect(t.emulator.state.scenario).toBe('demo');
  });

  it('answer only loopback clients when the request comes from a socket', async () => {
    const t = createTestEmulator({ control: true });
    const from = (remoteAddress: string) =>
      t.emulator.app.fetch(new Request(`${base}/__emulator/clock`), { incoming: { socket: { remoteAddress } } } as unknown as HttpBindings);
    expect((await from('10.1.2.3')).status).toBe(404);
    expect((await from('::ffff:192.168.0.4')).status).toBe(404);
    expect((await from('127.0.0.1')).status).toBe(200);
    expect((await from('::1')).status).toBe(200);
    expect(isLoopback('::ffff:127.0.0.1')).toBe(true);
  });

  it('reset to a named scenario replaces the state; an unknown name or field is a 400 naming it', async () => {
    const t = createTestEmulator({ control: true });
    expect(((await t.call('GET', clustersPath)).json as { items: unknown[] }).items.length).toBeGreaterThan(0);

    const empty = await control(t, 'POST', '/reset', { scenario: 'empty', speed: 0 });
    expect(empty.status).toBe(200);
    expect(empty.json).toMatchObject({ scenario: 'empty', clock: { speed: 0 } });
    expect((await t.call('GET', clustersPath)).json).toMatchObject({ items: [] });

    const demo = await control(t, 'POST', '/reset', '');
    expect(demo.json).toMatchObject({ scenario: 'demo' });
    expect(((await t.call('GET', clustersPath)).json as { items: unknown[] }).items.length).toBeGreaterThan(0);

    const unknown = await control(t, 'POST', '/reset', { scenario: 'chaos' });
    expect(unknown.status).toBe(400);
    expect(messageOf(unknown.json)).toContain('scenario must be one of demo, empty');
    expect((await control(t, 'POST', '/reset', { scenario: 'empty', sped: 1 })).status).toBe(400);
    expect((await control(t, 'POST', '/reset', '{not json')).status).toBe(400);
    expect(t.emulator.state.scenario).toBe('demo');
  });

  it('advance moves the frozen clock by exactly the amount asked; speed changes how it runs', async () => {
    const t = createTestEmulator({ control: true });
    const before = (await control(t, 'GET', '/clock')).json?.clock as { now: number; speed: number };
    expect(before.speed).toBe(0);
    const after = await control(t, 'POST', '/clock', { advanceMs: 90_000 });
    expect((after.json?.clock as { now: number }).now).toBe(before.now + 90_000);
    expect(t.emulator.clock.now()).toBe(before.now + 90_000);

    const sped = await control(t, 'POST', '/clock', { speed: 60 });
    expect((sped.json?.clock as { speed: number }).speed).toBe(60);

    const negative = await control(t, 'POST', '/clock', { advanceMs: -1 });
    expect(negative.status).toBe(400);
    expect(messageOf(negative.json)).toContain('advanceMs');
    expect((await control(t, 'POST', '/clock', { advanceMs: '5' })).status).toBe(400);
  });

  it('settings: GET reads them, PUT merges a validated patch (durations field by field) and keeps the rest', async () => {
    const t = createTestEmulator({ control: true });
    expect((await control(t, 'GET', '/settings')).json).toEqual({ settings: defaultSettings() });

    const put = await control(t, 'PUT', '/settings', { clusterQuota: 7, durations: { clusterCreate: 1000 } });
    expect(put.status).toBe(200);
    const expected = defaultSettings();
    expected.clusterQuota = 7;
    expected.durations.clusterCreate = 1000;
    expect(put.json).toEqual({ settings: expected });
    expect(t.emulator.state.settings).toEqual(expected);

    const bad = await control(t, 'PUT', '/settings', { clusterQuota: -1, durations: { clusterDelete: 5 } });
    expect(bad.status).toBe(400);
    expect(messageOf(bad.json)).toContain('clusterQuota');
    const unknown = await control(t, 'PUT', '/settings', { quota: 3 });
    expect(unknown.status).toBe(400);
    expect(t.emulator.state.settings).toEqual(expected);

    // a reset brings the scenario's defaults back
    await control(t, 'POST', '/reset', { scenario: 'demo' });
    expect(t.emulator.state.settings).toEqual(defaultSettings());
  });

  it('settings written through PUT survive a restart on the same data dir', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'emulator-control-'));
    dirs.push(dir);
    const first = createTestEmulator({ control: true, dataDir: dir });
    await control(first, 'PUT', '/settings', { chartQuota: 3 });
    const second = createTestEmulator({ control: true, dataDir: dir });
    expect(second.emulator.state.settings.chartQuota).toBe(3);
  });
});

describe('fault injection', () => {
  it('errorRate 1 answers 500 CCE.01500001 on the matching path only, after authentication', async () => {
    const t = createTestEmulator({ control: true });
    const added = await control(t, 'POST', '/faults', { pathPattern: `GET ${clustersPath}`, errorRate: 1 });
    expect(added.status).toBe(201);
    expect(added.json?.fault).toMatchObject({ id: expect.any(String), remaining: null });

    const hit = await t.call('GET', clustersPath);
    expect(hit.status).toBe(500);
    expect(hit.json).toMatchObject({ errorCode: 'CCE.01500001' });
    expect(hit.headers.get('x-request-id')).toMatch(/^[0-9a-f]{32}$/);
    // another path, and an unauthenticated call to the same path, are not faulted
    expect((await t.call('GET', `/autopilot/v3/projects/${testProjectId}/quotas`)).status).not.toBe(500);
    expect((await t.emulator.fetch(new Request(`${base}${clustersPath}`))).status).toBe(401);
  });

  it('errorRate 0 never fails; count limits how many requests a fault applies to', async () => {
    const t = createTestEmulator({ control: true });
    await control(t, 'POST', '/faults', { pathPattern: '/autopilot/**', errorRate: 0 });
    for (let i = 0; i < 5; i++) expect((await t.call('GET', clustersPath)).status).toBe(200);

    await control(t, 'DELETE', '/faults');
    await control(t, 'POST', '/faults', { pathPattern: 'GET /autopilot/v3/projects/*/clusters', errorRate: 1, count: 2 });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await t.call('GET', clustersPath)).status);
    expect(statuses).toEqual([500, 500, 200, 200]);
    expect((await control(t, 'GET', '/faults')).json).toEqual({ faults: [] });
  });

  it('status429 answers 429 CCE.02429001 with Retry-After', async () => {
    const t = createTestEmulator({ control: true });
    await control(t, 'POST', '/faults', { pathPattern: '/^(GET|PUT) \\/autopilot\\/v3\\/projects\\/[0-9a-f]+\\/clusters$/', status429: { retryAfterSeconds: 7 } });
    const res = await t.call('GET', clustersPath);
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('7');
    expect(res.json).toMatchObject({ errorCode: 'CCE.02429001' });
    // a regex is matched against "METHOD /path": POST is not in it
    expect((await t.call('POST', clustersPath, { body: {} })).status).not.toBe(429);
  });

  it('latencyMs delays the answer by at least that long', async () => {
    const t = createTestEmulator({ control: true });
    await control(t, 'POST', '/faults', { pathPattern: `GET ${clustersPath}`, latencyMs: 120, count: 1 });
    const started = performance.now();
    expect((await t.call('GET', clustersPath)).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(115);
  });

  it('a fault refuses a write before the handler: the state is not touched', async () => {
    const t = createTestEmulator({ control: true });
    const before = structuredClone(t.emulator.state);
    await control(t, 'POST', '/faults', { pathPattern: `POST ${clustersPath}`, errorRate: 1 });
    const res = await t.call('POST', clustersPath, {
      body: { kind: 'Cluster', apiVersion: 'v3', metadata: { name: 'never-made' }, spec: {} },
    });
    expect(res.status).toBe(500);
    expect(t.emulator.state).toEqual(before);
  });

  it('an error rate between 0 and 1 follows a seeded sequence: the same seed gives the same answers', async () => {
    async function run(seed: number) {
      const t = createTestEmulator({ control: true });
      await control(t, 'POST', '/faults', { pathPattern: `GET ${clustersPath}`, errorRate: 0.5, seed });
      const out: number[] = [];
      for (let i = 0; i < 16; i++) out.push((await t.call('GET', clustersPath)).status);
      return out;
    }
    const a = await run(42);
    expect(await run(42)).toEqual(a);
    expect(a).toContain(500);
    expect(a).toContain(200);
  });

  it('DELETE /faults/{id} removes one fault; a reset clears them all', async () => {
    const t = createTestEmulator({ control: true });
    const one = (await control(t, 'POST', '/faults', { pathPattern: '/autopilot/**', errorRate: 1 })).json?.fault as { id: string };
    await control(t, 'POST', '/faults', { pathPattern: '/nothing', latencyMs: 1 });
    expect((await control(t, 'DELETE', `/faults/${one.id}`)).status).toBe(204);
    expect((await control(t, 'DELETE', `/faults/${one.id}`)).status).toBe(404);
    expect(((await control(t, 'GET', '/faults')).json?.faults as unknown[]).length).toBe(1);
    await control(t, 'POST', '/reset', { scenario: 'demo' });
    expect((await control(t, 'GET', '/faults')).json).toEqual({ faults: [] });
  });

  it.each([
    [{ pathPattern: '/autopilot/**' }, 'latencyMs, errorRate or status429'],
    [{ pathPattern: '/(unclosed/', errorRate: 1 }, 'regular expression'],
    [{ pathPattern: '/x', errorRate: 1.5 }, 'errorRate must be between 0 and 1'],
    [{ pathPattern: '/x', errorRate: 1, count: 0 }, 'count must be at least 1'],
    [{ pathPattern: '', errorRate: 1 }, 'pathPattern must not be empty'],
    [{ pathPattern: '/x', status429: {} }, 'status429.retryAfterSeconds'],
  ])('refuses the fault %j with 400 saying why', async (body, message) => {
    const t = createTestEmulator({ control: true });
    const res = await control(t, 'POST', '/faults', body);
    expect(res.status).toBe(400);
    expect(messageOf(res.json)).toContain(message);
    expect((await control(t, 'GET', '/faults')).json).toEqual({ faults: [] });
  });
});

describe('path patterns', () => {
  it.each([
    ['GET /a/*/c', 'GET /a/b/c', true],
    ['GET /a/*/c', 'GET /a/b/x/c', false],
    ['GET /a/**', 'GET /a/b/x/c', true],
    ['* /a/b', 'DELETE /a/b', true],
    ['/a/b', 'PUT /a/b', true],
    ['POST /a/b', 'GET /a/b', false],
    ['GET /a/b?', 'GET /a/bc', true],
    ['GET /a.b', 'GET /axb', false],
    ['/^GET \\/a\\/\\d+$/', 'GET /a/12', true],
    ['/^get /i', 'GET /anything', true],
  ])('%s matches %s: %s', (pattern, target, expected) => {
    expect(compilePathPattern(pattern).test(target)).toBe(expected);
  });

  it('several matching faults add their latencies and the first refusal wins', () => {
    const table = createFaultTable();
    table.add({ pathPattern: '/a', latencyMs: 10 });
    table.add({ pathPattern: '/a', latencyMs: 5, status429: { retryAfterSeconds: 1 } });
    table.add({ pathPattern: '/a', errorRate: 1 });
    const decision = table.decide('GET', '/a');
    expect(decision.latencyMs).toBe(15);
    expect(decision.refusal?.status).toBe(429);
    expect(table.list().map((f) => f.matched)).toEqual([1, 1, 1]);
  });
});
