// The 17 cluster-upgrade operations (seed 4.3.1-4.3.17) and the reconciler that applies a finished upgrade to its
// cluster. Tasks are records with schedules (upgrade-model.ts); what they show at a time is upgrade-views.ts.
import { randomUUID } from 'node:crypto';
import { isTransitionalAddonInstanceStatus } from '../../../contract/addons.ts';
import { cceErrorCodes } from '../../../contract/errors.ts';
import { addonCatalog, defaultVersionForCluster, versionSupportsCluster } from '../addon-catalog.ts';
import { EmulatorError, conflict, invalid, notFound } from '../errors.ts';
import type { Handlers, Reconciler } from '../handler.ts';
import { projectOf, type EmulatorState, type StoredCluster } from '../state.ts';
import { goCstTime, goUtcTime } from '../time-format.ts';
import { addonInstallProblem, addonInstancesOfCluster, setAddonInstanceVersion } from './addons.ts';
import {
  completeUpgradeSlice,
  type ClusterProfile,
  type SkippedCheckItem,
  type StoredPostcheckTask,
  type StoredPrecheckTask,
  type StoredSnapshotTask,
  type StoredUpgradeTask,
  type StoredWorkflow,
  type UpgradeAddonTarget,
  type UpgradeSlice,
} from './upgrade-model.ts';
import { latestPlatformVersion, patchOf, upgradeFeatureGatesBody, upgradePathsBody, upgradeTargets, versionRow } from './upgrade-paths.ts';
import { buildPrecheckReport, skippedItemsProblem, type PrecheckFacts } from './upgrade-report.ts';
import {
  cancelProblem,
  isUpgradeTerminal,
  isWorkflowActive,
  pointView,
  postcheckJson,
  precheckExpiry,
  precheckJson,
  precheckState,
  snapshotJson,
  snapshotState,
  upgradeAcceptedJson,
  upgradeState,
  upgradeTaskJson,
  workflowJson,
  workflowView,
} from './upgrade-views.ts';

// ---------------------------------------------------------------------------------------------------------------
// Lookups and the rules every task shares
// ---------------------------------------------------------------------------------------------------------------

const emptyProfile = (): ClusterProfile => ({ deprecatedApiCalls: [], configurationOverrides: [] });

function clusterOf(state: EmulatorState, projectId: string, clusterId: string): StoredCluster {
  const cluster = projectOf(state, projectId).clusters[clusterId];
  if (!cluster) throw notFound(`Resource not found: cluster ${clusterId} does not exist`);
  return cluster;
}

function sliceOf(state: EmulatorState, projectId: string): UpgradeSlice {
  return completeUpgradeSlice(projectOf(state, projectId).upgrade);
}

const byCreation = <T extends { createdAt: number; clusterId: string }>(records: Record<string, T>, clusterId: string) =>
  Object.values(records)
    .filter((record) => record.clusterId === clusterId)
    .sort((a, b) => a.createdAt - b.createdAt);

function latestUpgrade(slice: UpgradeSlice, clusterId: string): StoredUpgradeTask | undefined {
  return byCreation(slice.upgrades, clusterId).at(-1);
}

/** A task of the cluster that has not ended: the cluster is locked by it. */
function runningTask(slice: UpgradeSlice, clusterId: string, now: number): string | null {
  for (const task of byCreation(slice.upgrades, clusterId)) {
    const state = upgradeState(task, now);
    if (!isUpgradeTerminal(state)) return `upgrade task ${task.uid} is ${state.phase}`;
  }
  for (const task of byCreation(slice.prechecks, clusterId)) {
    const state = precheckState(task, now);
    if (state.endAt === null) return `pre-check task ${task.uid} is ${state.phase}`;
  }
  for (const task of byCreation(slice.snapshots, clusterId)) {
    const state = snapshotState(task, now);
    if (state.endAt === null) return `snapshot task ${task.uid} is ${state.phase}`;
  }
  return null;
}

/**
 * A new pre-check, snapshot, upgrade, post-check or workflow needs the cluster Available and unlocked: a task still
 * running answers 429 CCE.01429002 "Resource locked by other requests"; any other phase 400.
 */
function assertClusterReady(cluster: StoredCluster, slice: UpgradeSlice, clusterId: string, now: number, action: string) {
  const busy = runningTask(slice, clusterId, now);
  if (busy) {
    throw new EmulatorError(429, cceErrorCodes.resourceLocked, `Resource locked by other requests: ${busy} on cluster ${clusterId}; try ${action} again when it has ended`);
  }
  const phase = cluster.status?.phase ?? 'Unknown';
  if (phase !== 'Available') {
    throw invalid(`Invalid request: cluster ${clusterId} is ${phase}; ${action} needs an Available cluster`);
  }
}

/** An add-on being installed, upgraded, rolled back or deleted holds the cluster: the upgrade waits for it. */
function assertAddonsSettled(state: EmulatorState, projectId: string, clusterId: string, action: string): void {
  const busy = addonInstancesOfCluster(state, projectId, clusterId).find((i) => isTransitionalAddonInstanceStatus(i.status?.status));
  if (busy) {
    throw new EmulatorError(
      429,
      cceErrorCodes.resourceLocked,
      `Resource locked by other requests: add-on ${busy.spec.addonTemplateName ?? busy.metadata.uid ?? ''} is ${busy.status?.status ?? ''}; try ${action} again when it has ended`,
    );
  }
}

/** The cluster's workflow that is still under way (at most one: createUpgradeWorkflow refuses a second). */
function activeWorkflow(slice: UpgradeSlice, clusterId: string, now: number): StoredWorkflow | undefined {
  return byCreation(slice.workflows, clusterId).find((workflow) => isWorkflowActive(workflowView(workflow, slice, now).phase));
}

function assertTargetOnPath(cluster: StoredCluster, target: string, field: string): void {
  const targets = upgradeTargets(cluster.spec.version, cluster.spec.platformVersion);
  if (targets.includes(target)) return;
  const offered = targets.length > 0 ? `the upgrade paths offer ${targets.join(', ')}` : 'it has no upgrade path (newest version)';
  throw invalid(
    `Version not supported: ${field} ${target} is not an upgrade target of a ${cluster.spec.version ?? 'unknown'} ` +
      `(${cluster.spec.platformVersion ?? 'unknown'}) cluster; ${offered} (GET /autopilot/v3/clusterupgradepaths)`,
    cceErrorCodes.versionNotSupported,
  );
}

function assertSameCluster(clusterId: string, bodyClusterId: string | undefined, field = 'spec.clusterID'): void {
  if (bodyClusterId !== undefined && bodyClusterId !== clusterId) {
    throw invalid(`Invalid request: ${field} ${bodyClusterId} is not the cluster of the path (${clusterId})`);
  }
}

function assertCurrentVersion(cluster: StoredCluster, version: string | undefined, field: string): void {
  if (version !== undefined && version !== cluster.spec.version) {
    throw invalid(`Invalid request: ${field} ${version} is not the cluster's version (${cluster.spec.version ?? 'unknown'})`);
  }
}

/**
 * The cluster's add-on instances for the checks: their status, and whether their version supports the target
 * cluster version by the add-on catalog's supportVersions (an add-on the catalog does not know is not judged).
 */
function addonFacts(
  state: EmulatorState,
  projectId: string,
  region: string,
  cluster: { uid: string; type?: string | null | undefined },
  targetVersion: string,
): PrecheckFacts['addons'] {
  const target = { version: targetVersion, type: cluster.type ?? null };
  return addonInstancesOfCluster(state, projectId, cluster.uid).map((instance) => {
    const name = instance.spec.addonTemplateName ?? 'unknown';
    const version = instance.spec.version ?? '';
    const template = addonCatalog(region).find((t) => t.name === name);
    const current = template?.versions.find((v) => v.version === version);
    return {
      addonTemplateName: name,
      alias: instance.metadata.alias ?? template?.alias ?? name,
      version,
      status: instance.status?.status ?? 'unknown',
      supportsTarget: !current || versionSupportsCluster(current, target),
      suggestedVersion: template ? (defaultVersionForCluster(template, target)?.version ?? null) : null,
    };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Record constructors (the demo seeder shares newWorkflow)
// ---------------------------------------------------------------------------------------------------------------

function newPrecheck(
  state: EmulatorState,
  projectId: string,
  region: string,
  cluster: { uid: string; version: string; type?: string | null | undefined },
  targetVersion: string,
  skipped: SkippedCheckItem[],
  createdAt: number,
): StoredPrecheckTask {
  const slice = sliceOf(state, projectId);
  const facts: PrecheckFacts = {
    clusterVersion: cluster.version,
    targetVersion,
    profile: slice.profiles[cluster.uid] ?? emptyProfile(),
    addons: addonFacts(state, projectId, region, cluster, targetVersion),
  };
  const task: StoredPrecheckTask = {
    uid: randomUUID(),
    clusterId: cluster.uid,
    createdAt,
    durationMs: state.settings.durations.precheck,
    clusterVersion: cluster.version,
    targetVersion,
    skippedCheckItemList: skipped,
    report: buildPrecheckReport(facts, skipped),
  };
  slice.prechecks[task.uid] = task;
  return task;
}

function newSnapshot(state: EmulatorState, projectId: string, clusterId: string, createdAt: number): StoredSnapshotTask {
  const task: StoredSnapshotTask = { uid: randomUUID(), clusterId, createdAt, durationMs: state.settings.durations.snapshot };
  sliceOf(state, projectId).snapshots[task.uid] = task;
  return task;
}

/** Consumes settings.upgradeFailure ("the next cluster upgrade task fails", cleared after use). */
function takeFailure(state: EmulatorState, fromProgress: number): { atProgress: number; reason: string } | null {
  const reason = state.settings.upgradeFailure;
  if (reason === null) return null;
  state.settings.upgradeFailure = null;
  // The first run fails at 60 %, a retry half-way through what is left.
  return { atProgress: fromProgress === 0 ? 60 : fromProgress + (100 - fromProgress) / 2, reason };
}

function newUpgrade(
  state: EmulatorState,
  projectId: string,
  clusterId: string,
  cluster: StoredCluster,
  input: { targetVersion: string; strategy: StoredUpgradeTask['strategy']; addons: UpgradeAddonTarget[] },
  createdAt: number,
): StoredUpgradeTask {
  const task: StoredUpgradeTask = {
    uid: randomUUID(),
    clusterId,
    createdAt,
    durationMs: state.settings.durations.upgrade,
    version: cluster.spec.version ?? 'unknown',
    platformVersion: cluster.spec.platformVersion ?? 'unknown',
    targetVersion: input.targetVersion,
    targetPlatformVersion: latestPlatformVersion(input.targetVersion) ?? 'unknown',
    strategy: input.strategy,
    addons: input.addons,
    attempts: [{ startedAt: createdAt, fromProgress: 0, failure: takeFailure(state, 0) }],
    settled: false,
  };
  sliceOf(state, projectId).upgrades[task.uid] = task;
  setClusterPhase(cluster, 'Upgrading', createdAt);
  return task;
}

function setClusterPhase(cluster: StoredCluster, phase: 'Upgrading' | 'Available', at: number): void {
  if (cluster.status) cluster.status.phase = phase;
  else cluster.status = { phase, endpoints: [] };
  cluster.metadata.updateTimestamp = goUtcTime(at);
}

/**
 * The post-check confirms the cluster after its upgrade (line 11143): Success when the cluster and its add-ons are
 * healthy, Failed when an add-on is not running.
 */
function newPostcheck(
  state: EmulatorState,
  projectId: string,
  region: string,
  cluster: { uid: string; sourceVersion: string; version: string },
  createdAt: number,
): StoredPostcheckTask {
  const unhealthy = addonFacts(state, projectId, region, cluster, cluster.version).filter((addon) => addon.status !== 'running');
  const task: StoredPostcheckTask = {
    uid: randomUUID(),
    clusterId: cluster.uid,
    createdAt,
    clusterVersion: cluster.sourceVersion,
    targetVersion: cluster.version,
    phase: unhealthy.length > 0 ? 'Failed' : 'Success',
    message:
      unhealthy.length > 0
        ? `addon [ ${unhealthy.map((a) => `${a.alias} (${a.status})`).join(', ')} ] is not running after the upgrade; repair it and run the post-check again`
        : 'cluster and add-ons are healthy',
  };
  sliceOf(state, projectId).postchecks[task.uid] = task;
  return task;
}

export function newWorkflow(
  state: EmulatorState,
  projectId: string,
  cluster: { uid: string; version: string },
  targetVersion: string,
  createdAt: number,
): StoredWorkflow {
  const workflow: StoredWorkflow = {
    uid: randomUUID(),
    clusterId: cluster.uid,
    createdAt,
    clusterVersion: cluster.version,
    targetVersion,
    cancelledAt: null,
    points: {},
  };
  sliceOf(state, projectId).workflows[workflow.uid] = workflow;
  return workflow;
}

// ---------------------------------------------------------------------------------------------------------------
// Handlers
// ---------------------------------------------------------------------------------------------------------------

const list = (apiVersion: string, items: unknown[], extra: Record<string, unknown> = {}) => ({
  kind: 'List',
  apiVersion,
  metadata: {},
  items,
  ...extra,
});

function taskOf<T extends { clusterId: string }>(records: Record<string, T>, clusterId: string, taskId: string, what: string): T {
  const task = records[taskId];
  if (!task || task.clusterId !== clusterId) throw notFound(`Resource not found: ${what} ${taskId} does not exist in cluster ${clusterId}`);
  return task;
}

export const upgradeTaskHandlers: Handlers = {
  // 4.3.1
  upgradeCluster: ({ state, projectId, region, params, body, now }) => {
    const clusterId = params.cluster_id;
    const cluster = clusterOf(state, projectId, clusterId);
    const slice = sliceOf(state, projectId);
    assertClusterReady(cluster, slice, clusterId, now, 'starting the upgrade');
    assertAddonsSettled(state, projectId, clusterId, 'starting the upgrade');
    const action = body.spec.clusterUpgradeAction;
    if (!action) {
      // Table 4-212 marks it optional, but its strategy and targetVersion are required: nothing to upgrade without it.
      throw invalid('Invalid request: spec.clusterUpgradeAction is required: it carries the targetVersion and the strategy');
    }
    const last = latestUpgrade(slice, clusterId);
    if (last && upgradeState(last, now).phase === 'Failed') {
      throw invalid(
        `Invalid request: the last upgrade task ${last.uid} of cluster ${clusterId} (${last.version} -> ${last.targetVersion}) ` +
          'failed; re-run it with POST .../operation/upgrade/retry (4.3.3)',
      );
    }
    assertTargetOnPath(cluster, action.targetVersion, 'spec.clusterUpgradeAction.targetVersion');

    const workflow = activeWorkflow(slice, clusterId, now);
    if (workflow) {
      if (workflow.targetVersion !== action.targetVersion) {
        throw invalid(
          `Invalid request: cluster ${clusterId} has upgrade workflow ${workflow.uid} to ${workflow.targetVersion} under way; ` +
            `upgrade to ${workflow.targetVersion} or cancel the workflow first`,
        );
      }
      // 4.3.14: pre-check => upgrade; a pre-check result past its expireTimeStamp does not count (digest §5.2).
      const precheck = workflow.points.PreCheck ? slice.prechecks[workflow.points.PreCheck] : undefined;
      const expiry = precheck ? precheckExpiry(precheck, now) : null;
      if (!precheck || expiry === null) {
        const detail = precheck ? `pre-check task ${precheck.uid} is ${precheckState(precheck, now).phase}` : 'no pre-check has run';
        throw invalid(
          `Invalid request: upgrade workflow ${workflow.uid} needs a successful pre-check before the upgrade (${detail}); ` +
            'run POST .../operation/precheck (skip confirmed Risk items with spec.skippedCheckItemList)',
        );
      }
      if (expiry <= now) {
        throw invalid(
          `Invalid request: the pre-check ${precheck.uid} of upgrade workflow ${workflow.uid} expired at ${goUtcTime(expiry)}; ` +
            'run the pre-check again',
        );
      }
    }

    const instances = addonInstancesOfCluster(state, projectId, clusterId);
    const seen = new Set<string>();
    const addons: UpgradeAddonTarget[] = (action.addons ?? []).map((addon, index) => {
      const field = `spec.clusterUpgradeAction.addons[${index}].addonTemplateName`;
      if (seen.has(addon.addonTemplateName)) throw invalid(`Invalid request: ${field} ${addon.addonTemplateName} is listed twice`);
      seen.add(addon.addonTemplateName);
      const instance = instances.find((i) => i.spec.addonTemplateName === addon.addonTemplateName);
      const instanceId = instance?.metadata.uid;
      if (!instanceId) {
        throw invalid(`Invalid request: ${field} ${addon.addonTemplateName} is not installed in cluster ${clusterId}`);
      }
      // Table 4-214: "the target add-on version must match the target cluster version".
      const mismatch = addonInstallProblem(region, addon, { version: action.targetVersion, type: cluster.spec.type ?? null });
      if (mismatch) throw invalid(`Invalid request: spec.clusterUpgradeAction.addons[${index}].version: ${mismatch}`);
      return { addonTemplateName: addon.addonTemplateName, version: addon.version, operation: addon.operation, instanceId, values: addon.values };
    });

    const task = newUpgrade(state, projectId, clusterId, cluster, { targetVersion: action.targetVersion, strategy: action.strategy, addons }, now);
    if (workflow) workflow.points.Cluster = task.uid;
    return { body: upgradeAcceptedJson(task) };
  },

  // 4.3.2
  getUpgradeTask: ({ state, projectId, params, now }) => {
    clusterOf(state, projectId, params.cluster_id);
    const task = taskOf(sliceOf(state, projectId).upgrades, params.cluster_id, params.task_id, 'upgrade task');
    return { body: upgradeTaskJson(task, now) };
  },

  // 4.3.3: "re-executes a failed upgrade task" (line 9320); no body in or out.
  retryUpgradeTask: ({ state, projectId, params, now }) => {
    const clusterId = params.cluster_id;
    const cluster = clusterOf(state, projectId, clusterId);
    const slice = sliceOf(state, projectId);
    const task = latestUpgrade(slice, clusterId);
    if (!task) throw invalid(`Invalid request: cluster ${clusterId} has no upgrade task to retry`);
    const current = upgradeState(task, now);
    if (!isUpgradeTerminal(current)) {
      throw new EmulatorError(429, cceErrorCodes.resourceLocked, `Resource locked by other requests: upgrade task ${task.uid} is ${current.phase}`);
    }
    if (current.phase !== 'Failed') {
      throw invalid(`Invalid request: the last upgrade task ${task.uid} of cluster ${clusterId} is ${current.phase}; only a Failed task can be retried`);
    }
    assertClusterReady(cluster, slice, clusterId, now, 'retrying the upgrade');
    assertAddonsSettled(state, projectId, clusterId, 'retrying the upgrade');
    task.attempts.push({ startedAt: now, fromProgress: current.progress, failure: takeFailure(state, current.progress) });
    task.settled = false;
    setClusterPhase(cluster, 'Upgrading', now);
    return { body: undefined };
  },

  // 4.3.4
  listUpgradeTasks: ({ state, projectId, params, now }) => {
    clusterOf(state, projectId, params.cluster_id);
    const tasks = byCreation(sliceOf(state, projectId).upgrades, params.cluster_id);
    return { body: list('v3', tasks.map((task) => upgradeTaskJson(task, now))) };
  },

  // 4.3.11
  getUpgradeInfo: ({ state, projectId, params, now }) => {
    const cluster = clusterOf(state, projectId, params.cluster_id);
    const tasks = byCreation(sliceOf(state, projectId).upgrades, params.cluster_id);
    // UpgradeInfoStatus has no Queuing (table 4-321, digest R7): a queued task reads as Running.
    const info = (task: StoredUpgradeTask) => {
      const s = upgradeState(task, now);
      return {
        phase: s.phase === 'Queuing' ? 'Running' : s.phase,
        progress: s.progress.toFixed(2),
        ...(s.endAt !== null ? { completionTime: goCstTime(s.endAt) } : {}),
      };
    };
    const finished = tasks.filter((task) => isUpgradeTerminal(upgradeState(task, now)));
    const lastFinished = finished.at(-1);
    const latest = tasks.at(-1);
    const row = versionRow(cluster.spec.version);
    return {
      body: {
        kind: 'UpgradeInfo',
        apiVersion: 'v3',
        metadata: {},
        spec: {
          ...(lastFinished ? { lastUpgradeInfo: info(lastFinished) } : {}),
          versionInfo: {
            release: row?.release ?? cluster.spec.version ?? null,
            patch: patchOf(cluster.spec.platformVersion),
            suggestPatch: patchOf(row?.platformVersions[0]),
            targetVersions: upgradeTargets(cluster.spec.version, cluster.spec.platformVersion),
          },
          upgradeFeatureGates: { supportUpgradePageV4: true },
        },
        ...(latest ? { status: info(latest) } : {}),
      },
    };
  },

  // 4.3.12, 4.3.13: not project-scoped, the same for everyone.
  listUpgradePaths: () => ({ body: upgradePathsBody() }),
  listUpgradeFeatureGates: () => ({ body: upgradeFeatureGatesBody() }),
};

export const upgradeCheckHandlers: Handlers = {
  // 4.3.5
  createPrecheck: ({ state, projectId, region, params, body, now }) => {
    const clusterId = params.cluster_id;
    const cluster = clusterOf(state, projectId, clusterId);
    const slice = sliceOf(state, projectId);
    assertClusterReady(cluster, slice, clusterId, now, 'starting a pre-check');
    assertSameCluster(clusterId, body.spec.clusterID);
    assertCurrentVersion(cluster, body.spec.clusterVersion, 'spec.clusterVersion');
    const workflow = activeWorkflow(slice, clusterId, now);
    if (workflow?.points.Cluster !== undefined) {
      throw invalid(`Invalid request: the cluster upgrade of workflow ${workflow.uid} has started; a pre-check no longer applies`);
    }
    const targets = upgradeTargets(cluster.spec.version, cluster.spec.platformVersion);
    const target = body.spec.targetVersion ?? workflow?.targetVersion ?? targets.find((t) => t !== cluster.spec.version) ?? targets[0];
    if (target === undefined) {
      throw invalid(`Version not supported: cluster ${clusterId} at ${cluster.spec.version ?? 'unknown'} has no upgrade target`, cceErrorCodes.versionNotSupported);
    }
    if (workflow && workflow.targetVersion !== target) {
      throw invalid(`Invalid request: spec.targetVersion ${target} differs from upgrade workflow ${workflow.uid} (${workflow.targetVersion})`);
    }
    assertTargetOnPath(cluster, target, 'spec.targetVersion');
    const skipped: SkippedCheckItem[] = body.spec.skippedCheckItemList ?? [];
    const problem = skippedItemsProblem(skipped);
    if (problem) throw invalid(`Invalid request: ${problem}`);
    const task = newPrecheck(
      state,
      projectId,
      region,
      { uid: clusterId, version: cluster.spec.version ?? 'unknown', type: cluster.spec.type },
      target,
      skipped,
      now,
    );
    if (workflow) workflow.points.PreCheck = task.uid;
    return { body: precheckJson(task, now) };
  },

  // 4.3.6
  getPrecheckTask: ({ state, projectId, params, now }) => {
    clusterOf(state, projectId, params.cluster_id);
    const task = taskOf(sliceOf(state, projectId).prechecks, params.cluster_id, params.task_id, 'pre-check task');
    return { body: precheckJson(task, now) };
  },

  // 4.3.7
  listPrecheckTasks: ({ state, projectId, params, now }) => {
    clusterOf(state, projectId, params.cluster_id);
    const tasks = byCreation(sliceOf(state, projectId).prechecks, params.cluster_id);
    return { body: list('v3', tasks.map((task) => precheckJson(task, now))) };
  },

  // 4.3.8: after the upgrade, the customer confirms the cluster (line 11143).
  createPostcheck: ({ state, projectId, region, params, body, now }) => {
    const clusterId = params.cluster_id;
    const cluster = clusterOf(state, projectId, clusterId);
    const slice = sliceOf(state, projectId);
    assertClusterReady(cluster, slice, clusterId, now, 'running the post-check');
    assertSameCluster(clusterId, body.spec.clusterID);
    const workflow = activeWorkflow(slice, clusterId, now);
    const upgrade = workflow ? (workflow.points.Cluster ? slice.upgrades[workflow.points.Cluster] : undefined) : latestUpgrade(slice, clusterId);
    if (!upgrade || upgradeState(upgrade, now).phase !== 'Success') {
      const where = workflow ? `upgrade workflow ${workflow.uid}` : `cluster ${clusterId}`;
      throw invalid(`Invalid request: the post-check confirms a finished upgrade, and ${where} has no successful cluster upgrade`);
    }
    // clusterVersion is the version upgraded FROM (table 4-299), targetVersion the one upgraded to.
    if (body.spec.clusterVersion !== undefined && body.spec.clusterVersion !== upgrade.version) {
      throw invalid(`Invalid request: spec.clusterVersion ${body.spec.clusterVersion} is not the version the cluster was upgraded from (${upgrade.version})`);
    }
    assertCurrentVersion(cluster, body.spec.targetVersion, 'spec.targetVersion');
    const task = newPostcheck(state, projectId, region, { uid: clusterId, sourceVersion: upgrade.version, version: cluster.spec.version ?? upgrade.targetVersion }, now);
    if (workflow) workflow.points.PostCheck = task.uid;
    return { body: postcheckJson(task) };
  },

  // 4.3.9 (v3.1): response {uid, metadata:{kind:"Snapshot", apiVersion:"v3.1"}} (lines 11508-11514).
  createClusterSnapshot: ({ state, projectId, params, now }) => {
    const clusterId = params.cluster_id;
    const cluster = clusterOf(state, projectId, clusterId);
    const slice = sliceOf(state, projectId);
    assertClusterReady(cluster, slice, clusterId, now, 'backing the cluster up');
    const task = newSnapshot(state, projectId, clusterId, now);
    // The backup belongs to the workflow between its successful pre-check and its upgrade (point order, 4.3.14);
    // any other time it is a plain backup.
    const workflow = activeWorkflow(slice, clusterId, now);
    if (workflow && workflow.points.Cluster === undefined && pointView(workflow, 'PreCheck', slice, now).status === 'Success') {
      workflow.points.Snapshot = task.uid;
    }
    return { body: { uid: task.uid, metadata: { kind: 'Snapshot', apiVersion: 'v3.1' } } };
  },

  // 4.3.10: status.latestBackupTime is the end of the latest successful backup (table 4-314).
  listSnapshotTasks: ({ state, projectId, params, now }) => {
    clusterOf(state, projectId, params.cluster_id);
    const tasks = byCreation(sliceOf(state, projectId).snapshots, params.cluster_id);
    const done = tasks.map((task) => snapshotState(task, now).endAt).filter((end): end is number => end !== null);
    const latest = done.length > 0 ? Math.max(...done) : null;
    return {
      body: list(
        'v3.1',
        tasks.map((task) => snapshotJson(task, now)),
        latest !== null ? { status: { latestBackupTime: goCstTime(latest) } } : {},
      ),
    };
  },
};

export const upgradeWorkflowHandlers: Handlers = {
  // 4.3.14 -> 201. "Create the workflow, then start the pre-check" (lines 12724-12726).
  createUpgradeWorkflow: ({ state, projectId, params, body, now }) => {
    const clusterId = params.cluster_id;
    const cluster = clusterOf(state, projectId, clusterId);
    const slice = sliceOf(state, projectId);
    const existing = activeWorkflow(slice, clusterId, now);
    if (existing) {
      throw conflict(
        `The resource already exists: cluster ${clusterId} has upgrade workflow ${existing.uid} to ${existing.targetVersion} ` +
          `(${workflowView(existing, slice, now).phase}); finish or cancel it before creating another`,
      );
    }
    assertClusterReady(cluster, slice, clusterId, now, 'creating an upgrade workflow');
    assertCurrentVersion(cluster, body.spec.clusterVersion, 'spec.clusterVersion');
    assertTargetOnPath(cluster, body.spec.targetVersion, 'spec.targetVersion');
    // spec.clusterID is "generated, input ignored" (table 4-332, R5).
    const workflow = newWorkflow(state, projectId, { uid: clusterId, version: cluster.spec.version ?? 'unknown' }, body.spec.targetVersion, now);
    return { status: 201, body: workflowJson(workflow, slice, now) };
  },

  // 4.3.15: items is an array (the example, the Node SDK; digest S2).
  listUpgradeWorkflows: ({ state, projectId, params, now }) => {
    clusterOf(state, projectId, params.cluster_id);
    const slice = sliceOf(state, projectId);
    const workflows = byCreation(slice.workflows, params.cluster_id);
    return { body: { kind: 'List', apiVersion: 'v3', items: workflows.map((w) => workflowJson(w, slice, now)) } };
  },

  // 4.3.16
  getUpgradeWorkflow: ({ state, projectId, params, now }) => {
    clusterOf(state, projectId, params.cluster_id);
    const slice = sliceOf(state, projectId);
    const workflow = taskOf(slice.workflows, params.cluster_id, params.upgrade_workflow_id, 'upgrade workflow');
    return { body: workflowJson(workflow, slice, now) };
  },

  // 4.3.17: only {status:{phase:"Cancel"}} (the schema allows nothing else).
  updateUpgradeWorkflow: ({ state, projectId, params, now }) => {
    clusterOf(state, projectId, params.cluster_id);
    const slice = sliceOf(state, projectId);
    const workflow = taskOf(slice.workflows, params.cluster_id, params.upgrade_workflow_id, 'upgrade workflow');
    const problem = cancelProblem(workflow, slice, now);
    if (problem) throw invalid(`Invalid request: ${problem}`);
    workflow.cancelledAt = now;
    return { body: workflowJson(workflow, slice, now) };
  },
};

// ---------------------------------------------------------------------------------------------------------------
// Reconciler: a finished upgrade run changes the cluster (version, platform version, phase, add-on versions)
// ---------------------------------------------------------------------------------------------------------------

export const reconcileUpgradeTasks: Reconciler = ({ state, now }) => {
  let changed = false;
  for (const [projectId, project] of Object.entries(state.projects)) {
    for (const task of Object.values(completeUpgradeSlice(project.upgrade).upgrades)) {
      if (task.settled) continue;
      const result = upgradeState(task, now);
      if (!isUpgradeTerminal(result) || result.endAt === null) continue;
      task.settled = true;
      changed = true;
      const cluster = project.clusters[task.clusterId];
      if (!cluster) continue; // deleted meanwhile: nothing left to change
      if (result.phase === 'Success') {
        cluster.spec.version = task.targetVersion;
        cluster.spec.platformVersion = task.targetPlatformVersion;
        for (const addon of task.addons) setAddonInstanceVersion(state, projectId, addon.instanceId, addon.version, result.endAt);
      }
      // A failed run leaves the cluster usable at its old version: Available again, the task waits for a retry.
      setClusterPhase(cluster, 'Available', result.endAt);
    }
  }
  return changed;
};
