// Jobs (seed 4.1.7): the asynchronous work behind create/delete cluster, with sub-jobs run one after the other.
// A job is stored as its plan (when each sub-job starts and ends, and whether one fails); the Job object getJob
// answers is computed from the plan and the clock, so a clock that jumps hours lands on the right phases at once.
import { randomUUID } from 'node:crypto';
import type { ClusterAddonInstall } from '../../../contract/clusters.ts';
import type { Job, JobPhase } from '../../../contract/jobs.ts';
import { parseServiceTime } from '../../../contract/time.ts';
import { notFound } from '../errors.ts';
import type { Handlers, Reconciler, Seeder } from '../handler.ts';
import { projectOf } from '../state.ts';
import { goUtcTime } from '../time-format.ts';

/** One sub-job of a plan: it runs from startsAt to endsAt (virtual ms). */
export type JobStepPlan = {
  uid: string;
  type: string;
  resourceID: string | null;
  startsAt: number;
  endsAt: number;
};

export type ClusterJobType = 'CreateCluster' | 'DeleteCluster';

export type JobPlan = {
  uid: string;
  type: ClusterJobType;
  clusterUID: string;
  resourceName: string;
  extendParam: Record<string, string>;
  createdAt: number;
  /** End of the Initializing phase; the first sub-job starts here. */
  runningAt: number;
  steps: JobStepPlan[];
  /** The sub-job (index into steps) that fails at its end, with the reason; null when the job succeeds. */
  failure: { step: number; reason: string } | null;
};

/** Add-on of the create annotation, as the contract decodes it (values defaulted to {}). */
export type PendingAddonInstall = { addonTemplateName: string; values: Record<string, unknown> };

export type StoredJob = {
  plan: JobPlan;
  /**
   * Add-ons to install when a CreateCluster job succeeds: the `cluster.install.addons/install` annotation is not
   * persisted on the cluster (seed 4.1.1 line 781), so the job carries it.
   */
  addons: PendingAddonInstall[];
  /** Virtual time at which the cluster module applied the outcome (Available / Error / removed); null until then. */
  settledAt: number | null;
};
export type JobSlice = Record<string, StoredJob>;
export const emptyJobSlice = (): JobSlice => ({});

/** "Job info is short-lived" (seed 4.1.1 line 886): finished, settled jobs are forgotten after a week [inferred]. */
export const jobRetentionMs = 7 * 24 * 3600_000;

/** Share of a job's duration spent Initializing before its first sub-job starts [inferred]. */
const initializingShare = 0.05;

export type StepSpec = { type: string; weight: number; resourceID?: string | null };

export type PlanInput = {
  type: ClusterJobType;
  clusterUID: string;
  resourceName: string;
  steps: readonly StepSpec[];
  durationMs: number;
  /** Sub-job type that fails at its end with this reason. */
  failure?: { stepType: string; reason: string } | null;
  extendParam?: Record<string, string>;
};

/** Lays the sub-jobs out one after the other over durationMs; the last one ends exactly at createdAt + durationMs. */
export function planJob(input: PlanInput, now: number): JobPlan {
  const duration = Math.max(0, input.durationMs);
  const runningAt = now + Math.round(duration * initializingShare);
  const end = now + duration;
  const totalWeight = input.steps.reduce((sum, step) => sum + step.weight, 0) || 1;
  let cursor = runningAt;
  let weightSoFar = 0;
  const steps = input.steps.map((step, index): JobStepPlan => {
    weightSoFar += step.weight;
    const endsAt = index === input.steps.length - 1 ? end : runningAt + Math.round(((end - runningAt) * weightSoFar) / totalWeight);
    const planned = { uid: randomUUID(), type: step.type, resourceID: step.resourceID ?? null, startsAt: cursor, endsAt };
    cursor = endsAt;
    return planned;
  });
  const failingStep = input.failure ? steps.findIndex((s) => s.type === input.failure?.stepType) : -1;
  return {
    uid: randomUUID(),
    type: input.type,
    clusterUID: input.clusterUID,
    resourceName: input.resourceName,
    extendParam: input.extendParam ?? {},
    createdAt: now,
    runningAt,
    steps,
    failure: input.failure && failingStep >= 0 ? { step: failingStep, reason: input.failure.reason } : null,
  };
}

export type JobOutcome = { phase: Extract<JobPhase, 'Success' | 'Failed'>; at: number; reason: string };

/** How and when the job ends: a job completes only after all its sub-jobs complete (seed 4.1.7 line 3585). */
export function jobOutcome(plan: JobPlan): JobOutcome {
  if (plan.failure) {
    const step = plan.steps[plan.failure.step];
    return { phase: 'Failed', at: step?.endsAt ?? plan.runningAt, reason: plan.failure.reason };
  }
  const last = plan.steps[plan.steps.length - 1];
  return { phase: 'Success', at: last?.endsAt ?? plan.runningAt, reason: '' };
}

/** The finished outcome at `now`, or null while the job still runs. */
export function finishedOutcome(plan: JobPlan, now: number): JobOutcome | null {
  const outcome = jobOutcome(plan);
  return now >= outcome.at ? outcome : null;
}

type PhaseAt = { phase: JobPhase; since: number; reason?: string };

function stepPhaseAt(plan: JobPlan, index: number, now: number): PhaseAt {
  const step = plan.steps[index];
  if (!step) return { phase: 'Initializing', since: plan.createdAt };
  // sub-jobs after the failing one never start
  if (plan.failure && index > plan.failure.step) return { phase: 'Initializing', since: plan.createdAt };
  if (now < step.startsAt) return { phase: 'Initializing', since: plan.createdAt };
  if (now < step.endsAt) return { phase: 'Running', since: step.startsAt };
  if (plan.failure?.step === index) return { phase: 'Failed', since: step.endsAt, reason: plan.failure.reason };
  return { phase: 'Success', since: step.endsAt };
}

function jobPhaseAt(plan: JobPlan, now: number): PhaseAt {
  const finished = finishedOutcome(plan, now);
  if (finished) return { phase: finished.phase, since: finished.at, reason: finished.reason };
  if (now < plan.runningAt) return { phase: 'Initializing', since: plan.createdAt };
  const lastChange = plan.steps.reduce(
    (latest, _step, index) => Math.max(latest, Math.min(stepPhaseAt(plan, index, now).since, now)),
    plan.runningAt,
  );
  return { phase: 'Running', since: lastChange };
}

/** The Job object of seed 4.1.7 (tables 4-123 … 4-127) as it stands at `now`. */
export function renderJob(plan: JobPlan, now: number): Job {
  const job = jobPhaseAt(plan, now);
  return {
    kind: 'Job',
    apiVersion: 'v3',
    metadata: { uid: plan.uid, creationTimestamp: goUtcTime(plan.createdAt), updateTimestamp: goUtcTime(job.since) },
    spec: {
      type: plan.type,
      clusterUID: plan.clusterUID,
      resourceID: plan.clusterUID,
      resourceName: plan.resourceName,
      extendParam: plan.extendParam,
      subJobs: plan.steps.map((step, index) => {
        const sub = stepPhaseAt(plan, index, now);
        return {
          kind: 'Job',
          apiVersion: 'v3',
          metadata: { uid: step.uid, creationTimestamp: goUtcTime(plan.createdAt), updateTimestamp: goUtcTime(sub.since) },
          spec: {
            type: step.type,
            clusterUID: plan.clusterUID,
            ...(step.resourceID ? { resourceID: step.resourceID } : {}),
            extendParam: {},
            subJobs: [],
          },
          status: { phase: sub.phase, ...(sub.reason ? { reason: sub.reason } : {}) },
        };
      }),
    },
    // The example's running job carries reason "" (line 3681).
    status: { phase: job.phase, reason: job.reason ?? '' },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The two cluster jobs
// ---------------------------------------------------------------------------------------------------------------

/**
 * CreateCluster with the sub-jobs of the seed example, InstallMaster and CreatePSMCert (lines 3652, 3671), plus
 * InstallAddons when the create body asked for add-ons [inferred]. The master takes most of the time.
 */
export function planCreateClusterJob(
  input: { clusterUID: string; clusterName: string; durationMs: number; failureReason: string | null; withAddons: boolean },
  now: number,
): JobPlan {
  const steps: StepSpec[] = [
    { type: 'InstallMaster', weight: 7, resourceID: input.clusterUID },
    { type: 'CreatePSMCert', weight: 1 },
    ...(input.withAddons ? [{ type: 'InstallAddons', weight: 2 }] : []),
  ];
  return planJob(
    {
      type: 'CreateCluster',
      clusterUID: input.clusterUID,
      resourceName: input.clusterName,
      steps,
      durationMs: input.durationMs,
      failure: input.failureReason ? { stepType: 'InstallMaster', reason: input.failureReason } : null,
    },
    now,
  );
}

/** Delete options after resolveDeleteClusterOptions (contract/clusters.ts). */
export type ResolvedDeleteOptions = {
  delete_efs: 'block' | 'try' | 'skip';
  delete_eni: 'block' | 'try' | 'skip';
  delete_net: 'block' | 'try' | 'skip';
  delete_obs: 'block' | 'try' | 'skip';
  delete_sfs30: 'block' | 'try' | 'skip';
  lts_reclaim_policy: 'Delete_Log_Group' | 'Delete_Master_Log_Stream' | 'Retain';
};

/**
 * DeleteCluster: one sub-job per resource family the query asks to reclaim (seed 4.1.5 table 4-93, lines
 * 2805-2812), then the control plane [inferred: the document names no delete sub-jobs].
 */
export function planDeleteClusterJob(
  input: { clusterUID: string; clusterName: string; durationMs: number; options: ResolvedDeleteOptions },
  now: number,
): JobPlan {
  const { options } = input;
  const steps: StepSpec[] = [
    { type: 'DeleteAddons', weight: 2 },
    ...(options.delete_net !== 'skip' ? [{ type: 'DeleteServiceResources', weight: 2 }] : []),
    ...(options.delete_efs !== 'skip' ? [{ type: 'DeleteSFSTurboVolumes', weight: 1 }] : []),
    ...(options.delete_obs !== 'skip' ? [{ type: 'DeleteOBSVolumes', weight: 1 }] : []),
    ...(options.delete_sfs30 !== 'skip' ? [{ type: 'DeleteSFS30Volumes', weight: 1 }] : []),
    ...(options.delete_eni !== 'skip' ? [{ type: 'DeleteENIPorts', weight: 1 }] : []),
    ...(options.lts_reclaim_policy !== 'Retain' ? [{ type: 'DeleteLTSResources', weight: 1 }] : []),
    { type: 'UninstallMaster', weight: 3, resourceID: input.clusterUID },
  ];
  const extendParam: Record<string, string> = {};
  for (const [key, value] of Object.entries(options)) extendParam[key] = value;
  return planJob(
    { type: 'DeleteCluster', clusterUID: input.clusterUID, resourceName: input.clusterName, steps, durationMs: input.durationMs, extendParam },
    now,
  );
}

/** Stores a new job in the project; returns the plan (its uid is the jobID). */
export function addJob(
  jobs: JobSlice,
  plan: JobPlan,
  addons: readonly ClusterAddonInstall[] | readonly PendingAddonInstall[] = [],
): JobPlan {
  jobs[plan.uid] = {
    plan,
    addons: addons.map((addon) => ({ addonTemplateName: addon.addonTemplateName, values: { ...(addon.values ?? {}) } })),
    settledAt: null,
  };
  return plan;
}

/**
 * A job by id: the jobs themselves and their sub-jobs (the create response's resourceJobId names a sub-job,
 * seed 4.1.1 line 1111), rendered at `now`. Jobs belong to the project that started them.
 */
export function findJob(jobs: JobSlice, jobId: string, now: number): Job | null {
  const stored = jobs[jobId];
  if (stored) return renderJob(stored.plan, now);
  for (const { plan } of Object.values(jobs)) {
    const index = plan.steps.findIndex((step) => step.uid === jobId);
    if (index >= 0) return renderJob(plan, now).spec?.subJobs?.[index] ?? null;
  }
  return null;
}

export const jobHandlers: Handlers = {
  getJob: ({ state, projectId, params, now }) => {
    const job = findJob(projectOf(state, projectId).jobs, params.job_id, now);
    if (!job) throw notFound(`Resource not found: job ${params.job_id} does not exist in this project`);
    return { body: job };
  },
};

/** Forgets jobs whose outcome was applied more than jobRetentionMs ago. Phases need no stepping: renderJob computes them. */
export const reconcileJobs: Reconciler = ({ state, now }) => {
  let changed = false;
  for (const project of Object.values(state.projects)) {
    const expired = (stored: StoredJob) => stored.settledAt !== null && now - jobOutcome(stored.plan).at > jobRetentionMs;
    if (!Object.values(project.jobs).some(expired)) continue;
    project.jobs = Object.fromEntries(Object.entries(project.jobs).filter(([, stored]) => !expired(stored)));
    changed = true;
  }
  return changed;
};

/**
 * Demo scenario: every demo cluster still Creating gets its CreateCluster job, started when the cluster was
 * created, so it becomes Available once the create duration has passed.
 */
export const seedDemoJobs: Seeder = ({ state, projectId, now }) => {
  const project = projectOf(state, projectId);
  for (const cluster of Object.values(project.clusters)) {
    if (cluster.status?.phase !== 'Creating' || cluster.status.jobID || !cluster.metadata.uid) continue;
    const createdAt = parseServiceTime(cluster.metadata.creationTimestamp);
    const plan = planCreateClusterJob(
      {
        clusterUID: cluster.metadata.uid,
        clusterName: cluster.metadata.name,
        durationMs: state.settings.durations.clusterCreate,
        failureReason: null,
        withAddons: false,
      },
      Number.isNaN(createdAt) ? now : createdAt,
    );
    addJob(project.jobs, plan);
    cluster.status.jobID = plan.uid;
  }
};
