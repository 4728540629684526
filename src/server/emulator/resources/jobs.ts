// Jobs (seed 4.1.7): asynchronous work of clusters (create, delete) with sub-jobs. STUB: filled in by issue 4.
import type { Job } from '../../../contract/jobs.ts';
import type { Handlers, Reconciler, Seeder } from '../handler.ts';

export type StoredJob = Job;
export type JobSlice = Record<string, StoredJob>;
export const emptyJobSlice = (): JobSlice => ({});

export const jobHandlers: Handlers = {};
export const reconcileJobs: Reconciler = () => false;

/** Demo scenario content of this resource. */
export const seedDemoJobs: Seeder = () => undefined;
