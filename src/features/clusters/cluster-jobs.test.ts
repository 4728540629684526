import { describe, expect, it } from 'vitest';
import { clusterSchema } from '../../contract/clusters.ts';
import { jobSchema } from '../../contract/jobs.ts';
import { isSubJobOfAny, jobProgress, knownClusterJobs } from './cluster-jobs.ts';

const job = (phase: string, subPhases: string[]) =>
  jobSchema.parse({
    metadata: { uid: 'job-1' },
    spec: { type: 'CreateCluster', subJobs: subPhases.map((p, i) => ({ metadata: { uid: `sub-${i}` }, spec: { type: `Step${i}` }, status: { phase: p } })) },
    status: { phase },
  });

describe('known cluster jobs', () => {
  it('takes status.jobID and the create answer annotations, each once', () => {
    const created = clusterSchema.parse({
      metadata: { name: 'c', annotations: { jobid: 'j1', resourceJobId: 'j2' } },
      spec: {},
      status: { phase: 'Creating', jobID: 'j1' },
    });
    expect(knownClusterJobs(created)).toEqual([
      { id: 'j1', source: 'status' },
      { id: 'j2', source: 'resourceAnnotation' },
    ]);
  });

  it('is empty for a settled cluster', () => {
    expect(knownClusterJobs(clusterSchema.parse({ metadata: { name: 'c' }, spec: {}, status: { phase: 'Available' } }))).toEqual([]);
  });

  it('recognises a sub-job of a loaded job', () => {
    const loaded = [job('Running', ['Success', 'Running'])];
    expect(isSubJobOfAny('sub-1', loaded)).toBe(true);
    expect(isSubJobOfAny('job-1', loaded)).toBe(false);
  });
});

describe('job progress', () => {
  it('counts finished sub-jobs', () => {
    expect(jobProgress(job('Running', ['Success', 'Running', 'Initializing', 'Initializing']))).toEqual({ finished: 1, total: 4, percent: 25, failed: false });
  });

  it('is complete when the job finished, and says when something failed', () => {
    expect(jobProgress(job('Success', ['Success', 'Success']))).toMatchObject({ percent: 100, failed: false });
    expect(jobProgress(job('Failed', ['Failed', 'Initializing']))).toMatchObject({ percent: 100, failed: true });
    expect(jobProgress(job('Running', []))).toMatchObject({ percent: 0, total: 0 });
  });
});
