// Cluster upgrade workflows (guided upgrade, seed 4.3.14-4.3.17): the WorkFlowTask object, its points (tasks)
// and lines (edges), and the four workflow operations. upgrade.ts joins them into `upgradeOperations`.
import { z } from 'zod';
import { isKnownValue, lenientArray, nullishString, openEnum, requiredString, timestampSchema } from './common.ts';
import { defineOperation, noBodySchema, noQuerySchema } from './operation.ts';
import {
  clusterVersionSchema,
  emptyIfAbsent,
  objectOrArray,
  pathIdFor,
  taskMetadataSchema,
  upgradeClusterParamsSchema,
} from './upgrade-checks.ts';

/** WorkFlowStatus.phase (table 4-336, line 12799). `Pending` means a task FAILED, not "waiting". */
export const workflowPhases = ['Init', 'Running', 'Pending', 'Success', 'Cancel'] as const;
export type WorkflowPhase = (typeof workflowPhases)[number];
/** Phases that end by themselves: the console polls fast. */
export const transitionalWorkflowPhases = ['Running'] as const satisfies readonly WorkflowPhase[];
/** Phases that never change again: polling stops. */
export const terminalWorkflowPhases = ['Success', 'Cancel'] as const satisfies readonly WorkflowPhase[];
/** Phases that wait for the user (start the pre-check; retry or cancel after a failure): poll slowly. */
export const waitingWorkflowPhases = ['Init', 'Pending'] as const satisfies readonly WorkflowPhase[];

/** PointStatus.taskType (table 4-337, line 12806). "Rollback" is mistyped 回归 at lines 13473/13699 (§12 N20). */
export const pointTaskTypes = ['Cluster', 'PreCheck', 'Rollback', 'Snapshot', 'PostCheck'] as const;
export type PointTaskType = (typeof pointTaskTypes)[number];

/** PointStatus.status (table 4-337, line 12810). A point not started yet has no status at all (examples). */
export const pointStatuses = ['Init', 'Queuing', 'Running', 'Success', 'Failed'] as const;
export type PointStatusValue = (typeof pointStatuses)[number];
export const transitionalPointStatuses = ['Init', 'Queuing', 'Running'] as const satisfies readonly PointStatusValue[];
export const terminalPointStatuses = ['Success', 'Failed'] as const satisfies readonly PointStatusValue[];

/** The only phase PATCH accepts (table 4-361/4-362, lines 13650-13655). */
export const workflowUpdatePhases = ['Cancel'] as const;

/** Metadata (table 4-334): the fields of the task metadata (tables 4-227, 4-261, 4-310), one schema for both. */
export const workflowMetadataSchema = taskMetadataSchema;

/** WorkFlowSpec (table 4-335). clusterID is set by the service ("input ignored", §12 R5). */
export const workflowSpecSchema = z.looseObject({
  clusterID: nullishString,
  clusterVersion: nullishString,
  targetVersion: nullishString,
});

/**
 * PointStatus (table 4-337). The 4.3.17 example spells `taskId` (lines 13758, 13767) where the table and the
 * 4.3.16 example say `taskID` (line 13572; digest §12 N6): normalised to `taskID`.
 */
export const pointStatusSchema = z
  .looseObject({
    taskType: openEnum(pointTaskTypes),
    taskID: nullishString,
    taskId: nullishString,
    status: openEnum(pointStatuses).nullish(),
    startTimeStamp: timestampSchema,
    endTimeStamp: timestampSchema,
    /** Pre-check points only: the pre-check result expires then. */
    expireTimeStamp: timestampSchema,
  })
  .transform(({ taskId, ...point }) => ({ ...point, taskID: point.taskID ?? taskId ?? null }));
export type PointStatus = z.infer<typeof pointStatusSchema>;

/**
 * LineStatus.critical is typed String (table 4-338, line 12820; SDK too; digest §12 S12) for a yes/no flag:
 * "true" (any case) or a real `true` -> true; "false", anything else or absent (every seed example) -> false.
 */
export function parseCriticalFlag(value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  return typeof value === 'string' && value.trim().toLowerCase() === 'true';
}

export const pointSchema = z.looseObject({ taskType: openEnum(pointTaskTypes) });

/** LineStatus (table 4-338): an edge of the workflow graph. */
export const lineStatusSchema = z
  .looseObject({
    startPoint: pointSchema,
    endPoint: pointSchema,
    critical: z.union([z.string(), z.boolean()]).nullish(),
  })
  .transform((line) => ({ ...line, critical: parseCriticalFlag(line.critical) }));
export type LineStatus = z.infer<typeof lineStatusSchema>;

/** "Critical path: the workflow cannot be cancelled while a critical line has not been executed" (line 12820). */
export function isCriticalLine(line: Pick<LineStatus, 'critical'>): boolean {
  return line.critical;
}

/** WorkFlowStatus (table 4-336). The 4.3.14 example has no `phase` (§12 R15): null then. */
export const workflowStatusSchema = z.looseObject({
  phase: openEnum(workflowPhases).nullish(),
  pointStatuses: lenientArray(pointStatusSchema),
  lineStatuses: lenientArray(lineStatusSchema),
});
export type WorkflowStatus = z.infer<typeof workflowStatusSchema>;

/**
 * WorkFlowTask (tables 4-333, 4-343, 4-352, 4-363). The first 4.3.16 example (lines 13504-13556) is an unrelated
 * Kubernetes object (§12 S9); it still parses, with empty point/line lists. Absent metadata/status become empty ones.
 */
export const upgradeWorkflowSchema = z.looseObject({
  kind: nullishString,
  apiVersion: nullishString,
  metadata: emptyIfAbsent(workflowMetadataSchema),
  spec: workflowSpecSchema.nullish(),
  status: emptyIfAbsent(workflowStatusSchema),
});
export type UpgradeWorkflow = z.infer<typeof upgradeWorkflowSchema>;

/**
 * 4.3.15: `items` is documented as one UpgradeWorkFlow object (table 4-342, line 13121; Go SDK too) while the
 * example (line 13192) and the Node SDK send an array (digest §12 S2): always an array here.
 */
export const upgradeWorkflowListSchema = z.looseObject({
  kind: nullishString,
  apiVersion: nullishString,
  metadata: workflowMetadataSchema.nullish(),
  items: objectOrArray(upgradeWorkflowSchema),
});
export type UpgradeWorkflowList = z.infer<typeof upgradeWorkflowListSchema>;

/** Point statuses during which cancelling is refused (line 13622: "running, init, pause, queue"). */
const pointStatusesBlockingCancel: readonly string[] = ['Init', 'Queuing', 'Running', 'Pause'];

/**
 * Whether PATCH {status:{phase:"Cancel"}} is allowed (4.3.17, line 13622): the workflow is not running, succeeded
 * or cancelled, and no task is running, initialised, paused or queued. The rule's lower-case names are mapped to
 * the enums (§12 R6): phase Init or Pending, and no point in Init/Queuing/Running (or Pause); a point that has not
 * started (no status) does not block. The seed example cancels a Pending workflow whose Cluster task Failed.
 */
export function canCancelWorkflow(status: Pick<WorkflowStatus, 'phase' | 'pointStatuses'>): boolean {
  if (!isKnownValue(waitingWorkflowPhases, status.phase)) return false;
  return !status.pointStatuses.some(
    (point) => typeof point.status === 'string' && pointStatusesBlockingCancel.includes(point.status),
  );
}

/** {project_id, cluster_id, upgrade_workflow_id}: 4.3.16 (table 4-350) and 4.3.17 (table 4-359). */
export const upgradeWorkflowParamsSchema = upgradeClusterParamsSchema.extend({
  upgrade_workflow_id: pathIdFor('upgrade_workflow_id'),
});

/** 4.3.14 request (tables 4-331, 4-332). kind and apiVersion are fixed values ("固定值 … 不可修改"). */
export const createUpgradeWorkflowBodySchema = z.strictObject({
  kind: z.literal('WorkFlowTask', { error: 'kind must be "WorkFlowTask"' }),
  apiVersion: z.literal('v3', { error: 'apiVersion must be "v3"' }),
  spec: z.strictObject(
    {
      // Table 4-332: "generated after creation, input is ignored" (§12 R5); accepted so SDK bodies pass.
      clusterID: requiredString('spec.clusterID').optional(),
      clusterVersion: clusterVersionSchema('spec.clusterVersion').optional(),
      targetVersion: clusterVersionSchema('spec.targetVersion'),
    },
    { error: (issue) => (issue.input === undefined ? 'spec is required' : undefined) },
  ),
});
export type CreateUpgradeWorkflowBody = z.input<typeof createUpgradeWorkflowBodySchema>;

/**
 * 4.3.17 request (tables 4-361, 4-362): only cancelling is supported. The table marks `status` and `phase`
 * optional, but a PATCH without them changes nothing, so both are required here: the body is exactly
 * {"status":{"phase":"Cancel"}} (the example at lines 13726-13730, the SDK sample).
 */
export const updateUpgradeWorkflowBodySchema = z.strictObject(
  {
    status: z.strictObject(
      {
        phase: z.enum(workflowUpdatePhases, {
          error: 'status.phase must be "Cancel": cancelling is the only supported change of a workflow',
        }),
      },
      {
        error: (issue) =>
          issue.input === undefined ? 'status is required: send {"status":{"phase":"Cancel"}}' : undefined,
      },
    ),
  },
  { error: (issue) => (issue.input === undefined ? 'a body {"status":{"phase":"Cancel"}} is required' : undefined) },
);
export type UpdateUpgradeWorkflowBody = z.input<typeof updateUpgradeWorkflowBodySchema>;

export const upgradeWorkflowOperations = {
  createUpgradeWorkflow: defineOperation({
    id: 'createUpgradeWorkflow',
    section: '4.3.14',
    method: 'POST',
    path: '/autopilot/v3/projects/{project_id}/clusters/{cluster_id}/operation/upgradeworkflows',
    pathParams: upgradeClusterParamsSchema,
    query: noQuerySchema,
    body: createUpgradeWorkflowBodySchema,
    bodyKind: 'json',
    successStatus: 201,
    response: upgradeWorkflowSchema,
    responseKind: 'json',
  }),
  listUpgradeWorkflows: defineOperation({
    id: 'listUpgradeWorkflows',
    section: '4.3.15',
    method: 'GET',
    path: '/autopilot/v3/projects/{project_id}/clusters/{cluster_id}/operation/upgradeworkflows',
    pathParams: upgradeClusterParamsSchema,
    query: noQuerySchema,
    body: noBodySchema,
    bodyKind: 'none',
    successStatus: 200,
    response: upgradeWorkflowListSchema,
    responseKind: 'json',
  }),
  getUpgradeWorkflow: defineOperation({
    id: 'getUpgradeWorkflow',
    section: '4.3.16',
    method: 'GET',
    path: '/autopilot/v3/projects/{project_id}/clusters/{cluster_id}/operation/upgradeworkflows/{upgrade_workflow_id}',
    pathParams: upgradeWorkflowParamsSchema,
    query: noQuerySchema,
    body: noBodySchema,
    bodyKind: 'none',
    successStatus: 200,
    response: upgradeWorkflowSchema,
    responseKind: 'json',
  }),
  updateUpgradeWorkflow: defineOperation({
    id: 'updateUpgradeWorkflow',
    section: '4.3.17',
    method: 'PATCH',
    path: '/autopilot/v3/projects/{project_id}/clusters/{cluster_id}/operation/upgradeworkflows/{upgrade_workflow_id}',
    pathParams: upgradeWorkflowParamsSchema,
    query: noQuerySchema,
    body: updateUpgradeWorkflowBodySchema,
    bodyKind: 'json',
    successStatus: 200,
    response: upgradeWorkflowSchema,
    responseKind: 'json',
  }),
};
