// The jobs a cluster is known to have, and how far a job has got. The API has no job list (seed 4.1.7 has getJob by
// id only), so the console can show only the jobs the cluster object names: status.jobID (create, delete, a failed
// delete; line 886) and, on the create answer, the annotations jobid / resourceJobId (lines 1110-1112, which are not
// persisted: line 781). Job information is short-lived (line 886): a job that is gone answers 404.
import type { Cluster } from '../../contract/clusters.ts';
import { flattenJobs, knownJobTypes, type Job } from '../../contract/jobs.ts';

/**
 * Job types the console has a label for: the documented ones (knownJobTypes) and the sub-jobs the emulator plans for
 * create and delete [inferred: the document names no others]. The field is free text; any other type shows as
 * "unknown: TYPE".
 */
export const labelledJobTypes = [
  ...knownJobTypes,
  'InstallAddons',
  'DeleteAddons',
  'DeleteServiceResources',
  'DeleteSFSTurboVolumes',
  'DeleteOBSVolumes',
  'DeleteSFS30Volumes',
  'DeleteENIPorts',
  'DeleteLTSResources',
  'UninstallMaster',
] as const;

export type KnownJobSource = 'status' | 'annotation' | 'resourceAnnotation';
export type KnownJob = { id: string; source: KnownJobSource };

/** Every job id the cluster object names, each once, status.jobID first. */
export function knownClusterJobs(cluster: Pick<Cluster, 'metadata' | 'status'>): KnownJob[] {
  const candidates: Array<[string | null | undefined, KnownJobSource]> = [
    [cluster.status?.jobID, 'status'],
    [cluster.metadata.annotations.jobid, 'annotation'],
    [cluster.metadata.annotations.resourceJobId, 'resourceAnnotation'],
  ];
  const seen = new Set<string>();
  const out: KnownJob[] = [];
  for (const [id, source] of candidates) {
    if (!id || seen.has(id)) continue;
    seen.add(id);
    out.push({ id, source });
  }
  return out;
}

/** True when `id` is a sub-job (at any depth) of one of `jobs`: it is shown inside its parent then, not twice. */
export function isSubJobOfAny(id: string, jobs: readonly Job[]): boolean {
  return jobs.some((job) => flattenJobs(job).some(({ job: sub, depth }) => depth > 0 && sub.metadata?.uid === id));
}

export type JobProgress = { finished: number; total: number; percent: number; failed: boolean };

/**
 * Progress of a job as the share of its sub-jobs that finished (Success or Failed); a job without sub-jobs is 0 %
 * until it finishes. A job completes only after all its sub-jobs complete (line 3585).
 */
export function jobProgress(job: Job): JobProgress {
  const subJobs = flattenJobs(job).filter(({ depth }) => depth > 0).map(({ job: sub }) => sub);
  const done = (j: Job) => j.status?.phase === 'Success' || j.status?.phase === 'Failed';
  const failed = job.status?.phase === 'Failed' || subJobs.some((j) => j.status?.phase === 'Failed');
  if (done(job)) return { finished: subJobs.length, total: subJobs.length, percent: 100, failed };
  const finished = subJobs.filter(done).length;
  const percent = subJobs.length === 0 ? 0 : Math.floor((finished / subJobs.length) * 100);
  return { finished, total: subJobs.length, percent, failed };
}
