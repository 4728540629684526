import { describe, expect, it } from 'vitest';
import { operations } from '../../../contract/operations.ts';
import { parseServiceTime } from '../../../contract/time.ts';
import { memoryPersistence } from '../persistence.ts';
import { emptyState, projectOf } from '../state.ts';
import { createTestEmulator } from '../test-client.ts';
import {
  addJob,
  findJob,
  jobHandlers,
  jobOutcome,
  jobRetentionMs,
  planCreateClusterJob,
  planDeleteClusterJob,
  planJob,
  reconcileJobs,
  renderJob,
} from './jobs.ts';

const T0 = Date.UTC(2024, 5, 4, 12, 0, 0);
const cluster = '087dc72a-1ff6-11ef-af74-0255ac10010b';

const phases = (plan: ReturnType<typeof planJob>, at: number) => {
  const job = renderJob(plan, at);
  return [job.status?.phase, ...(job.spec?.subJobs ?? []).map((s) => s.status?.phase)];
};

describe('job plans', () => {
  const plan = planJob(
    {
      type: 'CreateCluster',
      clusterUID: cluster,
      resourceName: 'demo',
      durationMs: 100_000,
      steps: [
        { type: 'InstallMaster', weight: 3 },
        { type: 'CreatePSMCert', weight: 1 },
      ],
    },
    T0,
  );

  it('lays the sub-jobs out one after the other, the last ending at the end of the duration', () => {
    expect(plan.runningAt).toBe(T0 + 5_000);
    expect(plan.steps.map((s) => [s.startsAt - T0, s.endsAt - T0])).toEqual([
      [5_000, 76_250],
      [76_250, 100_000],
    ]);
    expect(jobOutcome(plan)).toEqual({ phase: 'Success', at: T0 + 100_000, reason: '' });
  });

  it('renders Initializing → Running → Success with the sub-jobs in sequence and the update time of the last change', () => {
    expect(phases(plan, T0)).toEqual(['Initializing', 'Initializing', 'Initializing']);
    expect(phases(plan, T0 + 5_000)).toEqual(['Running', 'Running', 'Initializing']);
    expect(phases(plan, T0 + 80_000)).toEqual(['Running', 'Success', 'Running']);
    expect(phases(plan, T0 + 100_000)).toEqual(['Success', 'Success', 'Success']);
    expect(phases(plan, T0 + 365 * 24 * 3600_000)).toEqual(['Success', 'Success', 'Success']);

    const running = renderJob(plan, T0 + 80_000);
    expect(parseServiceTime(running.metadata?.updateTimestamp)).toBe(T0 + 76_250);
    expect(parseServiceTime(running.metadata?.creationTimestamp)).toBe(T0);
    expect(running.status).toEqual({ phase: 'Running', reason: '' });
    const done = renderJob(plan, T0 + 500_000);
    expect(parseServiceTime(done.metadata?.updateTimestamp)).toBe(T0 + 100_000);
    // the answer is what getJob's schema reads
    expect(operations.getJob.response.parse(done).spec?.subJobs).toHaveLength(2);
  });

  it('a zero duration is finished at once', () => {
    const instant = planCreateClusterJob({ clusterUID: cluster, clusterName: 'x', durationMs: 0, failureReason: null, withAddons: true }, T0);
    expect(phases(instant, T0)).toEqual(['Success', 'Success', 'Success', 'Success']);
  });

  it('a failing sub-job fails the job at its end; later sub-jobs never start', () => {
    const failing = planCreateClusterJob(
      { clusterUID: cluster, clusterName: 'x', durationMs: 100_000, failureReason: 'quota of ENIs exceeded', withAddons: true },
      T0,
    );
    const master = failing.steps[0];
    expect(master?.type).toBe('InstallMaster');
    expect(phases(failing, (master?.endsAt ?? 0) - 1)).toEqual(['Running', 'Running', 'Initializing', 'Initializing']);
    expect(phases(failing, master?.endsAt ?? 0)).toEqual(['Failed', 'Failed', 'Initializing', 'Initializing']);
    const job = renderJob(failing, T0 + 10 * 100_000);
    expect(job.status).toEqual({ phase: 'Failed', reason: 'quota of ENIs exceeded' });
    expect(job.spec?.subJobs?.[0]?.status).toEqual({ phase: 'Failed', reason: 'quota of ENIs exceeded' });
  });

  it('a delete job has one sub-job per reclaimed resource family, the master last', () => {
    const options = { delete_efs: 'skip', delete_eni: 'block', delete_net: 'try', delete_obs: 'skip', delete_sfs30: 'block', lts_reclaim_policy: 'Retain' } as const;
    const plan = planDeleteClusterJob({ clusterUID: cluster, clusterName: 'x', durationMs: 60_000, options }, T0);
    expect(plan.steps.map((s) => s.type)).toEqual(['DeleteAddons', 'DeleteServiceResources', 'DeleteSFS30Volumes', 'DeleteENIPorts', 'UninstallMaster']);
    expect(plan.extendParam).toEqual(options);
  });
});

describe('findJob and retention', () => {
  it('finds a job and each of its sub-jobs by id', () => {
    const jobs = {};
    const plan = addJob(jobs, planCreateClusterJob({ clusterUID: cluster, clusterName: 'x', durationMs: 1000, failureReason: null, withAddons: false }, T0));
    expect(findJob(jobs, plan.uid, T0)?.spec?.type).toBe('CreateCluster');
    const sub = findJob(jobs, plan.steps[1]?.uid ?? '', T0 + 2000);
    expect(sub?.spec?.type).toBe('CreatePSMCert');
    expect(sub?.status?.phase).toBe('Success');
    expect(findJob(jobs, 'no-such-job', T0)).toBeNull();
  });

  it('forgets a job a week after its outcome was applied, never an unapplied one', () => {
    const state = emptyState('test');
    const jobs = projectOf(state, 'p').jobs;
    const settled = addJob(jobs, planCreateClusterJob({ clusterUID: cluster, clusterName: 'x', durationMs: 1000, failureReason: null, withAddons: false }, T0));
    const pending = addJob(jobs, planCreateClusterJob({ clusterUID: cluster, clusterName: 'y', durationMs: 1000, failureReason: null, withAddons: false }, T0));
    const stored = jobs[settled.uid];
    if (stored) stored.settledAt = T0 + 1000;
    expect(reconcileJobs({ state, now: T0 + 1000 + jobRetentionMs, region: 'r' })).toBe(false);
    expect(reconcileJobs({ state, now: T0 + 1001 + jobRetentionMs, region: 'r' })).toBe(true);
    expect(Object.keys(projectOf(state, 'p').jobs)).toEqual([pending.uid]);
  });
});

describe('getJob', () => {
  it('answers 404 CCE.01404001 for an unknown job', async () => {
    const t = createTestEmulator();
    const res = await t.call('GET', `/autopilot/v3/projects/${t.projectId}/jobs/354331b2-229a-11e8-9c75-0255ac100ceb`);
    expect(res.status).toBe(404);
    expect(res.json).toMatchObject({ errorCode: 'CCE.01404001' });
  });

  it('answers only the jobs of the caller’s project', () => {
    const state = emptyState('test');
    const plan = addJob(projectOf(state, 'a'.repeat(32)).jobs, planCreateClusterJob({ clusterUID: cluster, clusterName: 'x', durationMs: 1000, failureReason: null, withAddons: false }, T0));
    const getJob = jobHandlers.getJob;
    if (!getJob) throw new Error('getJob has no handler');
    const ctx = (projectId: string) => ({
      state,
      now: T0,
      projectId,
      region: 'cn-north-4',
      requestId: 'r',
      params: { project_id: projectId, job_id: plan.uid },
      query: {},
      body: undefined,
      rawBody: new Uint8Array(),
      headers: {},
      blobs: memoryPersistence().blobs,
    });
    expect(getJob(ctx('a'.repeat(32)))).toMatchObject({ body: { metadata: { uid: plan.uid } } });
    expect(() => getJob(ctx('b'.repeat(32)))).toThrow(/does not exist in this project/);
  });
});
