// Clusters (seed 4.1.1-4.1.5) in the emulator: the object factory, the versions on offer, the handlers and the
// reconciler that applies the outcome of create/delete jobs (jobs.ts) at the virtual time they finish.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  addonInstallAnnotationKey,
  checkClusterAliasUnique,
  checkDescriptionUpdateAllowed,
  checkEniSubnetsAddOnly,
  defaultServiceCidr,
  parseAddonInstallAnnotation,
  resolveDeleteClusterOptions,
  transitionalClusterPhases,
  type ClusterPhase,
} from '../../../contract/clusters.ts';
import { cceErrorCodes } from '../../../contract/errors.ts';
import { conflict, EmulatorError, invalid, notFound } from '../errors.ts';
import type { Handlers, Reconciler, Seeder } from '../handler.ts';
import { projectOf, type EmulatorState, type StoredCluster } from '../state.ts';
import { goUtcTime } from '../time-format.ts';
import { addonInstallProblem, addonInstancesOfCluster, installAddonForCluster, removeAddonsOfCluster } from './addons.ts';
import { addJob, finishedOutcome, planCreateClusterJob, planDeleteClusterJob, type JobOutcome, type StoredJob } from './jobs.ts';

// ---------------------------------------------------------------------------------------------------------------
// Versions on offer
// ---------------------------------------------------------------------------------------------------------------

/**
 * The Kubernetes versions the emulated service creates, oldest first, each with its latest platform version
 * (`cce.X.Y`, seed 4.1.1 line 797: chosen by the service, the latest of the version). The console offers the three
 * newest; older ones stay creatable through the API "for now" (line 794). The upgrade module builds its paths from
 * this list.
 */
export const supportedClusterVersions = [
  { version: 'v1.28', platformVersion: 'cce.8.0' },
  { version: 'v1.29', platformVersion: 'cce.6.0' },
  { version: 'v1.30', platformVersion: 'cce.5.0' },
  { version: 'v1.31', platformVersion: 'cce.3.0' },
  { version: 'v1.32', platformVersion: 'cce.1.0' },
] as const satisfies readonly { version: string; platformVersion: string }[];

export type SupportedClusterVersion = (typeof supportedClusterVersions)[number];

/** Seed 4.1.1 line 794: an omitted spec.version means the latest version. */
export const latestClusterVersion: SupportedClusterVersion = supportedClusterVersions[supportedClusterVersions.length - 1] ?? {
  version: 'v1.32',
  platformVersion: 'cce.1.0',
};

export function supportedClusterVersion(version: string): SupportedClusterVersion | null {
  return supportedClusterVersions.find((v) => v.version === version) ?? null;
}

// ---------------------------------------------------------------------------------------------------------------
// The stored object
// ---------------------------------------------------------------------------------------------------------------

/** Seed 4.1.2 example (line 1726): the in-VPC address of kube-apiserver. */
export function internalEndpointUrl(uid: string, region: string): string {
  return `https://${uid}.cluster.cce.${region}.myhuaweicloud.com:5443`;
}

export type ClusterNetworkInput = { vpc: string; subnet: string; eniSubnets: readonly string[]; serviceCidr?: string };

export type NewClusterInput = {
  name: string;
  alias?: string;
  description?: string;
  version: string;
  platformVersion: string;
  phase: ClusterPhase;
  region: string;
  reason?: string;
  message?: string;
  uid?: string;
  /** VPC, master subnet and ENI (container) subnets; random ids when absent. */
  network?: ClusterNetworkInput;
  tags?: readonly { key: string; value: string }[];
  enableSnat?: boolean;
  enableSWRImageAccess?: boolean;
  enterpriseProjectId?: string;
  upgradefrom?: string;
};

export function makeCluster(input: NewClusterInput, now: number): StoredCluster {
  const uid = input.uid ?? randomUUID();
  const notAvailable = input.phase !== 'Available';
  const network = input.network ?? { vpc: randomUUID(), subnet: randomUUID(), eniSubnets: [randomUUID()] };
  const serviceCidr = network.serviceCidr ?? defaultServiceCidr;
  return {
    kind: 'Cluster',
    apiVersion: 'v3',
    metadata: {
      name: input.name,
      uid,
      ...(input.alias ? { alias: input.alias } : {}),
      // Every queried Autopilot cluster carries it (lines 1682, 2541, 2970).
      annotations: { enableAutopilot: 'true' },
      labels: { FeatureGates: 'elbv3,xGPU' },
      creationTimestamp: goUtcTime(now),
      updateTimestamp: goUtcTime(now),
    },
    spec: {
      category: 'Turbo',
      type: 'VirtualMachine',
      flavor: 'cce.autopilot.cluster',
      version: input.version,
      platformVersion: input.platformVersion,
      description: input.description ?? '',
      customSan: [],
      hostNetwork: { vpc: network.vpc, subnet: network.subnet },
      containerNetwork: { mode: 'eni' },
      eniNetwork: { subnets: network.eniSubnets.map((subnetID) => ({ subnetID })) },
      serviceNetwork: { IPv4CIDR: serviceCidr },
      authentication: { mode: 'rbac' },
      billingMode: 0,
      kubernetesSvcIpRange: serviceCidr,
      clusterTags: (input.tags ?? []).map((tag) => ({ key: tag.key, value: tag.value })),
      kubeProxyMode: 'iptables',
      az: `${input.region}a`,
      extendParam: {
        enterpriseProjectId: input.enterpriseProjectId ?? '0',
        ...(input.upgradefrom !== undefined ? { upgradefrom: input.upgradefrom } : {}),
      },
      enableSnat: input.enableSnat ?? false,
      enableSWRImageAccess: input.enableSWRImageAccess ?? false,
    },
    status: {
      phase: input.phase,
      endpoints: input.phase === 'Creating' ? [] : [{ url: internalEndpointUrl(uid, input.region), type: 'Internal' }],
      ...(notAvailable && input.reason ? { reason: input.reason } : {}),
      ...(notAvailable && input.message ? { message: input.message } : {}),
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The bound master EIP (seed 4.1.8): kept on the stored cluster under a private key, never sent
// ---------------------------------------------------------------------------------------------------------------

/**
 * The cluster object has no documented field for the EIP bound to its API server (only the External endpoint,
 * line 903), but 4.1.8/4.1.9 answer its id and bandwidth: the binding lives in the stored status under this key,
 * which presentCluster removes from every answer.
 */
const masterEipKey = 'emulatorMasterEip' as const;

export const masterEipBindingSchema = z.object({
  id: z.string(),
  ip: z.string(),
  bandwidth: z.object({ size: z.number(), sharetype: z.string() }),
  boundAt: z.number(),
});
export type MasterEipBinding = z.infer<typeof masterEipBindingSchema>;

export function masterEipOf(cluster: StoredCluster): MasterEipBinding | null {
  const parsed = masterEipBindingSchema.safeParse(cluster.status?.[masterEipKey]);
  return parsed.success ? parsed.data : null;
}

export const publicEndpointUrl = (ip: string) => `https://${ip}:5443`;

/** Binds (or, with null, unbinds) the EIP and keeps status.endpoints' External entry in step. */
export function setMasterEip(cluster: StoredCluster, binding: MasterEipBinding | null, now: number): void {
  const { emulatorMasterEip: _previous, ...status } = cluster.status ?? { endpoints: [] };
  const endpoints = status.endpoints.filter((e) => e.type !== 'External');
  if (binding) endpoints.push({ url: publicEndpointUrl(binding.ip), type: 'External' });
  cluster.status = { ...status, endpoints, ...(binding ? { [masterEipKey]: binding } : {}) };
  cluster.metadata.updateTimestamp = goUtcTime(now);
}

/** The cluster as the API sends it: a copy without the emulator's private keys, with extra annotations merged. */
export function presentCluster(cluster: StoredCluster, annotations: Record<string, string> = {}): StoredCluster {
  const out = structuredClone(cluster);
  if (out.status) {
    const { emulatorMasterEip: _private, ...status } = out.status;
    out.status = status;
  }
  out.metadata.annotations = { ...out.metadata.annotations, ...annotations };
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Look-ups and phase rules shared with cluster-access.ts and tags.ts
// ---------------------------------------------------------------------------------------------------------------

export function findCluster(state: EmulatorState, projectId: string, clusterId: string): StoredCluster {
  const cluster = projectOf(state, projectId).clusters[clusterId];
  if (!cluster) throw notFound(`Resource not found: cluster ${clusterId} does not exist in this project`);
  return cluster;
}

function isTransitional(phase: string | null | undefined): boolean {
  return (transitionalClusterPhases as readonly string[]).includes(phase ?? '');
}

/**
 * While a job works on the cluster (Creating, Deleting, Upgrading …) other changes are refused with 429
 * CCE.01429002 "Resource locked by other requests" (seed 7.2 line 18721).
 */
export function assertNotLocked(cluster: StoredCluster, action: string): void {
  const phase = cluster.status?.phase;
  if (!isTransitional(phase)) return;
  const job = cluster.status?.jobID ? ` (job ${cluster.status.jobID})` : '';
  throw new EmulatorError(
    429,
    cceErrorCodes.resourceLocked,
    `Resource locked by other requests: cluster ${cluster.metadata.name} is ${phase}${job}; ${action} is possible once it is Available`,
  );
}

/** Locked phases → 429 as above; any other phase but Available (Error, Unavailable …) → 400. */
export function assertAvailable(cluster: StoredCluster, action: string): void {
  assertNotLocked(cluster, action);
  const phase = cluster.status?.phase;
  if (phase !== 'Available') {
    throw invalid(`Invalid request: ${action} needs an Available cluster; cluster ${cluster.metadata.name} is ${phase ?? 'in an unknown phase'}`);
  }
}

/**
 * Seed 4.1.2 line 1518: with detail=true the installed add-ons (addonTemplateName, version, status) go into the
 * annotations. The document names no key; `installedAddonInstances` is the one standard CCE's ShowCluster uses
 * [inferred], its value a JSON string like every annotation value.
 */
export const installedAddonsAnnotationKey = 'installedAddonInstances';

function installedAddonsAnnotation(state: EmulatorState, projectId: string, clusterId: string): Record<string, string> {
  const instances = addonInstancesOfCluster(state, projectId, clusterId).map((instance) => ({
    addonTemplateName: instance.spec.addonTemplateName ?? '',
    version: instance.spec.version ?? '',
    status: instance.status?.status ?? '',
  }));
  return { [installedAddonsAnnotationKey]: JSON.stringify(instances) };
}

// ---------------------------------------------------------------------------------------------------------------
// Handlers
// ---------------------------------------------------------------------------------------------------------------

/** Features the create body documents but Autopilot does not support (seed 4.1.1 lines 799, 805, 819). */
function refuseUnsupportedSpec(spec: { customSan?: string[]; ipv6enable?: boolean; configurationsOverride?: unknown[] }): void {
  if (spec.customSan && spec.customSan.length > 0) throw invalid('Invalid request: spec.customSan is not supported by Autopilot clusters');
  if (spec.ipv6enable) throw invalid('Invalid request: spec.ipv6enable is not supported by Autopilot clusters (IPv4 only)');
  if (spec.configurationsOverride && spec.configurationsOverride.length > 0) {
    throw invalid('Invalid request: spec.configurationsOverride is not supported by Autopilot clusters');
  }
}

/** Delete response status.deleteOption: the example writes the reclaimed families as "delete-block" (R10, line 3025). */
function deleteOptionOf(query: { lts_reclaim_policy?: string | undefined }, options: ReturnType<typeof resolveDeleteClusterOptions>) {
  const out: Record<string, string> = {};
  for (const key of ['delete_efs', 'delete_eni', 'delete_net', 'delete_obs', 'delete_sfs30'] as const) {
    if (options[key] !== 'skip') out[key] = `delete-${options[key]}`;
  }
  if (query.lts_reclaim_policy !== undefined) out.lts_reclaim_policy = options.lts_reclaim_policy;
  return out;
}

export const clusterHandlers: Handlers = {
  createCluster: ({ state, projectId, region, now, body }) => {
    const project = projectOf(state, projectId);
    const clusters = Object.values(project.clusters);
    const { metadata, spec } = body;
    refuseUnsupportedSpec(spec);

    // Duplicate name → 409 CCE.01409001 [digest §13]; a name equal to another cluster's alias would break the
    // alias rule "unique across all clusters' names and aliases" (line 780), so it is refused the same way.
    const taken = clusters.find((c) => c.metadata.name === metadata.name || c.metadata.alias === metadata.name);
    if (taken) {
      throw conflict(
        `The resource already exists: "${metadata.name}" is the ${taken.metadata.name === metadata.name ? 'name' : 'alias'} of cluster ${taken.metadata.uid ?? taken.metadata.name}`,
      );
    }
    // Empty alias = the name (line 780): nothing to store.
    const alias = metadata.alias && metadata.alias !== metadata.name ? metadata.alias : undefined;
    const aliasProblem = checkClusterAliasUnique(alias, clusters);
    if (aliasProblem) throw conflict(`The resource already exists: ${aliasProblem}`);

    const version = spec.version === undefined ? latestClusterVersion : supportedClusterVersion(spec.version);
    if (!version) {
      throw invalid(
        `Version not supported: spec.version ${spec.version ?? ''} cannot be created; supported versions are ${supportedClusterVersions.map((v) => v.version).join(', ')}`,
        cceErrorCodes.versionNotSupported,
      );
    }

    // Seed 4.1.1 line 743: 5 clusters per region by default → CCE.01400007 (line 18683).
    const quota = state.settings.clusterQuota;
    if (clusters.length >= quota) {
      throw invalid(
        `Insufficient cluster quota: the project already has ${clusters.length} of ${quota} clusters in ${region}; submit a service ticket to raise the quota`,
        cceErrorCodes.clusterQuota,
      );
    }

    // The add-ons to install must exist in a version for the new cluster; refused up front rather than failing later.
    const addons = parseAddonInstallAnnotation(metadata.annotations);
    const seen = new Set<string>();
    for (const addon of addons) {
      const problem = seen.has(addon.addonTemplateName)
        ? `${addon.addonTemplateName} is listed more than once`
        : addonInstallProblem(region, { addonTemplateName: addon.addonTemplateName }, { version: version.version, type: 'VirtualMachine' });
      if (problem) throw invalid(`Invalid request: metadata.annotations["${addonInstallAnnotationKey}"]: ${problem}`);
      seen.add(addon.addonTemplateName);
    }
    const masterSubnet = spec.hostNetwork.subnet ?? randomUUID();
    const cluster = makeCluster(
      {
        name: metadata.name,
        ...(alias ? { alias } : {}),
        ...(spec.description !== undefined ? { description: spec.description } : {}),
        version: version.version,
        platformVersion: version.platformVersion,
        phase: 'Creating',
        region,
        network: {
          vpc: spec.hostNetwork.vpc,
          subnet: masterSubnet,
          // Without eniNetwork the containers use the master subnet [inferred].
          eniSubnets: spec.eniNetwork?.subnets.map((s) => s.subnetID) ?? [masterSubnet],
          serviceCidr: spec.serviceNetwork.IPv4CIDR,
        },
        tags: spec.clusterTags ?? [],
        enableSnat: spec.enableSnat ?? false,
        enableSWRImageAccess: spec.enableSWRImageAccess ?? false,
        enterpriseProjectId: spec.extendParam?.enterpriseProjectId ?? '0',
        ...(spec.extendParam?.upgradefrom !== undefined ? { upgradefrom: spec.extendParam.upgradefrom } : {}),
      },
      now,
    );
    const uid = cluster.metadata.uid ?? randomUUID();

    // An injected failure is consumed by this creation (settings.ts: "the next cluster creation").
    const failureReason = state.settings.clusterCreateFailure;
    state.settings.clusterCreateFailure = null;
    const plan = addJob(
      project.jobs,
      planCreateClusterJob(
        { clusterUID: uid, clusterName: metadata.name, durationMs: state.settings.durations.clusterCreate, failureReason, withAddons: addons.length > 0 },
        now,
      ),
      addons,
    );
    cluster.status = { phase: 'Creating', jobID: plan.uid, endpoints: [] };
    project.clusters[uid] = cluster;

    // Lines 1110-1112: the create answer names the job and the resource job; annotations are not persisted (781).
    return { body: presentCluster(cluster, { jobid: plan.uid, resourceJobId: plan.steps[0]?.uid ?? plan.uid }) };
  },

  listClusters: ({ state, projectId, query }) => {
    const clusters = Object.values(projectOf(state, projectId).clusters).filter(
      (c) =>
        (!query.status || c.status?.phase === query.status) &&
        (!query.type || c.spec.type === query.type) &&
        (!query.version || c.spec.version === query.version),
    );
    const items = clusters.map((c) =>
      presentCluster(c, query.detail === 'true' && c.metadata.uid ? installedAddonsAnnotation(state, projectId, c.metadata.uid) : {}),
    );
    // R19: the list's kind is "Cluster" in the example (line 2090).
    return { body: { kind: 'Cluster', apiVersion: 'v3', items } };
  },

  getCluster: ({ state, projectId, params, query }) => {
    const cluster = findCluster(state, projectId, params.cluster_id);
    return { body: presentCluster(cluster, query.detail === 'true' ? installedAddonsAnnotation(state, projectId, params.cluster_id) : {}) };
  },

  updateCluster: ({ state, projectId, params, body, now }) => {
    const cluster = findCluster(state, projectId, params.cluster_id);
    // Line 2351: the description only while Available (400, the rule is about the request).
    const descriptionProblem = checkDescriptionUpdateAllowed(cluster.status?.phase, body);
    if (descriptionProblem) throw invalid(`Invalid request: ${descriptionProblem}`);
    assertNotLocked(cluster, 'updating it');
    if (body.spec.customSan && body.spec.customSan.length > 0) {
      throw invalid('Invalid request: spec.customSan is not supported by Autopilot clusters');
    }

    const requestedSubnets = body.spec.eniNetwork?.subnets;
    if (requestedSubnets) {
      // Line 2358: add-only, and the list must contain every existing subnet.
      const problem = checkEniSubnetsAddOnly(cluster.spec.eniNetwork?.subnets ?? [], requestedSubnets);
      if (problem) throw invalid(`Invalid request: ${problem}`);
    }
    // Line 2368: empty = unchanged; unique across every other cluster's name and alias.
    const alias = body.metadata?.alias;
    if (alias) {
      const problem =
        checkClusterAliasUnique(alias, Object.values(projectOf(state, projectId).clusters), {
          name: cluster.metadata.name,
          uid: cluster.metadata.uid ?? null,
        });
      if (problem) throw conflict(`The resource already exists: ${problem}`);
    }

    if (requestedSubnets) cluster.spec.eniNetwork = { ...cluster.spec.eniNetwork, subnets: requestedSubnets.map((s) => ({ subnetID: s.subnetID })) };
    if (alias) cluster.metadata.alias = alias;
    if (body.spec.description !== undefined) cluster.spec.description = body.spec.description;
    cluster.metadata.updateTimestamp = goUtcTime(now);
    return { body: presentCluster(cluster) };
  },

  deleteCluster: ({ state, projectId, params, query, now }) => {
    const project = projectOf(state, projectId);
    const cluster = findCluster(state, projectId, params.cluster_id);
    if (cluster.status?.phase === 'Deleting') {
      throw new EmulatorError(
        429,
        cceErrorCodes.resourceLocked,
        `Resource locked by other requests: cluster ${cluster.metadata.name} is already being deleted (job ${cluster.status.jobID ?? 'unknown'})`,
      );
    }
    assertNotLocked(cluster, 'deleting it');

    const options = resolveDeleteClusterOptions(query);
    const plan = addJob(
      project.jobs,
      planDeleteClusterJob(
        { clusterUID: params.cluster_id, clusterName: cluster.metadata.name, durationMs: state.settings.durations.clusterDelete, options },
        now,
      ),
    );
    const { reason: _reason, message: _message, ...status } = cluster.status ?? { endpoints: [] };
    cluster.status = { ...status, phase: 'Deleting', jobID: plan.uid };
    cluster.metadata.updateTimestamp = goUtcTime(now);

    // deleteStatus (lines 3027-3033) is undocumented beyond its keys [inferred]: the resources the cluster holds
    // before the request, plus one reclaim task per resource family the job deletes.
    const held = addonInstancesOfCluster(state, projectId, params.cluster_id).length + (cluster.spec.eniNetwork?.subnets?.length ?? 0) + status.endpoints.length;
    const added = plan.steps.length;
    const body = presentCluster(cluster);
    body.status = {
      ...(body.status ?? { endpoints: [] }),
      deleteOption: deleteOptionOf(query, options),
      deleteStatus: { previous_total: held, current_total: held + added, updated: held, added, deleted: 0 },
    };
    return { body };
  },
};

// ---------------------------------------------------------------------------------------------------------------
// Reconciler: apply each finished create/delete job at the time it finished
// ---------------------------------------------------------------------------------------------------------------

function withoutKey<T>(record: Record<string, T>, key: string): Record<string, T> {
  return Object.fromEntries(Object.entries(record).filter(([k]) => k !== key));
}

function settleJob(state: EmulatorState, projectId: string, stored: StoredJob, outcome: JobOutcome, region: string): void {
  const project = projectOf(state, projectId);
  const { plan } = stored;
  const cluster = project.clusters[plan.clusterUID];
  if (!cluster || cluster.status?.jobID !== plan.uid) return;
  const at = goUtcTime(outcome.at);

  if (plan.type === 'DeleteCluster') {
    if (cluster.status.phase !== 'Deleting') return;
    project.clusters = withoutKey(project.clusters, plan.clusterUID);
    removeAddonsOfCluster(state, projectId, plan.clusterUID);
    return;
  }
  if (cluster.status.phase !== 'Creating') return;
  if (outcome.phase === 'Failed') {
    const failedStep = plan.failure ? plan.steps[plan.failure.step]?.type : undefined;
    cluster.status = {
      ...cluster.status,
      phase: 'Error',
      reason: outcome.reason,
      message: `Creating the cluster failed in ${failedStep ?? 'a sub-job'} of job ${plan.uid}: ${outcome.reason}. Delete the cluster and create it again.`,
    };
    cluster.metadata.updateTimestamp = at;
    return;
  }
  const { jobID: _jobID, reason: _reason, message: _message, ...status } = cluster.status;
  cluster.status = {
    ...status,
    phase: 'Available',
    endpoints: [{ url: internalEndpointUrl(plan.clusterUID, region), type: 'Internal' }, ...(status.endpoints ?? []).filter((e) => e.type === 'External')],
  };
  cluster.metadata.updateTimestamp = at;
  // Add-ons of the create annotation (line 781) start installing once the cluster is up.
  for (const addon of stored.addons) {
    installAddonForCluster(state, projectId, { clusterId: plan.clusterUID, addonTemplateName: addon.addonTemplateName, values: addon.values }, outcome.at);
  }
}

export const reconcileClusters: Reconciler = ({ state, now, region }) => {
  const due: Array<{ projectId: string; stored: StoredJob; outcome: JobOutcome }> = [];
  for (const [projectId, project] of Object.entries(state.projects)) {
    for (const stored of Object.values(project.jobs)) {
      if (stored.settledAt !== null) continue;
      const outcome = finishedOutcome(stored.plan, now);
      if (outcome) due.push({ projectId, stored, outcome });
    }
  }
  // In the order they finished, so a clock jump replays them as they happened.
  due.sort((a, b) => a.outcome.at - b.outcome.at);
  for (const { projectId, stored, outcome } of due) {
    settleJob(state, projectId, stored, outcome, region);
    stored.settledAt = outcome.at;
  }
  return due.length > 0;
};

// ---------------------------------------------------------------------------------------------------------------
// Demo scenario
// ---------------------------------------------------------------------------------------------------------------

const DAY = 24 * 3600_000;

/** Demo VPCs and subnets (fixed ids, so a reset shows the same networks): production, shared services, staging. */
const demoNetworks = {
  production: { vpc: 'c6549063-d459-4ae1-9550-b5fec6741b0f', subnet: '3b18c2d5-b352-4f59-b421-c2d2d48a1333', eniSubnets: ['186f9322-50c5-4e5a-91e3-47da86959afc', '5a0e7c1d-93b2-4f0e-8d61-2c4b7e9a1f30'] },
  portal: { vpc: '13cd773f-7f9f-4821-b9b8-dba5b351e1ec', subnet: '19e3960d-b9ae-4d2d-b3a4-92ff56ae0301', eniSubnets: ['f061c486-a190-4e2e-993c-5bc3dc9d65a8'] },
  staging: { vpc: 'f9122377-7b2e-49c9-ab9e-bf0bfdd807b4', subnet: '6b757878-c428-4e76-a7e9-5e3853778d5d', eniSubnets: ['b04a4b46-9f99-44a1-9a98-de52e549e68b'] },
  analytics: { vpc: '13cd773f-7f9f-4821-b9b8-dba5b351e1ec', subnet: '7d2f4a90-6c1e-4b8a-a3f5-0e9d8c7b6a51', eniSubnets: ['8e3a5b01-7d2f-4c9b-b4a6-1f0e9d8c7b62', '9f4b6c12-8e3a-4dac-85b7-2a1f0e9d8c73'], serviceCidr: '172.16.0.0/16' },
} satisfies Record<string, ClusterNetworkInput>;

/**
 * Demo scenario: four clusters in different phases (one more fits the default quota of five). staging-api is
 * Creating; seedDemoJobs (jobs.ts) gives it its create job, so it becomes Available once the create duration has
 * passed since it was created.
 */
export const seedDemoClusters: Seeder = ({ state, projectId, region, now }) => {
  const project = projectOf(state, projectId);
  const clusters = [
    makeCluster(
      {
        name: 'prod-payments',
        alias: 'payments-prod',
        description: 'Payments API, production',
        version: 'v1.31',
        platformVersion: 'cce.3.0',
        phase: 'Available',
        region,
        network: demoNetworks.production,
        tags: [
          { key: 'env', value: 'production' },
          { key: 'team', value: 'payments' },
          { key: 'cost-center', value: 'cc-1042' },
        ],
        enableSnat: true,
        enableSWRImageAccess: true,
      },
      now - 40 * DAY,
    ),
    makeCluster(
      {
        name: 'legacy-portal',
        description: 'Customer portal, waiting for its upgrade',
        version: 'v1.28',
        platformVersion: 'cce.6.0',
        phase: 'Available',
        region,
        network: demoNetworks.portal,
        enableSnat: true,
        enableSWRImageAccess: true,
      },
      now - 200 * DAY,
    ),
    makeCluster(
      { name: 'staging-api', description: 'Staging', version: 'v1.31', platformVersion: 'cce.3.0', phase: 'Creating', region, network: demoNetworks.staging, enableSnat: true },
      now - 2 * 60_000,
    ),
    makeCluster(
      {
        name: 'analytics-batch',
        description: 'Nightly batch jobs',
        version: 'v1.30',
        platformVersion: 'cce.4.1',
        phase: 'Unavailable',
        reason: 'ControlPlaneUnhealthy',
        message: 'kube-apiserver of the cluster does not respond; delete the cluster and create it again',
        region,
        network: demoNetworks.analytics,
        enableSWRImageAccess: true,
      },
      now - 9 * DAY,
    ),
  ];
  for (const cluster of clusters) project.clusters[cluster.metadata.uid ?? cluster.metadata.name] = cluster;
};
