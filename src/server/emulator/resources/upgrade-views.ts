// Upgrade records as the service shows them at a given time (seed 4.3): the phase, progress and timestamps of each
// task are pure functions of (record, now), and a workflow's point statuses follow the tasks linked to it.
// Timestamps: upgrade and snapshot tasks in "+0800 CST" (4.3.2, 4.3.10 examples), pre-check, post-check and
// workflows in "+0000 UTC" (4.3.6, 4.3.15-4.3.17 examples; digest §1.3).
import type { PrecheckPhase } from '../../../contract/upgrade-checks.ts';
import { canCancelWorkflow, isCriticalLine, upgradeWorkflowSchema } from '../../../contract/upgrade-workflows.ts';
import type { UpgradeTaskPhase } from '../../../contract/upgrade.ts';
import { goCstTime, goUtcTime } from '../time-format.ts';
import type {
  StoredPostcheckTask,
  StoredPrecheckItem,
  StoredPrecheckTask,
  StoredSnapshotTask,
  StoredUpgradeTask,
  StoredWorkflow,
  UpgradeSlice,
  WorkflowTaskType,
} from './upgrade-model.ts';
import { workflowPointOrder } from './upgrade-model.ts';
import { reportFailed } from './upgrade-report.ts';

/** A pre-check result stops being valid 1 h after the check ended (4.3.6 example: 07:21:05 -> 08:21:05). */
export const precheckValidityMs = 3600_000;

type Terminal<P extends string> = { phase: P; endAt: number | null };

// ---------------------------------------------------------------------------------------------------------------
// Pre-check: Init for the first 10 % of settings.durations.precheck, then the cluster items finish, then the
// add-on items, then the (empty) node stage; the task ends Success, or Failed when an item failed.
// ---------------------------------------------------------------------------------------------------------------

export function precheckTimeline(task: StoredPrecheckTask) {
  const at = (fraction: number) => task.createdAt + Math.round(task.durationMs * fraction);
  return { runningAt: at(0.1), clusterDoneAt: at(0.55), addonDoneAt: at(0.85), endAt: at(1) };
}

export function precheckState(task: StoredPrecheckTask, now: number): Terminal<Extract<PrecheckPhase, 'Init' | 'Running' | 'Success' | 'Failed'>> {
  const t = precheckTimeline(task);
  if (now >= t.endAt) return { phase: reportFailed(task.report) ? 'Failed' : 'Success', endAt: t.endAt };
  return { phase: now >= t.runningAt ? 'Running' : 'Init', endAt: null };
}

/** When a successful pre-check stops counting for an upgrade; null unless it succeeded. */
export function precheckExpiry(task: StoredPrecheckTask, now: number): number | null {
  const state = precheckState(task, now);
  return state.phase === 'Success' && state.endAt !== null ? state.endAt + precheckValidityMs : null;
}

function itemJson(item: StoredPrecheckItem) {
  return { ...item, riskSource: { ...item.riskSource } };
}

function checkGroup(items: StoredPrecheckItem[], runningAt: number, doneAt: number, now: number) {
  if (now < runningAt) return { phase: 'Init' };
  if (now < doneAt) return { phase: 'Running' };
  return { phase: items.some((i) => i.phase === 'Failed') ? 'Failed' : 'Success', itemsStatus: items.map(itemJson) };
}

/** PreCheckTask (4.3.5-4.3.7); clusterCheckStatus is an object as the table and the SDK say (sdk-fidelity §3). */
export function precheckJson(task: StoredPrecheckTask, now: number) {
  const t = precheckTimeline(task);
  const state = precheckState(task, now);
  const expiry = precheckExpiry(task, now);
  const changedAt = [task.createdAt, t.runningAt, t.clusterDoneAt, t.addonDoneAt, t.endAt].filter((x) => x <= now);
  return {
    kind: 'PreCheckTask',
    apiVersion: 'v3',
    metadata: {
      uid: task.uid,
      creationTimestamp: goUtcTime(task.createdAt),
      updateTimestamp: goUtcTime(Math.max(...changedAt)),
    },
    spec: {
      clusterID: task.clusterId,
      clusterVersion: task.clusterVersion,
      targetVersion: task.targetVersion,
      skippedCheckItemList: task.skippedCheckItemList,
    },
    status: {
      phase: state.phase,
      ...(expiry !== null ? { expireTimeStamp: goUtcTime(expiry) } : {}),
      clusterCheckStatus: checkGroup(task.report.cluster, t.runningAt, t.clusterDoneAt, now),
      addonCheckStatus: checkGroup(task.report.addon, t.runningAt, t.addonDoneAt, now),
      // No user nodes in an Autopilot cluster (digest R12): the node stage passes with nothing to list.
      nodeCheckStatus: { phase: now < t.runningAt ? 'Init' : now < t.endAt ? 'Running' : 'Success' },
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Snapshot (v3.1): Init for 5 % of settings.durations.snapshot, then Running with an integer progress ("67" in the
// 4.3.10 example), then Success. The phase has no documented enum (R8): the point statuses are reused.
// ---------------------------------------------------------------------------------------------------------------

export function snapshotState(task: StoredSnapshotTask, now: number) {
  const runningAt = task.createdAt + Math.round(task.durationMs * 0.05);
  const endAt = task.createdAt + task.durationMs;
  if (now >= endAt) return { phase: 'Success' as const, progress: 100, endAt };
  if (now < runningAt) return { phase: 'Init' as const, progress: 0, endAt: null };
  return { phase: 'Running' as const, progress: Math.floor(((now - runningAt) / (endAt - runningAt)) * 100), endAt: null };
}

export function snapshotJson(task: StoredSnapshotTask, now: number) {
  const state = snapshotState(task, now);
  return {
    kind: 'SnapshotTask',
    apiVersion: 'v3.1',
    metadata: {
      uid: task.uid,
      creationTimestamp: goCstTime(task.createdAt),
      updateTimestamp: goCstTime(Math.min(now, state.endAt ?? now)),
    },
    // "to be deprecated" (table 4-309); the example sends {}.
    spec: {},
    status: {
      phase: state.phase,
      progress: String(state.progress),
      ...(state.endAt !== null ? { completionTime: goCstTime(state.endAt) } : {}),
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Upgrade task (4.3.1-4.3.4). First run: Init for 4 % of settings.durations.upgrade, Queuing until 10 %, then
// Running, the progress rising linearly over the remaining 90 %. A retry (4.3.3) queues for 5 % and resumes from the
// progress where the failure stopped. An injected failure (settings.upgradeFailure) stops the run at its progress.
// ---------------------------------------------------------------------------------------------------------------

export type UpgradeState = {
  phase: Extract<UpgradeTaskPhase, 'Init' | 'Queuing' | 'Running' | 'Success' | 'Failed'>;
  progress: number;
  /** When the current run ended (terminal phases only). */
  endAt: number | null;
  reason: string | null;
  /** Last change of phase or progress up to now. */
  changedAt: number;
};

export function upgradeState(task: StoredUpgradeTask, now: number): UpgradeState {
  const attempt = task.attempts[task.attempts.length - 1] ?? task.attempts[0];
  const first = task.attempts.length === 1;
  const d = task.durationMs;
  const queuingAt = attempt.startedAt + (first ? Math.round(d * 0.04) : 0);
  const runningAt = attempt.startedAt + Math.round(d * (first ? 0.1 : 0.05));
  const stopAt = attempt.failure ? attempt.failure.atProgress : 100;
  const endAt = runningAt + Math.round(((stopAt - attempt.fromProgress) / 100) * d * 0.9);
  if (now >= endAt) {
    return attempt.failure
      ? { phase: 'Failed', progress: stopAt, endAt, reason: attempt.failure.reason, changedAt: endAt }
      : { phase: 'Success', progress: 100, endAt, reason: null, changedAt: endAt };
  }
  if (now >= runningAt) {
    const progress = attempt.fromProgress + ((now - runningAt) / (d * 0.9)) * 100;
    return { phase: 'Running', progress: Math.min(progress, stopAt), endAt: null, reason: null, changedAt: now };
  }
  if (now >= queuingAt) return { phase: 'Queuing', progress: attempt.fromProgress, endAt: null, reason: null, changedAt: queuingAt };
  return { phase: 'Init', progress: attempt.fromProgress, endAt: null, reason: null, changedAt: attempt.startedAt };
}

export function isUpgradeTerminal(state: UpgradeState): boolean {
  return state.phase === 'Success' || state.phase === 'Failed';
}

export function upgradeTaskJson(task: StoredUpgradeTask, now: number) {
  const state = upgradeState(task, now);
  return {
    kind: 'UpgradeTask',
    apiVersion: 'v3',
    metadata: {
      uid: task.uid,
      creationTimestamp: goCstTime(task.createdAt),
      updateTimestamp: goCstTime(state.changedAt),
    },
    spec: {
      version: task.version,
      targetVersion: task.targetVersion,
      // Free-form (table 4-228, SDK interface{}): the add-ons upgraded along with the cluster.
      ...(task.addons.length > 0
        ? { items: { addons: task.addons.map(({ addonTemplateName, operation, version }) => ({ addonTemplateName, operation, version })) } }
        : {}),
    },
    status: {
      phase: state.phase,
      // A String: "0.00" in the 4.3.2 example.
      progress: state.progress.toFixed(2),
      ...(state.endAt !== null ? { completionTime: goCstTime(state.endAt) } : {}),
      ...(state.reason !== null ? { message: state.reason } : {}),
    },
  };
}

/** 4.3.1 response (tables 4-219…4-222). */
export function upgradeAcceptedJson(task: StoredUpgradeTask) {
  return {
    metadata: { uid: task.uid },
    spec: {
      clusterUpgradeAction: {
        version: task.version,
        targetVersion: task.targetVersion,
        targetPlatformVersion: task.targetPlatformVersion,
        strategy: task.strategy,
        config: {},
      },
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Post-check (4.3.8): answered at once, every phase is terminal.
// ---------------------------------------------------------------------------------------------------------------

export function postcheckJson(task: StoredPostcheckTask) {
  return {
    kind: 'PostCheckTask',
    apiVersion: 'v3',
    metadata: { uid: task.uid, creationTimestamp: goUtcTime(task.createdAt), updateTimestamp: goUtcTime(task.createdAt) },
    spec: { clusterID: task.clusterId, clusterVersion: task.clusterVersion, targetVersion: task.targetVersion },
    status: { phase: task.phase, ...(task.phase === 'Failed' ? { message: task.message } : {}) },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Workflows (4.3.14-4.3.17)
// ---------------------------------------------------------------------------------------------------------------

export type PointView = {
  taskType: WorkflowTaskType;
  taskID?: string;
  status?: 'Init' | 'Queuing' | 'Running' | 'Success' | 'Failed';
  startAt?: number;
  endAt?: number;
  expireAt?: number;
};

/** The point of `type` as the linked task shows it at `now`; a point without a task has only its type. */
export function pointView(workflow: StoredWorkflow, type: WorkflowTaskType, slice: UpgradeSlice, now: number): PointView {
  const taskId = workflow.points[type];
  if (taskId === undefined) return { taskType: type };
  const base = { taskType: type, taskID: taskId };
  const ended = (endAt: number | null) => (endAt !== null ? { endAt } : {});
  switch (type) {
    case 'PreCheck': {
      const task = slice.prechecks[taskId];
      if (!task) return { taskType: type };
      const state = precheckState(task, now);
      const expireAt = precheckExpiry(task, now);
      return { ...base, status: state.phase, startAt: task.createdAt, ...ended(state.endAt), ...(expireAt !== null ? { expireAt } : {}) };
    }
    case 'Snapshot': {
      const task = slice.snapshots[taskId];
      if (!task) return { taskType: type };
      const state = snapshotState(task, now);
      return { ...base, status: state.phase, startAt: task.createdAt, ...ended(state.endAt) };
    }
    case 'Cluster': {
      const task = slice.upgrades[taskId];
      if (!task) return { taskType: type };
      const state = upgradeState(task, now);
      return { ...base, status: state.phase, startAt: task.createdAt, ...ended(state.endAt) };
    }
    case 'PostCheck': {
      const task = slice.postchecks[taskId];
      if (!task) return { taskType: type };
      return { ...base, status: task.phase, startAt: task.createdAt, endAt: task.createdAt };
    }
  }
}

export type WorkflowPhaseValue = 'Init' | 'Running' | 'Pending' | 'Success' | 'Cancel';

/**
 * Table 4-336: Init = no task started; Running = a task started; Pending = a task FAILED; Success = all tasks
 * succeeded; Cancel. "All tasks" are the points on the lines (PreCheck, Cluster, PostCheck): the snapshot is off the
 * critical path and optional. A failed point stops counting once a later point started (an upgrade started after
 * a failed snapshot runs on without the backup).
 */
export function workflowPhase(workflow: StoredWorkflow, points: readonly PointView[]): WorkflowPhaseValue {
  if (workflow.cancelledAt !== null) return 'Cancel';
  const byType = (type: WorkflowTaskType) => points.find((p) => p.taskType === type);
  if (criticalPointTypes.every((type) => byType(type)?.status === 'Success')) return 'Success';
  const order = workflowPointOrder;
  const blockingFailure = points.some(
    (point) =>
      point.status === 'Failed' &&
      !order.slice(order.indexOf(point.taskType) + 1).some((later) => byType(later)?.status !== undefined),
  );
  if (blockingFailure) return 'Pending';
  return points.some((p) => p.status !== undefined) ? 'Running' : 'Init';
}

/** The lines of the examples (lines 12870-12884): PreCheck -> Cluster -> PostCheck, both critical (digest §5.6). */
export const workflowLines: ReadonlyArray<{ start: WorkflowTaskType; end: WorkflowTaskType; critical: boolean }> = [
  { start: 'PreCheck', end: 'Cluster', critical: true },
  { start: 'Cluster', end: 'PostCheck', critical: true },
];
const criticalPointTypes: readonly WorkflowTaskType[] = ['PreCheck', 'Cluster', 'PostCheck'];

export function workflowView(workflow: StoredWorkflow, slice: UpgradeSlice, now: number) {
  const points = workflowPointOrder.map((type) => pointView(workflow, type, slice, now));
  return { points, phase: workflowPhase(workflow, points) };
}

/** Whether the workflow is still under way: it takes the cluster's new tasks, and another one cannot start. */
export function isWorkflowActive(phase: WorkflowPhaseValue): boolean {
  return phase === 'Init' || phase === 'Running' || phase === 'Pending';
}

export function workflowJson(workflow: StoredWorkflow, slice: UpgradeSlice, now: number) {
  const { points, phase } = workflowView(workflow, slice, now);
  const times = [workflow.createdAt, workflow.cancelledAt ?? 0, ...points.flatMap((p) => [p.startAt ?? 0, p.endAt ?? 0])];
  return {
    kind: 'WorkFlowTask',
    apiVersion: 'v3',
    metadata: {
      uid: workflow.uid,
      creationTimestamp: goUtcTime(workflow.createdAt),
      updateTimestamp: goUtcTime(Math.max(...times.filter((t) => t <= now))),
    },
    // clusterID is set by the service (table 4-332: "input ignored", R5).
    spec: { clusterID: workflow.clusterId, clusterVersion: workflow.clusterVersion, targetVersion: workflow.targetVersion },
    status: {
      phase,
      pointStatuses: points.map((p) => ({
        taskType: p.taskType,
        ...(p.taskID !== undefined ? { taskID: p.taskID } : {}),
        ...(p.status !== undefined ? { status: p.status } : {}),
        ...(p.startAt !== undefined ? { startTimeStamp: goUtcTime(p.startAt) } : {}),
        ...(p.endAt !== undefined ? { endTimeStamp: goUtcTime(p.endAt) } : {}),
        ...(p.expireAt !== undefined ? { expireTimeStamp: goUtcTime(p.expireAt) } : {}),
      })),
      // `critical` is a String (table 4-338, digest S12).
      lineStatuses: workflowLines.map((line) => ({
        startPoint: { taskType: line.start },
        endPoint: { taskType: line.end },
        critical: String(line.critical),
      })),
    },
  };
}

/**
 * Why PATCH {status:{phase:"Cancel"}} is refused, or null. The contract's canCancelWorkflow decides the 4.3.17 rule
 * (line 13622: the workflow must not be running, succeeded or cancelled; no task running, initialised, paused or
 * queued), read on the answer the console would parse. Table 4-338 adds the critical lines: once the task at the end
 * of a critical line has started (the cluster upgrade, the post-check), the workflow cannot be cancelled until that
 * task succeeded; retry it instead. A line whose end has not started yet has changed nothing and does not block.
 */
export function cancelProblem(workflow: StoredWorkflow, slice: UpgradeSlice, now: number): string | null {
  const status = upgradeWorkflowSchema.parse(workflowJson(workflow, slice, now)).status;
  const rule =
    '(4.3.17: the workflow must not be Running, Success or Cancel, no task may be Init, Queuing, Running or paused, ' +
    'and no critical line may be under way)';
  const point = (type: string | null | undefined) => status.pointStatuses.find((p) => p.taskType === type);
  if (!canCancelWorkflow(status)) {
    if (status.phase === 'Success' || status.phase === 'Cancel') {
      return `upgrade workflow ${workflow.uid} is already ${status.phase} ${rule}`;
    }
    const busy = status.pointStatuses.find((p) => p.status && p.status !== 'Success' && p.status !== 'Failed');
    if (busy) {
      return `the ${busy.taskType} task ${busy.taskID ?? ''} of upgrade workflow ${workflow.uid} is ${busy.status}; wait until it ends ${rule}`;
    }
    const unexecuted = status.lineStatuses.find(
      (line) => isCriticalLine(line) && point(line.startPoint.taskType)?.status === 'Success' && !point(line.endPoint.taskType)?.status,
    );
    const detail = unexecuted
      ? `: the critical line ${unexecuted.startPoint.taskType} -> ${unexecuted.endPoint.taskType} has not been executed yet`
      : '';
    return `upgrade workflow ${workflow.uid} is ${status.phase ?? 'in an unknown phase'}${detail} ${rule}`;
  }
  for (const line of status.lineStatuses) {
    if (!isCriticalLine(line)) continue;
    const start = point(line.startPoint.taskType);
    const end = point(line.endPoint.taskType);
    if (start?.status === 'Success' && end?.status && end.status !== 'Success') {
      const retry = end.taskType === 'Cluster' ? 'retry the upgrade (POST .../operation/upgrade/retry)' : 'run the post-check again';
      return (
        `the critical line ${line.startPoint.taskType} -> ${line.endPoint.taskType} of upgrade workflow ${workflow.uid} ` +
        `is under way (${end.taskType} task ${end.taskID ?? ''} ${end.status}): ${retry} ${rule}`
      );
    }
  }
  return null;
}
