import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { passwordTokenRequest } from '../../contract/iam.ts';
import { operations } from '../../contract/operations.ts';
import { requestIdHeader } from './app.ts';
import { defaultIamIdentity } from './iam.ts';
import { stateFileName } from './persistence.ts';
import type { EmulatorState } from './state.ts';
import { createTestEmulator, testProjectId } from './test-client.ts';

const base = 'http://cce.emulator.test';
const clustersPath = `/autopilot/v3/projects/${testProjectId}/clusters`;
type Cluster = { metadata: { uid: string; name: string }; status: { phase: string } };

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function demoClusters() {
  const t = createTestEmulator();
  const list = ((await t.call('GET', clustersPath)).json as { items: Cluster[] }).items;
  return { t, list, available: list.filter((c) => c.status.phase === 'Available') };
}

describe('emulator routing and answers', () => {
  it('names the request id header like Huawei Cloud and echoes the id in error bodies', async () => {
    expect(requestIdHeader).toBe('X-Request-Id');
    const t = createTestEmulator();
    const ok = await t.call('GET', clustersPath);
    expect(ok.headers.get('x-request-id')).toMatch(/^[0-9a-f]{32}$/);
    const missing = await t.call('GET', '/autopilot/v3/nothing-here');
    expect(missing.status).toBe(404);
    expect(missing.json).toMatchObject({ error_code: 'APIGW.0101', request_id: missing.headers.get('x-request-id') });
    expect(missing.headers.get('x-request-id')).not.toBe(ok.headers.get('x-request-id'));
  });

  it('answers a path of the table with a method it does not have with 404', async () => {
    const t = createTestEmulator();
    expect((await t.call('PATCH', clustersPath, { body: {} })).status).toBe(404);
  });

  it('validates the query with the operation schema: 400 CCE.01400001 naming the field', async () => {
    const t = createTestEmulator();
    const res = await t.call('GET', clustersPath, { query: { status: 'Sleeping' } });
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ errorCode: 'CCE.01400001', errorMessage: expect.stringContaining('status') });
  });

  it('refuses a JSON operation sent another content type with CCE.01400006, and broken JSON with CCE.01400001', async () => {
    const { t, available } = await demoClusters();
    const path = `${clustersPath}/${available[0]!.metadata.uid}`;
    const yaml = await t.call('PUT', path, { body: 'spec: {}', headers: { 'content-type': 'application/yaml' } });
    expect(yaml.status).toBe(400);
    expect(yaml.json).toMatchObject({ errorCode: 'CCE.01400006' });
    const broken = await t.call('PUT', path, { body: '{"spec":' });
    expect(broken.status).toBe(400);
    expect(broken.json).toMatchObject({ errorCode: 'CCE.01400001', errorMessage: expect.stringContaining('not valid JSON') });
  });

  it('answers every operation of the contract with something other than 501 (every one has a handler)', async () => {
    const { handlers } = await import('./registry.ts');
    const missing = Object.keys(operations).filter((id) => !(id in handlers));
    expect(missing).toEqual([]);
  });

  it('serves POST /v3/auth/tokens without a signature; other methods on it are not an API', async () => {
    const t = createTestEmulator();
    const login = await t.emulator.fetch(
      new Request(`${base}/v3/auth/tokens`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(passwordTokenRequest({ ...defaultIamIdentity, project: { id: testProjectId } })),
      }),
    );
    expect(login.status).toBe(201);
    expect((await t.emulator.fetch(new Request(`${base}/v3/auth/tokens`))).status).toBe(404);
  });

  it('applies a fault on the IAM path too: no token is issued', async () => {
    const t = createTestEmulator({ control: true });
    t.emulator.faults.add({ pathPattern: 'POST /v3/auth/tokens', errorRate: 1 });
    const login = await t.emulator.fetch(
      new Request(`${base}/v3/auth/tokens`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(passwordTokenRequest({ ...defaultIamIdentity, project: { id: testProjectId } })),
      }),
    );
    expect(login.status).toBe(500);
    expect(t.emulator.tokens.size).toBe(0);
  });

  it('has no control endpoints unless asked for', async () => {
    const t = createTestEmulator();
    const res = await t.emulator.fetch(new Request(`${base}/__emulator/clock`));
    expect(res.status).toBe(404);
  });

  it('runs concurrent writes one after another: none is lost', async () => {
    const { t, available } = await demoClusters();
    const uid = available[0]!.metadata.uid;
    const keys = Array.from({ length: 8 }, (_, i) => `concurrent-${i}`);
    const answers = await Promise.all(
      keys.map((key) => t.call('POST', `${clustersPath}/${uid}/tags/create`, { body: { tags: [{ key, value: 'v' }] } })),
    );
    expect(answers.map((a) => a.status)).toEqual(keys.map(() => 204));
    const tags = t.emulator.state.projects[testProjectId]?.clusters[uid]?.spec.clusterTags ?? [];
    expect(keys.every((key) => tags.some((tag) => tag.key === key))).toBe(true);
  });

  it('persists what the state machines did on their own (a read after the clock moved), not only writes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'emulator-app-'));
    dirs.push(dir);
    const t = createTestEmulator({ dataDir: dir });
    const creating = ((await t.call('GET', clustersPath)).json as { items: Cluster[] }).items.find((c) => c.status.phase === 'Creating');
    expect(creating).toBeDefined();
    t.advance(24 * 3600_000);
    const after = (await t.call('GET', `${clustersPath}/${creating!.metadata.uid}`)).json as Cluster;
    expect(after.status.phase).not.toBe('Creating');
    const onDisk = JSON.parse(readFileSync(join(dir, stateFileName), 'utf8')) as EmulatorState;
    expect(onDisk.projects[testProjectId]?.clusters[creating!.metadata.uid]?.status?.phase).toBe(after.status.phase);
  });
});
