// Demo scenario of the upgrade pages: prod-payments has finished two guided upgrades (v1.29 -> v1.30 -> v1.31, the
// second with a failed pre-check and a failed, retried upgrade); legacy-portal (v1.28) has workloads with findings
// for the pre-check and an upgrade workflow to v1.29 that nobody has started.
import { randomUUID } from 'node:crypto';
import type { Seeder } from '../handler.ts';
import { projectOf, type EmulatorState } from '../state.ts';
import { completeUpgradeSlice, type ClusterProfile, type StoredPrecheckTask, type StoredUpgradeTask, type UpgradeAttempt, type UpgradeSlice } from './upgrade-model.ts';
import { latestPlatformVersion, upgradeTargets } from './upgrade-paths.ts';
import { buildPrecheckReport, type PrecheckFacts } from './upgrade-report.ts';
import { newWorkflow } from './upgrade-handlers.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const noFindings: ClusterProfile = { deprecatedApiCalls: [], configurationOverrides: [] };

/** What the legacy portal's workloads do that an upgrade to v1.29 (and later v1.32) trips over. */
export const legacyPortalProfile: ClusterProfile = {
  deprecatedApiCalls: [
    // flowcontrol.apiserver.k8s.io/v1beta2 is no longer served from Kubernetes v1.29, v1beta3 from v1.32.
    {
      url: '/apis/flowcontrol.apiserver.k8s.io/v1beta2/flowschemas',
      userAgent: 'portal-traffic-operator/v0.9.2 (linux/amd64) kubernetes/4b7a3c1',
      removedIn: 'v1.29',
    },
    {
      url: '/apis/flowcontrol.apiserver.k8s.io/v1beta2/prioritylevelconfigurations',
      userAgent: 'portal-traffic-operator/v0.9.2 (linux/amd64) kubernetes/4b7a3c1',
      removedIn: 'v1.29',
    },
    {
      url: '/apis/flowcontrol.apiserver.k8s.io/v1beta3/flowschemas',
      userAgent: 'kubectl/v1.28.4 (linux/amd64) kubernetes/bae2c62',
      removedIn: 'v1.32',
    },
  ],
  configurationOverrides: [
    {
      package: 'kube-apiserver',
      sourceFile: 'kube-apiserver.conf',
      nodeMsg: 'control plane',
      field: 'default-unreachable-toleration-seconds',
      operation: 'reset',
      originalValue: '60',
      value: '300',
    },
  ],
};

function clusterIdByName(state: EmulatorState, projectId: string, name: string): string | undefined {
  return Object.entries(projectOf(state, projectId).clusters).find(([, cluster]) => cluster.metadata.name === name)?.[0];
}

function pastPrecheck(
  slice: UpgradeSlice,
  clusterId: string,
  durationMs: number,
  versions: { from: string; to: string },
  addons: PrecheckFacts['addons'],
  createdAt: number,
): StoredPrecheckTask {
  const facts: PrecheckFacts = { clusterVersion: versions.from, targetVersion: versions.to, profile: noFindings, addons };
  const task: StoredPrecheckTask = {
    uid: randomUUID(),
    clusterId,
    createdAt,
    durationMs,
    clusterVersion: versions.from,
    targetVersion: versions.to,
    skippedCheckItemList: [],
    report: buildPrecheckReport(facts, []),
  };
  slice.prechecks[task.uid] = task;
  return task;
}

function pastUpgrade(
  slice: UpgradeSlice,
  clusterId: string,
  durationMs: number,
  versions: { from: string; fromPlatform: string; to: string },
  attempts: [UpgradeAttempt, ...UpgradeAttempt[]],
): StoredUpgradeTask {
  const task: StoredUpgradeTask = {
    uid: randomUUID(),
    clusterId,
    createdAt: attempts[0].startedAt,
    durationMs,
    version: versions.from,
    platformVersion: versions.fromPlatform,
    targetVersion: versions.to,
    targetPlatformVersion: latestPlatformVersion(versions.to) ?? 'cce.1.0',
    strategy: { type: 'inPlaceRollingUpdate', inPlaceRollingUpdate: { userDefinedStep: 20 } },
    addons: [],
    attempts,
    // History: its outcome is already part of the cluster as the cluster seeder made it.
    settled: true,
  };
  slice.upgrades[task.uid] = task;
  return task;
}

function pastSnapshot(slice: UpgradeSlice, clusterId: string, durationMs: number, createdAt: number): string {
  const uid = randomUUID();
  slice.snapshots[uid] = { uid, clusterId, createdAt, durationMs };
  return uid;
}

function pastPostcheck(slice: UpgradeSlice, clusterId: string, versions: { from: string; to: string }, createdAt: number): string {
  const uid = randomUUID();
  slice.postchecks[uid] = {
    uid,
    clusterId,
    createdAt,
    clusterVersion: versions.from,
    targetVersion: versions.to,
    phase: 'Success',
    message: 'cluster and add-ons are healthy',
  };
  return uid;
}

export const seedDemoUpgrade: Seeder = ({ state, projectId, now }) => {
  const slice = completeUpgradeSlice(projectOf(state, projectId).upgrade);
  const d = state.settings.durations;

  const payments = clusterIdByName(state, projectId, 'prod-payments');
  if (payments) {
    // v1.29 -> v1.30, 26 days ago: everything passed the first time.
    {
      const versions = { from: 'v1.29', fromPlatform: 'cce.5.1', to: 'v1.30' };
      const start = now - 26 * DAY;
      const workflow = newWorkflow(state, projectId, { uid: payments, version: versions.from }, versions.to, start);
      workflow.points.PreCheck = pastPrecheck(slice, payments, d.precheck, versions, [], start + 5 * MINUTE).uid;
      workflow.points.Snapshot = pastSnapshot(slice, payments, d.snapshot, start + 12 * MINUTE);
      workflow.points.Cluster = pastUpgrade(slice, payments, d.upgrade, versions, [
        { startedAt: start + 20 * MINUTE, fromProgress: 0, failure: null },
      ]).uid;
      workflow.points.PostCheck = pastPostcheck(slice, payments, versions, start + 45 * MINUTE);
    }
    // v1.30 -> v1.31, 5 days ago: CoreDNS was abnormal at the first pre-check; the upgrade failed once and was retried.
    {
      const versions = { from: 'v1.30', fromPlatform: 'cce.4.1', to: 'v1.31' };
      const start = now - 5 * DAY;
      const workflow = newWorkflow(state, projectId, { uid: payments, version: versions.from }, versions.to, start);
      pastPrecheck(
        slice,
        payments,
        d.precheck,
        versions,
        [{ addonTemplateName: 'coredns', alias: 'coredns', version: '1.30.6', status: 'abnormal', supportsTarget: true, suggestedVersion: '1.31.3' }],
        start + 3 * MINUTE,
      );
      workflow.points.PreCheck = pastPrecheck(slice, payments, d.precheck, versions, [], start + 40 * MINUTE).uid;
      workflow.points.Snapshot = pastSnapshot(slice, payments, d.snapshot, start + 48 * MINUTE);
      workflow.points.Cluster = pastUpgrade(slice, payments, d.upgrade, versions, [
        {
          startedAt: start + 55 * MINUTE,
          fromProgress: 0,
          failure: { atProgress: 60, reason: 'kube-apiserver v1.31 did not become ready within 5m: etcd leader election in progress' },
        },
        { startedAt: start + 2 * HOUR, fromProgress: 60, failure: null },
      ]).uid;
      workflow.points.PostCheck = pastPostcheck(slice, payments, versions, start + 3 * HOUR);
    }
  }

  const portal = clusterIdByName(state, projectId, 'legacy-portal');
  if (portal) {
    slice.profiles[portal] = structuredClone(legacyPortalProfile);
    const cluster = projectOf(state, projectId).clusters[portal];
    const version = cluster?.spec.version ?? 'v1.28';
    const target = upgradeTargets(version, cluster?.spec.platformVersion).find((t) => t !== version);
    if (target) newWorkflow(state, projectId, { uid: portal, version }, target, now - 2 * HOUR);
  }
};
