// Cluster upgrade (seed 4.3.1-4.3.17): upgrade tasks, upgrade info, upgrade paths and feature gates here;
// pre-check, post-check and snapshot in upgrade-checks.ts; workflows in upgrade-workflows.ts.
// `upgradeOperations` joins the 17 upgrade operations.
// The 4.3.1-4.3.11 pages have no request-header table: callers still send Content-Type and X-Auth-Token.
import { z } from 'zod';
import { lenientArray, nullishString, openEnum, requiredString, timestampSchema } from './common.ts';
import { defineOperation, emptyResponseSchema, noBodySchema, noQuerySchema } from './operation.ts';
import {
  clusterVersionSchema,
  emptyIfAbsent,
  progressSchema,
  taskMetadataSchema,
  upgradeCheckOperations,
  upgradeClusterParamsSchema,
  upgradeTaskParamsSchema,
} from './upgrade-checks.ts';
import { upgradeWorkflowOperations } from './upgrade-workflows.ts';

// ---------------------------------------------------------------------------------------------------------------
// Upgrade task (4.3.1-4.3.4)
// ---------------------------------------------------------------------------------------------------------------

/** UpgradeTaskStatus.phase (tables 4-229, 4-236; lines 9115, 9585). */
export const upgradeTaskStatuses = ['Init', 'Queuing', 'Running', 'Pause', 'Success', 'Failed'] as const;
export type UpgradeTaskPhase = (typeof upgradeTaskStatuses)[number];
/** Phases that end by themselves: the console polls fast (the cluster is `Upgrading` meanwhile). */
export const transitionalUpgradeTaskStatuses = [
  'Init',
  'Queuing',
  'Running',
] as const satisfies readonly UpgradeTaskPhase[];
/** Phases that never change by themselves: polling stops. `Failed` can be retried (4.3.3). */
export const terminalUpgradeTaskStatuses = ['Success', 'Failed'] as const satisfies readonly UpgradeTaskPhase[];
/** `Pause` waits for the user: neither transitional nor terminal, poll slowly. */
export const waitingUpgradeTaskStatuses = ['Pause'] as const satisfies readonly UpgradeTaskPhase[];

/** UpgradeStrategy.type (table 4-217, line 8713): only in-place rolling update. */
export const upgradeStrategyTypes = ['inPlaceRollingUpdate'] as const;
/** UpgradeAddonConfig.operation (table 4-214, line 8693): only "patch". */
export const upgradeAddonOperations = ['patch'] as const;
/** InPlaceRollingUpdate.userDefinedStep (table 4-218, line 8721): [1, 40], recommended 20. */
export const userDefinedStepRange = { min: 1, max: 40, recommended: 20 } as const;

const stepMessage =
  'spec.clusterUpgradeAction.strategy.inPlaceRollingUpdate.userDefinedStep must be an integer from ' +
  `${userDefinedStepRange.min} to ${userDefinedStepRange.max} (${userDefinedStepRange.recommended} is recommended)`;

/** Table 4-214 UpgradeAddonConfig: one add-on to upgrade along with the cluster. */
export const upgradeAddonConfigSchema = z.strictObject({
  addonTemplateName: requiredString('spec.clusterUpgradeAction.addons[].addonTemplateName'),
  operation: z.enum(upgradeAddonOperations, {
    error: 'spec.clusterUpgradeAction.addons[].operation must be "patch", the only upgrade action',
  }),
  // "The target add-on version must match the target cluster version" (table 4-214): checked by the service.
  version: requiredString('spec.clusterUpgradeAction.addons[].version'),
  /** Free-form add-on parameters (Key:Value), as add-on `values` everywhere. */
  values: z.record(z.string(), z.unknown()).optional(),
});

/** Tables 4-215 NodePriority and 4-216 NodeSelector (node concepts, irrelevant to Autopilot: §12 R12). */
export const nodePrioritySchema = z.strictObject({
  nodeSelector: z.strictObject({
    key: requiredString('nodeOrder[].nodeSelector.key'),
    value: z.array(z.string()).optional(),
    operator: requiredString('nodeOrder[].nodeSelector.operator'),
  }),
  priority: z
    .number({ error: 'nodeOrder[].priority must be an integer' })
    .int('nodeOrder[].priority must be an integer'),
});

/** Tables 4-217 UpgradeStrategy and 4-218 InPlaceRollingUpdate. */
export const upgradeStrategySchema = z
  .strictObject(
    {
      type: z.enum(upgradeStrategyTypes, {
        error: 'spec.clusterUpgradeAction.strategy.type must be "inPlaceRollingUpdate", the only upgrade strategy',
      }),
      inPlaceRollingUpdate: z
        .strictObject({
          userDefinedStep: z
            .number({ error: stepMessage })
            .int(stepMessage)
            .min(userDefinedStepRange.min, stepMessage)
            .max(userDefinedStepRange.max, stepMessage)
            .optional(),
          /** In the SDK model (sdk-fidelity §3), not in the seed. */
          scope: z.string().optional(),
        })
        .optional(),
    },
    { error: (issue) => (issue.input === undefined ? 'spec.clusterUpgradeAction.strategy is required' : undefined) },
  )
  .superRefine((strategy, ctx) => {
    // Table 4-217: "required when the in-place strategy type is chosen".
    if (strategy.type === 'inPlaceRollingUpdate' && !strategy.inPlaceRollingUpdate) {
      ctx.addIssue({
        code: 'custom',
        path: ['inPlaceRollingUpdate'],
        message:
          'spec.clusterUpgradeAction.strategy.inPlaceRollingUpdate is required when strategy.type is "inPlaceRollingUpdate"',
      });
    }
  });

/** Table 4-213 ClusterUpgradeAction. */
export const clusterUpgradeActionSchema = z.strictObject({
  addons: z.array(upgradeAddonConfigSchema).optional(),
  /** Key: node pool id ("DefaultPool" for the default pool). */
  nodeOrder: z.record(z.string(), z.array(nodePrioritySchema)).optional(),
  /** Key: node pool id; value: priority, default 0 (lowest), higher goes first. */
  nodePoolOrder: z
    .record(
      z.string(),
      z.number({ error: 'nodePoolOrder values must be integers' }).int('nodePoolOrder values must be integers'),
    )
    .optional(),
  strategy: upgradeStrategySchema,
  targetVersion: clusterVersionSchema('spec.clusterUpgradeAction.targetVersion'),
  /** In the SDK model (sdk-fidelity §3), not in the seed. */
  isOnlyUpgrade: z.boolean({ error: 'spec.clusterUpgradeAction.isOnlyUpgrade must be true or false' }).optional(),
});

/** 4.3.1 request (tables 4-210…4-218, lines 8661-8721); apiVersion/kind live inside `metadata` here. */
export const upgradeClusterBodySchema = z.strictObject({
  metadata: z.strictObject(
    {
      apiVersion: z.literal('v3', { error: 'metadata.apiVersion must be "v3"' }),
      kind: z.literal('UpgradeTask', { error: 'metadata.kind must be "UpgradeTask"' }),
    },
    { error: (issue) => (issue.input === undefined ? 'metadata is required' : undefined) },
  ),
  spec: z.strictObject(
    // Table 4-212 marks clusterUpgradeAction optional although its strategy and targetVersion are required.
    { clusterUpgradeAction: clusterUpgradeActionSchema.optional() },
    { error: (issue) => (issue.input === undefined ? 'spec is required' : undefined) },
  ),
});
export type UpgradeClusterBody = z.input<typeof upgradeClusterBodySchema>;

/** Tables 4-223/4-224 (response side of the strategy). */
export const upgradeStrategyResponseSchema = z.looseObject({
  type: openEnum(upgradeStrategyTypes).nullish(),
  inPlaceRollingUpdate: z.looseObject({ userDefinedStep: z.number().nullish(), scope: nullishString }).nullish(),
});

/** 4.3.1 response (tables 4-219…4-222): metadata.uid is the upgrade task id for 4.3.2. */
export const upgradeClusterResultSchema = z.looseObject({
  metadata: emptyIfAbsent(z.looseObject({ uid: nullishString })),
  spec: z
    .looseObject({
      clusterUpgradeAction: z
        .looseObject({
          version: nullishString,
          targetVersion: nullishString,
          /** Internal platform version, e.g. "cce.10" in the example (§12 R17). */
          targetPlatformVersion: nullishString,
          strategy: upgradeStrategyResponseSchema.nullish(),
          config: z.record(z.string(), z.unknown()).nullish(),
        })
        .nullish(),
    })
    .nullish(),
});
export type UpgradeClusterResult = z.infer<typeof upgradeClusterResultSchema>;

/**
 * UpgradeTaskStatus (table 4-229). The Init example already has a completionTime (§12 R16): the console shows it
 * only for a terminal phase.
 */
export const upgradeTaskStatusSchema = z.looseObject({
  phase: openEnum(upgradeTaskStatuses).nullish(),
  progress: progressSchema,
  completionTime: timestampSchema,
});

/** An upgrade task: 4.3.2 (tables 4-226…4-229) and 4.3.4 items (table 4-233). */
export const upgradeTaskSchema = z.looseObject({
  apiVersion: nullishString,
  kind: nullishString,
  metadata: emptyIfAbsent(taskMetadataSchema),
  spec: z
    .looseObject({
      version: nullishString,
      targetVersion: nullishString,
      /** "Object" in table 4-228, `interface{}` in the SDK: free-form. */
      items: z.unknown().optional(),
    })
    .nullish(),
  status: upgradeTaskStatusSchema.nullish(),
});
export type UpgradeTask = z.infer<typeof upgradeTaskSchema>;

export const upgradeTaskListSchema = z.looseObject({
  apiVersion: nullishString,
  kind: nullishString,
  metadata: taskMetadataSchema.nullish(),
  items: lenientArray(upgradeTaskSchema),
});
export type UpgradeTaskList = z.infer<typeof upgradeTaskListSchema>;

// ---------------------------------------------------------------------------------------------------------------
// Upgrade info (4.3.11)
// ---------------------------------------------------------------------------------------------------------------

/** UpgradeInfoStatus.phase (table 4-321, line 12037): like the task's but WITHOUT Queuing (§12 R7). */
export const upgradeInfoPhases = ['Init', 'Running', 'Pause', 'Success', 'Failed'] as const;
export type UpgradeInfoPhase = (typeof upgradeInfoPhases)[number];
export const transitionalUpgradeInfoPhases = ['Init', 'Running'] as const satisfies readonly UpgradeInfoPhase[];
export const terminalUpgradeInfoPhases = ['Success', 'Failed'] as const satisfies readonly UpgradeInfoPhase[];

export const upgradeInfoStatusSchema = z.looseObject({
  phase: openEnum(upgradeInfoPhases).nullish(),
  progress: progressSchema,
  completionTime: timestampSchema,
});
export type UpgradeInfoStatus = z.infer<typeof upgradeInfoStatusSchema>;

/** 4.3.11 response (tables 4-316…4-321). */
export const upgradeInfoSchema = z.looseObject({
  kind: nullishString,
  apiVersion: nullishString,
  metadata: taskMetadataSchema.nullish(),
  spec: z
    .looseObject({
      lastUpgradeInfo: upgradeInfoStatusSchema.nullish(),
      versionInfo: z
        .looseObject({
          /** e.g. "v1.27.2" */
          release: nullishString,
          /** e.g. "r0" */
          patch: nullishString,
          suggestPatch: nullishString,
          targetVersions: lenientArray(z.string()),
        })
        .nullish(),
      upgradeFeatureGates: z.looseObject({ supportUpgradePageV4: z.boolean().nullish() }).nullish(),
    })
    .nullish(),
  status: upgradeInfoStatusSchema.nullish(),
});
export type UpgradeInfo = z.infer<typeof upgradeInfoSchema>;

// ---------------------------------------------------------------------------------------------------------------
// Upgrade paths (4.3.12) and feature gates (4.3.13), not project-scoped
// ---------------------------------------------------------------------------------------------------------------

/** UpgradePath (table 4-325). platformVersion is "cce.X.Y" ("cce.v1.21-0" in one example). */
export const upgradePathSchema = z.looseObject({
  version: nullishString,
  platformVersion: nullishString,
  targetVersions: lenientArray(z.string()),
});
export type UpgradePath = z.infer<typeof upgradePathSchema>;

/**
 * 4.3.12: the table and the SDK say `upgradePaths`; the first example (lines 12301-12311) says `items` (digest
 * §12 S10). Normalised to `upgradePaths` (`items` is read only when `upgradePaths` is absent, and dropped).
 */
export const upgradePathsSchema = z
  .looseObject({
    apiVersion: nullishString,
    kind: nullishString,
    metadata: taskMetadataSchema.nullish(),
    upgradePaths: z.array(upgradePathSchema).nullish(),
    items: z.array(upgradePathSchema).nullish(),
  })
  .transform(({ items, upgradePaths, ...rest }) => ({ ...rest, upgradePaths: upgradePaths ?? items ?? [] }));
export type UpgradePaths = z.infer<typeof upgradePathsSchema>;

/** upgradeFeatureGates keys (table 4-327, line 12526). */
export const upgradeFeatureGateKeys = [
  /** Show the details of every pre-check item. */
  'DisplayPreCheckDetail',
  /** Back the cluster up with EVS snapshots. */
  'EvsSnapshot',
  /** Label the nodes skipped during the upgrade. */
  'LabelForSkippedNode',
  /** Upgrade strategy. */
  'UpgradeStrategy',
] as const;
export type UpgradeFeatureGateKey = (typeof upgradeFeatureGateKeys)[number];

/** upgradeFeatureGates values: Support, Disable, Default (= CCE's default rule decides). */
export const upgradeFeatureGateValues = ['Support', 'Disable', 'Default'] as const;
export type UpgradeFeatureGateValue = (typeof upgradeFeatureGateValues)[number];

/** Map<String,String>: null -> {}; a non-string value is kept as its JSON text. */
const featureGateMapSchema = z
  .record(z.string(), openEnum(upgradeFeatureGateValues).or(z.unknown().transform((v) => JSON.stringify(v))))
  .nullish()
  .transform((gates) => gates ?? {});

/** 4.3.13 response (table 4-327). */
export const upgradeFeatureGatesSchema = z.looseObject({
  apiVersion: nullishString,
  kind: nullishString,
  metadata: taskMetadataSchema.nullish(),
  upgradeFeatureGates: featureGateMapSchema,
});
export type UpgradeFeatureGates = z.infer<typeof upgradeFeatureGatesSchema>;

/** No path parameters: the project comes from the token (or X-Project-Id with AK/SK), digest §1.1. */
export const noPathParamsSchema = z.strictObject({});

// ---------------------------------------------------------------------------------------------------------------
// Operations
// ---------------------------------------------------------------------------------------------------------------

const upgradeTaskOperations = {
  upgradeCluster: defineOperation({
    id: 'upgradeCluster',
    section: '4.3.1',
    method: 'POST',
    path: '/autopilot/v3/projects/{project_id}/clusters/{cluster_id}/operation/upgrade',
    pathParams: upgradeClusterParamsSchema,
    query: noQuerySchema,
    body: upgradeClusterBodySchema,
    bodyKind: 'json',
    successStatus: 200,
    response: upgradeClusterResultSchema,
    responseKind: 'json',
  }),
  getUpgradeTask: defineOperation({
    id: 'getUpgradeTask',
    section: '4.3.2',
    method: 'GET',
    path: '/autopilot/v3/projects/{project_id}/clusters/{cluster_id}/operation/upgrade/tasks/{task_id}',
    pathParams: upgradeTaskParamsSchema,
    query: noQuerySchema,
    body: noBodySchema,
    bodyKind: 'none',
    successStatus: 200,
    response: upgradeTaskSchema,
    responseKind: 'json',
  }),
  // 4.3.3: re-runs the FAILED upgrade task (line 9320); no body in or out ("无").
  retryUpgradeTask: defineOperation({
    id: 'retryUpgradeTask',
    section: '4.3.3',
    method: 'POST',
    path: '/autopilot/v3/projects/{project_id}/clusters/{cluster_id}/operation/upgrade/retry',
    pathParams: upgradeClusterParamsSchema,
    query: noQuerySchema,
    body: noBodySchema,
    bodyKind: 'none',
    successStatus: 200,
    response: emptyResponseSchema,
    responseKind: 'empty',
  }),
  listUpgradeTasks: defineOperation({
    id: 'listUpgradeTasks',
    section: '4.3.4',
    method: 'GET',
    path: '/autopilot/v3/projects/{project_id}/clusters/{cluster_id}/operation/upgrade/tasks',
    pathParams: upgradeClusterParamsSchema,
    query: noQuerySchema,
    body: noBodySchema,
    bodyKind: 'none',
    successStatus: 200,
    response: upgradeTaskListSchema,
    responseKind: 'json',
  }),
  getUpgradeInfo: defineOperation({
    id: 'getUpgradeInfo',
    section: '4.3.11',
    method: 'GET',
    path: '/autopilot/v3/projects/{project_id}/clusters/{cluster_id}/upgradeinfo',
    pathParams: upgradeClusterParamsSchema,
    query: noQuerySchema,
    body: noBodySchema,
    bodyKind: 'none',
    successStatus: 200,
    response: upgradeInfoSchema,
    responseKind: 'json',
  }),
  listUpgradePaths: defineOperation({
    id: 'listUpgradePaths',
    section: '4.3.12',
    method: 'GET',
    path: '/autopilot/v3/clusterupgradepaths',
    pathParams: noPathParamsSchema,
    query: noQuerySchema,
    body: noBodySchema,
    bodyKind: 'none',
    successStatus: 200,
    response: upgradePathsSchema,
    responseKind: 'json',
  }),
  listUpgradeFeatureGates: defineOperation({
    id: 'listUpgradeFeatureGates',
    section: '4.3.13',
    method: 'GET',
    path: '/autopilot/v3/clusterupgradefeaturegates',
    pathParams: noPathParamsSchema,
    query: noQuerySchema,
    body: noBodySchema,
    bodyKind: 'none',
    successStatus: 200,
    response: upgradeFeatureGatesSchema,
    responseKind: 'json',
  }),
};

export const upgradeOperations = {
  ...upgradeTaskOperations,
  ...upgradeCheckOperations,
  ...upgradeWorkflowOperations,
};
