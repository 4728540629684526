import { describe, expect, it } from 'vitest';
import { isKnownValue } from './common.ts';
import fixtures from './fixtures/upgrade.fixtures.json' with { type: 'json' };
import {
  checkItemLevels,
  createPostcheckBodySchema,
  createPrecheckBodySchema,
  isPrecheckExpired,
  parseProgress,
  precheckCheckPhases,
  precheckItemSchema,
  precheckStatusSchema,
  precheckStatuses,
  precheckTaskSchema,
  snapshotStatuses,
  snapshotTaskListSchema,
  terminalPrecheckStatuses,
  terminalSnapshotStatuses,
  transitionalPrecheckStatuses,
  transitionalSnapshotStatuses,
} from './upgrade-checks.ts';
import {
  canCancelWorkflow,
  createUpgradeWorkflowBodySchema,
  isCriticalLine,
  lineStatusSchema,
  pointStatusSchema,
  pointStatuses,
  terminalPointStatuses,
  terminalWorkflowPhases,
  transitionalPointStatuses,
  transitionalWorkflowPhases,
  updateUpgradeWorkflowBodySchema,
  upgradeWorkflowListSchema,
  upgradeWorkflowSchema,
  waitingWorkflowPhases,
  workflowPhases,
} from './upgrade-workflows.ts';
import {
  terminalUpgradeInfoPhases,
  terminalUpgradeTaskStatuses,
  transitionalUpgradeInfoPhases,
  transitionalUpgradeTaskStatuses,
  upgradeClusterBodySchema,
  upgradeFeatureGatesSchema,
  upgradeInfoPhases,
  upgradeOperations,
  upgradePathsSchema,
  upgradeTaskSchema,
  upgradeTaskStatuses,
  waitingUpgradeTaskStatuses,
  type UpgradeClusterBody,
} from './upgrade.ts';

/** Messages of a failed parse, joined, for `toContain` checks. */
function messages(result: { success: boolean; error?: { issues: Array<{ message: string }> } }): string {
  expect(result.success).toBe(false);
  return (result.error?.issues ?? []).map((issue) => issue.message).join(' | ');
}

function fixture(operationId: string, source: string): unknown {
  const found = fixtures.find((f) => f.operationId === operationId && f.source === source);
  if (!found) throw new Error(`no fixture ${operationId} ${source}`);
  return found.payload;
}

const validUpgrade: UpgradeClusterBody = {
  metadata: { apiVersion: 'v3', kind: 'UpgradeTask' },
  spec: {
    clusterUpgradeAction: {
      addons: [{ addonTemplateName: 'coredns', operation: 'patch', version: '1.30.4', values: { flavor: { replicas: 2 } } }],
      nodePoolOrder: { DefaultPool: 0 },
      nodeOrder: { DefaultPool: [{ nodeSelector: { key: 'k', value: ['v'], operator: 'In' }, priority: 1 }] },
      strategy: { type: 'inPlaceRollingUpdate', inPlaceRollingUpdate: { userDefinedStep: 20 } },
      targetVersion: 'v1.28',
      isOnlyUpgrade: false,
    },
  },
};

function withAction(patch: Record<string, unknown>): unknown {
  return { ...validUpgrade, spec: { clusterUpgradeAction: { ...validUpgrade.spec.clusterUpgradeAction, ...patch } } };
}

describe('upgradeCluster body (4.3.1)', () => {
  it('accepts a complete body', () => {
    expect(upgradeClusterBodySchema.safeParse(validUpgrade).error?.issues ?? []).toEqual([]);
  });

  it.each([1, 20, 40])('accepts userDefinedStep %i', (step) => {
    const body = withAction({ strategy: { type: 'inPlaceRollingUpdate', inPlaceRollingUpdate: { userDefinedStep: step } } });
    expect(upgradeClusterBodySchema.safeParse(body).success).toBe(true);
  });

  it.each([0, 41, 20.5, '20'])('refuses userDefinedStep %s outside the integers 1-40', (step) => {
    const body = withAction({ strategy: { type: 'inPlaceRollingUpdate', inPlaceRollingUpdate: { userDefinedStep: step } } });
    expect(messages(upgradeClusterBodySchema.safeParse(body))).toContain('userDefinedStep must be an integer from 1 to 40');
  });

  it('refuses a strategy type other than inPlaceRollingUpdate', () => {
    const body = withAction({ strategy: { type: 'blueGreen', inPlaceRollingUpdate: {} } });
    expect(messages(upgradeClusterBodySchema.safeParse(body))).toContain('strategy.type must be "inPlaceRollingUpdate"');
  });

  it('requires inPlaceRollingUpdate with the in-place type', () => {
    const body = withAction({ strategy: { type: 'inPlaceRollingUpdate' } });
    expect(messages(upgradeClusterBodySchema.safeParse(body))).toContain('strategy.inPlaceRollingUpdate is required');
  });

  it('requires strategy and targetVersion', () => {
    const body = withAction({ strategy: undefined, targetVersion: undefined });
    const text = messages(upgradeClusterBodySchema.safeParse(body));
    expect(text).toContain('spec.clusterUpgradeAction.strategy is required');
    expect(text).toContain('spec.clusterUpgradeAction.targetVersion is required');
  });

  it('refuses a targetVersion that is not a cluster version', () => {
    expect(messages(upgradeClusterBodySchema.safeParse(withAction({ targetVersion: '1.28' })))).toContain(
      'targetVersion must be a cluster version',
    );
    expect(upgradeClusterBodySchema.safeParse(withAction({ targetVersion: 'v1.23.8-r0' })).success).toBe(true);
  });

  it('refuses an add-on operation other than patch, and an add-on without a name', () => {
    const body = withAction({ addons: [{ addonTemplateName: '', operation: 'install', version: '1.0.0' }] });
    const text = messages(upgradeClusterBodySchema.safeParse(body));
    expect(text).toContain('addons[].operation must be "patch"');
    expect(text).toContain('addons[].addonTemplateName must not be empty');
  });

  it('refuses a non-integer node pool priority', () => {
    expect(messages(upgradeClusterBodySchema.safeParse(withAction({ nodePoolOrder: { DefaultPool: 1.5 } })))).toContain(
      'nodePoolOrder values must be integers',
    );
  });

  it('refuses a wrong metadata kind and undocumented keys (isSnapshot is not a body field)', () => {
    const text = messages(
      upgradeClusterBodySchema.safeParse({ ...validUpgrade, metadata: { apiVersion: 'v3', kind: 'Upgrade' } }),
    );
    expect(text).toContain('metadata.kind must be "UpgradeTask"');
    const extra = upgradeClusterBodySchema.safeParse(withAction({ isSnapshot: true }));
    expect(extra.error?.issues[0]?.code).toBe('unrecognized_keys');
  });

  it('requires metadata and spec', () => {
    const text = messages(upgradeClusterBodySchema.safeParse({}));
    expect(text).toContain('metadata is required');
    expect(text).toContain('spec is required');
  });
});

describe('path parameters', () => {
  const params = { project_id: '0123456789abcdef0123456789abcdef', cluster_id: 'c-1' };

  it('refuses a task id that could change the path', () => {
    const op = upgradeOperations.getUpgradeTask;
    expect(op.pathParams.safeParse({ ...params, task_id: 'f40cafed-7bf1' }).success).toBe(true);
    expect(messages(op.pathParams.safeParse({ ...params, task_id: '../x' }))).toContain(
      'task_id must contain only letters, digits',
    );
  });

  it('refuses an empty workflow id and extra keys', () => {
    const op = upgradeOperations.getUpgradeWorkflow;
    expect(messages(op.pathParams.safeParse({ ...params, upgrade_workflow_id: '' }))).toContain(
      'upgrade_workflow_id must not be empty',
    );
    expect(op.pathParams.safeParse({ ...params, upgrade_workflow_id: 'w', task_id: 't' }).success).toBe(false);
  });

  it('has no path parameters for the project-less paths and feature gates', () => {
    expect(upgradeOperations.listUpgradePaths.pathParams.safeParse({}).success).toBe(true);
    expect(upgradeOperations.listUpgradeFeatureGates.pathParams.safeParse({ project_id: 'x' }).success).toBe(false);
  });

  it('sends no body to retry and snapshot, and reads no body from retry', () => {
    expect(upgradeOperations.retryUpgradeTask.body.safeParse({}).success).toBe(false);
    expect(upgradeOperations.createClusterSnapshot.body.safeParse(undefined).success).toBe(true);
    expect(upgradeOperations.retryUpgradeTask.response.parse('')).toBeUndefined();
  });
});

describe('createPrecheck / createPostcheck bodies (4.3.5, 4.3.8)', () => {
  const precheck = {
    apiVersion: 'v3',
    kind: 'PreCheckTask',
    spec: {
      clusterVersion: 'v1.27',
      targetVersion: 'v1.28',
      skippedCheckItemList: [
        { name: 'NodeContainerdPodRestartRisk', resourceSelector: { key: 'node.uid', values: ['n-1'], operator: 'In' } },
      ],
    },
  };

  it('accepts a pre-check that skips a node check item', () => {
    expect(createPrecheckBodySchema.safeParse(precheck).error?.issues ?? []).toEqual([]);
  });

  it('refuses selector keys other than node.uid and operators other than In', () => {
    const body = {
      ...precheck,
      spec: { skippedCheckItemList: [{ name: 'x', resourceSelector: { key: 'node.name', operator: 'NotIn' } }] },
    };
    const text = messages(createPrecheckBodySchema.safeParse(body));
    expect(text).toContain('resourceSelector.key must be "node.uid"');
    expect(text).toContain('resourceSelector.operator must be "In"');
  });

  it('refuses a wrong kind and a missing spec', () => {
    const text = messages(createPrecheckBodySchema.safeParse({ apiVersion: 'v3', kind: 'PostCheckTask' }));
    expect(text).toContain('kind must be "PreCheckTask"');
    expect(text).toContain('spec is required');
  });

  it('accepts a post-check and refuses the pre-check kind', () => {
    const body = { apiVersion: 'v3', kind: 'PostCheckTask', spec: { clusterVersion: 'v1.27', targetVersion: 'v1.28' } };
    expect(createPostcheckBodySchema.safeParse(body).success).toBe(true);
    expect(messages(createPostcheckBodySchema.safeParse({ ...body, kind: 'PreCheckTask' }))).toContain(
      'kind must be "PostCheckTask"',
    );
  });
});

describe('workflow bodies (4.3.14, 4.3.17)', () => {
  it('requires a targetVersion to create a workflow', () => {
    const ok = { kind: 'WorkFlowTask', apiVersion: 'v3', spec: { targetVersion: 'v1.28' } };
    expect(createUpgradeWorkflowBodySchema.safeParse(ok).success).toBe(true);
    expect(messages(createUpgradeWorkflowBodySchema.safeParse({ ...ok, spec: {} }))).toContain(
      'spec.targetVersion is required',
    );
    expect(messages(createUpgradeWorkflowBodySchema.safeParse({ ...ok, kind: 'Workflow' }))).toContain(
      'kind must be "WorkFlowTask"',
    );
  });

  it('accepts exactly {status:{phase:"Cancel"}}', () => {
    expect(updateUpgradeWorkflowBodySchema.safeParse({ status: { phase: 'Cancel' } }).success).toBe(true);
    expect(messages(updateUpgradeWorkflowBodySchema.safeParse({ status: { phase: 'Running' } }))).toContain(
      'status.phase must be "Cancel"',
    );
    expect(messages(updateUpgradeWorkflowBodySchema.safeParse({}))).toContain('status is required');
    expect(messages(updateUpgradeWorkflowBodySchema.safeParse(undefined))).toContain('a body {"status":{"phase":"Cancel"}} is required');
    const extra = updateUpgradeWorkflowBodySchema.safeParse({ status: { phase: 'Cancel', reason: 'x' } });
    expect(extra.error?.issues[0]?.code).toBe('unrecognized_keys');
  });
});

describe('pre-check responses', () => {
  it('normalises clusterCheckStatus to an array, whatever form it comes in (4.3.6 vs table 4-247)', () => {
    const group = { phase: 'Success', itemsStatus: [] };
    expect(precheckStatusSchema.parse({ clusterCheckStatus: group }).clusterCheckStatus).toEqual([group]);
    expect(precheckStatusSchema.parse({ clusterCheckStatus: [group] }).clusterCheckStatus).toEqual([group]);
    expect(precheckStatusSchema.parse({ clusterCheckStatus: null }).clusterCheckStatus).toEqual([]);
    expect(precheckStatusSchema.parse({}).clusterCheckStatus).toEqual([]);
  });

  it('moves addon/node groups printed inside the clusterCheckStatus array up to the status', () => {
    const status = precheckStatusSchema.parse({
      phase: 'Success',
      clusterCheckStatus: [{ phase: 'Success', addonCheckStatus: { phase: 'Failed' }, nodeCheckStatus: { phase: 'Success' } }],
    });
    expect(status.addonCheckStatus?.phase).toBe('Failed');
    expect(status.nodeCheckStatus?.phase).toBe('Success');
    expect(status.clusterCheckStatus[0]).not.toHaveProperty('addonCheckStatus');
  });

  it('reads the 4.3.6 example: cluster items, add-on items, canonical item names', () => {
    const task = precheckTaskSchema.parse(fixture('getPrecheckTask', '003:10430-10498'));
    expect(task.status.clusterCheckStatus).toHaveLength(1);
    expect(task.status.clusterCheckStatus[0]?.itemsStatus.map((item) => item.level)).toEqual(['Info', 'Warning', 'Fatal']);
    // "CoreDNSConflimit" (line 10485) takes the 4.3.7 spelling
    expect(task.status.addonCheckStatus?.itemsStatus.map((item) => item.name)).toEqual(['AddonLimit', 'CoreDNSConfLimit']);
    expect(task.status.addonCheckStatus?.itemsStatus[0]?.riskSource).toEqual({
      configurationRisks: [],
      deprecatedAPIRisks: [],
      nodeRisks: [],
      addonRisks: [],
    });
  });

  it('reads {name, status, details} items of the 4.3.7 example as phase and message', () => {
    const item = precheckItemSchema.parse({ name: 'node1', status: 'Failed', details: 'insufficient memory' });
    expect(item.phase).toBe('Failed');
    expect(item.message).toBe('insufficient memory');
    expect(item).not.toHaveProperty('status');
    expect(item).not.toHaveProperty('details');
  });

  it('keeps risk sources, with the capitalised NodeID', () => {
    const item = precheckItemSchema.parse({
      name: 'NodeCheck',
      kind: 'Risk',
      riskSource: { nodeRisks: [{ NodeID: 'n-1' }], addonRisks: [{ addonTemplateName: 'coredns', alias: 'CoreDNS' }] },
    });
    expect(item.riskSource.nodeRisks).toEqual([{ NodeID: 'n-1' }]);
    expect(item.riskSource.addonRisks[0]?.alias).toBe('CoreDNS');
    expect(item.riskSource.configurationRisks).toEqual([]);
  });

  it('lets an unknown level through, marked unknown', () => {
    const item = precheckItemSchema.parse({ name: 'x', level: 'Critical' });
    expect(item.level).toBe('Critical');
    expect(isKnownValue(checkItemLevels, item.level)).toBe(false);
  });

  it('gives a task without metadata or status one shape', () => {
    const task = precheckTaskSchema.parse({ kind: 'PreCheckTask' });
    expect(task.metadata.labels).toEqual({});
    expect(task.status.clusterCheckStatus).toEqual([]);
  });

  it('tells when the pre-check result has expired (4.3.6: completion + 1 h)', () => {
    const expiry = '2023-11-25 08:21:05.518966 +0000 UTC';
    expect(isPrecheckExpired(expiry, new Date('2023-11-25T08:00:00Z'))).toBe(false);
    expect(isPrecheckExpired(expiry, new Date('2023-11-25T08:30:00Z'))).toBe(true);
    expect(isPrecheckExpired(null, new Date())).toBe(false);
  });
});

describe('upgrade task, snapshot, paths and feature gates', () => {
  it('keeps progress as text and reads it as a percentage', () => {
    const task = upgradeTaskSchema.parse({ metadata: { uid: 'u' }, status: { phase: 'Running', progress: 42.5 } });
    expect(task.status?.progress).toBe('42.5');
    expect(parseProgress('0.00')).toBe(0);
    expect(parseProgress('67')).toBe(67);
    expect(parseProgress('150')).toBe(100);
    expect(parseProgress('n/a')).toBeNull();
    expect(parseProgress(null)).toBeNull();
  });

  it('reads the snapshot list with its top-level latestBackupTime', () => {
    const list = snapshotTaskListSchema.parse(fixture('listSnapshotTasks', '003:11776-11800'));
    expect(list.items[0]?.status?.phase).toBe('Running');
    expect(parseProgress(list.items[0]?.status?.progress)).toBe(67);
    expect(list.status?.latestBackupTime).toBe('2023-11-25 17:03:47.980844 +0800 CST');
  });

  it('normalises upgrade paths sent as `items` to `upgradePaths`', () => {
    const fromItems = upgradePathsSchema.parse(fixture('listUpgradePaths', '003:12301-12311'));
    expect(fromItems.upgradePaths).toEqual([{ version: 'v1.21', platformVersion: 'cce.v1.21-0', targetVersions: ['v1.21'] }]);
    expect(fromItems).not.toHaveProperty('items');
    const fromUpgradePaths = upgradePathsSchema.parse(fixture('listUpgradePaths', '003:12315-12332'));
    expect(fromUpgradePaths.upgradePaths).toHaveLength(4);
    const both = upgradePathsSchema.parse({ upgradePaths: [{ version: 'a' }], items: [{ version: 'b' }] });
    expect(both.upgradePaths.map((p) => p.version)).toEqual(['a']);
    expect(upgradePathsSchema.parse({}).upgradePaths).toEqual([]);
  });

  it('reads feature gates as a map, null as {}', () => {
    const gates = upgradeFeatureGatesSchema.parse(fixture('listUpgradeFeatureGates', '003:12551-12561'));
    expect(gates.upgradeFeatureGates['EvsSnapshot']).toBe('Support');
    expect(upgradeFeatureGatesSchema.parse({ upgradeFeatureGates: null }).upgradeFeatureGates).toEqual({});
    expect(upgradeFeatureGatesSchema.parse({ upgradeFeatureGates: { UpgradeStrategy: true } }).upgradeFeatureGates).toEqual({
      UpgradeStrategy: 'true',
    });
  });
});

describe('workflow responses', () => {
  it('normalises list `items` sent as one object, an array, {} or null to an array (4.3.15)', () => {
    const workflow = { metadata: { uid: 'w-1' } };
    expect(upgradeWorkflowListSchema.parse({ items: workflow }).items.map((w) => w.metadata.uid)).toEqual(['w-1']);
    expect(upgradeWorkflowListSchema.parse({ items: [workflow, workflow] }).items).toHaveLength(2);
    expect(upgradeWorkflowListSchema.parse({ items: {} }).items).toEqual([]);
    expect(upgradeWorkflowListSchema.parse({ items: null }).items).toEqual([]);
  });

  it('normalises taskId (4.3.17 example) to taskID', () => {
    const workflow = upgradeWorkflowSchema.parse(fixture('updateUpgradeWorkflow', '003:13741-13793'));
    const precheck = workflow.status.pointStatuses[0];
    expect(precheck?.taskID).toBe('f61e008c-1600-41c0-9bde-121de5a30660');
    expect(precheck).not.toHaveProperty('taskId');
    expect(pointStatusSchema.parse({ taskType: 'Cluster', taskID: 'a', taskId: 'b' }).taskID).toBe('a');
    expect(pointStatusSchema.parse({ taskType: 'Snapshot' }).taskID).toBeNull();
  });

  it('turns the String critical flag into a boolean', () => {
    const line = (critical: unknown) =>
      lineStatusSchema.parse({ startPoint: { taskType: 'PreCheck' }, endPoint: { taskType: 'Cluster' }, critical });
    expect(line('true').critical).toBe(true);
    expect(line('TRUE').critical).toBe(true);
    expect(line(true).critical).toBe(true);
    expect(line('false').critical).toBe(false);
    expect(line(undefined).critical).toBe(false);
    expect(isCriticalLine(line('true'))).toBe(true);
    expect(isCriticalLine(line(null))).toBe(false);
  });

  it('gives the 4.3.14 example (no phase) and the kiali example (empty status) one shape', () => {
    const created = upgradeWorkflowSchema.parse(fixture('createUpgradeWorkflow', '003:12849-12886'));
    expect(created.status.phase).toBeUndefined();
    expect(created.status.pointStatuses.map((p) => p.taskType)).toEqual(['PreCheck', 'Snapshot', 'Cluster', 'PostCheck']);
    expect(created.status.lineStatuses.every((l) => l.critical === false)).toBe(true);
    const kiali = upgradeWorkflowSchema.parse(fixture('getUpgradeWorkflow', '003:13505-13556'));
    expect(kiali.status).toEqual({ pointStatuses: [], lineStatuses: [] });
    expect(upgradeWorkflowSchema.parse({}).metadata.annotations).toEqual({});
  });

  it('allows cancelling only from Init or Pending with no task in flight (4.3.17)', () => {
    const pending = upgradeWorkflowSchema.parse(fixture('getUpgradeWorkflow', '003:13560-13604'));
    expect(pending.status.phase).toBe('Pending');
    expect(canCancelWorkflow(pending.status)).toBe(true);
    expect(canCancelWorkflow({ phase: 'Init', pointStatuses: [] })).toBe(true);
    expect(canCancelWorkflow({ phase: 'Running', pointStatuses: [] })).toBe(false);
    expect(canCancelWorkflow({ phase: 'Success', pointStatuses: [] })).toBe(false);
    expect(canCancelWorkflow({ phase: 'Cancel', pointStatuses: [] })).toBe(false);
    const inFlight = (status: string) =>
      canCancelWorkflow({
        phase: 'Pending',
        pointStatuses: [pointStatusSchema.parse({ taskType: 'Cluster', status })],
      });
    expect(inFlight('Running')).toBe(false);
    expect(inFlight('Queuing')).toBe(false);
    expect(inFlight('Init')).toBe(false);
    expect(inFlight('Pause')).toBe(false);
    expect(inFlight('Failed')).toBe(true);
  });
});

describe('status lists the console polls on', () => {
  const cases = [
    ['upgrade task', upgradeTaskStatuses, transitionalUpgradeTaskStatuses, terminalUpgradeTaskStatuses, waitingUpgradeTaskStatuses],
    ['upgrade info', upgradeInfoPhases, transitionalUpgradeInfoPhases, terminalUpgradeInfoPhases, ['Pause']],
    ['pre-check', precheckStatuses, transitionalPrecheckStatuses, terminalPrecheckStatuses, []],
    ['snapshot', snapshotStatuses, transitionalSnapshotStatuses, terminalSnapshotStatuses, []],
    ['workflow', workflowPhases, transitionalWorkflowPhases, terminalWorkflowPhases, waitingWorkflowPhases],
    ['workflow point', pointStatuses, transitionalPointStatuses, terminalPointStatuses, []],
  ] as const;

  it.each(cases)('%s: transitional, terminal and waiting split the known values', (_, all, transitional, terminal, waiting) => {
    const parts: string[] = [...transitional, ...terminal, ...waiting];
    expect([...parts].sort()).toEqual([...all].sort());
    expect(new Set(parts).size).toBe(parts.length);
  });

  it('keeps Error out of the check-group phases (R7)', () => {
    expect(precheckCheckPhases).not.toContain('Error');
    expect(precheckStatuses).toContain('Error');
    expect(upgradeInfoPhases).not.toContain('Queuing');
  });
});
