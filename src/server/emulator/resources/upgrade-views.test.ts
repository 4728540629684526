// Upgrade records as they read at a time (seed 4.3): task timelines, workflow phases and the cancel rule.
import { describe, expect, it } from 'vitest';
import { upgradeWorkflowSchema } from '../../../contract/upgrade-workflows.ts';
import { emptyUpgradeSlice, type StoredPrecheckTask, type StoredUpgradeTask, type StoredWorkflow, type UpgradeSlice } from './upgrade-model.ts';
import { buildPrecheckReport } from './upgrade-report.ts';
import { legacyPortalProfile } from './upgrade-demo.ts';
import { cancelProblem, precheckJson, precheckState, upgradeState, workflowJson, workflowView } from './upgrade-views.ts';

const T0 = Date.UTC(2024, 5, 1, 8, 0, 0);
const D = 600_000;

function upgrade(over: Partial<StoredUpgradeTask> = {}): StoredUpgradeTask {
  return {
    uid: 'u1',
    clusterId: 'c1',
    createdAt: T0,
    durationMs: D,
    version: 'v1.28',
    platformVersion: 'cce.6.0',
    targetVersion: 'v1.29',
    targetPlatformVersion: 'cce.5.1',
    strategy: { type: 'inPlaceRollingUpdate', inPlaceRollingUpdate: { userDefinedStep: 20 } },
    addons: [],
    attempts: [{ startedAt: T0, fromProgress: 0, failure: null }],
    settled: false,
    ...over,
  };
}

function precheck(failing: boolean, createdAt = T0): StoredPrecheckTask {
  const profile = failing ? legacyPortalProfile : { deprecatedApiCalls: [], configurationOverrides: [] };
  return {
    uid: `p-${createdAt}`,
    clusterId: 'c1',
    createdAt,
    durationMs: 60_000,
    clusterVersion: 'v1.28',
    targetVersion: 'v1.29',
    skippedCheckItemList: [],
    report: buildPrecheckReport({ clusterVersion: 'v1.28', targetVersion: 'v1.29', profile, addons: [] }, []),
  };
}

describe('upgrade task timeline', () => {
  it('goes Init -> Queuing -> Running (linear progress) -> Success over settings.durations.upgrade', () => {
    const task = upgrade();
    expect(upgradeState(task, T0).phase).toBe('Init');
    expect(upgradeState(task, T0 + 0.05 * D).phase).toBe('Queuing');
    const half = upgradeState(task, T0 + 0.1 * D + 0.45 * D);
    expect(half.phase).toBe('Running');
    expect(half.progress).toBeCloseTo(50, 5);
    expect(upgradeState(task, T0 + D - 1).phase).toBe('Running');
    expect(upgradeState(task, T0 + D)).toMatchObject({ phase: 'Success', progress: 100, endAt: T0 + D });
  });

  it('stops Failed at the injected progress, and a retry resumes from there', () => {
    const failing = upgrade({ attempts: [{ startedAt: T0, fromProgress: 0, failure: { atProgress: 60, reason: 'boom' } }] });
    const failAt = T0 + 0.1 * D + 0.6 * 0.9 * D;
    expect(upgradeState(failing, failAt - 1).phase).toBe('Running');
    expect(upgradeState(failing, failAt)).toMatchObject({ phase: 'Failed', progress: 60, reason: 'boom', endAt: failAt });
    const retryAt = failAt + 3_600_000;
    failing.attempts.push({ startedAt: retryAt, fromProgress: 60, failure: null });
    expect(upgradeState(failing, retryAt)).toMatchObject({ phase: 'Queuing', progress: 60 });
    expect(upgradeState(failing, retryAt + 0.05 * D + 0.2 * 0.9 * D).progress).toBeCloseTo(80, 5);
    expect(upgradeState(failing, retryAt + 0.05 * D + 0.4 * 0.9 * D)).toMatchObject({ phase: 'Success', progress: 100 });
  });

  it('ends at once when the duration is 0', () => {
    expect(upgradeState(upgrade({ durationMs: 0 }), T0).phase).toBe('Success');
  });
});

describe('pre-check timeline', () => {
  it('reveals the cluster items, then the add-on items, then ends with the expiry 1 h later', () => {
    const task = precheck(true);
    expect(precheckJson(task, T0).status).toMatchObject({ phase: 'Init', clusterCheckStatus: { phase: 'Init' } });
    const mid = precheckJson(task, T0 + 40_000).status;
    expect(mid.phase).toBe('Running');
    expect(mid.clusterCheckStatus).toMatchObject({ phase: 'Failed' });
    expect(mid.addonCheckStatus).toEqual({ phase: 'Running' });
    const end = precheckJson(task, T0 + 60_000);
    expect(end.status.phase).toBe('Failed');
    expect(end.status).not.toHaveProperty('expireTimeStamp');
    const ok = precheckJson(precheck(false), T0 + 60_000);
    expect(ok.status).toMatchObject({ phase: 'Success', expireTimeStamp: '2024-06-01 09:01:00.000000 +0000 UTC' });
    expect(ok.metadata.updateTimestamp).toBe('2024-06-01 08:01:00.000000 +0000 UTC');
    expect(precheckState(precheck(false), T0 + 59_999).phase).toBe('Running');
  });
});

describe('workflow phase and cancel rule', () => {
  function scenario(build: (slice: UpgradeSlice, workflow: StoredWorkflow) => void) {
    const slice = emptyUpgradeSlice();
    const workflow: StoredWorkflow = { uid: 'w1', clusterId: 'c1', createdAt: T0, clusterVersion: 'v1.28', targetVersion: 'v1.29', cancelledAt: null, points: {} };
    slice.workflows.w1 = workflow;
    build(slice, workflow);
    return { slice, workflow };
  }
  const later = T0 + 10 * 3_600_000;

  it('renders an answer the contract parses, with critical String lines', () => {
    const { slice, workflow } = scenario(() => undefined);
    const parsed = upgradeWorkflowSchema.parse(workflowJson(workflow, slice, T0));
    expect(parsed.status.lineStatuses.map((l) => l.critical)).toEqual([true, true]);
    expect(parsed.status.phase).toBe('Init');
    expect(cancelProblem(workflow, slice, T0)).toBeNull();
  });

  it('allows a cancel after a failed pre-check', () => {
    const { slice, workflow } = scenario((s, w) => {
      const p = precheck(true);
      s.prechecks[p.uid] = p;
      w.points.PreCheck = p.uid;
    });
    expect(workflowView(workflow, slice, later).phase).toBe('Pending');
    expect(cancelProblem(workflow, slice, later)).toBeNull();
  });

  it('refuses a cancel once the upgrade started and failed (critical line PreCheck -> Cluster under way)', () => {
    const { slice, workflow } = scenario((s, w) => {
      const p = precheck(false);
      s.prechecks[p.uid] = p;
      w.points.PreCheck = p.uid;
      const u = upgrade({ createdAt: T0 + 120_000, attempts: [{ startedAt: T0 + 120_000, fromProgress: 0, failure: { atProgress: 30, reason: 'x' } }] });
      s.upgrades[u.uid] = u;
      w.points.Cluster = u.uid;
    });
    expect(workflowView(workflow, slice, later).phase).toBe('Pending');
    expect(cancelProblem(workflow, slice, later)).toMatch(/critical line PreCheck -> Cluster .* under way .* Failed/);
  });

  it('refuses a cancel after a failed post-check (critical line Cluster -> PostCheck under way)', () => {
    const { slice, workflow } = scenario((s, w) => {
      const p = precheck(false);
      s.prechecks[p.uid] = p;
      w.points.PreCheck = p.uid;
      const u = upgrade({ createdAt: T0 + 120_000, attempts: [{ startedAt: T0 + 120_000, fromProgress: 0, failure: null }] });
      s.upgrades[u.uid] = u;
      w.points.Cluster = u.uid;
      s.postchecks.pc = { uid: 'pc', clusterId: 'c1', createdAt: T0 + 3_600_000, clusterVersion: 'v1.28', targetVersion: 'v1.29', phase: 'Failed', message: 'coredns abnormal' };
      w.points.PostCheck = 'pc';
    });
    expect(workflowView(workflow, slice, later).phase).toBe('Pending');
    expect(cancelProblem(workflow, slice, later)).toMatch(/Cluster -> PostCheck .* run the post-check again/);
  });

  it('is Success when pre-check, upgrade and post-check succeeded, without a snapshot', () => {
    const { slice, workflow } = scenario((s, w) => {
      const p = precheck(false);
      s.prechecks[p.uid] = p;
      w.points.PreCheck = p.uid;
      const u = upgrade({ createdAt: T0 + 120_000, attempts: [{ startedAt: T0 + 120_000, fromProgress: 0, failure: null }] });
      s.upgrades[u.uid] = u;
      w.points.Cluster = u.uid;
      s.postchecks.pc = { uid: 'pc', clusterId: 'c1', createdAt: T0 + 3_600_000, clusterVersion: 'v1.28', targetVersion: 'v1.29', phase: 'Success', message: '' };
      w.points.PostCheck = 'pc';
    });
    expect(workflowView(workflow, slice, later).phase).toBe('Success');
    expect(cancelProblem(workflow, slice, later)).toMatch(/already Success/);
    const json = workflowJson(workflow, slice, later);
    expect(json.metadata.updateTimestamp).toBe('2024-06-01 09:00:00.000000 +0000 UTC');
  });

  it('is Cancel once cancelled, whatever the points say', () => {
    const { slice, workflow } = scenario((_s, w) => {
      w.cancelledAt = T0 + 1000;
    });
    expect(workflowView(workflow, slice, later).phase).toBe('Cancel');
  });
});
