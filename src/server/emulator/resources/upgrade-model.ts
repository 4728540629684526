// What the emulator stores for cluster upgrades (seed 4.3): task records with their schedules, workflows with the
// tasks linked to their points, and per-cluster facts about the workloads that the pre-check reports on.
// Phases, progress and point statuses are NOT stored: they are computed from these records and the clock
// (upgrade-views.ts), so a clock jump of hours lands every task where it would be.

export type PrecheckItemKind = 'Exception' | 'Risk';
export type PrecheckItemGroup = 'LimitCheck' | 'MasterCheck' | 'NodeCheck' | 'AddonCheck' | 'ExecuteException';
export type PrecheckItemLevel = 'Info' | 'Warning' | 'Fatal';

export type ConfigurationRisk = {
  package: string;
  sourceFile: string;
  nodeMsg: string;
  field: string;
  operation: string;
  originalValue: string;
  value: string;
};
export type DeprecatedApiRisk = { url: string; userAgent: string };
export type AddonRisk = { addonTemplateName: string; alias: string };

/** riskSource (tables 4-254…4-258): only the lists that have entries are sent (every example sends `{}`). */
export type StoredRiskSource = {
  configurationRisks?: ConfigurationRisk[];
  deprecatedAPIRisks?: DeprecatedApiRisk[];
  addonRisks?: AddonRisk[];
};

/** One PreCheckItemStatus (table 4-253) as it reads once the check has run. */
export type StoredPrecheckItem = {
  name: string;
  kind: PrecheckItemKind;
  group: PrecheckItemGroup;
  level: PrecheckItemLevel;
  phase: 'Success' | 'Failed';
  message: string;
  riskSource: StoredRiskSource;
};

/** The finished report: cluster items (clusterCheckStatus) and add-on items (addonCheckStatus); no nodes (R12). */
export type PrecheckReport = { cluster: StoredPrecheckItem[]; addon: StoredPrecheckItem[] };

export type SkippedCheckItem = {
  name?: string | undefined;
  resourceSelector?: { key: string; values?: string[] | undefined; operator: string } | undefined;
};

export type StoredPrecheckTask = {
  uid: string;
  clusterId: string;
  createdAt: number;
  /** settings.durations.precheck when the task was created (a later settings change does not warp it). */
  durationMs: number;
  clusterVersion: string;
  targetVersion: string;
  skippedCheckItemList: SkippedCheckItem[];
  report: PrecheckReport;
};

export type StoredSnapshotTask = { uid: string; clusterId: string; createdAt: number; durationMs: number };

/** One run of an upgrade task: the first one, then one per retry (4.3.3 re-runs the failed task). */
export type UpgradeAttempt = {
  startedAt: number;
  /** Progress (0-100) the run starts from: a retry resumes where the failure stopped. */
  fromProgress: number;
  /** settings.upgradeFailure at the start of the run: the run stops Failed at failAtProgress with this reason. */
  failure: { atProgress: number; reason: string } | null;
};

export type UpgradeAddonTarget = {
  addonTemplateName: string;
  version: string;
  operation: string;
  /** The instance of the template in the cluster when the task was created. */
  instanceId: string;
  values?: Record<string, unknown> | undefined;
};

export type StoredUpgradeTask = {
  uid: string;
  clusterId: string;
  createdAt: number;
  durationMs: number;
  version: string;
  platformVersion: string;
  targetVersion: string;
  targetPlatformVersion: string;
  strategy: { type: string; inPlaceRollingUpdate?: { userDefinedStep?: number | undefined; scope?: string | undefined } | undefined };
  addons: UpgradeAddonTarget[];
  attempts: [UpgradeAttempt, ...UpgradeAttempt[]];
  /** True once the reconciler applied the outcome of the last attempt to the cluster (version, phase, add-ons). */
  settled: boolean;
};

export type StoredPostcheckTask = {
  uid: string;
  clusterId: string;
  createdAt: number;
  clusterVersion: string;
  targetVersion: string;
  phase: 'Success' | 'Failed';
  message: string;
};

export type WorkflowTaskType = 'PreCheck' | 'Snapshot' | 'Cluster' | 'PostCheck';
/** The points in the order the examples list them (4.3.14 response, lines 12861-12869). */
export const workflowPointOrder: readonly WorkflowTaskType[] = ['PreCheck', 'Snapshot', 'Cluster', 'PostCheck'];

export type StoredWorkflow = {
  uid: string;
  clusterId: string;
  createdAt: number;
  clusterVersion: string;
  targetVersion: string;
  cancelledAt: number | null;
  /** The task each point follows: the latest task of that kind started for the cluster while the workflow was active. */
  points: Partial<Record<WorkflowTaskType, string>>;
};

/**
 * What the cluster's workloads and control plane do, which no API shows and the pre-check reports on (the add-ons
 * it reads from the add-on module). Empty for a new cluster; the demo seeds it for clusters with something to find.
 */
export type ClusterProfile = {
  /** API calls seen in the audit log; the check flags those the target version no longer serves. */
  deprecatedApiCalls: Array<DeprecatedApiRisk & { removedIn: string }>;
  /** Control-plane parameters changed from their defaults; an upgrade resets them. */
  configurationOverrides: ConfigurationRisk[];
};

export type UpgradeSlice = {
  prechecks: Record<string, StoredPrecheckTask>;
  snapshots: Record<string, StoredSnapshotTask>;
  upgrades: Record<string, StoredUpgradeTask>;
  postchecks: Record<string, StoredPostcheckTask>;
  workflows: Record<string, StoredWorkflow>;
  /** Keyed by cluster id. */
  profiles: Record<string, ClusterProfile>;
};

export const emptyUpgradeSlice = (): UpgradeSlice => ({
  prechecks: {},
  snapshots: {},
  upgrades: {},
  postchecks: {},
  workflows: {},
  profiles: {},
});

/**
 * Fills in the maps a state saved by an older emulator lacks (the stub stored `{}`), in place, so it still loads.
 * The type says every map is there; a loaded JSON document may not agree.
 */
export function completeUpgradeSlice(slice: UpgradeSlice): UpgradeSlice {
  const empty = emptyUpgradeSlice();
  slice.prechecks ??= empty.prechecks;
  slice.snapshots ??= empty.snapshots;
  slice.upgrades ??= empty.upgrades;
  slice.postchecks ??= empty.postchecks;
  slice.workflows ??= empty.workflows;
  slice.profiles ??= empty.profiles;
  return slice;
}
