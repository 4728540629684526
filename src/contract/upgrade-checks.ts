// Cluster upgrade checks and backup (seed 4.3.5-4.3.10): pre-check tasks, post-check, snapshot (backup) tasks.
// Also the building blocks shared by upgrade.ts and upgrade-workflows.ts (path parameters, version strings,
// task metadata, progress, object-or-array lists). upgrade.ts joins every upgrade operation into `upgradeOperations`.
import { z } from 'zod';
import { clusterParamsSchema } from './clusters.ts';
import { lenientArray, nullishString, openEnum, requiredString, stringMapSchema, timestampSchema } from './common.ts';
import { defineOperation, noBodySchema, noQuerySchema } from './operation.ts';
import { parseServiceTime } from './time.ts';

// ---------------------------------------------------------------------------------------------------------------
// Shared by the upgrade files
// ---------------------------------------------------------------------------------------------------------------

/** Path parameters {project_id, cluster_id} of every cluster-scoped upgrade endpoint (tables 4-209, 4-237 …). */
export const upgradeClusterParamsSchema = clusterParamsSchema;

/** An id in the path (task_id, upgrade_workflow_id): the rules of common.ts pathIdSchema, messages naming it. */
export function pathIdFor(field: string) {
  return z
    .string({ error: `${field} must be a string` })
    .min(1, `${field} must not be empty`)
    .max(128, `${field} must be at most 128 characters`)
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, `${field} must contain only letters, digits, ".", "_" and "-"`);
}

/** {project_id, cluster_id, task_id}: 4.3.2 (table 4-225) and 4.3.6 (table 4-259). */
export const upgradeTaskParamsSchema = clusterParamsSchema.extend({ task_id: pathIdFor('task_id') });

/**
 * Cluster version strings. 4.3.12 table 4-325 (line 12286): "v1.19 and below look like v1.19.16-r20, v1.21 and
 * above like v1.21, v1.23"; the examples also send patch versions such as "v1.23.8-r0" and "v1.27.3-r0".
 */
export const clusterVersionPattern = /^v\d+\.\d+(\.\d+)?(-r\d+)?$/;

export function clusterVersionSchema(field: string) {
  return requiredString(field).regex(
    clusterVersionPattern,
    `${field} must be a cluster version such as "v1.23" or "v1.23.8-r0"`,
  );
}

/**
 * A documented object the response may omit or send as null: normalised to the object parsed from {} (every field
 * of `schema` must be nullish or lenient), so the UI reads one shape.
 */
export function emptyIfAbsent<T extends z.ZodType>(schema: T) {
  return schema.nullish().transform((value): z.output<T> => value ?? schema.parse({}));
}

/** UpgradeTaskMetadata / PrecheckTaskMetadata / SnapshotTaskMetadata (tables 4-227, 4-261, 4-310). */
export const taskMetadataSchema = z.looseObject({
  uid: nullishString,
  name: nullishString,
  labels: stringMapSchema,
  annotations: stringMapSchema,
  creationTimestamp: timestampSchema,
  updateTimestamp: timestampSchema,
});
export type TaskMetadata = z.infer<typeof taskMetadataSchema>;

/**
 * Lists whose `items` the document types as one object while the examples send an array (digest §12 S2), and
 * status blocks documented as an object but sent as an array (S1). Always an array: null, absent and `{}` -> [].
 */
export function objectOrArray<T extends z.ZodType>(item: T) {
  return z
    .preprocess(
      (value) =>
        value && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0 ? [] : value,
      z.union([z.array(item), item]).nullish(),
    )
    .transform((value): Array<z.output<T>> => {
      if (value === null || value === undefined) return [];
      return Array.isArray(value) ? value : [value];
    });
}

/**
 * Task progress is a String: "0.00" (4.3.2 line 9138) or "67" (4.3.10 line 11791), read as a percentage.
 * A number is accepted as well and kept as text.
 */
export const progressSchema = z
  .union([z.string(), z.number()])
  .nullish()
  .transform((value) => (value === null || value === undefined ? null : String(value)));

/** The percentage of a `progress` string, clamped to [0, 100]; null when absent or not a number. */
export function parseProgress(progress: string | null | undefined): number | null {
  if (progress === null || progress === undefined || progress.trim() === '') return null;
  const value = Number(progress);
  if (!Number.isFinite(value)) return null;
  return Math.min(100, Math.max(0, value));
}

// ---------------------------------------------------------------------------------------------------------------
// Pre-check (4.3.5-4.3.7)
// ---------------------------------------------------------------------------------------------------------------

/** PrecheckStatus.phase, the whole task (table 4-247, line 9902). */
export const precheckStatuses = ['Init', 'Running', 'Success', 'Failed', 'Error'] as const;
export type PrecheckPhase = (typeof precheckStatuses)[number];
/** Phases that end by themselves: the console polls fast while a pre-check is in one of these. */
export const transitionalPrecheckStatuses = ['Init', 'Running'] as const satisfies readonly PrecheckPhase[];
/** Phases that never change again: polling stops. `Error` means the check itself could not run. */
export const terminalPrecheckStatuses = ['Success', 'Failed', 'Error'] as const satisfies readonly PrecheckPhase[];

/**
 * Phases of the cluster / add-on / node groups and of each check item (tables 4-248…4-253, lines 9914-9952):
 * the group and item enums lack the task's `Error` (digest §12 R7).
 */
export const precheckCheckPhases = ['Init', 'Running', 'Success', 'Failed'] as const;
export type PrecheckCheckPhase = (typeof precheckCheckPhases)[number];
export const transitionalPrecheckCheckPhases = ['Init', 'Running'] as const satisfies readonly PrecheckCheckPhase[];
export const terminalPrecheckCheckPhases = ['Success', 'Failed'] as const satisfies readonly PrecheckCheckPhase[];

/** PreCheckItemStatus.kind (table 4-253): Exception = the user must fix it; Risk = may be skipped once confirmed. */
export const checkItemKinds = ['Exception', 'Risk'] as const;
export type CheckItemKind = (typeof checkItemKinds)[number];

/** PreCheckItemStatus.group (table 4-253, line 9950). */
export const checkItemGroups = ['LimitCheck', 'MasterCheck', 'NodeCheck', 'AddonCheck', 'ExecuteException'] as const;
export type CheckItemGroup = (typeof checkItemGroups)[number];

/** PreCheckItemStatus.level (table 4-253, line 9951). */
export const checkItemLevels = ['Info', 'Warning', 'Fatal'] as const;
export type CheckItemLevel = (typeof checkItemLevels)[number];

/** Check item names seen in the 4.3.6/4.3.7 examples (not an exhaustive list: the service adds items). */
export const precheckItemNames = [
  'DeprecatedApiCheck',
  'NodeContainerdPodRestartRisk',
  'ResiduePackageVersion',
  'AddonLimit',
  'CoreDNSConfLimit',
  'BlackLimit',
  'MasterSSH',
  'ReleaseLimit',
  'ClusterNoArm',
  'EverestLimitHungVersion',
] as const;
export type PrecheckItemName = (typeof precheckItemNames)[number];

/** skippedCheckItemList[].resourceSelector (table 4-241, lines 9852-9856): only node.uid / In. */
export const skippedCheckSelectorKeys = ['node.uid'] as const;
export const skippedCheckSelectorOperators = ['In'] as const;

/**
 * Item names are spelled inconsistently (4.3.6 "CoreDNSConflimit" line 10485 vs 4.3.7 "CoreDNSConfLimit" line
 * 10948, digest §12 N11): a name equal to a known one except for case takes the known spelling.
 */
function canonicalItemName(name: string): string {
  const lower = name.toLowerCase();
  return precheckItemNames.find((known) => known.toLowerCase() === lower) ?? name;
}

/** riskSource (tables 4-254…4-258). Every example sends `{}`: the four lists are normalised to []. */
export const configurationRiskSchema = z.looseObject({
  package: nullishString,
  sourceFile: nullishString,
  nodeMsg: nullishString,
  field: nullishString,
  operation: nullishString,
  originalValue: nullishString,
  value: nullishString,
});
export const deprecatedApiRiskSchema = z.looseObject({ url: nullishString, userAgent: nullishString });
/** Capital `NodeID` as the table (line 9985) and the SDK spell it (digest §12 N9). */
export const nodeRiskSchema = z.looseObject({ NodeID: nullishString });
export const addonRiskSchema = z.looseObject({ addonTemplateName: nullishString, alias: nullishString });

export const riskSourceSchema = z.looseObject({
  configurationRisks: lenientArray(configurationRiskSchema),
  deprecatedAPIRisks: lenientArray(deprecatedApiRiskSchema),
  nodeRisks: lenientArray(nodeRiskSchema),
  addonRisks: lenientArray(addonRiskSchema),
});
export type RiskSource = z.infer<typeof riskSourceSchema>;

/**
 * PreCheckItemStatus (table 4-253). The first 4.3.7 example (lines 10879-10883) sends items as
 * {name, status, details} (digest §12 S8): `status` is read as `phase` and `details` as `message`.
 */
export const precheckItemSchema = z
  .looseObject({
    name: nullishString,
    kind: openEnum(checkItemKinds).nullish(),
    group: openEnum(checkItemGroups).nullish(),
    level: openEnum(checkItemLevels).nullish(),
    phase: openEnum(precheckCheckPhases).nullish(),
    status: nullishString,
    message: nullishString,
    details: nullishString,
    riskSource: emptyIfAbsent(riskSourceSchema),
    errorCodes: lenientArray(z.string()),
  })
  .transform(({ status, details, ...item }) => ({
    ...item,
    name: item.name === null || item.name === undefined ? null : canonicalItemName(item.name),
    phase: item.phase ?? status ?? null,
    message: item.message ?? details ?? null,
  }));
export type PrecheckItem = z.infer<typeof precheckItemSchema>;

/** clusterCheckStatus / addonCheckStatus (tables 4-248, 4-249). */
export const checkGroupStatusSchema = z.looseObject({
  phase: openEnum(precheckCheckPhases).nullish(),
  itemsStatus: lenientArray(precheckItemSchema),
});
export type CheckGroupStatus = z.infer<typeof checkGroupStatusSchema>;

/** NodeInfo (table 4-252). */
export const precheckNodeInfoSchema = z.looseObject({
  uid: nullishString,
  name: nullishString,
  status: nullishString,
  nodeType: nullishString,
});

/** NodeStageStatus (table 4-251). */
export const nodeStageStatusSchema = z.looseObject({
  nodeInfo: precheckNodeInfoSchema.nullish(),
  itemsStatus: lenientArray(precheckItemSchema),
});

/** nodeCheckStatus (table 4-250). */
export const nodeCheckStatusSchema = z.looseObject({
  phase: openEnum(precheckCheckPhases).nullish(),
  nodeStageStatus: lenientArray(nodeStageStatusSchema),
});
export type NodeCheckStatus = z.infer<typeof nodeCheckStatusSchema>;

/**
 * 4.3.6 example (lines 10445-10497) sends clusterCheckStatus as an ARRAY and prints addonCheckStatus and
 * nodeCheckStatus inside it (digest §12 S1). Keys found inside an array element are moved up to the status
 * when the status lacks them.
 */
function hoistGroupsOutOfClusterCheckArray(value: unknown): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
  const status = value as Record<string, unknown>;
  const groups = status['clusterCheckStatus'];
  if (!Array.isArray(groups)) return value;
  const out: Record<string, unknown> = { ...status };
  out['clusterCheckStatus'] = groups.map((group: unknown) => {
    if (!group || typeof group !== 'object' || Array.isArray(group)) return group;
    const { addonCheckStatus, nodeCheckStatus, ...copy } = group as Record<string, unknown>;
    if (addonCheckStatus !== undefined) out['addonCheckStatus'] ??= addonCheckStatus;
    if (nodeCheckStatus !== undefined) out['nodeCheckStatus'] ??= nodeCheckStatus;
    return copy;
  });
  return out;
}

/**
 * PrecheckStatus (table 4-247). `clusterCheckStatus` is documented as one object; 4.3.6 sends an array (digest §12
 * S1, sdk-fidelity §3): always an ARRAY of groups here (null/absent -> []).
 */
export const precheckStatusSchema = z.preprocess(
  hoistGroupsOutOfClusterCheckArray,
  z.looseObject({
    phase: openEnum(precheckStatuses).nullish(),
    /** The result stops being valid at this time (4.3.6 example: completion + 1 h, lines 10436-10444). */
    expireTimeStamp: timestampSchema,
    message: nullishString,
    clusterCheckStatus: objectOrArray(checkGroupStatusSchema),
    addonCheckStatus: checkGroupStatusSchema.nullish(),
    nodeCheckStatus: nodeCheckStatusSchema.nullish(),
  }),
);
export type PrecheckStatus = z.infer<typeof precheckStatusSchema>;

/** True when the pre-check result has expired at `now` (unknown expiry: not expired). */
export function isPrecheckExpired(expireTimeStamp: string | null | undefined, now: Date): boolean {
  const expiry = parseServiceTime(expireTimeStamp);
  return !Number.isNaN(expiry) && expiry <= now.getTime();
}

export const skippedCheckItemSchema = z.looseObject({
  name: nullishString,
  resourceSelector: z
    .looseObject({ key: nullishString, values: lenientArray(z.string()), operator: nullishString })
    .nullish(),
});

/** PrecheckSpec in responses (table 4-244). */
export const precheckSpecSchema = z.looseObject({
  clusterID: nullishString,
  clusterVersion: nullishString,
  targetVersion: nullishString,
  skippedCheckItemList: lenientArray(skippedCheckItemSchema),
});

/** A pre-check task: 4.3.5 response (table 4-242), 4.3.6 (table 4-260), 4.3.7 items (table 4-280). */
export const precheckTaskSchema = z.looseObject({
  apiVersion: nullishString,
  kind: nullishString,
  metadata: emptyIfAbsent(taskMetadataSchema),
  spec: precheckSpecSchema.nullish(),
  status: emptyIfAbsent(precheckStatusSchema),
});
export type PrecheckTask = z.infer<typeof precheckTaskSchema>;

export const precheckTaskListSchema = z.looseObject({
  apiVersion: nullishString,
  kind: nullishString,
  metadata: taskMetadataSchema.nullish(),
  items: lenientArray(precheckTaskSchema),
});
export type PrecheckTaskList = z.infer<typeof precheckTaskListSchema>;

/** 4.3.5 request (tables 4-238…4-241, lines 9831-9856). */
export const createPrecheckBodySchema = z.strictObject({
  apiVersion: z.literal('v3', { error: 'apiVersion must be "v3"' }),
  kind: z.literal('PreCheckTask', { error: 'kind must be "PreCheckTask"' }),
  spec: z.strictObject(
    {
      clusterID: requiredString('spec.clusterID').optional(),
      clusterVersion: clusterVersionSchema('spec.clusterVersion').optional(),
      targetVersion: clusterVersionSchema('spec.targetVersion').optional(),
      skippedCheckItemList: z
        .array(
          z.strictObject({
            name: requiredString('spec.skippedCheckItemList[].name').optional(),
            // Table 4-240: "only node checks use resourceSelector; cluster and add-on checks do not".
            resourceSelector: z
              .strictObject({
                key: z.enum(skippedCheckSelectorKeys, {
                  error: 'spec.skippedCheckItemList[].resourceSelector.key must be "node.uid"',
                }),
                values: z.array(z.string()).optional(),
                operator: z.enum(skippedCheckSelectorOperators, {
                  error: 'spec.skippedCheckItemList[].resourceSelector.operator must be "In"',
                }),
              })
              .optional(),
          }),
        )
        .optional(),
    },
    { error: (issue) => (issue.input === undefined ? 'spec is required' : undefined) },
  ),
});
export type CreatePrecheckBody = z.input<typeof createPrecheckBodySchema>;

// ---------------------------------------------------------------------------------------------------------------
// Post-check (4.3.8)
// ---------------------------------------------------------------------------------------------------------------

/** Post-check status.phase (table 4-303, line 11205): the answer is immediate, every value is terminal. */
export const postcheckStatuses = ['Success', 'Failed', 'Error'] as const;
export type PostcheckPhase = (typeof postcheckStatuses)[number];
export const terminalPostcheckStatuses = ['Success', 'Failed', 'Error'] as const satisfies readonly PostcheckPhase[];
export const transitionalPostcheckStatuses = [] as const satisfies readonly PostcheckPhase[];

/** PostcheckSpec (table 4-299). */
export const postcheckSpecSchema = z.looseObject({
  clusterID: nullishString,
  clusterVersion: nullishString,
  targetVersion: nullishString,
});

export const postcheckTaskSchema = z.looseObject({
  apiVersion: nullishString,
  kind: nullishString,
  metadata: emptyIfAbsent(taskMetadataSchema),
  spec: postcheckSpecSchema.nullish(),
  status: z.looseObject({ phase: openEnum(postcheckStatuses).nullish() }).nullish(),
});
export type PostcheckTask = z.infer<typeof postcheckTaskSchema>;

/**
 * 4.3.8 request (tables 4-298, 4-299). `kind` is "资源类型" without a stated value; the example and the SDK send
 * "PostCheckTask" (line 11214), the only kind the service knows for this call.
 */
export const createPostcheckBodySchema = z.strictObject({
  apiVersion: z.literal('v3', { error: 'apiVersion must be "v3"' }),
  kind: z.literal('PostCheckTask', { error: 'kind must be "PostCheckTask"' }),
  spec: z.strictObject(
    {
      clusterID: requiredString('spec.clusterID').optional(),
      /** The version upgraded FROM (table 4-299: "集群升级源版本"). */
      clusterVersion: clusterVersionSchema('spec.clusterVersion').optional(),
      targetVersion: clusterVersionSchema('spec.targetVersion').optional(),
    },
    { error: (issue) => (issue.input === undefined ? 'spec is required' : undefined) },
  ),
});
export type CreatePostcheckBody = z.input<typeof createPostcheckBodySchema>;

// ---------------------------------------------------------------------------------------------------------------
// Backup / snapshot (4.3.9-4.3.10, API version v3.1)
// ---------------------------------------------------------------------------------------------------------------

/**
 * SnapshotStatus.phase has NO documented enum (table 4-313; digest §12 R8; the example shows "Running").
 * [inferred] the workflow point statuses (table 4-337) are reused.
 */
export const snapshotStatuses = ['Init', 'Queuing', 'Running', 'Success', 'Failed'] as const;
export type SnapshotPhase = (typeof snapshotStatuses)[number];
export const transitionalSnapshotStatuses = ['Init', 'Queuing', 'Running'] as const satisfies readonly SnapshotPhase[];
export const terminalSnapshotStatuses = ['Success', 'Failed'] as const satisfies readonly SnapshotPhase[];

/** 4.3.9 response (tables 4-305, 4-306): the task id is top-level `uid`, metadata carries kind/apiVersion. */
export const clusterSnapshotResultSchema = z.looseObject({
  uid: nullishString,
  metadata: z.looseObject({ apiVersion: nullishString, kind: nullishString }).nullish(),
});
export type ClusterSnapshotResult = z.infer<typeof clusterSnapshotResultSchema>;

/** SnapshotSpecItems (table 4-312): sub-tasks; `status` has no documented enum either. */
export const snapshotSpecItemSchema = z.looseObject({
  id: nullishString,
  type: nullishString,
  status: nullishString,
  creationTimestamp: timestampSchema,
  updateTimestamp: timestampSchema,
  message: nullishString,
});

/** SnapshotTask (table 4-309). `spec` is "to be deprecated". */
export const snapshotTaskSchema = z.looseObject({
  kind: nullishString,
  apiVersion: nullishString,
  metadata: emptyIfAbsent(taskMetadataSchema),
  spec: z.looseObject({ items: lenientArray(snapshotSpecItemSchema) }).nullish(),
  status: z
    .looseObject({
      phase: openEnum(snapshotStatuses).nullish(),
      progress: progressSchema,
      completionTime: timestampSchema,
    })
    .nullish(),
});
export type SnapshotTask = z.infer<typeof snapshotTaskSchema>;

/** 4.3.10 response (table 4-308); top-level status {latestBackupTime} (table 4-314) is not in the SDK model. */
export const snapshotTaskListSchema = z.looseObject({
  apiVersion: nullishString,
  kind: nullishString,
  metadata: taskMetadataSchema.nullish(),
  items: lenientArray(snapshotTaskSchema),
  status: z.looseObject({ latestBackupTime: timestampSchema }).nullish(),
});
export type SnapshotTaskList = z.infer<typeof snapshotTaskListSchema>;

// ---------------------------------------------------------------------------------------------------------------
// Operations
// ---------------------------------------------------------------------------------------------------------------

export const upgradeCheckOperations = {
  createPrecheck: defineOperation({
    id: 'createPrecheck',
    section: '4.3.5',
    method: 'POST',
    path: '/autopilot/v3/projects/{project_id}/clusters/{cluster_id}/operation/precheck',
    pathParams: upgradeClusterParamsSchema,
    query: noQuerySchema,
    body: createPrecheckBodySchema,
    bodyKind: 'json',
    successStatus: 200,
    response: precheckTaskSchema,
    responseKind: 'json',
  }),
  getPrecheckTask: defineOperation({
    id: 'getPrecheckTask',
    section: '4.3.6',
    method: 'GET',
    path: '/autopilot/v3/projects/{project_id}/clusters/{cluster_id}/operation/precheck/tasks/{task_id}',
    pathParams: upgradeTaskParamsSchema,
    query: noQuerySchema,
    body: noBodySchema,
    bodyKind: 'none',
    successStatus: 200,
    response: precheckTaskSchema,
    responseKind: 'json',
  }),
  listPrecheckTasks: defineOperation({
    id: 'listPrecheckTasks',
    section: '4.3.7',
    method: 'GET',
    path: '/autopilot/v3/projects/{project_id}/clusters/{cluster_id}/operation/precheck/tasks',
    pathParams: upgradeClusterParamsSchema,
    query: noQuerySchema,
    body: noBodySchema,
    bodyKind: 'none',
    successStatus: 200,
    response: precheckTaskListSchema,
    responseKind: 'json',
  }),
  createPostcheck: defineOperation({
    id: 'createPostcheck',
    section: '4.3.8',
    method: 'POST',
    path: '/autopilot/v3/projects/{project_id}/clusters/{cluster_id}/operation/postcheck',
    pathParams: upgradeClusterParamsSchema,
    query: noQuerySchema,
    body: createPostcheckBodySchema,
    bodyKind: 'json',
    successStatus: 200,
    response: postcheckTaskSchema,
    responseKind: 'json',
  }),
  // 4.3.9: no request body; the Node SDK sends none (sdk-fidelity §3).
  createClusterSnapshot: defineOperation({
    id: 'createClusterSnapshot',
    section: '4.3.9',
    method: 'POST',
    path: '/autopilot/v3.1/projects/{project_id}/clusters/{cluster_id}/operation/snapshot',
    pathParams: upgradeClusterParamsSchema,
    query: noQuerySchema,
    body: noBodySchema,
    bodyKind: 'none',
    successStatus: 200,
    response: clusterSnapshotResultSchema,
    responseKind: 'json',
  }),
  listSnapshotTasks: defineOperation({
    id: 'listSnapshotTasks',
    section: '4.3.10',
    method: 'GET',
    path: '/autopilot/v3.1/projects/{project_id}/clusters/{cluster_id}/operation/snapshot/tasks',
    pathParams: upgradeClusterParamsSchema,
    query: noQuerySchema,
    body: noBodySchema,
    bodyKind: 'none',
    successStatus: 200,
    response: snapshotTaskListSchema,
    responseKind: 'json',
  }),
};
