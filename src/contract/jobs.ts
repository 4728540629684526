// Jobs (seed 4.1.7, lines 3529-3844): the asynchronous work behind create/delete cluster, with nested sub-jobs.
import { z } from 'zod';
import {
  lenientArray,
  nullishString,
  openEnum,
  pathIdSchema,
  projectIdSchema,
  stringMapSchema,
  timestampSchema,
} from './common.ts';
import { defineOperation, noBodySchema, noQuerySchema } from './operation.ts';

/** Seed 4.1.7 table 4-127 (line 3608). */
export const jobPhases = ['Initializing', 'Running', 'Failed', 'Success'] as const;
export type JobPhase = (typeof jobPhases)[number];

/** The console keeps polling a job while it is in one of these. */
export const transitionalJobPhases = ['Initializing', 'Running'] as const satisfies readonly JobPhase[];
export const finishedJobPhases = ['Failed', 'Success'] as const satisfies readonly JobPhase[];

/** Job types seen in the document (lines 3631, 3652, 3671); the field is free text. */
export const knownJobTypes = ['CreateCluster', 'DeleteCluster', 'InstallMaster', 'CreatePSMCert'] as const;

export const jobPhaseSchema = openEnum(jobPhases);

export const jobMetadataSchema = z.looseObject({
  uid: nullishString,
  creationTimestamp: timestampSchema,
  updateTimestamp: timestampSchema,
});

export const jobStatusSchema = z.looseObject({
  phase: jobPhaseSchema.nullish(),
  reason: nullishString,
});

/**
 * Table 4-124 JobSpec. `subJobs` is an array of Job (table 4-125), recursive; sub-jobs of the example carry no
 * resourceName, some no resourceID, none a subJobs list: every field is optional, a missing list becomes [].
 */
export const jobSpecSchema = z.looseObject({
  type: nullishString,
  clusterUID: nullishString,
  resourceID: nullishString,
  resourceName: nullishString,
  extendParam: stringMapSchema,
  get subJobs() {
    return lenientArray(jobSchema);
  },
});

/** Table 4-123 / 4-125: the Job object. A job finishes only after all its sub-jobs finish (line 3585). */
export const jobSchema = z.looseObject({
  kind: nullishString,
  apiVersion: nullishString,
  metadata: jobMetadataSchema.nullish(),
  get spec() {
    return jobSpecSchema.nullish();
  },
  status: jobStatusSchema.nullish(),
});
export type Job = z.infer<typeof jobSchema>;

/** True when the job will not change any more (Success or Failed); unknown phases count as still running. */
export function isJobFinished(job: Pick<Job, 'status'>): boolean {
  const phase = job.status?.phase;
  return phase === 'Success' || phase === 'Failed';
}

/** The job and all its sub-jobs, depth first, with their depth (0 for the job itself), for a progress list. */
export function flattenJobs(job: Job, depth = 0): Array<{ job: Job; depth: number }> {
  return [{ job, depth }, ...(job.spec?.subJobs ?? []).flatMap((sub) => flattenJobs(sub, depth + 1))];
}

export const jobParamsSchema = z.strictObject({ project_id: projectIdSchema, job_id: pathIdSchema });

export const jobOperations = {
  getJob: defineOperation({
    id: 'getJob',
    section: '4.1.7',
    method: 'GET',
    path: '/autopilot/v3/projects/{project_id}/jobs/{job_id}',
    pathParams: jobParamsSchema,
    query: noQuerySchema,
    body: noBodySchema,
    bodyKind: 'none',
    successStatus: 200,
    response: jobSchema,
    responseKind: 'json',
  }),
};
