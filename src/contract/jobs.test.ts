import { describe, expect, it } from 'vitest';
import { flattenJobs, isJobFinished, jobOperations, jobParamsSchema, jobSchema } from './jobs.ts';

const createJob = {
  kind: 'Job',
  apiVersion: 'v3',
  metadata: { uid: 'job-1', creationTimestamp: '2024-06-04 12:49:28.773718231 +0000 UTC' },
  spec: {
    type: 'CreateCluster',
    clusterUID: 'c1',
    resourceID: 'c1',
    resourceName: 'prod-cluster',
    extendParam: { serverID: 's1' },
    subJobs: [
      {
        kind: 'Job',
        metadata: { uid: 'job-1a' },
        spec: {
          type: 'InstallMaster',
          subJobs: [{ metadata: { uid: 'job-1a-i' }, spec: { type: 'CreatePSMCert' }, status: { phase: 'Success' } }],
        },
        status: { phase: 'Running' },
      },
      { metadata: { uid: 'job-1b' }, spec: { type: 'CreatePSMCert' }, status: { phase: 'Success' } },
    ],
  },
  status: { phase: 'Running', reason: '' },
};

describe('job response', () => {
  it('parses sub-jobs recursively, a missing subJobs list becoming []', () => {
    const job = jobSchema.parse(createJob);
    expect(job.spec?.subJobs).toHaveLength(2);
    expect(job.spec?.subJobs[0]?.spec?.subJobs[0]?.spec?.type).toBe('CreatePSMCert');
    expect(job.spec?.subJobs[1]?.spec?.subJobs).toEqual([]);
    expect(job.spec?.extendParam).toEqual({ serverID: 's1' });
  });

  it('reads null subJobs and extendParam as empty', () => {
    const job = jobSchema.parse({ spec: { subJobs: null, extendParam: null }, status: { phase: 'Initializing' } });
    expect(job.spec?.subJobs).toEqual([]);
    expect(job.spec?.extendParam).toEqual({});
  });

  it('parses an unknown phase and keeps unknown keys', () => {
    const job = jobSchema.parse({ status: { phase: 'Paused', progress: 40 }, extra: true });
    expect(job.status?.phase).toBe('Paused');
    expect(job.status).toHaveProperty('progress', 40);
    expect(job).toHaveProperty('extra', true);
  });

  it('refuses a sub-job that is not an object', () => {
    expect(jobSchema.safeParse({ spec: { subJobs: ['job-2'] } }).success).toBe(false);
  });

  it('tells finished jobs from running ones', () => {
    expect(isJobFinished({ status: { phase: 'Success' } })).toBe(true);
    expect(isJobFinished({ status: { phase: 'Failed' } })).toBe(true);
    expect(isJobFinished({ status: { phase: 'Running' } })).toBe(false);
    expect(isJobFinished({ status: { phase: 'Initializing' } })).toBe(false);
    expect(isJobFinished({ status: { phase: 'Paused' } })).toBe(false);
    expect(isJobFinished({ status: null })).toBe(false);
  });

  it('flattens the job tree depth first with depths', () => {
    const flat = flattenJobs(jobSchema.parse(createJob)).map(({ job, depth }) => [job.metadata?.uid, depth]);
    expect(flat).toEqual([
      ['job-1', 0],
      ['job-1a', 1],
      ['job-1a-i', 2],
      ['job-1b', 1],
    ]);
  });
});

describe('getJob', () => {
  it('takes project_id and job_id', () => {
    const params = { project_id: '0123456789abcdef0123456789abcdef', job_id: '354331b2c-229a-11e8-9c75-0255ac100ceb' };
    expect(jobParamsSchema.safeParse(params).success).toBe(true);
    expect(jobParamsSchema.safeParse({ ...params, job_id: '../x' }).success).toBe(false);
    expect(jobParamsSchema.safeParse({ ...params, project_id: 'p1' }).success).toBe(false);
    expect(jobOperations.getJob.response).toBe(jobSchema);
  });
});
