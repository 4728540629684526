// The add-on operations of the emulator (seed 4.2.1-4.2.7, 000/001 rollback, 002 update) end to end: signed requests,
// the contract's response schemas, and the state machine driven by the virtual clock.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  addonFlavorsOf,
  addonInstallAnnotations,
  addonOperations,
  addonUpgradeAnnotations,
  type AddonInstanceStatusValue,
} from '../../../contract/addons.ts';
import { clusterSchema, type ClusterPhase } from '../../../contract/clusters.ts';
import { createTestEmulator, type TestEmulator } from '../test-client.ts';
import {
  addonInstallProblem,
  addonInstancesOfCluster,
  installAddonForCluster,
  removeAddonsOfCluster,
  setAddonInstanceVersion,
  type AddonInstanceRecord,
} from './addons.ts';

const ADDONS = '/autopilot/v3/addons';
const TEMPLATES = '/autopilot/v3/addontemplates';
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

// ---------------------------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------------------------

/** A cluster as the service stores it, put straight into the emulator's state (the add-on tests own no cluster API). */
function addCluster(t: TestEmulator, name: string, version: string, phase: ClusterPhase = 'Available'): string {
  const uid = randomUUID();
  const cluster = clusterSchema.parse({
    kind: 'Cluster',
    apiVersion: 'v3',
    metadata: { name, uid, creationTimestamp: '2025-01-02 03:04:05.000000 +0000 UTC', annotations: {}, labels: {} },
    spec: {
      category: 'Turbo',
      type: 'VirtualMachine',
      flavor: 'cce.autopilot.cluster',
      version,
      platformVersion: 'cce.3.0',
      containerNetwork: { mode: 'eni' },
      az: 'cn-north-4a',
    },
    status: { phase },
  });
  const project = t.emulator.state.projects[t.projectId];
  if (!project) throw new Error('the test project is missing');
  project.clusters[uid] = cluster;
  return uid;
}

function setup() {
  const t = createTestEmulator({ scenario: 'empty' });
  const v128 = addCluster(t, 'portal-128', 'v1.28');
  const v131 = addCluster(t, 'payments-131', 'v1.31');
  const durations = t.emulator.state.settings.durations;
  return { t, v128, v131, durations };
}

function stored(t: TestEmulator, id: string): AddonInstanceRecord {
  const instance = t.emulator.state.projects[t.projectId]?.addons.instances[id];
  if (!instance) throw new Error(`instance ${id} is not stored`);
  return instance;
}

function installBody(clusterID: string, addonTemplateName: string, spec: Record<string, unknown> = {}) {
  return {
    kind: 'Addon',
    apiVersion: 'v3',
    metadata: { annotations: addonInstallAnnotations },
    spec: { clusterID, addonTemplateName, values: {}, ...spec },
  };
}

function upgradeBody(clusterID: string, addonTemplateName: string, version: string, values: Record<string, unknown> = {}) {
  return {
    kind: 'Addon',
    apiVersion: 'v3',
    metadata: { annotations: addonUpgradeAnnotations },
    spec: { clusterID, addonTemplateName, version, values },
  };
}

async function install(t: TestEmulator, clusterID: string, name: string, spec: Record<string, unknown> = {}) {
  const res = await t.call('POST', ADDONS, { body: installBody(clusterID, name, spec) });
  expect(res.status, res.text).toBe(201);
  return addonOperations.createAddonInstance.response.parse(res.json);
}

async function get(t: TestEmulator, id: string) {
  const res = await t.call('GET', `${ADDONS}/${id}`);
  expect(res.status, res.text).toBe(200);
  return addonOperations.getAddonInstance.response.parse(res.json);
}

async function upgrade(t: TestEmulator, clusterID: string, id: string, name: string, version: string, values: Record<string, unknown> = {}) {
  return t.call('PUT', `${ADDONS}/${id}`, { body: upgradeBody(clusterID, name, version, values) });
}

async function rollback(t: TestEmulator, clusterID: string, id: string) {
  return t.call('POST', `${ADDONS}/${id}/operation/rollback`, { body: { clusterID } });
}

/** Installed on `from`, upgraded to `to`, running and rollbackable. */
async function upgradedInstance(ctx: ReturnType<typeof setup>, from: string, to: string, values: Record<string, unknown> = {}) {
  const { t, v128, durations } = ctx;
  const installed = await install(t, v128, 'coredns', { version: from });
  const id = installed.metadata.uid ?? '';
  t.advance(durations.addonInstall);
  const res = await upgrade(t, v128, id, 'coredns', to, values);
  expect(res.status, res.text).toBe(200);
  t.advance(durations.addonUpgrade);
  const after = await get(t, id);
  expect(after.status).toMatchObject({ status: 'running', isRollbackable: true, previousVersion: from });
  return id;
}

function expectError(res: { status: number; json: unknown; text: string }, status: number, code: string, message?: RegExp) {
  expect(res.status, res.text).toBe(status);
  expect(res.json).toMatchObject({ errorCode: code });
  if (message) expect((res.json as { errorMessage: string }).errorMessage).toMatch(message);
}

// ---------------------------------------------------------------------------------------------------------------
// 4.2.2 templates
// ---------------------------------------------------------------------------------------------------------------

describe('listAddonTemplates (4.2.2)', () => {
  it('lists realistic templates: coredns, metrics-server and more, each version with support, translations and flavors', async () => {
    const { t } = setup();
    const res = await t.call('GET', TEMPLATES);
    expect(res.status).toBe(200);
    const list = addonOperations.listAddonTemplates.response.parse(res.json);
    const names = list.items.map((item) => item.metadata.name);
    expect(names).toEqual(expect.arrayContaining(['coredns', 'metrics-server', 'cie-collector', 'log-agent']));
    expect(names.length).toBeGreaterThanOrEqual(5);
    for (const template of list.items) {
      expect(template.metadata.uid).toBe(template.metadata.name);
      expect(template.spec.type).toBe('helm');
      expect(template.spec.labels.length).toBeGreaterThan(0);
      expect(template.spec.versions.length).toBeGreaterThanOrEqual(2);
      for (const version of template.spec.versions) {
        expect(version.creationTimestamp).toMatch(RFC3339);
        expect(version.input.basic).toEqual(expect.objectContaining({ swr_addr: 'swr.cn-north-4.myhuaweicloud.com' }));
        expect(addonFlavorsOf(version).length).toBeGreaterThan(0);
        expect(version.translate.en_US?.addon?.description).toBeTruthy();
        expect(version.translate.zh_CN?.addon?.changeLog).toBeTruthy();
        expect(version.supportVersions[0]).toMatchObject({ clusterType: 'VirtualMachine', category: ['Autopilot'] });
        expect(version.supportVersions[0]?.clusterVersion.length).toBeGreaterThan(0);
      }
    }
    // The raw coredns entry reads like hold-24: require true, numbers kept as numbers inside the flavors.
    const raw = (res.json as { items: Array<{ metadata: { name: string }; spec: Record<string, unknown> }> }).items.find(
      (item) => item.metadata.name === 'coredns',
    );
    expect(raw?.spec.require).toBe(true);
  });

  it('filters by template name or alias', async () => {
    const { t } = setup();
    const byAlias = addonOperations.listAddonTemplates.response.parse(
      (await t.call('GET', TEMPLATES, { query: { addon_template_name: 'kube-prometheus-stack' } })).json,
    );
    expect(byAlias.items.map((i) => i.metadata.name)).toEqual(['cie-collector']);
    const byName = addonOperations.listAddonTemplates.response.parse(
      (await t.call('GET', TEMPLATES, { query: { addon_template_name: 'coredns' } })).json,
    );
    expect(byName.items.map((i) => i.metadata.name)).toEqual(['coredns']);
    const none = addonOperations.listAddonTemplates.response.parse(
      (await t.call('GET', TEMPLATES, { query: { addon_template_name: 'no-such-addon' } })).json,
    );
    expect(none.items).toEqual([]);
  });

  it('cluster_id keeps only the versions that install on that cluster', async () => {
    const { t, v128, v131 } = setup();
    const for128 = addonOperations.listAddonTemplates.response.parse(
      (await t.call('GET', TEMPLATES, { query: { cluster_id: v128, addon_template_name: 'coredns' } })).json,
    );
    expect(for128.items[0]?.spec.versions.map((v) => v.version)).toEqual(['1.28.4', '1.28.6', '1.29.4']);
    const for131 = addonOperations.listAddonTemplates.response.parse((await t.call('GET', TEMPLATES, { query: { cluster_id: v131 } })).json);
    expect(for131.items.length).toBeGreaterThanOrEqual(5);
    for (const template of for131.items) {
      for (const version of template.spec.versions) {
        const patterns = version.supportVersions.flatMap((s) => s.clusterVersion);
        expect(patterns.some((p) => new RegExp(`^(?:${p})$`).test('v1.31')), `${template.metadata.name} ${version.version}`).toBe(true);
      }
    }
    expectError(await t.call('GET', TEMPLATES, { query: { cluster_id: 'no-such-cluster' } }), 404, 'CCE.03404001', /cluster/);
  });

  it('version, newest and base_update_addon_version narrow the versions', async () => {
    const { t, v128 } = setup();
    const parse = async (query: Record<string, string>) =>
      addonOperations.listAddonTemplates.response.parse((await t.call('GET', TEMPLATES, { query })).json).items.map((i) => ({
        name: i.metadata.name,
        versions: i.spec.versions.map((v) => v.version),
      }));
    expect(await parse({ version: '1.28.6' })).toEqual([{ name: 'coredns', versions: ['1.28.6'] }]);
    expect(await parse({ addon_template_name: 'coredns', cluster_id: v128, newest: 'true' })).toEqual([{ name: 'coredns', versions: ['1.29.4'] }]);
    expect(await parse({ addon_template_name: 'coredns', cluster_id: v128, base_update_addon_version: '1.28.4' })).toEqual([
      { name: 'coredns', versions: ['1.28.6', '1.29.4'] },
    ]);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// 4.2.1 install
// ---------------------------------------------------------------------------------------------------------------

describe('createAddonInstance (4.2.1) and the install state machine', () => {
  it('answers 201 with the instance installing, running after the install duration', async () => {
    const { t, v131, durations } = setup();
    const res = await t.call('POST', ADDONS, { body: installBody(v131, 'coredns', { version: '1.31.3' }) });
    expect(res.status, res.text).toBe(201);
    // The service's spelling: Reason with a capital R (table 4-156), RFC 3339 timestamps.
    const raw = res.json as { status: Record<string, unknown>; metadata: Record<string, string> };
    expect(raw.status).toMatchObject({ status: 'installing', Reason: '', message: '', isRollbackable: false });
    expect(raw.status).not.toHaveProperty('reason');
    expect(raw.metadata.creationTimestamp).toMatch(RFC3339);
    const created = addonOperations.createAddonInstance.response.parse(res.json);
    expect(created.metadata).toMatchObject({ name: 'coredns', alias: 'coredns' });
    expect(created.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.spec).toMatchObject({
      clusterID: v131,
      version: '1.31.3',
      addonTemplateName: 'coredns',
      addonTemplateType: 'helm',
      addonTemplateLabels: ['ContainerNetwork'],
    });
    expect(created.spec.values).toMatchObject({
      basic: { image_version: '1.31.3', cluster_version: 'v1.31', swr_user: 'autopilot-official' },
      flavor: { name: 'autopilot-flavor1', replicas: 2 },
      systemAutoInject: { cluster: { clusterID: v131, clusterNetworkMode: 'eni', clusterVersion: 'v1.31' }, user: { projectID: t.projectId } },
    });
    expect(created.status?.currentVersion).toMatchObject({ version: '1.31.3', supportVersions: [] });
    expect((raw.status.currentVersion as Record<string, unknown>).supportVersions).toBeNull();

    const id = created.metadata.uid ?? '';
    t.advance(durations.addonInstall - 1);
    expect((await get(t, id)).status?.status).toBe('installing');
    t.advance(1);
    const running = await get(t, id);
    expect(running.status).toMatchObject({ status: 'running', reason: '', isRollbackable: false });
    expect(running.metadata.updateTimestamp).not.toBe(created.metadata.updateTimestamp);
  });

  it('takes the newest stable version the cluster supports when spec.version is omitted', async () => {
    const { t, v128, v131 } = setup();
    expect((await install(t, v131, 'coredns')).spec.version).toBe('1.31.3');
    expect((await install(t, v128, 'coredns')).spec.version).toBe('1.29.4');
    // Only a beta supports v1.32: it is the latest the cluster supports.
    const v132 = addCluster(t, 'edge-132', 'v1.32');
    expect((await install(t, v132, 'volcano')).spec.version).toBe('1.15.8');
    expect((await install(t, v131, 'volcano')).spec.version).toBe('1.13.3');
  });

  it("keeps the caller's values over the template defaults; basic stays the service's", async () => {
    const { t, v131 } = setup();
    const created = await install(t, v131, 'coredns', {
      values: { basic: { swr_user: 'someone-else' }, custom: { upstream_nameservers: ['8.8.8.8'] } },
    });
    const values = created.spec.values as { basic: Record<string, unknown>; custom: Record<string, unknown> };
    expect(values.custom.upstream_nameservers).toEqual(['8.8.8.8']);
    expect(values.custom.servers).toBeInstanceOf(Array);
    expect(values.basic.swr_user).toBe('autopilot-official');
  });

  it('refuses a second install of the template on the cluster with 409 CCE.03409001, also while installing', async () => {
    const { t, v128, v131, durations } = setup();
    await install(t, v128, 'metrics-server');
    expectError(await t.call('POST', ADDONS, { body: installBody(v128, 'metrics-server') }), 409, 'CCE.03409001', /Addon instance has installed/);
    t.advance(durations.addonInstall);
    expectError(await t.call('POST', ADDONS, { body: installBody(v128, 'metrics-server') }), 409, 'CCE.03409001', /uninstall/);
    await install(t, v131, 'metrics-server');
  });

  it('refuses a version that does not support the cluster version, and an unknown version', async () => {
    const { t, v131 } = setup();
    expectError(
      await t.call('POST', ADDONS, { body: installBody(v131, 'coredns', { version: '1.28.6' }) }),
      400,
      'CCE.03400001',
      /coredns 1\.28\.6 does not support cluster version v1\.31 .*supports v1\.\(27\|28\)\.\*.*Versions for this cluster: 1\.30\.6, 1\.31\.3/,
    );
    expectError(
      await t.call('POST', ADDONS, { body: installBody(v131, 'coredns', { version: '9.9.9' }) }),
      400,
      'CCE.03400001',
      /spec\.version "9\.9\.9" is not a version of coredns \(versions: 1\.28\.4/,
    );
    const res = await t.call('GET', ADDONS, { query: { cluster_id: v131 } });
    expect(addonOperations.listAddonInstances.response.parse(res.json).items).toEqual([]);
  });

  it('refuses an unknown template, an alias, an unknown cluster and a cluster that is not Available', async () => {
    const { t } = setup();
    const v131 = addCluster(t, 'ok-131', 'v1.31');
    expectError(await t.call('POST', ADDONS, { body: installBody(v131, 'no-such-addon') }), 400, 'CCE.03400001', /spec\.addonTemplateName "no-such-addon"/);
    expectError(await t.call('POST', ADDONS, { body: installBody(v131, 'kube-prometheus-stack') }), 400, 'CCE.03400001', /alias of cie-collector/);
    expectError(await t.call('POST', ADDONS, { body: installBody('no-such-cluster', 'coredns') }), 404, 'CCE.03404001', /spec\.clusterID/);
    const creating = addCluster(t, 'new-131', 'v1.31', 'Creating');
    expectError(await t.call('POST', ADDONS, { body: installBody(creating, 'coredns') }), 429, 'CCE.01429002', /Creating/);
    const broken = addCluster(t, 'broken-131', 'v1.31', 'Unavailable');
    expectError(await t.call('POST', ADDONS, { body: installBody(broken, 'coredns') }), 400, 'CCE.03400001', /only on an Available cluster/);
  });

  it('validates the body with the contract: the install annotation and spec.values', async () => {
    const { t, v131 } = setup();
    const wrongAnnotation = { ...installBody(v131, 'coredns'), metadata: { annotations: addonUpgradeAnnotations } };
    expectError(await t.call('POST', ADDONS, { body: wrongAnnotation }), 400, 'CCE.01400001', /addon\.install\/type/);
    const noValues = installBody(v131, 'coredns');
    const { values: _values, ...spec } = noValues.spec;
    expectError(await t.call('POST', ADDONS, { body: { ...noValues, spec } }), 400, 'CCE.01400001', /spec\.values/);
  });

  it('an injected install failure ends installFailed with its reason, once', async () => {
    const { t, v131, durations } = setup();
    t.emulator.state.settings.addonInstallFailures['log-agent'] = 'Missing access key';
    const created = await install(t, v131, 'log-agent');
    const id = created.metadata.uid ?? '';
    expect(created.status?.status).toBe('installing');
    expect(t.emulator.state.settings.addonInstallFailures).toEqual({});
    t.advance(durations.addonInstall);
    const failed = await get(t, id);
    expect(failed.status).toMatchObject({ status: 'installFailed', reason: 'Missing access key', isRollbackable: false });
    expect(failed.status?.message).toMatch(/install addon log-agent .* failed: Missing access key/);
    // Table 4-156: installFailed -> uninstall and install again.
    expectError(await upgrade(t, v131, id, 'log-agent', '1.5.1'), 400, 'CCE.03400001', /uninstall the add-on and install it again/);
    expectError(await rollback(t, v131, id), 400, 'CCE.03400001', /cannot be rolled back/);
    expect((await t.call('DELETE', `${ADDONS}/${id}`)).status).toBe(200);
    t.advance(durations.addonDelete);
    const again = await install(t, v131, 'log-agent');
    t.advance(durations.addonInstall);
    expect((await get(t, again.metadata.uid ?? '')).status?.status).toBe('running');
  });
});

// ---------------------------------------------------------------------------------------------------------------
// 4.2.3 upgrade
// ---------------------------------------------------------------------------------------------------------------

describe('updateAddonInstance (4.2.3) and the upgrade state machine', () => {
  it('upgrades: upgrading on the target version, then running and rollbackable', async () => {
    const { t, v128, durations } = setup();
    const created = await install(t, v128, 'coredns', { version: '1.28.4' });
    const id = created.metadata.uid ?? '';
    t.advance(durations.addonInstall);
    expect((await get(t, id)).status?.targetVersions).toEqual(['1.28.6', '1.29.4']);

    const res = await upgrade(t, v128, id, 'coredns', '1.29.4');
    expect(res.status, res.text).toBe(200);
    expect((res.json as { status: Record<string, unknown> }).status).toMatchObject({ status: 'upgrading', Reason: 'addon upgrading' });
    const upgrading = addonOperations.updateAddonInstance.response.parse(res.json);
    expect(upgrading.spec.version).toBe('1.29.4');
    expect(upgrading.spec.values).toMatchObject({ basic: { image_version: '1.29.4' } });
    expect(upgrading.status).toMatchObject({ previousVersion: '1.28.4', isRollbackable: false, currentVersion: { version: '1.29.4' } });

    t.advance(durations.addonUpgrade - 1);
    expect((await get(t, id)).status?.status).toBe('upgrading');
    t.advance(1);
    const running = await get(t, id);
    expect(running.status).toMatchObject({ status: 'running', reason: '', isRollbackable: true, previousVersion: '1.28.4', targetVersions: [] });
  });

  it('refuses while the instance is installing, upgrading or deleting with 429 CCE.01429002', async () => {
    const { t, v128, durations } = setup();
    const id = (await install(t, v128, 'coredns', { version: '1.28.4' })).metadata.uid ?? '';
    expectError(await upgrade(t, v128, id, 'coredns', '1.28.6'), 429, 'CCE.01429002', /installing/);
    t.advance(durations.addonInstall);
    expect((await upgrade(t, v128, id, 'coredns', '1.28.6')).status).toBe(200);
    expectError(await upgrade(t, v128, id, 'coredns', '1.29.4'), 429, 'CCE.01429002', /upgrading/);
    t.advance(durations.addonUpgrade);
    expect((await t.call('DELETE', `${ADDONS}/${id}`)).status).toBe(200);
    expectError(await upgrade(t, v128, id, 'coredns', '1.29.4'), 429, 'CCE.01429002', /deleting/);
  });

  it('refuses an unsupported, unknown or older version, another template, another cluster and an unknown id', async () => {
    const { t, v128, v131, durations } = setup();
    const id = (await install(t, v128, 'coredns', { version: '1.28.6' })).metadata.uid ?? '';
    t.advance(durations.addonInstall);
    expectError(await upgrade(t, v128, id, 'coredns', '1.30.6'), 400, 'CCE.03400001', /does not support cluster version v1\.28/);
    expectError(await upgrade(t, v128, id, 'coredns', '2.0.0'), 400, 'CCE.03400001', /not a version of coredns/);
    expectError(await upgrade(t, v128, id, 'coredns', '1.28.4'), 400, 'CCE.03400001', /older than the installed 1\.28\.6.*rollback/);
    expectError(await upgrade(t, v128, id, 'metrics-server', '1.3.60'), 400, 'CCE.03400001', /does not match the template/);
    expectError(await upgrade(t, v131, id, 'coredns', '1.29.4'), 404, 'CCE.03404001', /does not exist in cluster/);
    expectError(await upgrade(t, v128, randomUUID(), 'coredns', '1.29.4'), 404, 'CCE.03404001');
    expect((await get(t, id)).status).toMatchObject({ status: 'running', currentVersion: { version: '1.28.6' } });
  });

  it('re-applies values with the same version', async () => {
    const { t, v128, durations } = setup();
    const id = (await install(t, v128, 'coredns', { version: '1.28.6' })).metadata.uid ?? '';
    t.advance(durations.addonInstall);
    const res = await upgrade(t, v128, id, 'coredns', '1.28.6', { custom: { upstream_nameservers: ['1.1.1.1'] } });
    expect(res.status, res.text).toBe(200);
    t.advance(durations.addonUpgrade);
    const after = await get(t, id);
    expect(after.status?.status).toBe('running');
    expect((after.spec.values as { custom: Record<string, unknown> }).custom.upstream_nameservers).toEqual(['1.1.1.1']);
  });

  it('an injected upgrade failure ends upgradeFailed with its reason; retry and rollback both work from there', async () => {
    const ctx = setup();
    const { t, v128, durations } = ctx;
    const id = (await install(t, v128, 'coredns', { version: '1.28.4' })).metadata.uid ?? '';
    t.advance(durations.addonInstall);
    t.emulator.state.settings.addonUpgradeFailures.coredns = 'Back-off pulling image "coredns:1.29.4"';
    expect((await upgrade(t, v128, id, 'coredns', '1.29.4')).status).toBe(200);
    expect(t.emulator.state.settings.addonUpgradeFailures).toEqual({});
    t.advance(durations.addonUpgrade);
    const failed = await get(t, id);
    expect(failed.status).toMatchObject({
      status: 'upgradeFailed',
      reason: 'Back-off pulling image "coredns:1.29.4"',
      isRollbackable: true,
      previousVersion: '1.28.4',
    });
    expect(failed.status?.message).toMatch(/upgrade addon coredns to 1\.29\.4 failed/);

    // Retry (table 4-156): the version before the failed upgrade stays the one to roll back to.
    t.emulator.state.settings.addonUpgradeFailures.coredns = 'still failing';
    const retry = addonOperations.updateAddonInstance.response.parse((await upgrade(t, v128, id, 'coredns', '1.29.4')).json);
    expect(retry.status).toMatchObject({ status: 'upgrading', previousVersion: '1.28.4' });
    t.advance(durations.addonUpgrade);
    expect((await get(t, id)).status?.status).toBe('upgradeFailed');

    const back = addonOperations.rollbackAddonInstance.response.parse((await rollback(t, v128, id)).json);
    expect(back.status).toMatchObject({ status: 'rollbacking', previousVersion: '1.29.4' });
    expect(back.spec.version).toBe('1.28.4');
    t.advance(durations.addonRollback);
    expect((await get(t, id)).status).toMatchObject({ status: 'running', isRollbackable: false, currentVersion: { version: '1.28.4' } });
  });
});

// ---------------------------------------------------------------------------------------------------------------
// 4.2.4 rollback (000, 001)
// ---------------------------------------------------------------------------------------------------------------

describe('rollbackAddonInstance (4.2.4)', () => {
  it('rolls back to the version before the upgrade: rollbacking, then running and not rollbackable', async () => {
    const ctx = setup();
    const { t, v128, durations } = ctx;
    const id = await upgradedInstance(ctx, '1.28.4', '1.28.6', { custom: { upstream_nameservers: ['9.9.9.9'] } });
    const res = await rollback(t, v128, id);
    expect(res.status, res.text).toBe(200);
    // 000 example (000:581-590).
    expect((res.json as { status: Record<string, unknown> }).status).toMatchObject({
      status: 'rollbacking',
      Reason: 'Rollback to 1',
      previousVersion: '1.28.6',
      isRollbackable: false,
    });
    const rolling = addonOperations.rollbackAddonInstance.response.parse(res.json);
    expect(rolling.spec.version).toBe('1.28.4');
    expect(rolling.status?.currentVersion?.version).toBe('1.28.4');
    expect(rolling.status?.targetVersions).toEqual(['1.28.6', '1.29.4']);
    // The values before the upgrade come back.
    expect((rolling.spec.values as { custom: Record<string, unknown> }).custom.upstream_nameservers).toEqual([]);

    t.advance(durations.addonRollback - 1);
    expect((await get(t, id)).status?.status).toBe('rollbacking');
    t.advance(1);
    expect((await get(t, id)).status).toMatchObject({ status: 'running', isRollbackable: false, previousVersion: '1.28.6' });
    expectError(await rollback(t, v128, id), 400, 'CCE.03400001', /isRollbackable false/);
  });

  it('refuses an instance that was never upgraded (isRollbackable false)', async () => {
    const { t, v128, durations } = setup();
    const id = (await install(t, v128, 'coredns')).metadata.uid ?? '';
    t.advance(durations.addonInstall);
    expectError(
      await rollback(t, v128, id),
      400,
      'CCE.03400001',
      /needs status\.isRollbackable true and a status of running, available, abnormal, upgradeFailed, rollbackFailed; it is running with isRollbackable false/,
    );
  });

  // Seed 4.2.4 (line 6823; 000:7; 001:3): the statuses in which a rollbackable instance still may not roll back.
  const refused: AddonInstanceStatusValue[] = [
    'installing',
    'installFailed',
    'upgrading',
    'deleting',
    'deleteFailed',
    'deleteSuccess',
    'rollbacking',
    'unknown',
  ];
  it.each(refused)('refuses a rollbackable instance that is %s', async (status) => {
    const ctx = setup();
    const id = await upgradedInstance(ctx, '1.28.4', '1.28.6');
    stored(ctx.t, id).status.status = status;
    expectError(await rollback(ctx.t, ctx.v128, id), 400, 'CCE.03400001', new RegExp(`it is ${status} with isRollbackable true`));
    expect(stored(ctx.t, id).status.status).toBe(status);
  });

  const allowed: AddonInstanceStatusValue[] = ['running', 'available', 'abnormal', 'upgradeFailed', 'rollbackFailed'];
  it.each(allowed)('rolls back a rollbackable instance that is %s', async (status) => {
    const ctx = setup();
    const id = await upgradedInstance(ctx, '1.28.4', '1.28.6');
    stored(ctx.t, id).status.status = status;
    const res = await rollback(ctx.t, ctx.v128, id);
    expect(res.status, res.text).toBe(200);
    expect(addonOperations.rollbackAddonInstance.response.parse(res.json).status).toMatchObject({ status: 'rollbacking' });
    ctx.t.advance(ctx.durations.addonRollback);
    expect((await get(ctx.t, id)).status).toMatchObject({ status: 'running', currentVersion: { version: '1.28.4' } });
  });

  it('refuses a clusterID that is not the instance cluster, and an unknown id, with 404 CCE.03404001', async () => {
    const ctx = setup();
    const id = await upgradedInstance(ctx, '1.28.4', '1.28.6');
    expectError(await rollback(ctx.t, ctx.v131, id), 404, 'CCE.03404001', /does not exist in cluster/);
    expectError(await rollback(ctx.t, ctx.v128, randomUUID()), 404, 'CCE.03404001');
  });

  it('an injected rollback failure ends rollbackFailed; the retry goes to the same version', async () => {
    const ctx = setup();
    const { t, v128, durations } = ctx;
    const id = await upgradedInstance(ctx, '1.28.4', '1.28.6');
    t.emulator.state.settings.addonRollbackFailures.coredns = 'timed out waiting for the condition';
    expect((await rollback(t, v128, id)).status).toBe(200);
    t.advance(durations.addonRollback);
    const failed = await get(t, id);
    expect(failed.status).toMatchObject({ status: 'rollbackFailed', reason: 'timed out waiting for the condition', isRollbackable: true });
    const retry = await rollback(t, v128, id);
    expect((retry.json as { status: Record<string, unknown> }).status).toMatchObject({
      status: 'rollbacking',
      Reason: 'Rollback to 1',
      previousVersion: '1.28.6',
    });
    expect((retry.json as { spec: { version: string } }).spec.version).toBe('1.28.4');
    t.advance(durations.addonRollback);
    expect((await get(t, id)).status).toMatchObject({ status: 'running', isRollbackable: false, currentVersion: { version: '1.28.4' } });
  });
});

// ---------------------------------------------------------------------------------------------------------------
// 4.2.5 uninstall
// ---------------------------------------------------------------------------------------------------------------

describe('deleteAddonInstance (4.2.5)', () => {
  it('answers the text success, shows deleting, then the instance is gone', async () => {
    const { t, v131, durations } = setup();
    const id = (await install(t, v131, 'coredns')).metadata.uid ?? '';
    t.advance(durations.addonInstall);
    const res = await t.call('DELETE', `${ADDONS}/${id}`, { query: { cluster_id: v131 } });
    expect(res.status).toBe(200);
    expect(res.text).toBe('success');
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(addonOperations.deleteAddonInstance.response.parse(res.text)).toBe('success');
    expect((await get(t, id)).status?.status).toBe('deleting');
    t.advance(durations.addonDelete);
    expectError(await t.call('GET', `${ADDONS}/${id}`), 404, 'CCE.03404001', new RegExp(id));
    const list = addonOperations.listAddonInstances.response.parse((await t.call('GET', ADDONS, { query: { cluster_id: v131 } })).json);
    expect(list.items).toEqual([]);
    await install(t, v131, 'coredns');
  });

  it('uninstalls an instance that is still installing; the install timer does not bring it back', async () => {
    const { t, v131, durations } = setup();
    const id = (await install(t, v131, 'metrics-server')).metadata.uid ?? '';
    expect((await t.call('DELETE', `${ADDONS}/${id}`)).status).toBe(200);
    t.advance(Math.max(durations.addonDelete, durations.addonInstall));
    expect((await t.call('GET', `${ADDONS}/${id}`)).status).toBe(404);
  });

  it('a DELETE while deleting answers success and keeps the running uninstall', async () => {
    const { t, v131, durations } = setup();
    const id = (await install(t, v131, 'metrics-server')).metadata.uid ?? '';
    t.advance(durations.addonInstall);
    expect((await t.call('DELETE', `${ADDONS}/${id}`)).status).toBe(200);
    t.advance(durations.addonDelete - 1);
    const again = await t.call('DELETE', `${ADDONS}/${id}`);
    expect(again.text).toBe('success');
    t.advance(1);
    expect((await t.call('GET', `${ADDONS}/${id}`)).status).toBe(404);
  });

  it('refuses an unknown id and another cluster with 404 CCE.03404001', async () => {
    const { t, v128, v131 } = setup();
    const id = (await install(t, v131, 'coredns')).metadata.uid ?? '';
    expectError(await t.call('DELETE', `${ADDONS}/${id}`, { query: { cluster_id: v128 } }), 404, 'CCE.03404001', /does not exist in cluster/);
    expectError(await t.call('DELETE', `${ADDONS}/${randomUUID()}`), 404, 'CCE.03404001');
    expect((await get(t, id)).status?.status).toBe('installing');
  });

  it('an injected uninstall failure ends deleteFailed; the uninstall can be retried', async () => {
    const { t, v131, durations } = setup();
    const id = (await install(t, v131, 'coredns')).metadata.uid ?? '';
    t.advance(durations.addonInstall);
    t.emulator.state.settings.addonDeleteFailures.coredns = 'finalizer cleanup timed out';
    expect((await t.call('DELETE', `${ADDONS}/${id}`)).status).toBe(200);
    t.advance(durations.addonDelete);
    expect((await get(t, id)).status).toMatchObject({ status: 'deleteFailed', reason: 'finalizer cleanup timed out' });
    expectError(await upgrade(t, v131, id, 'coredns', '1.31.3'), 400, 'CCE.03400001', /retry the uninstall/);
    expect((await t.call('DELETE', `${ADDONS}/${id}`)).status).toBe(200);
    t.advance(durations.addonDelete);
    expect((await t.call('GET', `${ADDONS}/${id}`)).status).toBe(404);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// 4.2.6 / 4.2.7 read
// ---------------------------------------------------------------------------------------------------------------

describe('getAddonInstance (4.2.6) and listAddonInstances (4.2.7)', () => {
  it('get honours the optional cluster_id', async () => {
    const { t, v128, v131 } = setup();
    const id = (await install(t, v131, 'coredns')).metadata.uid ?? '';
    expect((await t.call('GET', `${ADDONS}/${id}`, { query: { cluster_id: v131 } })).status).toBe(200);
    expectError(await t.call('GET', `${ADDONS}/${id}`, { query: { cluster_id: v128 } }), 404, 'CCE.03404001');
    expectError(await t.call('GET', `${ADDONS}/${randomUUID()}`), 404, 'CCE.03404001', /does not exist/);
  });

  it('list needs cluster_id, lists only that cluster and filters by template name', async () => {
    const { t, v128, v131 } = setup();
    await install(t, v131, 'coredns');
    await install(t, v131, 'cie-collector');
    await install(t, v128, 'coredns');
    expectError(await t.call('GET', ADDONS), 400, 'CCE.01400001', /cluster_id is required/);
    expectError(await t.call('GET', ADDONS, { query: { cluster_id: 'no-such-cluster' } }), 404, 'CCE.03404001');
    const all = addonOperations.listAddonInstances.response.parse((await t.call('GET', ADDONS, { query: { cluster_id: v131 } })).json);
    expect(all.kind).toBe('Addon');
    expect(all.items.map((i) => i.spec.addonTemplateName).sort()).toEqual(['cie-collector', 'coredns']);
    expect(all.items.every((i) => i.spec.clusterID === v131)).toBe(true);
    const byAlias = addonOperations.listAddonInstances.response.parse(
      (await t.call('GET', ADDONS, { query: { cluster_id: v131, addon_template_name: 'kube-prometheus-stack' } })).json,
    );
    expect(byAlias.items.map((i) => i.spec.addonTemplateName)).toEqual(['cie-collector']);
  });

  it("targetVersions follow the cluster's current version", async () => {
    const { t, v128, durations } = setup();
    const id = (await install(t, v128, 'coredns', { version: '1.28.6' })).metadata.uid ?? '';
    t.advance(durations.addonInstall);
    expect((await get(t, id)).status?.targetVersions).toEqual(['1.29.4']);
    const cluster = t.emulator.state.projects[t.projectId]?.clusters[v128];
    if (cluster) cluster.spec.version = 'v1.29';
    expect((await get(t, id)).status?.targetVersions).toEqual(['1.29.4', '1.30.6']);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Cross-module API and the demo scenario
// ---------------------------------------------------------------------------------------------------------------

describe('cross-module add-on API', () => {
  it('installAddonForCluster installs on a cluster becoming Available, once per template', async () => {
    const { t, durations } = setup();
    const fresh = addCluster(t, 'fresh-130', 'v1.30', 'Creating');
    const now = t.emulator.clock.now();
    const coredns = installAddonForCluster(t.emulator.state, t.projectId, { clusterId: fresh, addonTemplateName: 'coredns' }, now);
    expect(coredns).toMatchObject({ spec: { version: '1.31.3', clusterID: fresh }, status: { status: 'installing' } });
    expect(installAddonForCluster(t.emulator.state, t.projectId, { clusterId: fresh, addonTemplateName: 'coredns' }, now)).toBeNull();
    expect(installAddonForCluster(t.emulator.state, t.projectId, { clusterId: fresh, addonTemplateName: 'nope' }, now)).toBeNull();
    expect(
      installAddonForCluster(t.emulator.state, t.projectId, { clusterId: fresh, addonTemplateName: 'log-agent', version: '1.3.2' }, now),
    ).toBeNull();
    installAddonForCluster(
      t.emulator.state,
      t.projectId,
      { clusterId: fresh, addonTemplateName: 'metrics-server', values: { flavor: { name: 'autopilot-flavor2', replicas: 1 } } },
      now,
    );
    t.advance(durations.addonInstall);
    const items = addonOperations.listAddonInstances.response.parse((await t.call('GET', ADDONS, { query: { cluster_id: fresh } })).json).items;
    expect(items.map((i) => [i.spec.addonTemplateName, i.status?.status])).toEqual([
      ['coredns', 'running'],
      ['metrics-server', 'running'],
    ]);
    expect(items[1]?.spec.values).toMatchObject({ flavor: { name: 'autopilot-flavor2', replicas: 1 } });
    expect(addonInstancesOfCluster(t.emulator.state, t.projectId, fresh)).toHaveLength(2);
    removeAddonsOfCluster(t.emulator.state, t.projectId, fresh);
    expect(addonInstancesOfCluster(t.emulator.state, t.projectId, fresh)).toEqual([]);
  });

  it('addonInstallProblem explains what a cluster-create annotation cannot install', () => {
    expect(addonInstallProblem('cn-north-4', { addonTemplateName: 'coredns' }, { version: 'v1.31', type: 'VirtualMachine' })).toBeNull();
    expect(addonInstallProblem('cn-north-4', { addonTemplateName: 'nope' }, { version: 'v1.31' })).toMatch(/not an add-on template/);
    expect(addonInstallProblem('cn-north-4', { addonTemplateName: 'coredns', version: '1.28.6' }, { version: 'v1.31' })).toMatch(
      /does not support cluster version v1\.31/,
    );
  });

  it('setAddonInstanceVersion moves an add-on with a cluster upgrade', async () => {
    const { t, v128, durations } = setup();
    const id = (await install(t, v128, 'coredns', { version: '1.28.6' })).metadata.uid ?? '';
    t.advance(durations.addonInstall);
    const cluster = t.emulator.state.projects[t.projectId]?.clusters[v128];
    if (cluster) cluster.spec.version = 'v1.29';
    setAddonInstanceVersion(t.emulator.state, t.projectId, id, '1.29.4', t.emulator.clock.now());
    const after = await get(t, id);
    expect(after.spec.version).toBe('1.29.4');
    expect(after.spec.values).toMatchObject({ basic: { image_version: '1.29.4', cluster_version: 'v1.29' } });
    expect(after.status).toMatchObject({ status: 'running', previousVersion: '1.28.6', isRollbackable: false, currentVersion: { version: '1.29.4' } });
    setAddonInstanceVersion(t.emulator.state, t.projectId, id, '0.0.1', t.emulator.clock.now());
    expect((await get(t, id)).spec.version).toBe('1.29.4');
  });
});

describe('demo scenario add-ons', () => {
  it('runs coredns and metrics-server on every Available cluster, with an upgradable and a failed add-on', async () => {
    const t = createTestEmulator({ scenario: 'demo' });
    const clusters = Object.values(t.emulator.state.projects[t.projectId]?.clusters ?? {});
    const available = clusters.filter((c) => c.status?.phase === 'Available');
    expect(available.length).toBeGreaterThan(0);
    const all = [];
    for (const cluster of clusters) {
      const res = await t.call('GET', ADDONS, { query: { cluster_id: cluster.metadata.uid ?? '' } });
      const items = addonOperations.listAddonInstances.response.parse(res.json).items;
      all.push(...items);
      if (cluster.status?.phase !== 'Available') continue;
      for (const name of ['coredns', 'metrics-server']) {
        expect(items.find((i) => i.spec.addonTemplateName === name)?.status?.status, `${cluster.metadata.name} ${name}`).toBe('running');
      }
    }
    expect(all.some((i) => i.status?.status === 'running' && i.status.targetVersions.length > 0)).toBe(true);
    expect(all.some((i) => i.status?.status === 'installFailed' && i.status.reason)).toBe(true);
    expect(all.every((i) => RFC3339.test(i.metadata.creationTimestamp ?? ''))).toBe(true);
  });
});
