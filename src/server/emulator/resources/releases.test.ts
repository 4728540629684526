import { describe, expect, it } from 'vitest';
import { operations } from '../../../contract/operations.ts';
import { defaultSettings } from '../settings.ts';
import { emptyState, projectOf } from '../state.ts';
import { createTestEmulator, type TestEmulator } from '../test-client.ts';
import {
  advanceRelease,
  coalesceValues,
  reconcileReleases,
  releaseFullname,
  renderResources,
  type ReleaseRevision,
  type StoredRelease,
} from './releases.ts';

const durations = defaultSettings().durations;
const cst = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/;

type ReleaseJson = {
  name: string;
  namespace: string;
  status: string;
  status_description?: string;
  description?: string;
  version: number;
  values: string;
  parameters: string;
  resources: string;
  chart_version: string;
  chart_name: string;
  cluster_name: string;
  [key: string]: unknown;
};
type ChartJson = { id: string; name: string; version: string };

/** The demo scenario: prod-payments is Available and carries payments-gateway (nginx 1.2.0 → 1.3.0). */
async function demo() {
  const t = createTestEmulator();
  const clusters = t.emulator.state.projects[t.projectId]!.clusters;
  const clusterId = Object.keys(clusters).find((id) => clusters[id]!.metadata.name === 'prod-payments')!;
  const charts = (await t.call('GET', '/autopilot/v2/charts')).json as ChartJson[];
  const chart = (name: string, version: string) => charts.find((c) => c.name === name && c.version === version)!;
  const base = `/autopilot/cam/v3/clusters/${clusterId}`;
  const path = (namespace: string, name: string) => `${base}/namespace/${namespace}/releases/${name}`;
  return { t, clusterId, chart, base, path };
}

function parsed<K extends keyof typeof operations>(id: K, json: unknown) {
  const result = operations[id].response.safeParse(json);
  expect(result.error).toBeUndefined();
  return json as ReleaseJson;
}

async function install(t: TestEmulator, base: string, body: Record<string, unknown>) {
  const res = await t.call('POST', `${base}/releases`, { body });
  return { status: res.status, json: res.json as ReleaseJson };
}

const resourcesOf = (release: ReleaseJson) => (release.resources ? (JSON.parse(release.resources) as Record<string, Array<{ name: string }>>) : {});

describe('createRelease (4.6.4): PENDING_INSTALL → DEPLOYED on the driven clock', () => {
  it('installs a chart with values, then deploys it with the objects its templates declare', async () => {
    const { t, chart, base, path } = await demo();
    const nginx = chart('nginx', '1.2.0');
    const created = await install(t, base, {
      chart_id: nginx.id,
      name: 'web',
      namespace: 'shop',
      version: '1.2.0',
      values: { replicaCount: 4 },
      parameters: { dry_run: false, no_hooks: false },
    });
    expect(created.status).toBe(201);
    expect(parsed('createRelease', created.json)).toEqual({
      chart_name: 'nginx',
      chart_public: false,
      chart_version: '1.2.0',
      cluster_id: expect.any(String),
      cluster_name: 'prod-payments',
      create_at: expect.stringMatching(cst),
      description: 'Initial install underway',
      name: 'web',
      namespace: 'shop',
      parameters: '{"dry_run":false,"no_hooks":false}',
      resources: '',
      status: 'PENDING_INSTALL',
      status_description: 'Initial install underway',
      update_at: expect.stringMatching(cst),
      values: '{"replicaCount":4}',
      version: 1,
    });

    t.advance(durations.releaseInstall - 1);
    expect(((await t.call('GET', path('shop', 'web'))).json as ReleaseJson).status).toBe('PENDING_INSTALL');
    t.advance(1);
    const deployed = parsed('getRelease', (await t.call('GET', path('shop', 'web'))).json);
    expect(deployed).toMatchObject({ status: 'DEPLOYED', status_description: 'Install complete', description: 'Install complete', version: 1 });
    // ingress and autoscaling are off in the chart's values.yaml; the service account is on
    expect(resourcesOf(deployed)).toEqual({
      'apps/v1/Deployment': [{ name: 'web-nginx', namespace: 'shop' }],
      'v1/Service': [{ name: 'web-nginx', namespace: 'shop' }],
      'v1/ServiceAccount': [{ name: 'web-nginx', namespace: 'shop' }],
    });
    const list = (await t.call('GET', `${base}/releases`, { query: { namespace: 'shop' } })).json;
    expect(parsed('listReleases', list)).toEqual([deployed]);
  });

  it('keeps body.description as the description once deployed (Helm --description)', async () => {
    const { t, chart, base, path } = await demo();
    await install(t, base, { chart_id: chart('redis', '7.2.4').id, name: 'cache', namespace: 'shop', version: '7.2.4', values: {}, description: 'session cache' });
    t.advance(durations.releaseInstall);
    const deployed = (await t.call('GET', path('shop', 'cache'))).json as ReleaseJson;
    expect(deployed).toMatchObject({ status: 'DEPLOYED', description: 'session cache', status_description: 'session cache', values: '' });
    expect(resourcesOf(deployed)).toEqual({
      'v1/ConfigMap': [{ name: 'cache-redis-configuration', namespace: 'shop' }],
      'v1/Service': [
        { name: 'cache-redis-headless', namespace: 'shop' },
        { name: 'cache-redis-master', namespace: 'shop' },
      ],
      'apps/v1/StatefulSet': [
        { name: 'cache-redis-master', namespace: 'shop' },
        { name: 'cache-redis-replicas', namespace: 'shop' },
      ],
      'v1/Secret': [{ name: 'cache-redis', namespace: 'shop' }],
    });
  });

  it('validates only with dry_run: the would-be release comes back, nothing is installed', async () => {
    const { t, chart, base, path } = await demo();
    const dry = await install(t, base, {
      chart_id: chart('nginx', '1.3.0').id,
      name: 'preview',
      namespace: 'shop',
      version: '1.3.0',
      values: { ingress: { enabled: true } },
      parameters: { dry_run: true },
    });
    expect(dry.status).toBe(201);
    expect(parsed('createRelease', dry.json)).toMatchObject({ status: 'PENDING_INSTALL', status_description: 'Dry run complete', version: 1 });
    expect(Object.keys(resourcesOf(dry.json))).toContain('networking.k8s.io/v1/Ingress');
    expect((await t.call('GET', path('shop', 'preview'))).status).toBe(404);
    t.advance(durations.releaseInstall);
    expect((await t.call('GET', `${base}/releases`, { query: { namespace: 'shop' } })).json).toEqual([]);
    // a dry run still runs every check
    const conflict = await install(t, base, { chart_id: chart('nginx', '1.3.0').id, name: 'payments-gateway', namespace: 'payments', version: '1.3.0', values: {}, parameters: { dry_run: true } });
    expect(conflict.status).toBe(409);
  });

  it('refuses a name in use, an unknown chart, a version that is not the chart, an unknown or unavailable cluster', async () => {
    const { t, clusterId, chart, base } = await demo();
    const nginx = chart('nginx', '1.2.0');
    const body = { chart_id: nginx.id, name: 'payments-gateway', namespace: 'payments', version: '1.2.0', values: {} };

    const taken = await install(t, base, body);
    expect(taken.status).toBe(409);
    expect(taken.json).toMatchObject({ errorCode: 'CCE.02409001', errorMessage: 'release payments-gateway already exists in namespace payments (DEPLOYED)' });
    // the same name in another namespace is another release
    expect((await install(t, base, { ...body, namespace: 'payments-canary' })).status).toBe(201);

    const unknownChart = await install(t, base, { ...body, name: 'x', chart_id: 'no-such-chart' });
    expect(unknownChart.status).toBe(404);
    expect(unknownChart.json).toMatchObject({ errorCode: 'CCE.02404001', errorMessage: 'chart no-such-chart not found' });

    const wrongVersion = await install(t, base, { ...body, name: 'x', version: '9.9.9' });
    expect(wrongVersion.status).toBe(400);
    expect(wrongVersion.json).toMatchObject({ errorCode: 'CCE.02400001', errorMessage: `version 9.9.9 does not match chart ${nginx.id}, which is nginx 1.2.0` });

    const unknownCluster = await install(t, '/autopilot/cam/v3/clusters/no-such-cluster', { ...body, name: 'x' });
    expect(unknownCluster.status).toBe(404);
    expect(unknownCluster.json).toMatchObject({ errorCode: 'CCE.02404001', errorMessage: 'cluster no-such-cluster not found' });

    const cluster = t.emulator.state.projects[t.projectId]!.clusters[clusterId]!;
    cluster.status!.phase = 'Upgrading';
    const busy = await install(t, base, { ...body, name: 'x' });
    expect(busy.status).toBe(400);
    expect(busy.json).toMatchObject({
      errorCode: 'CCE.02400001',
      errorMessage: 'cluster prod-payments is Upgrading: charts can be installed and changed only on an Available cluster',
    });
  });

  it('refuses what the contract refuses: a Helm-invalid name, a body with cluster_id (400 CCE.01400001)', async () => {
    const { t, chart, base } = await demo();
    const res = await install(t, base, { chart_id: chart('nginx', '1.2.0').id, name: 'Web_1', namespace: 'shop', version: '1.2.0', values: {} });
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ errorCode: 'CCE.01400001', errorMessage: expect.stringContaining('name must contain only lower-case letters') });
    const extra = await install(t, base, { chart_id: chart('nginx', '1.2.0').id, name: 'web', namespace: 'shop', version: '1.2.0', values: {}, cluster_id: 'x' });
    expect(extra.status).toBe(400);
  });
});

describe('updateRelease (4.6.7, seed 004): upgrade and rollback make new revisions', () => {
  it('upgrades: PENDING_UPGRADE → DEPLOYED with a new revision; the replaced one is superseded', async () => {
    const { t, chart, base, path } = await demo();
    const next = chart('nginx', '1.3.0');
    await install(t, base, { chart_id: chart('nginx', '1.2.0').id, name: 'web', namespace: 'shop', version: '1.2.0', values: { replicaCount: 2 } });
    t.advance(durations.releaseInstall);

    const upgrade = await t.call('PUT', path('shop', 'web'), {
      body: { chart_id: next.id, action: 'upgrade', parameters: { dry_run: false }, values: { replicaCount: 3, ingress: { enabled: true } } },
    });
    expect(upgrade.status).toBe(200);
    expect(parsed('updateRelease', upgrade.json)).toMatchObject({
      status: 'PENDING_UPGRADE',
      status_description: 'Preparing upgrade',
      version: 2,
      chart_version: '1.3.0',
      values: '{"replicaCount":3,"ingress":{"enabled":true}}',
    });

    // one operation at a time
    const locked = await t.call('PUT', path('shop', 'web'), { body: { chart_id: next.id, action: 'rollback', parameters: {}, values: {} } });
    expect(locked.status).toBe(429);
    expect(locked.json).toMatchObject({ errorCode: 'CCE.01429002', errorMessage: 'release web is PENDING_UPGRADE: another operation is in progress, try again when it ends' });

    t.advance(durations.releaseUpgrade);
    const upgraded = (await t.call('GET', path('shop', 'web'))).json as ReleaseJson;
    expect(upgraded).toMatchObject({ status: 'DEPLOYED', status_description: 'Upgrade complete', version: 2, chart_version: '1.3.0' });
    expect(resourcesOf(upgraded)['networking.k8s.io/v1/Ingress']).toEqual([{ name: 'web-nginx', namespace: 'shop' }]);

    const history = parsed('getReleaseHistory', (await t.call('GET', `${path('shop', 'web')}/history`)).json) as unknown as ReleaseJson[];
    expect(history.map((r) => [r.version, r.status, r.chart_version, r.values])).toEqual([
      [1, 'SUPERSEDED', '1.2.0', '{"replicaCount":2}'],
      [2, 'DEPLOYED', '1.3.0', '{"replicaCount":3,"ingress":{"enabled":true}}'],
    ]);
  });

  it('keeps the current values when an upgrade sends none, and drops them with reset_values', async () => {
    const { t, chart, path } = await demo();
    const next = chart('nginx', '1.3.0');
    const upgrade = (parameters: Record<string, unknown>) =>
      t.call('PUT', path('payments', 'payments-gateway'), { body: { chart_id: next.id, action: 'upgrade', parameters, values: {} } });

    const reused = (await upgrade({})).json as ReleaseJson;
    expect(reused.version).toBe(3);
    expect(JSON.parse(reused.values)).toMatchObject({ replicaCount: 3, ingress: { enabled: true } });
    t.advance(durations.releaseUpgrade);

    const reset = (await upgrade({ reset_values: true })).json as ReleaseJson;
    expect(reset).toMatchObject({ version: 4, values: '' });
    t.advance(durations.releaseUpgrade);
    const deployed = (await t.call('GET', path('payments', 'payments-gateway'))).json as ReleaseJson;
    // back to the chart's defaults: no ingress
    expect(Object.keys(resourcesOf(deployed))).toEqual(['apps/v1/Deployment', 'v1/Service', 'v1/ServiceAccount']);
  });

  it('rolls back to the previous revision by default: PENDING_ROLLBACK → DEPLOYED, a new revision with the old values', async () => {
    const { t, chart, path } = await demo();
    const gateway = path('payments', 'payments-gateway');
    const before = (await t.call('GET', `${gateway}/history`)).json as ReleaseJson[];
    expect(before.map((r) => [r.version, r.status])).toEqual([
      [1, 'SUPERSEDED'],
      [2, 'DEPLOYED'],
    ]);

    const rollback = await t.call('PUT', gateway, { body: { chart_id: chart('nginx', '1.3.0').id, action: 'rollback', parameters: {}, values: {} } });
    expect(rollback.status).toBe(200);
    expect(parsed('updateRelease', rollback.json)).toMatchObject({
      status: 'PENDING_ROLLBACK',
      status_description: 'Rollback to 1',
      version: 3,
      chart_version: '1.2.0',
      values: before[0]!.values,
    });
    t.advance(durations.releaseUpgrade - 1);
    expect(((await t.call('GET', gateway)).json as ReleaseJson).status).toBe('PENDING_ROLLBACK');
    t.advance(1);
    const after = (await t.call('GET', `${gateway}/history`)).json as ReleaseJson[];
    expect(after.map((r) => [r.version, r.status, r.chart_version, r.status_description])).toEqual([
      [1, 'SUPERSEDED', '1.2.0', 'Install complete'],
      [2, 'SUPERSEDED', '1.3.0', 'Upgrade complete'],
      [3, 'DEPLOYED', '1.2.0', 'Rollback to 1'],
    ]);
    expect(after[2]!.values).toBe(after[0]!.values);
    expect(after[2]!.resources).toBe(after[0]!.resources);
    expect(Object.keys(resourcesOf(after[2]!))).not.toContain('networking.k8s.io/v1/Ingress');
  });

  it('rolls back to parameters.release_version, and refuses a revision that does not exist', async () => {
    const { t, chart, path } = await demo();
    const gateway = path('payments', 'payments-gateway');
    const body = (parameters: Record<string, unknown>) => ({ body: { chart_id: chart('nginx', '1.3.0').id, action: 'rollback', parameters, values: {} } });

    const missing = await t.call('PUT', gateway, body({ release_version: 7 }));
    expect(missing.status).toBe(400);
    expect(missing.json).toMatchObject({ errorCode: 'CCE.02400001', errorMessage: 'release payments-gateway has no revision 7; its revisions are 1, 2' });

    expect(((await t.call('PUT', gateway, body({ release_version: 1 }))).json as ReleaseJson).version).toBe(3);
    t.advance(durations.releaseUpgrade);
    const back = (await t.call('PUT', gateway, body({ release_version: 2 }))).json as ReleaseJson;
    expect(back).toMatchObject({ version: 4, chart_version: '1.3.0', status_description: 'Rollback to 2' });
  });

  it('has nothing to roll back to on a first revision; a dry run changes nothing', async () => {
    const { t, chart, base, path } = await demo();
    const nginx = chart('nginx', '1.2.0');
    await install(t, base, { chart_id: nginx.id, name: 'web', namespace: 'shop', version: '1.2.0', values: {} });
    t.advance(durations.releaseInstall);
    const nothing = await t.call('PUT', path('shop', 'web'), { body: { chart_id: nginx.id, action: 'rollback', parameters: {}, values: {} } });
    expect(nothing.status).toBe(400);
    expect(nothing.json).toMatchObject({ errorMessage: 'release web has no previous revision to roll back to' });

    const dry = await t.call('PUT', path('shop', 'web'), {
      body: { chart_id: chart('nginx', '1.3.0').id, action: 'upgrade', parameters: { dry_run: true }, values: { replicaCount: 9 } },
    });
    expect(dry.json).toMatchObject({ status: 'PENDING_UPGRADE', status_description: 'Dry run complete', version: 2, chart_version: '1.3.0' });
    const history = (await t.call('GET', `${path('shop', 'web')}/history`)).json as ReleaseJson[];
    expect(history.map((r) => [r.version, r.status, r.chart_version])).toEqual([[1, 'DEPLOYED', '1.2.0']]);
  });

  it('refuses an unknown release (404 CCE.02404001)', async () => {
    const { t, chart, path } = await demo();
    const res = await t.call('PUT', path('payments', 'nope'), { body: { chart_id: chart('nginx', '1.3.0').id, action: 'upgrade', parameters: {}, values: {} } });
    expect(res.status).toBe(404);
    expect(res.json).toMatchObject({ errorCode: 'CCE.02404001', errorMessage: expect.stringMatching(/^release nope not found in namespace payments of cluster /) });
  });
});

describe('failures (settings.releaseFailures) and parameters.replace', () => {
  it('ends an install FAILED with the reason; the name is re-used only with replace, continuing the history', async () => {
    const { t, chart, base, path } = await demo();
    const nginx = chart('nginx', '1.2.0');
    t.emulator.state.settings.releaseFailures = { nginx: 'timed out waiting for the condition' };
    const body = { chart_id: nginx.id, name: 'web', namespace: 'shop', version: '1.2.0', values: {} };
    await install(t, base, body);
    t.advance(durations.releaseInstall);
    expect((await t.call('GET', path('shop', 'web'))).json).toMatchObject({
      status: 'FAILED',
      status_description: 'Release "web" failed: timed out waiting for the condition',
      resources: '',
    });
    // the injected failure is used once
    expect(t.emulator.state.settings.releaseFailures).toEqual({});

    const again = await install(t, base, body);
    expect(again.status).toBe(409);
    expect(again.json).toMatchObject({ errorMessage: 'release web already exists in namespace shop (FAILED); set parameters.replace to re-use the name' });

    const replaced = await install(t, base, { ...body, parameters: { replace: true } });
    expect(replaced.status).toBe(201);
    expect(replaced.json).toMatchObject({ status: 'PENDING_INSTALL', version: 2 });
    t.advance(durations.releaseInstall);
    const history = (await t.call('GET', `${path('shop', 'web')}/history`)).json as ReleaseJson[];
    expect(history.map((r) => [r.version, r.status])).toEqual([
      [1, 'SUPERSEDED'],
      [2, 'DEPLOYED'],
    ]);
  });

  it('keeps the deployed revision when an upgrade fails', async () => {
    const { t, chart, path } = await demo();
    t.emulator.state.settings.releaseFailures = { nginx: 'ImagePullBackOff' };
    await t.call('PUT', path('payments', 'payments-gateway'), { body: { chart_id: chart('nginx', '1.3.0').id, action: 'upgrade', parameters: {}, values: { replicaCount: 5 } } });
    t.advance(durations.releaseUpgrade);
    const history = (await t.call('GET', `${path('payments', 'payments-gateway')}/history`)).json as ReleaseJson[];
    expect(history.map((r) => [r.version, r.status])).toEqual([
      [1, 'SUPERSEDED'],
      [2, 'DEPLOYED'],
      [3, 'FAILED'],
    ]);
  });
});

describe('deleteRelease (4.6.9): DELETING, then gone', () => {
  it('answers the release in DELETING (hold-13), shows it while deleting, and 404 afterwards', async () => {
    const { t, base, path } = await demo();
    const gateway = path('payments', 'payments-gateway');
    const deleted = await t.call('DELETE', gateway);
    expect(deleted.status).toBe(200);
    const body = deleted.json as ReleaseJson;
    expect(body).toMatchObject({ name: 'payments-gateway', status: 'DELETING', version: 2 });
    expect(body).not.toHaveProperty('description');
    expect(body).not.toHaveProperty('status_description');
    expect(operations.deleteRelease.response.parse(body).release?.status).toBe('DELETING');

    t.advance(durations.releaseDelete - 1);
    expect((await t.call('GET', gateway)).json).toMatchObject({ status: 'DELETING', status_description: 'Deletion in progress (or silently failing)' });
    // a second delete changes nothing
    expect(((await t.call('DELETE', gateway)).json as ReleaseJson).status).toBe('DELETING');
    t.advance(1);
    const gone = await t.call('GET', gateway);
    expect(gone.status).toBe(404);
    expect(gone.json).toMatchObject({ errorCode: 'CCE.02404001' });
    expect((await t.call('GET', `${gateway}/history`)).status).toBe(404);
    expect((await t.call('GET', `${base}/releases`)).json).toEqual([]);
    expect((await t.call('DELETE', gateway)).status).toBe(404);
  });

  it('frees the chart: it can be deleted once its release is gone', async () => {
    const { t, chart, path } = await demo();
    await t.call('DELETE', path('payments', 'payments-gateway'));
    const id = chart('nginx', '1.3.0').id;
    expect((await t.call('DELETE', `/autopilot/v2/charts/${id}`)).status).toBe(400);
    t.advance(durations.releaseDelete);
    expect((await t.call('DELETE', `/autopilot/v2/charts/${id}`)).status).toBe(200);
  });
});

describe('listReleases (4.6.3)', () => {
  it('lists the releases of a cluster, filtered by namespace and chart_id', async () => {
    const { t, chart, base } = await demo();
    await install(t, base, { chart_id: chart('redis', '7.2.4').id, name: 'cache', namespace: 'payments', version: '7.2.4', values: {} });
    const all = (await t.call('GET', `${base}/releases`)).json as ReleaseJson[];
    expect(all.map((r) => `${r.namespace}/${r.name}`)).toEqual(['payments/cache', 'payments/payments-gateway']);
    const byChart = (await t.call('GET', `${base}/releases`, { query: { chart_id: chart('redis', '7.2.4').id } })).json as ReleaseJson[];
    expect(byChart.map((r) => r.name)).toEqual(['cache']);
    // the filter is on the chart of the current revision
    expect((await t.call('GET', `${base}/releases`, { query: { chart_id: chart('nginx', '1.2.0').id } })).json).toEqual([]);
    expect((await t.call('GET', `${base}/releases`, { query: { namespace: 'default' } })).json).toEqual([]);
    expect((await t.call('GET', '/autopilot/cam/v3/clusters/no-such-cluster/releases')).status).toBe(404);
  });

  it('shows the seeded release in the documented shape', async () => {
    const { t, base } = await demo();
    const [release] = parsed('listReleases', (await t.call('GET', `${base}/releases`)).json) as unknown as ReleaseJson[];
    expect(release).toMatchObject({
      chart_name: 'nginx',
      chart_version: '1.3.0',
      cluster_name: 'prod-payments',
      name: 'payments-gateway',
      namespace: 'payments',
      status: 'DEPLOYED',
      status_description: 'Upgrade complete',
      version: 2,
      parameters: '',
    });
    expect(resourcesOf(release!)['networking.k8s.io/v1/Ingress']).toEqual([{ name: 'payments-gateway-nginx', namespace: 'payments' }]);
  });
});

describe('pure parts', () => {
  const revision = (overrides: Partial<ReleaseRevision>): ReleaseRevision => ({
    version: 1,
    operation: 'install',
    chartId: 'c1',
    chartName: 'web',
    chartVersion: '1.0.0',
    values: {},
    parameters: {},
    resources: {},
    status: 'PENDING_INSTALL',
    statusDescription: 'Initial install underway',
    customDescription: '',
    createdAt: 0,
    updatedAt: 0,
    pending: { until: 100, failure: null },
    ...overrides,
  });
  const release = (revisions: ReleaseRevision[]): StoredRelease => ({ name: 'web', namespace: 'shop', clusterId: 'k1', createdAt: 0, revisions });

  it('advanceRelease settles a due transition at its own time and leaves the input untouched', () => {
    const pending = release([revision({})]);
    expect(advanceRelease(pending, 99)).toBe(pending);
    const done = advanceRelease(pending, 500);
    expect(done?.revisions[0]).toMatchObject({ status: 'DEPLOYED', statusDescription: 'Install complete', updatedAt: 100, pending: null });
    expect(pending.revisions[0]?.status).toBe('PENDING_INSTALL');
    expect(advanceRelease(release([revision({ status: 'DELETING' })]), 100)).toBeNull();
  });

  it('reconcileReleases drops the releases of a cluster that no longer exists', () => {
    const state = emptyState('test');
    const project = projectOf(state, 'p1');
    project.charts.releases.k1 = { 'shop/web': release([revision({ status: 'DEPLOYED', pending: null })]) };
    expect(reconcileReleases({ state, now: 0, region: 'r' })).toBe(true);
    expect(project.charts.releases).toEqual({});
    expect(reconcileReleases({ state, now: 0, region: 'r' })).toBe(false);
  });

  it('coalesces values like Helm and names objects like the helm create helpers', () => {
    expect(coalesceValues({ a: { b: 1, c: 2 }, d: 1, e: [1] }, { a: { c: 3 }, d: null, e: [] })).toEqual({ a: { b: 1, c: 3 }, e: [] });
    expect(releaseFullname('web', 'nginx', {})).toBe('web-nginx');
    expect(releaseFullname('nginx-prod', 'nginx', {})).toBe('nginx-prod');
    expect(releaseFullname('web', 'nginx', { nameOverride: 'proxy' })).toBe('web-proxy');
    expect(releaseFullname('web', 'nginx', { fullnameOverride: 'edge' })).toBe('edge');
    expect(releaseFullname('a'.repeat(60), 'nginx', {})).toBe('a'.repeat(60).concat('-ng'));
    const chart = {
      name: 'db',
      values: { auth: { existingSecret: '' } },
      manifests: [
        { template: 't', apiVersion: 'v1', kind: 'Secret', literalName: null, nameSuffix: '-auth', condition: { path: ['auth', 'existingSecret'], negate: true } },
        { template: 't', apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', literalName: 'db-reader', nameSuffix: '', condition: null },
      ],
    };
    expect(renderResources(chart, {}, 'main', 'data')).toEqual({
      'v1/Secret': [{ name: 'main-db-auth', namespace: 'data' }],
      'rbac.authorization.k8s.io/v1/ClusterRole': [{ name: 'db-reader' }],
    });
    expect(renderResources(chart, { auth: { existingSecret: 'mine' } }, 'main', 'data')).toEqual({
      'rbac.authorization.k8s.io/v1/ClusterRole': [{ name: 'db-reader' }],
    });
  });
});
