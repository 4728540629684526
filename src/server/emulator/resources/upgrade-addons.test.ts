// The upgrade and the add-on module together (seed 4.3.1 clusterUpgradeAction.addons, 4.3.5 AddonCheck, 4.3.8):
// add-ons are installed through the add-on API and judged by its catalog's supportVersions.
import { describe, expect, it } from 'vitest';
import { addonInstallAnnotations } from '../../../contract/addons.ts';
import { createTestEmulator, type TestEmulator, type TestResponse } from '../test-client.ts';
import { makeCluster } from './clusters.ts';

const MINUTE = 60_000;
const ADDONS = '/autopilot/v3/addons';

function setup(version = 'v1.28', platformVersion = 'cce.6.0') {
  const t = createTestEmulator({ scenario: 'empty' });
  const cluster = makeCluster({ name: 'addon-upgrade', version, platformVersion, phase: 'Available', region: 'cn-north-4' }, t.emulator.clock.now());
  const id = cluster.metadata.uid ?? 'addon-upgrade';
  const project = t.emulator.state.projects[t.projectId];
  if (!project) throw new Error('no project');
  project.clusters[id] = cluster;
  return { t, id, base: `/autopilot/v3/projects/${t.projectId}/clusters/${id}` };
}

async function install(t: TestEmulator, clusterID: string, addonTemplateName: string, version: string): Promise<string> {
  const res = await t.call('POST', ADDONS, {
    body: { kind: 'Addon', apiVersion: 'v3', metadata: { annotations: addonInstallAnnotations }, spec: { clusterID, addonTemplateName, version, values: {} } },
  });
  expect(res.status, res.text).toBe(201);
  return String((res.json as { metadata: { uid: string } }).metadata.uid);
}

async function instance(t: TestEmulator, clusterId: string, id: string) {
  const res = await t.call('GET', `${ADDONS}/${id}`, { query: { cluster_id: clusterId } });
  expect(res.status, res.text).toBe(200);
  return res.json as { spec: { version: string }; status: { status: string; previousVersion?: string } };
}

const upgradeBody = (targetVersion: string, addons: unknown[]) => ({
  metadata: { apiVersion: 'v3', kind: 'UpgradeTask' },
  spec: { clusterUpgradeAction: { strategy: { type: 'inPlaceRollingUpdate', inPlaceRollingUpdate: { userDefinedStep: 10 } }, targetVersion, addons } },
});
const precheck = (spec: Record<string, unknown> = {}) => ({ apiVersion: 'v3', kind: 'PreCheckTask', spec });
const postcheck = { apiVersion: 'v3', kind: 'PostCheckTask', spec: {} };

function refusal(res: TestResponse, status: number, code: string, message: RegExp): void {
  expect(res.status, res.text).toBe(status);
  expect(res.json).toMatchObject({ errorCode: code, errorMessage: expect.stringMatching(message) });
}

describe('add-ons in a cluster upgrade', () => {
  it('upgrades the listed add-ons when the cluster upgrade succeeds, the others stay', async () => {
    const { t, id, base } = setup();
    const coredns = await install(t, id, 'coredns', '1.28.4');
    const metrics = await install(t, id, 'metrics-server', '1.3.60');
    t.advance(5 * MINUTE);
    const accepted = await t.call('POST', `${base}/operation/upgrade`, {
      body: upgradeBody('v1.29', [{ addonTemplateName: 'coredns', operation: 'patch', version: '1.29.4', values: { custom: { stub_domains: {} } } }]),
    });
    expect(accepted.status, accepted.text).toBe(200);
    const taskPath = `${base}/operation/upgrade/tasks/${String((accepted.json as { metadata: { uid: string } }).metadata.uid)}`;
    expect((await t.call('GET', taskPath)).json).toMatchObject({
      spec: { items: { addons: [{ addonTemplateName: 'coredns', operation: 'patch', version: '1.29.4' }] } },
    });
    // the add-on API waits while the cluster upgrades
    const installDuring = await t.call('POST', ADDONS, {
      body: { kind: 'Addon', apiVersion: 'v3', metadata: { annotations: addonInstallAnnotations }, spec: { clusterID: id, addonTemplateName: 'volcano', values: {} } },
    });
    refusal(installDuring, 429, 'CCE.01429002', /Upgrading/);
    t.advance(5 * MINUTE);
    expect((await instance(t, id, coredns)).spec.version).toBe('1.28.4');
    t.advance(10 * MINUTE);
    expect((await t.call('GET', taskPath)).json).toMatchObject({ status: { phase: 'Success' } });
    expect(await instance(t, id, coredns)).toMatchObject({ spec: { version: '1.29.4' }, status: { status: 'running', previousVersion: '1.28.4' } });
    expect((await instance(t, id, metrics)).spec.version).toBe('1.3.60');
  });

  it('refuses add-on targets that are not installed, listed twice, or whose version does not match the target', async () => {
    const { t, id, base } = setup();
    await install(t, id, 'coredns', '1.28.4');
    t.advance(5 * MINUTE);
    const upgrade = (addons: unknown[]) => t.call('POST', `${base}/operation/upgrade`, { body: upgradeBody('v1.29', addons) });
    const coredns = (version: string) => ({ addonTemplateName: 'coredns', operation: 'patch', version });
    refusal(await upgrade([{ addonTemplateName: 'volcano', operation: 'patch', version: '1.13.3' }]), 400, 'CCE.01400001', /addons\[0\]\.addonTemplateName volcano is not installed/);
    refusal(await upgrade([coredns('1.29.4'), coredns('1.29.4')]), 400, 'CCE.01400001', /addons\[1\]\.addonTemplateName coredns is listed twice/);
    refusal(await upgrade([coredns('1.28.6')]), 400, 'CCE.01400001', /addons\[0\]\.version: .*1\.28\.6 does not support cluster version v1\.29/);
    refusal(await upgrade([coredns('9.9.9')]), 400, 'CCE.01400001', /addons\[0\]\.version: 9\.9\.9 is not a version of coredns/);
    // nothing was started
    expect((await t.call('GET', `${base}/operation/upgrade/tasks`)).json).toMatchObject({ items: [] });
  });

  it('waits for an add-on operation in progress', async () => {
    const { t, id, base } = setup();
    await install(t, id, 'coredns', '1.28.4');
    refusal(await t.call('POST', `${base}/operation/upgrade`, { body: upgradeBody('v1.29', []) }), 429, 'CCE.01429002', /add-on coredns is installing/);
    t.advance(5 * MINUTE);
    expect((await t.call('POST', `${base}/operation/upgrade`, { body: upgradeBody('v1.29', []) })).status).toBe(200);
  });

  it('fails the pre-check on an add-on that is not running (an Exception), and the post-check, which then blocks a cancel', async () => {
    const { t, id, base } = setup();
    t.emulator.state.settings.addonInstallFailures = { 'cce-hpa-controller': 'image pull failed' };
    const broken = await install(t, id, 'cce-hpa-controller', '1.4.3');
    t.advance(5 * MINUTE);
    expect((await instance(t, id, broken)).status.status).toBe('installFailed');
    const wf = await t.call('POST', `${base}/operation/upgradeworkflows`, { body: { kind: 'WorkFlowTask', apiVersion: 'v3', spec: { targetVersion: 'v1.29' } } });
    expect(wf.status).toBe(201);
    const wfPath = `${base}/operation/upgradeworkflows/${String((wf.json as { metadata: { uid: string } }).metadata.uid)}`;
    const pre = await t.call('POST', `${base}/operation/precheck`, { body: precheck() });
    const preId = String((pre.json as { metadata: { uid: string } }).metadata.uid);
    t.advance(MINUTE);
    expect((await t.call('GET', `${base}/operation/precheck/tasks/${preId}`)).json).toMatchObject({
      status: {
        phase: 'Failed',
        addonCheckStatus: {
          phase: 'Failed',
          itemsStatus: expect.arrayContaining([
            expect.objectContaining({
              name: 'AddonLimit',
              kind: 'Exception',
              phase: 'Failed',
              message: 'addon [ cce-hpa-controller (installFailed) ] status is abnormal, check and try again',
              riskSource: { addonRisks: [{ addonTemplateName: 'cce-hpa-controller', alias: 'cce-hpa-controller' }] },
            }),
          ]),
        },
      },
    });
    // an Exception cannot be skipped: the add-on is repaired (uninstalled) instead
    refusal(await t.call('POST', `${base}/operation/precheck`, { body: precheck({ skippedCheckItemList: [{ name: 'AddonLimit' }] }) }), 400, 'CCE.01400001', /Exception item/);
    expect((await t.call('DELETE', `${ADDONS}/${broken}`, { query: { cluster_id: id } })).status).toBe(200);
    t.advance(5 * MINUTE);
    expect((await t.call('POST', `${base}/operation/precheck`, { body: precheck() })).status).toBe(200);
    t.advance(MINUTE);
    expect((await t.call('POST', `${base}/operation/upgrade`, { body: upgradeBody('v1.29', []) })).status).toBe(200);
    t.advance(10 * MINUTE);
    expect((await t.call('GET', wfPath)).json).toMatchObject({ status: { phase: 'Running' } });
    // an add-on installed after the upgrade fails: the post-check fails, the workflow is Pending and cannot be cancelled
    t.emulator.state.settings.addonInstallFailures = { 'metrics-server': 'quota exceeded' };
    const metrics = await install(t, id, 'metrics-server', '1.3.60');
    t.advance(5 * MINUTE);
    const post = await t.call('POST', `${base}/operation/postcheck`, { body: postcheck });
    expect(post.json).toMatchObject({ status: { phase: 'Failed', message: expect.stringMatching(/metrics-server \(installFailed\)/) } });
    expect((await t.call('GET', wfPath)).json).toMatchObject({ status: { phase: 'Pending' } });
    refusal(await t.call('PATCH', wfPath, { body: { status: { phase: 'Cancel' } } }), 400, 'CCE.01400001', /critical line Cluster -> PostCheck .* under way/);
    // repaired: the post-check passes and the workflow succeeds
    expect((await t.call('DELETE', `${ADDONS}/${metrics}`, { query: { cluster_id: id } })).status).toBe(200);
    t.advance(5 * MINUTE);
    expect((await t.call('POST', `${base}/operation/postcheck`, { body: postcheck })).json).toMatchObject({ status: { phase: 'Success' } });
    expect((await t.call('GET', wfPath)).json).toMatchObject({ status: { phase: 'Success' } });
  });
});
