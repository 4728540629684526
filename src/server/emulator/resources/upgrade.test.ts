// Cluster upgrade in the emulator (seed 4.3.1-4.3.17), driven over HTTP with a frozen clock the tests advance.
import { describe, expect, it } from 'vitest';
import { operations, type OperationId } from '../../../contract/operations.ts';
import { parseServiceTime } from '../../../contract/time.ts';
import { createTestEmulator, type TestEmulator, type TestResponse } from '../test-client.ts';
import { makeCluster, supportedClusterVersions } from './clusters.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Defaults of settings.ts: pre-check 1 min, snapshot 2 min, upgrade 10 min. */
const PRECHECK = 60_000;
const SNAPSHOT = 2 * MINUTE;
const UPGRADE = 10 * MINUTE;

type Json = Record<string, unknown>;

function setup(scenario: 'demo' | 'empty' = 'demo') {
  const t = createTestEmulator({ scenario });
  const project = t.projectId;
  const clusterId = (name: string): string => {
    const entry = Object.entries(t.emulator.state.projects[project]?.clusters ?? {}).find(([, c]) => c.metadata.name === name);
    if (!entry) throw new Error(`no cluster ${name} in the scenario`);
    return entry[0];
  };
  const base = (id: string) => `/autopilot/v3/projects/${project}/clusters/${id}`;
  const base31 = (id: string) => `/autopilot/v3.1/projects/${project}/clusters/${id}`;
  return { t, project, clusterId, base, base31 };
}

/** The answer parses with the operation's response schema (what the console does) and has the status. */
function expectAnswer(res: TestResponse, op: OperationId, status: number): Json {
  expect(res.status, res.text).toBe(status);
  const parsed = operations[op].response.safeParse(res.json);
  expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
  return (res.json ?? {}) as Json;
}

function expectRefusal(res: TestResponse, status: number, code: string, message?: RegExp): void {
  expect(res.status, res.text).toBe(status);
  const body = res.json as { errorCode?: string; errorMessage?: string };
  expect(body.errorCode).toBe(code);
  if (message) expect(body.errorMessage).toMatch(message);
}

const upgradeBody = (targetVersion: string, extra: Json = {}) => ({
  metadata: { apiVersion: 'v3', kind: 'UpgradeTask' },
  spec: {
    clusterUpgradeAction: {
      strategy: { type: 'inPlaceRollingUpdate', inPlaceRollingUpdate: { userDefinedStep: 20 } },
      targetVersion,
      ...extra,
    },
  },
});
const precheckBody = (spec: Json = {}) => ({ apiVersion: 'v3', kind: 'PreCheckTask', spec });
const postcheckBody = (spec: Json = {}) => ({ apiVersion: 'v3', kind: 'PostCheckTask', spec });
const workflowBody = (targetVersion: string, spec: Json = {}) => ({ kind: 'WorkFlowTask', apiVersion: 'v3', spec: { targetVersion, ...spec } });
const cancelBody = { status: { phase: 'Cancel' } };

type Item = { name: string; kind: string; group: string; level: string; phase: string; message: string; riskSource: Json };
type Point = { taskType: string; taskID?: string; status?: string; startTimeStamp?: string; endTimeStamp?: string; expireTimeStamp?: string };

function items(task: Json): Item[] {
  const status = task.status as { clusterCheckStatus?: { itemsStatus?: Item[] }; addonCheckStatus?: { itemsStatus?: Item[] } };
  return [...(status.clusterCheckStatus?.itemsStatus ?? []), ...(status.addonCheckStatus?.itemsStatus ?? [])];
}
const phaseOf = (body: Json) => (body.status as { phase?: string } | undefined)?.phase;
const pointsOf = (workflow: Json) => (workflow.status as { pointStatuses: Point[] }).pointStatuses;
const point = (workflow: Json, type: string) => pointsOf(workflow).find((p) => p.taskType === type);

async function getWorkflow(t: TestEmulator, base: string, id: string): Promise<Json> {
  return expectAnswer(await t.call('GET', `${base}/operation/upgradeworkflows/${id}`), 'getUpgradeWorkflow', 200);
}

async function clusterOf(t: TestEmulator, base: string) {
  const body = expectAnswer(await t.call('GET', base), 'getCluster', 200) as { spec: { version: string; platformVersion: string }; status: { phase: string } };
  return { version: body.spec.version, platformVersion: body.spec.platformVersion, phase: body.status.phase };
}

/** Add-on template -> version of the cluster's add-on instances (the add-on module's answer). */
async function addonVersions(t: TestEmulator, clusterId: string): Promise<Record<string, string>> {
  const res = await t.call('GET', '/autopilot/v3/addons', { query: { cluster_id: clusterId } });
  const body = expectAnswer(res, 'listAddonInstances', 200) as { items: Array<{ spec: { addonTemplateName: string; version: string } }> };
  return Object.fromEntries(body.items.map((i) => [i.spec.addonTemplateName, i.spec.version]));
}

/** Adds an Available cluster of `version` (and platform) to the project, for paths the demo has no cluster for. */
function addCluster(t: TestEmulator, project: string, name: string, version: string, platformVersion: string): string {
  const cluster = makeCluster({ name, version, platformVersion, phase: 'Available', region: 'cn-north-4' }, t.emulator.clock.now() - 30 * 24 * HOUR);
  const id = cluster.metadata.uid ?? name;
  const state = t.emulator.state.projects[project];
  if (!state) throw new Error('no project');
  state.clusters[id] = cluster;
  return id;
}

describe('upgrade paths, feature gates and upgrade info', () => {
  it('lists every version and platform version with its targets, in the upgradePaths form', async () => {
    const { t } = setup();
    const body = expectAnswer(await t.call('GET', '/autopilot/v3/clusterupgradepaths'), 'listUpgradePaths', 200);
    expect(body.kind).toBe('ClusterUpgradePaths');
    const paths = body.upgradePaths as Array<{ version: string; platformVersion: string; targetVersions: string[] }>;
    // versions and latest platform versions are the cluster module's supportedClusterVersions
    for (const supported of supportedClusterVersions) {
      expect(paths.find((p) => p.version === supported.version)?.platformVersion).toBe(supported.platformVersion);
    }
    expect(paths).toContainEqual({ version: 'v1.28', platformVersion: 'cce.8.0', targetVersions: ['v1.29'] });
    // an older platform version may also move to the newest platform of its own version
    expect(paths).toContainEqual({ version: 'v1.28', platformVersion: 'cce.6.0', targetVersions: ['v1.28', 'v1.29'] });
    expect(paths.find((p) => p.version === 'v1.32')?.targetVersions).toEqual([]);
    for (const p of paths) expect(p.platformVersion).toMatch(/^cce\.\d+\.\d+$/);
  });

  it('answers the feature gates with documented keys and values', async () => {
    const { t } = setup();
    const body = expectAnswer(await t.call('GET', '/autopilot/v3/clusterupgradefeaturegates'), 'listUpgradeFeatureGates', 200);
    const gates = body.upgradeFeatureGates as Record<string, string>;
    expect(Object.keys(gates).sort()).toEqual(['DisplayPreCheckDetail', 'EvsSnapshot', 'LabelForSkippedNode', 'UpgradeStrategy']);
    for (const value of Object.values(gates)) expect(['Support', 'Disable', 'Default']).toContain(value);
  });

  it('gives each cluster its version, its targets and its last upgrade', async () => {
    const { t, clusterId, base } = setup();
    const portal = expectAnswer(await t.call('GET', `${base(clusterId('legacy-portal'))}/upgradeinfo`), 'getUpgradeInfo', 200);
    expect(portal.kind).toBe('UpgradeInfo');
    // legacy-portal runs cce.6.0, older than v1.28's newest cce.8.0: a patch upgrade is on offer too
    expect(portal.spec).toMatchObject({ versionInfo: { release: 'v1.28.15', patch: 'r0', suggestPatch: 'r0', targetVersions: ['v1.28', 'v1.29'] } });
    expect((portal.spec as Json).lastUpgradeInfo).toBeUndefined();
    expect(portal.status).toBeUndefined();

    const payments = expectAnswer(await t.call('GET', `${base(clusterId('prod-payments'))}/upgradeinfo`), 'getUpgradeInfo', 200);
    expect(payments.spec).toMatchObject({
      lastUpgradeInfo: { phase: 'Success' },
      versionInfo: { release: 'v1.31.4', targetVersions: ['v1.32'] },
      upgradeFeatureGates: { supportUpgradePageV4: true },
    });
    expect(payments.status).toMatchObject({ phase: 'Success', progress: '100.00' });
    expect((payments.status as Json).completionTime).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+ \+0800 CST$/);
  });
});

describe('demo history', () => {
  it('shows prod-payments with two finished guided upgrades and their tasks', async () => {
    const { t, clusterId, base, base31 } = setup();
    const id = clusterId('prod-payments');
    const upgrades = expectAnswer(await t.call('GET', `${base(id)}/operation/upgrade/tasks`), 'listUpgradeTasks', 200);
    const tasks = upgrades.items as Json[];
    expect(upgrades.kind).toBe('List');
    expect(tasks.map((task) => [(task.spec as Json).version, (task.spec as Json).targetVersion, phaseOf(task)])).toEqual([
      ['v1.29', 'v1.30', 'Success'],
      ['v1.30', 'v1.31', 'Success'],
    ]);
    const prechecks = expectAnswer(await t.call('GET', `${base(id)}/operation/precheck/tasks`), 'listPrecheckTasks', 200);
    expect((prechecks.items as Json[]).map(phaseOf)).toEqual(['Success', 'Failed', 'Success']);
    const failed = (prechecks.items as Json[])[1] ?? {};
    expect(items(failed).find((i) => i.name === 'AddonLimit')).toMatchObject({
      phase: 'Failed',
      riskSource: { addonRisks: [{ addonTemplateName: 'coredns', alias: 'coredns' }] },
    });
    const snapshots = expectAnswer(await t.call('GET', `${base31(id)}/operation/snapshot/tasks`), 'listSnapshotTasks', 200);
    expect(snapshots).toMatchObject({ kind: 'List', apiVersion: 'v3.1' });
    expect((snapshots.items as Json[]).map(phaseOf)).toEqual(['Success', 'Success']);
    expect((snapshots.status as Json).latestBackupTime).toMatch(/\+0800 CST$/);
    const workflows = expectAnswer(await t.call('GET', `${base(id)}/operation/upgradeworkflows`), 'listUpgradeWorkflows', 200);
    expect((workflows.items as Json[]).map(phaseOf)).toEqual(['Success', 'Success']);
  });

  it('shows legacy-portal with an upgrade workflow to v1.29 nobody started', async () => {
    const { t, clusterId, base } = setup();
    const workflows = expectAnswer(await t.call('GET', `${base(clusterId('legacy-portal'))}/operation/upgradeworkflows`), 'listUpgradeWorkflows', 200);
    const [workflow] = workflows.items as Json[];
    expect(workflow).toMatchObject({
      kind: 'WorkFlowTask',
      spec: { clusterID: clusterId('legacy-portal'), clusterVersion: 'v1.28', targetVersion: 'v1.29' },
      status: {
        phase: 'Init',
        pointStatuses: [{ taskType: 'PreCheck' }, { taskType: 'Snapshot' }, { taskType: 'Cluster' }, { taskType: 'PostCheck' }],
        lineStatuses: [
          { startPoint: { taskType: 'PreCheck' }, endPoint: { taskType: 'Cluster' }, critical: 'true' },
          { startPoint: { taskType: 'Cluster' }, endPoint: { taskType: 'PostCheck' }, critical: 'true' },
        ],
      },
    });
    for (const p of pointsOf(workflow ?? {})) expect(p.status).toBeUndefined();
    expect(((workflow ?? {}).metadata as Json).creationTimestamp).toMatch(/\+0000 UTC$/);
  });
});

describe('guided upgrade end to end', () => {
  it('pre-check with risks -> skipped -> snapshot -> failed upgrade -> retry -> post-check -> Success', async () => {
    const { t, clusterId, base, base31 } = setup();
    const id = clusterId('legacy-portal');
    const wf = ((expectAnswer(await t.call('GET', `${base(id)}/operation/upgradeworkflows`), 'listUpgradeWorkflows', 200).items as Json[])[0] ?? {});
    const wfId = String((wf.metadata as Json).uid);

    // one active workflow per cluster
    expectRefusal(await t.call('POST', `${base(id)}/operation/upgradeworkflows`, { body: workflowBody('v1.29') }), 409, 'CCE.01409001', /already|has upgrade workflow/);
    // the workflow upgrades only after a successful pre-check
    expectRefusal(await t.call('POST', `${base(id)}/operation/upgrade`, { body: upgradeBody('v1.29') }), 400, 'CCE.01400001', /pre-check/);

    // --- pre-check: Init -> Running -> Failed with the portal's risks
    const created = expectAnswer(await t.call('POST', `${base(id)}/operation/precheck`, { body: precheckBody() }), 'createPrecheck', 200);
    expect(created).toMatchObject({
      kind: 'PreCheckTask',
      spec: { clusterID: id, clusterVersion: 'v1.28', targetVersion: 'v1.29' },
      status: { phase: 'Init', clusterCheckStatus: { phase: 'Init' }, addonCheckStatus: { phase: 'Init' }, nodeCheckStatus: { phase: 'Init' } },
    });
    const precheckId = String((created.metadata as Json).uid);
    const precheckPath = `${base(id)}/operation/precheck/tasks/${precheckId}`;
    expect(point(await getWorkflow(t, base(id), wfId), 'PreCheck')).toMatchObject({ taskID: precheckId, status: 'Init' });
    expect(phaseOf(await getWorkflow(t, base(id), wfId))).toBe('Running');
    // a second pre-check while one runs: the cluster is locked
    expectRefusal(await t.call('POST', `${base(id)}/operation/precheck`, { body: precheckBody() }), 429, 'CCE.01429002', /pre-check task/);

    t.advance(PRECHECK * 0.2);
    expect(phaseOf(expectAnswer(await t.call('GET', precheckPath), 'getPrecheckTask', 200))).toBe('Running');
    t.advance(PRECHECK);
    const report = expectAnswer(await t.call('GET', precheckPath), 'getPrecheckTask', 200);
    expect(phaseOf(report)).toBe('Failed');
    expect((report.status as Json).expireTimeStamp).toBeUndefined();
    const failedItems = items(report).filter((i) => i.phase === 'Failed');
    expect(failedItems.map((i) => i.name).sort()).toEqual(['AddonVersionLimit', 'ClusterConfigurationConsistency', 'DeprecatedApiCheck']);
    expect(failedItems.every((i) => i.kind === 'Risk')).toBe(true);
    const deprecated = items(report).find((i) => i.name === 'DeprecatedApiCheck');
    // only the v1beta2 calls: v1beta3 is still served by v1.29
    expect((deprecated?.riskSource.deprecatedAPIRisks as Json[]).map((r) => r.url)).toEqual([
      '/apis/flowcontrol.apiserver.k8s.io/v1beta2/flowschemas',
      '/apis/flowcontrol.apiserver.k8s.io/v1beta2/prioritylevelconfigurations',
    ]);
    expect(items(report).find((i) => i.name === 'ClusterConfigurationConsistency')?.riskSource.configurationRisks).toEqual([
      expect.objectContaining({ package: 'kube-apiserver', field: 'default-unreachable-toleration-seconds', originalValue: '60', value: '300' }),
    ]);
    // the demo's coredns 1.28.4 supports v1.27-v1.28 only (add-on catalog)
    const addonRisk = items(report).find((i) => i.name === 'AddonVersionLimit');
    expect(addonRisk?.riskSource.addonRisks).toEqual([{ addonTemplateName: 'coredns', alias: 'coredns' }]);
    expect(addonRisk?.message).toMatch(/coredns 1\.28\.4 \] does not support cluster version v1\.29.*coredns -> 1\.30\.6/);
    // passing items read "check item succeed", with all three levels present
    expect(items(report).find((i) => i.name === 'BlackLimit')).toMatchObject({ phase: 'Success', kind: 'Exception', level: 'Fatal', message: 'check item succeed', riskSource: {} });
    expect(new Set(items(report).map((i) => i.level))).toEqual(new Set(['Info', 'Warning', 'Fatal']));
    let workflow = await getWorkflow(t, base(id), wfId);
    expect(phaseOf(workflow)).toBe('Pending');
    expect(point(workflow, 'PreCheck')?.status).toBe('Failed');

    // --- skipping: only Risk items, only known names, resourceSelector only for node checks
    const skip = (list: Json[]) => t.call('POST', `${base(id)}/operation/precheck`, { body: precheckBody({ skippedCheckItemList: list }) });
    expectRefusal(await skip([{ name: 'BlackLimit' }]), 400, 'CCE.01400001', /Exception item.*only Risk items/);
    expectRefusal(await skip([{ name: 'NoSuchCheck' }]), 400, 'CCE.01400001', /not a check item/);
    expectRefusal(
      await skip([{ name: 'DeprecatedApiCheck', resourceSelector: { key: 'node.uid', values: ['n1'], operator: 'In' } }]),
      400,
      'CCE.01400001',
      /node check items only/,
    );
    const rerun = expectAnswer(
      await skip([{ name: 'DeprecatedApiCheck' }, { name: 'clusterconfigurationconsistency' }, { name: 'AddonVersionLimit' }]),
      'createPrecheck',
      200,
    );
    const rerunId = String((rerun.metadata as Json).uid);
    t.advance(PRECHECK);
    const passed = expectAnswer(await t.call('GET', `${base(id)}/operation/precheck/tasks/${rerunId}`), 'getPrecheckTask', 200);
    expect(phaseOf(passed)).toBe('Success');
    expect(items(passed).map((i) => i.name)).not.toContain('DeprecatedApiCheck');
    expect(items(passed).map((i) => i.name)).not.toContain('AddonVersionLimit');
    expect(items(passed).every((i) => i.phase === 'Success')).toBe(true);
    const expire = (passed.status as Json).expireTimeStamp;
    expect(expire).toMatch(/\+0000 UTC$/);
    workflow = await getWorkflow(t, base(id), wfId);
    expect(phaseOf(workflow)).toBe('Running');
    expect(point(workflow, 'PreCheck')).toMatchObject({ taskID: rerunId, status: 'Success', expireTimeStamp: expire });
    // the pre-check passed, the critical line PreCheck -> Cluster is not executed: no cancel
    expectRefusal(await t.call('PATCH', `${base(id)}/operation/upgradeworkflows/${wfId}`, { body: cancelBody }), 400, 'CCE.01400001', /Running.*PreCheck -> Cluster.*4\.3\.17/);

    // --- snapshot (v3.1)
    const snap = await t.call('POST', `${base31(id)}/operation/snapshot`);
    const snapBody = expectAnswer(snap, 'createClusterSnapshot', 200);
    expect(snapBody.metadata).toEqual({ kind: 'Snapshot', apiVersion: 'v3.1' });
    const snapId = String(snapBody.uid);
    expectRefusal(await t.call('POST', `${base(id)}/operation/upgrade`, { body: upgradeBody('v1.29') }), 429, 'CCE.01429002', /snapshot task/);
    t.advance(SNAPSHOT / 2);
    let snapshots = expectAnswer(await t.call('GET', `${base31(id)}/operation/snapshot/tasks`), 'listSnapshotTasks', 200);
    const running = (snapshots.items as Json[]).find((s) => (s.metadata as Json).uid === snapId) ?? {};
    expect(running.status).toMatchObject({ phase: 'Running' });
    expect(Number((running.status as Json).progress)).toBeGreaterThan(0);
    expect(snapshots.status).toBeUndefined();
    t.advance(SNAPSHOT);
    snapshots = expectAnswer(await t.call('GET', `${base31(id)}/operation/snapshot/tasks`), 'listSnapshotTasks', 200);
    expect((snapshots.items as Json[])[0]?.status).toMatchObject({ phase: 'Success', progress: '100' });
    expect((snapshots.status as Json).latestBackupTime).toMatch(/\+0800 CST$/);
    expect(point(await getWorkflow(t, base(id), wfId), 'Snapshot')).toMatchObject({ taskID: snapId, status: 'Success' });

    // --- upgrade: off the path -> 400; with an injected failure -> Failed at 60 %
    expectRefusal(await t.call('POST', `${base(id)}/operation/upgrade`, { body: upgradeBody('v1.30') }), 400, 'CCE.01400015', /v1\.29/);
    t.emulator.state.settings.upgradeFailure = 'etcd member did not rejoin in time';
    // the confirmed add-on risk: coredns goes to a version for v1.29 with the cluster
    const coredns = { addons: [{ addonTemplateName: 'coredns', operation: 'patch', version: '1.29.4' }] };
    const accepted = expectAnswer(await t.call('POST', `${base(id)}/operation/upgrade`, { body: upgradeBody('v1.29', coredns) }), 'upgradeCluster', 200);
    expect(accepted.spec).toEqual({
      clusterUpgradeAction: {
        version: 'v1.28',
        targetVersion: 'v1.29',
        targetPlatformVersion: 'cce.6.0',
        strategy: { type: 'inPlaceRollingUpdate', inPlaceRollingUpdate: { userDefinedStep: 20 } },
        config: {},
      },
    });
    expect(t.emulator.state.settings.upgradeFailure).toBeNull();
    const taskId = String((accepted.metadata as Json).uid);
    const taskPath = `${base(id)}/operation/upgrade/tasks/${taskId}`;
    expect(await clusterOf(t, base(id))).toMatchObject({ phase: 'Upgrading', version: 'v1.28' });
    let task = expectAnswer(await t.call('GET', taskPath), 'getUpgradeTask', 200);
    expect(task).toMatchObject({ kind: 'UpgradeTask', spec: { version: 'v1.28', targetVersion: 'v1.29' }, status: { phase: 'Init', progress: '0.00' } });
    expect((task.metadata as Json).creationTimestamp).toMatch(/\+0800 CST$/);
    expect(point(await getWorkflow(t, base(id), wfId), 'Cluster')).toMatchObject({ taskID: taskId, status: 'Init' });
    // while it runs: everything else is locked, cancelling refused
    expectRefusal(await t.call('POST', `${base(id)}/operation/precheck`, { body: precheckBody() }), 429, 'CCE.01429002', /upgrade task/);
    expectRefusal(await t.call('POST', `${base(id)}/operation/upgrade`, { body: upgradeBody('v1.29') }), 429, 'CCE.01429002');
    expectRefusal(await t.call('POST', `${base(id)}/operation/upgrade/retry`), 429, 'CCE.01429002');
    expectRefusal(await t.call('PATCH', `${base(id)}/operation/upgradeworkflows/${wfId}`, { body: cancelBody }), 400, 'CCE.01400001', /Cluster task .* Init/);

    t.advance(UPGRADE * 0.06);
    expect(phaseOf(expectAnswer(await t.call('GET', taskPath), 'getUpgradeTask', 200))).toBe('Queuing');
    t.advance(UPGRADE * 0.3);
    task = expectAnswer(await t.call('GET', taskPath), 'getUpgradeTask', 200);
    expect(phaseOf(task)).toBe('Running');
    const progress = Number((task.status as Json).progress);
    expect(progress).toBeGreaterThan(0);
    expect(progress).toBeLessThan(60);
    const info = expectAnswer(await t.call('GET', `${base(id)}/upgradeinfo`), 'getUpgradeInfo', 200);
    expect(info.status).toMatchObject({ phase: 'Running' });

    t.advance(UPGRADE);
    task = expectAnswer(await t.call('GET', taskPath), 'getUpgradeTask', 200);
    expect(task.status).toMatchObject({ phase: 'Failed', progress: '60.00', message: 'etcd member did not rejoin in time' });
    expect((task.status as Json).completionTime).toMatch(/\+0800 CST$/);
    expect(await clusterOf(t, base(id))).toEqual({ phase: 'Available', version: 'v1.28', platformVersion: 'cce.6.0' });
    expect(await addonVersions(t, id)).toMatchObject({ coredns: '1.28.4' });
    workflow = await getWorkflow(t, base(id), wfId);
    expect(phaseOf(workflow)).toBe('Pending');
    expect(point(workflow, 'Cluster')).toMatchObject({ status: 'Failed', endTimeStamp: expect.stringMatching(/UTC$/) });
    // a failed upgrade half-way: the critical line is under way, the workflow cannot be abandoned
    expectRefusal(
      await t.call('PATCH', `${base(id)}/operation/upgradeworkflows/${wfId}`, { body: cancelBody }),
      400,
      'CCE.01400001',
      /critical line PreCheck -> Cluster .* under way .* retry/,
    );
    expectRefusal(await t.call('POST', `${base(id)}/operation/upgrade`, { body: upgradeBody('v1.29') }), 400, 'CCE.01400001', /failed.*retry/);
    expect(expectAnswer(await t.call('GET', `${base(id)}/upgradeinfo`), 'getUpgradeInfo', 200).spec).toMatchObject({ lastUpgradeInfo: { phase: 'Failed' } });

    // --- retry: resumes from 60 % and succeeds, even after a jump of hours (the pre-check has expired meanwhile)
    t.advance(3 * HOUR);
    const retry = await t.call('POST', `${base(id)}/operation/upgrade/retry`);
    expect(retry.status).toBe(200);
    expect(retry.text).toBe('');
    expect(await clusterOf(t, base(id))).toMatchObject({ phase: 'Upgrading' });
    task = expectAnswer(await t.call('GET', taskPath), 'getUpgradeTask', 200);
    expect(task.status).toMatchObject({ phase: 'Queuing', progress: '60.00' });
    expect(phaseOf(await getWorkflow(t, base(id), wfId))).toBe('Running');
    t.advance(10 * HOUR);
    task = expectAnswer(await t.call('GET', taskPath), 'getUpgradeTask', 200);
    expect(task.status).toMatchObject({ phase: 'Success', progress: '100.00' });
    expect(await clusterOf(t, base(id))).toEqual({ phase: 'Available', version: 'v1.29', platformVersion: 'cce.6.0' });
    expect(await addonVersions(t, id)).toMatchObject({ coredns: '1.29.4' });
    const after = expectAnswer(await t.call('GET', `${base(id)}/upgradeinfo`), 'getUpgradeInfo', 200);
    expect(after.spec).toMatchObject({ lastUpgradeInfo: { phase: 'Success' }, versionInfo: { release: 'v1.29.10', targetVersions: ['v1.30'] } });
    expectRefusal(await t.call('POST', `${base(id)}/operation/upgrade/retry`), 400, 'CCE.01400001', /only a Failed task/);
    workflow = await getWorkflow(t, base(id), wfId);
    expect(phaseOf(workflow)).toBe('Running');
    expect(point(workflow, 'Cluster')?.status).toBe('Success');
    // upgraded but not confirmed: Cluster -> PostCheck is not executed
    expectRefusal(await t.call('PATCH', `${base(id)}/operation/upgradeworkflows/${wfId}`, { body: cancelBody }), 400, 'CCE.01400001', /Cluster -> PostCheck/);

    // --- post-check
    expectRefusal(
      await t.call('POST', `${base(id)}/operation/postcheck`, { body: postcheckBody({ clusterVersion: 'v1.27' }) }),
      400,
      'CCE.01400001',
      /upgraded from \(v1\.28\)/,
    );
    expectRefusal(await t.call('POST', `${base(id)}/operation/postcheck`, { body: postcheckBody({ targetVersion: 'v1.28' }) }), 400, 'CCE.01400001', /not the cluster's version/);
    const post = expectAnswer(
      await t.call('POST', `${base(id)}/operation/postcheck`, { body: postcheckBody({ clusterID: id, clusterVersion: 'v1.28', targetVersion: 'v1.29' }) }),
      'createPostcheck',
      200,
    );
    expect(post).toMatchObject({ kind: 'PostCheckTask', spec: { clusterID: id, clusterVersion: 'v1.28', targetVersion: 'v1.29' }, status: { phase: 'Success' } });
    workflow = await getWorkflow(t, base(id), wfId);
    expect(phaseOf(workflow)).toBe('Success');
    expect(point(workflow, 'PostCheck')).toMatchObject({ taskID: (post.metadata as Json).uid, status: 'Success' });
    expectRefusal(await t.call('PATCH', `${base(id)}/operation/upgradeworkflows/${wfId}`, { body: cancelBody }), 400, 'CCE.01400001', /already Success/);

    // --- history of every kind
    const upgrades = expectAnswer(await t.call('GET', `${base(id)}/operation/upgrade/tasks`), 'listUpgradeTasks', 200);
    expect((upgrades.items as Json[]).map(phaseOf)).toEqual(['Success']);
    const prechecks = expectAnswer(await t.call('GET', `${base(id)}/operation/precheck/tasks`), 'listPrecheckTasks', 200);
    expect((prechecks.items as Json[]).map(phaseOf)).toEqual(['Failed', 'Success']);
    // the finished workflow no longer holds the cluster: the next one (to v1.30) can start
    const next = expectAnswer(await t.call('POST', `${base(id)}/operation/upgradeworkflows`, { body: workflowBody('v1.30') }), 'createUpgradeWorkflow', 201);
    expect(next).toMatchObject({ spec: { clusterVersion: 'v1.29', targetVersion: 'v1.30' }, status: { phase: 'Init' } });
    const all = expectAnswer(await t.call('GET', `${base(id)}/operation/upgradeworkflows`), 'listUpgradeWorkflows', 200);
    expect((all.items as Json[]).map(phaseOf)).toEqual(['Success', 'Init']);
  });

  it('refuses an upgrade after the workflow pre-check expired, and accepts it after a new pre-check', async () => {
    const { t, project, base } = setup();
    const id = addCluster(t, project, 'expiry-test', 'v1.30', 'cce.4.1');
    expectAnswer(await t.call('POST', `${base(id)}/operation/upgradeworkflows`, { body: workflowBody('v1.31') }), 'createUpgradeWorkflow', 201);
    // the pre-check takes the workflow's target when the body names none
    const created = expectAnswer(await t.call('POST', `${base(id)}/operation/precheck`, { body: precheckBody() }), 'createPrecheck', 200);
    expect(created.spec).toMatchObject({ targetVersion: 'v1.31' });
    t.advance(PRECHECK);
    const done = expectAnswer(await t.call('GET', `${base(id)}/operation/precheck/tasks/${String((created.metadata as Json).uid)}`), 'getPrecheckTask', 200);
    expect(phaseOf(done)).toBe('Success');
    // 4.3.6 example: expiry = end + 1 h
    const status = done.status as Json;
    const end = parseServiceTime(String((done.metadata as Json).updateTimestamp));
    const expiry = parseServiceTime(String(status.expireTimeStamp));
    expect(expiry - end).toBe(HOUR);
    expectRefusal(
      await t.call('POST', `${base(id)}/operation/precheck`, { body: precheckBody({ targetVersion: 'v1.32' }) }),
      400,
      'CCE.01400001',
      /differs from upgrade workflow/,
    );
    t.advance(HOUR + 1);
    expectRefusal(await t.call('POST', `${base(id)}/operation/upgrade`, { body: upgradeBody('v1.31') }), 400, 'CCE.01400001', /expired at/);
    expectAnswer(await t.call('POST', `${base(id)}/operation/precheck`, { body: precheckBody({ targetVersion: 'v1.31' }) }), 'createPrecheck', 200);
    t.advance(PRECHECK);
    expectAnswer(await t.call('POST', `${base(id)}/operation/upgrade`, { body: upgradeBody('v1.31') }), 'upgradeCluster', 200);
    // once the upgrade started, a pre-check no longer belongs to the workflow
    t.advance(UPGRADE);
    expectRefusal(await t.call('POST', `${base(id)}/operation/precheck`, { body: precheckBody() }), 400, 'CCE.01400001', /has started/);
  });

  it('upgrades without a workflow: no pre-check needed, post-check after success only', async () => {
    const { t, project, base } = setup();
    const id = addCluster(t, project, 'direct-upgrade', 'v1.31', 'cce.2.1');
    expectRefusal(await t.call('POST', `${base(id)}/operation/postcheck`, { body: postcheckBody() }), 400, 'CCE.01400001', /no successful cluster upgrade/);
    // an older platform version: the patch upgrade to the newest platform of v1.31
    const accepted = expectAnswer(await t.call('POST', `${base(id)}/operation/upgrade`, { body: upgradeBody('v1.31') }), 'upgradeCluster', 200);
    expect(accepted.spec).toMatchObject({ clusterUpgradeAction: { version: 'v1.31', targetVersion: 'v1.31', targetPlatformVersion: 'cce.3.0' } });
    t.advance(UPGRADE);
    expect(await clusterOf(t, base(id))).toEqual({ phase: 'Available', version: 'v1.31', platformVersion: 'cce.3.0' });
    expectAnswer(await t.call('POST', `${base(id)}/operation/postcheck`, { body: postcheckBody() }), 'createPostcheck', 200);
    // v1.32 is the newest version: nothing further
    expectAnswer(await t.call('POST', `${base(id)}/operation/upgrade`, { body: upgradeBody('v1.32') }), 'upgradeCluster', 200);
    t.advance(UPGRADE);
    expect(await clusterOf(t, base(id))).toMatchObject({ version: 'v1.32', platformVersion: 'cce.1.0' });
    expectRefusal(await t.call('POST', `${base(id)}/operation/precheck`, { body: precheckBody() }), 400, 'CCE.01400015', /no upgrade target/);
    expectRefusal(await t.call('POST', `${base(id)}/operation/upgradeworkflows`, { body: workflowBody('v1.33') }), 400, 'CCE.01400015', /no upgrade path/);
  });

  it('a second injected failure fails the retry again, half-way through what is left', async () => {
    const { t, project, base } = setup();
    const id = addCluster(t, project, 'twice-failed', 'v1.29', 'cce.5.1');
    t.emulator.state.settings.upgradeFailure = 'first';
    const accepted = expectAnswer(await t.call('POST', `${base(id)}/operation/upgrade`, { body: upgradeBody('v1.30') }), 'upgradeCluster', 200);
    const path = `${base(id)}/operation/upgrade/tasks/${String((accepted.metadata as Json).uid)}`;
    t.advance(UPGRADE);
    t.emulator.state.settings.upgradeFailure = 'second';
    expect((await t.call('POST', `${base(id)}/operation/upgrade/retry`)).status).toBe(200);
    t.advance(UPGRADE);
    expect(expectAnswer(await t.call('GET', path), 'getUpgradeTask', 200).status).toMatchObject({ phase: 'Failed', progress: '80.00', message: 'second' });
    expect((await t.call('POST', `${base(id)}/operation/upgrade/retry`)).status).toBe(200);
    t.advance(UPGRADE);
    expect(phaseOf(expectAnswer(await t.call('GET', path), 'getUpgradeTask', 200))).toBe('Success');
    expect((await clusterOf(t, base(id))).version).toBe('v1.30');
  });
});

describe('cancelling a workflow (4.3.17)', () => {
  it('cancels a workflow nobody started, and then allows a new one', async () => {
    const { t, clusterId, base } = setup();
    const id = clusterId('legacy-portal');
    const list = expectAnswer(await t.call('GET', `${base(id)}/operation/upgradeworkflows`), 'listUpgradeWorkflows', 200);
    const wfId = String((((list.items as Json[])[0] ?? {}).metadata as Json).uid);
    const cancelled = expectAnswer(await t.call('PATCH', `${base(id)}/operation/upgradeworkflows/${wfId}`, { body: cancelBody }), 'updateUpgradeWorkflow', 200);
    expect(phaseOf(cancelled)).toBe('Cancel');
    expectRefusal(await t.call('PATCH', `${base(id)}/operation/upgradeworkflows/${wfId}`, { body: cancelBody }), 400, 'CCE.01400001', /already Cancel/);
    // a cancelled workflow takes no tasks: a pre-check now is a plain one
    expectAnswer(await t.call('POST', `${base(id)}/operation/precheck`, { body: precheckBody() }), 'createPrecheck', 200);
    expect(point(await getWorkflow(t, base(id), wfId), 'PreCheck')?.taskID).toBeUndefined();
    t.advance(PRECHECK);
    expectAnswer(await t.call('POST', `${base(id)}/operation/upgradeworkflows`, { body: workflowBody('v1.29') }), 'createUpgradeWorkflow', 201);
  });

  it('cancels a Pending workflow whose pre-check failed (nothing on a critical line has started)', async () => {
    const { t, clusterId, base } = setup();
    const id = clusterId('legacy-portal');
    const list = expectAnswer(await t.call('GET', `${base(id)}/operation/upgradeworkflows`), 'listUpgradeWorkflows', 200);
    const wfId = String((((list.items as Json[])[0] ?? {}).metadata as Json).uid);
    expectAnswer(await t.call('POST', `${base(id)}/operation/precheck`, { body: precheckBody() }), 'createPrecheck', 200);
    t.advance(PRECHECK);
    expect(phaseOf(await getWorkflow(t, base(id), wfId))).toBe('Pending');
    const cancelled = expectAnswer(await t.call('PATCH', `${base(id)}/operation/upgradeworkflows/${wfId}`, { body: cancelBody }), 'updateUpgradeWorkflow', 200);
    expect(cancelled.status).toMatchObject({ phase: 'Cancel', pointStatuses: [{ taskType: 'PreCheck', status: 'Failed' }, { taskType: 'Snapshot' }, { taskType: 'Cluster' }, { taskType: 'PostCheck' }] });
  });

  it('refuses a cancel while a task of the workflow runs', async () => {
    const { t, clusterId, base } = setup();
    const id = clusterId('legacy-portal');
    const list = expectAnswer(await t.call('GET', `${base(id)}/operation/upgradeworkflows`), 'listUpgradeWorkflows', 200);
    const wfId = String((((list.items as Json[])[0] ?? {}).metadata as Json).uid);
    expectAnswer(await t.call('POST', `${base(id)}/operation/precheck`, { body: precheckBody() }), 'createPrecheck', 200);
    expectRefusal(await t.call('PATCH', `${base(id)}/operation/upgradeworkflows/${wfId}`, { body: cancelBody }), 400, 'CCE.01400001', /PreCheck task .* Init; wait/);
    t.advance(PRECHECK * 0.5);
    expectRefusal(await t.call('PATCH', `${base(id)}/operation/upgradeworkflows/${wfId}`, { body: cancelBody }), 400, 'CCE.01400001', /PreCheck task .* Running/);
  });

  it('accepts only {"status":{"phase":"Cancel"}}', async () => {
    const { t, clusterId, base } = setup();
    const id = clusterId('legacy-portal');
    const list = expectAnswer(await t.call('GET', `${base(id)}/operation/upgradeworkflows`), 'listUpgradeWorkflows', 200);
    const wfId = String((((list.items as Json[])[0] ?? {}).metadata as Json).uid);
    expectRefusal(await t.call('PATCH', `${base(id)}/operation/upgradeworkflows/${wfId}`, { body: { status: { phase: 'Success' } } }), 400, 'CCE.01400001', /Cancel/);
  });
});

describe('refusals', () => {
  it('answers 404 for an unknown cluster, task or workflow, and for a task of another cluster', async () => {
    const { t, clusterId, base, base31 } = setup();
    const ghost = '00000000-0000-0000-0000-000000000000';
    for (const [method, path, body] of [
      ['GET', `${base(ghost)}/upgradeinfo`],
      ['GET', `${base(ghost)}/operation/upgrade/tasks`],
      ['POST', `${base(ghost)}/operation/upgrade`, upgradeBody('v1.29')],
      ['POST', `${base(ghost)}/operation/upgrade/retry`],
      ['POST', `${base(ghost)}/operation/precheck`, precheckBody()],
      ['GET', `${base(ghost)}/operation/precheck/tasks`],
      ['POST', `${base(ghost)}/operation/postcheck`, postcheckBody()],
      ['POST', `${base31(ghost)}/operation/snapshot`],
      ['GET', `${base31(ghost)}/operation/snapshot/tasks`],
      ['POST', `${base(ghost)}/operation/upgradeworkflows`, workflowBody('v1.29')],
      ['GET', `${base(ghost)}/operation/upgradeworkflows`],
    ] as const) {
      expectRefusal(await t.call(method, path, body ? { body } : {}), 404, 'CCE.01404001', /cluster .* does not exist/);
    }
    const payments = clusterId('prod-payments');
    const portal = clusterId('legacy-portal');
    expectRefusal(await t.call('GET', `${base(payments)}/operation/upgrade/tasks/${ghost}`), 404, 'CCE.01404001', /upgrade task/);
    expectRefusal(await t.call('GET', `${base(payments)}/operation/precheck/tasks/${ghost}`), 404, 'CCE.01404001', /pre-check task/);
    expectRefusal(await t.call('GET', `${base(payments)}/operation/upgradeworkflows/${ghost}`), 404, 'CCE.01404001', /upgrade workflow/);
    const tasks = expectAnswer(await t.call('GET', `${base(payments)}/operation/upgrade/tasks`), 'listUpgradeTasks', 200);
    const paymentsTask = String((((tasks.items as Json[])[0] ?? {}).metadata as Json).uid);
    expectRefusal(await t.call('GET', `${base(portal)}/operation/upgrade/tasks/${paymentsTask}`), 404, 'CCE.01404001');
    expectRefusal(await t.call('PATCH', `${base(portal)}/operation/upgradeworkflows/${ghost}`, { body: cancelBody }), 404, 'CCE.01404001');
  });

  it('refuses to start anything on a cluster that is not Available', async () => {
    const { t, clusterId, base, base31 } = setup();
    for (const name of ['analytics-batch', 'staging-api']) {
      const id = clusterId(name);
      const phase = t.emulator.state.projects[t.projectId]?.clusters[id]?.status?.phase ?? '';
      const message = new RegExp(`${phase}; .* needs an Available cluster`);
      expectRefusal(await t.call('POST', `${base(id)}/operation/precheck`, { body: precheckBody() }), 400, 'CCE.01400001', message);
      expectRefusal(await t.call('POST', `${base(id)}/operation/upgrade`, { body: upgradeBody('v1.31') }), 400, 'CCE.01400001', message);
      expectRefusal(await t.call('POST', `${base31(id)}/operation/snapshot`), 400, 'CCE.01400001', message);
      expectRefusal(await t.call('POST', `${base(id)}/operation/upgradeworkflows`, { body: workflowBody('v1.31') }), 400, 'CCE.01400001', message);
    }
  });

  it('refuses requests that contradict the cluster', async () => {
    const { t, project, clusterId, base } = setup();
    const portal = clusterId('legacy-portal');
    const id = addCluster(t, project, 'refusals', 'v1.30', 'cce.5.0');
    const upgrade = (body: unknown) => t.call('POST', `${base(id)}/operation/upgrade`, { body });
    expectRefusal(await upgrade({ metadata: { apiVersion: 'v3', kind: 'UpgradeTask' }, spec: {} }), 400, 'CCE.01400001', /clusterUpgradeAction is required/);
    expectRefusal(await upgrade(upgradeBody('v1.29')), 400, 'CCE.01400015', /offer v1\.31/);
    expectRefusal(
      await upgrade(upgradeBody('v1.31', { strategy: { type: 'inPlaceRollingUpdate', inPlaceRollingUpdate: { userDefinedStep: 41 } } })),
      400,
      'CCE.01400001',
      /userDefinedStep/,
    );
    expectRefusal(
      await upgrade(upgradeBody('v1.31', { addons: [{ addonTemplateName: 'coredns', operation: 'patch', version: '1.31.1' }] })),
      400,
      'CCE.01400001',
      /addons\[0\]\.addonTemplateName coredns is not installed/,
    );
    expectRefusal(await t.call('POST', `${base(id)}/operation/upgrade/retry`), 400, 'CCE.01400001', /no upgrade task/);
    expectRefusal(await t.call('POST', `${base(id)}/operation/precheck`, { body: precheckBody({ clusterID: portal }) }), 400, 'CCE.01400001', /spec\.clusterID/);
    expectRefusal(await t.call('POST', `${base(id)}/operation/precheck`, { body: precheckBody({ clusterVersion: 'v1.28' }) }), 400, 'CCE.01400001', /spec\.clusterVersion v1\.28/);
    expectRefusal(await t.call('POST', `${base(id)}/operation/upgradeworkflows`, { body: workflowBody('v1.31', { clusterVersion: 'v1.29' }) }), 400, 'CCE.01400001', /spec\.clusterVersion/);
    expectRefusal(await t.call('POST', `${base(id)}/operation/upgradeworkflows`, { body: workflowBody('v1.32') }), 400, 'CCE.01400015');
    // the ignored spec.clusterID of a workflow (table 4-332, R5) is replaced by the path's cluster
    const wf = expectAnswer(await t.call('POST', `${base(id)}/operation/upgradeworkflows`, { body: workflowBody('v1.31', { clusterID: portal }) }), 'createUpgradeWorkflow', 201);
    expect(wf.spec).toMatchObject({ clusterID: id, clusterVersion: 'v1.30' });
    expectRefusal(await t.call('POST', `${base(id)}/operation/postcheck`, { body: postcheckBody() }), 400, 'CCE.01400001', /upgrade workflow .* no successful cluster upgrade/);
  });
});
