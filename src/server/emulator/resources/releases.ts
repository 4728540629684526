// Releases, i.e. template instances (seed 4.6.3, 4.6.4, 4.6.7, 4.6.9, 4.6.10, 4.6.13; seed 004 is the newer 4.6.7;
// digest §8.2): Helm releases of the project's charts in a cluster, one revision per install, upgrade and rollback.
// The service runs Helm, so where the document is silent the emulator does what Helm 3 does (status descriptions,
// revision numbering, superseded revisions, value reuse on upgrade) and says so next to the rule.
import type { ReleaseParameters, ReleaseStatus } from '../../../contract/releases.ts';
import { cceErrorCodes } from '../../../contract/errors.ts';
import type { TemplateManifest } from '../chart-archive.ts';
import { EmulatorError, notFound } from '../errors.ts';
import type { Handlers, Reconciler, Seeder } from '../handler.ts';
import { projectOf, type EmulatorState, type StoredCluster } from '../state.ts';
import { rfc3339Cst } from '../time-format.ts';
import { chartOf, findChart, type StoredChart } from './charts.ts';

/**
 * A revision's status: the documented enum (table 4-392) plus SUPERSEDED for revisions an upgrade or rollback
 * replaced. The document lists Helm 2's status names without SUPERSEDED, but a Helm-backed history cannot show every
 * old revision as DEPLOYED; Helm marks them superseded [inferred].
 */
export type RevisionStatus = ReleaseStatus | 'SUPERSEDED';

/** What a revision installs, keyed like `helm status --show-resources`: "apps/v1/Deployment" → objects. */
export type ReleaseResources = Record<string, Array<{ name: string; namespace?: string }>>;

export type ReleaseOperation = 'install' | 'upgrade' | 'rollback';

export type ReleaseRevision = {
  /** Helm revision, from 1 (ReleaseResp.version). */
  version: number;
  operation: ReleaseOperation;
  chartId: string;
  chartName: string;
  chartVersion: string;
  /** The user-supplied values of this revision (Helm's release config; ReleaseResp.values). */
  values: Record<string, unknown>;
  parameters: ReleaseParameters;
  resources: ReleaseResources;
  status: RevisionStatus;
  /** Helm's release description (ReleaseResp.status_description and, as every example shows, description). */
  statusDescription: string;
  /** body.description of an install: Helm's `--description`, the description once deployed. */
  customDescription: string;
  createdAt: number;
  updatedAt: number;
  /** The running transition: it ends at `until`, as FAILED with `failure` when one was injected. */
  pending: { until: number; failure: string | null } | null;
};

export type StoredRelease = {
  name: string;
  namespace: string;
  clusterId: string;
  createdAt: number;
  /** Ascending by version; the last one is the release's current state. */
  revisions: ReleaseRevision[];
};

/** cluster id → "<namespace>/<name>" → release (kept in the chart slice, see charts.ts). */
export type ReleasesByCluster = Record<string, Record<string, StoredRelease>>;

const releaseKey = (namespace: string, name: string) => `${namespace}/${name}`;

const transitional: readonly RevisionStatus[] = ['PENDING_INSTALL', 'PENDING_UPGRADE', 'PENDING_ROLLBACK', 'DELETING'];

// Helm 3's release descriptions (pkg/action: install.go, upgrade.go, rollback.go, uninstall.go); the 4.6.3/4.6.10
// examples show the first one as both description and status_description.
const descriptions = {
  installing: 'Initial install underway',
  installed: 'Install complete',
  upgrading: 'Preparing upgrade',
  upgraded: 'Upgrade complete',
  rollback: (to: number) => `Rollback to ${to}`,
  deleting: 'Deletion in progress (or silently failing)',
  dryRun: 'Dry run complete',
  failed: (name: string, reason: string) => `Release "${name}" failed: ${reason}`,
};

const releaseInvalid = (message: string) => new EmulatorError(400, cceErrorCodes.invalidRequestCharts, message);
const releaseLocked = (message: string) => new EmulatorError(429, cceErrorCodes.resourceLocked, message);

function clusterOf(state: EmulatorState, projectId: string, clusterId: string, mustBeAvailable: boolean): StoredCluster {
  const cluster = projectOf(state, projectId).clusters[clusterId];
  if (!cluster) throw notFound(`cluster ${clusterId} not found`, cceErrorCodes.notFoundCharts);
  const phase = cluster.status?.phase ?? 'Unknown';
  if (mustBeAvailable && phase !== 'Available') {
    throw releaseInvalid(`cluster ${cluster.metadata.name} is ${phase}: charts can be installed and changed only on an Available cluster`);
  }
  return cluster;
}

function releasesOf(state: EmulatorState, projectId: string, clusterId: string): Record<string, StoredRelease> {
  const byCluster = projectOf(state, projectId).charts.releases;
  byCluster[clusterId] ??= {};
  return byCluster[clusterId];
}

function releaseOf(state: EmulatorState, projectId: string, clusterId: string, namespace: string, name: string): StoredRelease {
  const release = projectOf(state, projectId).charts.releases[clusterId]?.[releaseKey(namespace, name)];
  if (!release) throw notFound(`release ${name} not found in namespace ${namespace} of cluster ${clusterId}`, cceErrorCodes.notFoundCharts);
  return release;
}

function latestOf(release: StoredRelease): ReleaseRevision {
  const latest = release.revisions.at(-1);
  if (!latest) throw new EmulatorError(500, cceErrorCodes.internal, `release ${release.name} has no revision`);
  return latest;
}

// ---------------------------------------------------------------------------------------------------------------
// what a revision installs (pure)

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Helm's value coalescing: user maps merge into the chart's defaults, a user null removes a default. */
export function coalesceValues(defaults: Record<string, unknown>, overrides: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...defaults };
  for (const [key, value] of Object.entries(overrides)) {
    const base = out[key];
    if (value === null) Reflect.deleteProperty(out, key);
    else if (isRecord(value) && isRecord(base)) out[key] = coalesceValues(base, value);
    else out[key] = value;
  }
  return out;
}

/** Go template truthiness: false, 0, nil, "" and empty collections are false. */
function truthy(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  if (isRecord(value)) return Object.keys(value).length > 0;
  return Boolean(value);
}

function lookup(values: Record<string, unknown>, path: readonly string[]): unknown {
  let at: unknown = values;
  for (const key of path) at = isRecord(at) ? at[key] : undefined;
  return at;
}

const truncateName = (name: string) => name.slice(0, 63).replace(/-+$/, '');

/** The fullname helper `helm create` writes: fullnameOverride, else <release>-<chart> unless one contains the other. */
export function releaseFullname(releaseName: string, chartName: string, values: Record<string, unknown>): string {
  const override = values.fullnameOverride;
  if (typeof override === 'string' && override !== '') return truncateName(override);
  const nameOverride = values.nameOverride;
  const name = typeof nameOverride === 'string' && nameOverride !== '' ? nameOverride : chartName;
  return truncateName(releaseName.includes(name) ? releaseName : `${releaseName}-${name}`);
}

const clusterScopedKinds = new Set([
  'Namespace',
  'ClusterRole',
  'ClusterRoleBinding',
  'StorageClass',
  'CustomResourceDefinition',
  'PriorityClass',
  'PersistentVolume',
  'IngressClass',
  'MutatingWebhookConfiguration',
  'ValidatingWebhookConfiguration',
]);

/**
 * The objects a release of the chart would create with these values: every template object whose leading
 * `if .Values…` condition holds, named after the release. ReleaseResp.resources carries it as JSON text.
 */
export function renderResources(
  chart: { name: string; manifests: readonly TemplateManifest[]; values: Record<string, unknown> | null },
  userValues: Record<string, unknown>,
  releaseName: string,
  namespace: string,
): ReleaseResources {
  const values = coalesceValues(chart.values ?? {}, userValues);
  const fullname = releaseFullname(releaseName, chart.name, values);
  const resources: ReleaseResources = {};
  for (const manifest of chart.manifests) {
    if (manifest.condition && truthy(lookup(values, manifest.condition.path)) === manifest.condition.negate) continue;
    const key = `${manifest.apiVersion}/${manifest.kind}`;
    const name = manifest.literalName ?? `${fullname}${manifest.nameSuffix}`;
    (resources[key] ??= []).push(clusterScopedKinds.has(manifest.kind) ? { name } : { name, namespace });
  }
  return resources;
}

// ---------------------------------------------------------------------------------------------------------------
// state machine (pure)

/**
 * Advances a release to `now`: a transition whose time has come ends (DEPLOYED, or FAILED when a failure was injected;
 * a deletion removes the release: null). Returns the same object when nothing is due.
 */
export function advanceRelease(release: StoredRelease, now: number): StoredRelease | null {
  const latest = release.revisions.at(-1);
  if (!latest?.pending || latest.pending.until > now) return release;
  const { until, failure } = latest.pending;
  if (latest.status === 'DELETING') return null;
  if (failure !== null) {
    const failed: ReleaseRevision = {
      ...latest,
      status: 'FAILED',
      statusDescription: descriptions.failed(release.name, failure),
      updatedAt: until,
      pending: null,
    };
    return { ...release, revisions: [...release.revisions.slice(0, -1), failed] };
  }
  const statusDescription =
    latest.operation === 'install'
      ? latest.customDescription || descriptions.installed
      : latest.operation === 'upgrade'
        ? descriptions.upgraded
        : latest.statusDescription;
  const deployed: ReleaseRevision = { ...latest, status: 'DEPLOYED', statusDescription, updatedAt: until, pending: null };
  // Helm marks the revision it replaced superseded once the new one is deployed
  const earlier = release.revisions
    .slice(0, -1)
    .map((revision) => (revision.status === 'DEPLOYED' ? { ...revision, status: 'SUPERSEDED' as const, updatedAt: until } : revision));
  return { ...release, revisions: [...earlier, deployed] };
}

export const reconcileReleases: Reconciler = ({ state, now }) => {
  let changed = false;
  for (const project of Object.values(state.projects)) {
    const byCluster = project.charts.releases;
    for (const [clusterId, releases] of Object.entries(byCluster)) {
      // a deleted cluster takes its releases with it
      if (!project.clusters[clusterId]) {
        Reflect.deleteProperty(byCluster, clusterId);
        changed = true;
        continue;
      }
      for (const [key, release] of Object.entries(releases)) {
        const next = advanceRelease(release, now);
        if (next === release) continue;
        changed = true;
        if (next === null) Reflect.deleteProperty(releases, key);
        else releases[key] = next;
      }
    }
  }
  return changed;
};

/** Cross-module: the cluster module calls this when a cluster is deleted (the reconciler also drops orphans). */
export function removeReleasesOfCluster(state: EmulatorState, projectId: string, clusterId: string): void {
  const byCluster = state.projects[projectId]?.charts.releases;
  if (byCluster) Reflect.deleteProperty(byCluster, clusterId);
}

/** Cross-module: the releases of a cluster (e.g. to show what an upgrade touches). */
export function releasesOfCluster(state: EmulatorState, projectId: string, clusterId: string): StoredRelease[] {
  return Object.values(state.projects[projectId]?.charts.releases[clusterId] ?? {});
}

// ---------------------------------------------------------------------------------------------------------------
// responses

const jsonText = (value: Record<string, unknown>) => (Object.keys(value).length === 0 ? '' : JSON.stringify(value));

/** Resources are known once the objects exist (the 4.6.4/4.6.10 examples show "" while PENDING_INSTALL), or on a dry run. */
const showsResources = (status: RevisionStatus) => status === 'DEPLOYED' || status === 'SUPERSEDED' || status === 'DELETING';

type ResponseOptions = { clusterName: string; dryRun?: boolean; withoutDescriptions?: boolean };

/** ReleaseResp (tables 4-392/4-398/4-411/4-420/4-430, 004 table 6); values/parameters/resources are JSON text. */
export function releaseResponse(release: StoredRelease, revision: ReleaseRevision, options: ResponseOptions) {
  const statusDescription = options.dryRun ? descriptions.dryRun : revision.statusDescription;
  return {
    chart_name: revision.chartName,
    chart_public: false,
    chart_version: revision.chartVersion,
    cluster_id: release.clusterId,
    cluster_name: options.clusterName,
    create_at: rfc3339Cst(release.createdAt),
    // the published delete answer (hold-13) has neither description key
    ...(options.withoutDescriptions ? {} : { description: statusDescription }),
    name: release.name,
    namespace: release.namespace,
    parameters: jsonText(revision.parameters),
    resources: options.dryRun || showsResources(revision.status) ? jsonText(revision.resources) : '',
    status: revision.status,
    ...(options.withoutDescriptions ? {} : { status_description: statusDescription }),
    update_at: rfc3339Cst(revision.updatedAt),
    values: jsonText(revision.values),
    version: revision.version,
  };
}

/** Takes the injected failure for a chart (settings.releaseFailures), once. */
function takeFailure(state: EmulatorState, chartName: string): string | null {
  const failure = state.settings.releaseFailures[chartName];
  if (failure === undefined) return null;
  Reflect.deleteProperty(state.settings.releaseFailures, chartName);
  return failure;
}

function installableChart(state: EmulatorState, projectId: string, chartId: string): StoredChart {
  const chart = chartOf(state, projectId, chartId);
  // Helm: "library charts are not installable"
  if (chart.type === 'library') throw releaseInvalid(`chart ${chart.name} ${chart.version} is a library chart: library charts are not installable`);
  return chart;
}

export const releaseHandlers: Handlers = {
  listReleases: ({ state, projectId, params, query }) => {
    const cluster = clusterOf(state, projectId, params.cluster_id, false);
    const releases = Object.values(projectOf(state, projectId).charts.releases[params.cluster_id] ?? {})
      .filter((r) => (!query.namespace || r.namespace === query.namespace) && (!query.chart_id || latestOf(r).chartId === query.chart_id))
      .sort((a, b) => a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name));
    // 4.6.3: a flat array (the example and hold-26; table 4-391's Array<Array<…>> is digest S3)
    return { body: releases.map((r) => releaseResponse(r, latestOf(r), { clusterName: cluster.metadata.name })) };
  },

  createRelease: ({ state, projectId, params, body, now }) => {
    const cluster = clusterOf(state, projectId, params.cluster_id, true);
    const chart = installableChart(state, projectId, body.chart_id);
    if (chart.version !== body.version) {
      throw releaseInvalid(`version ${body.version} does not match chart ${body.chart_id}, which is ${chart.name} ${chart.version}`);
    }
    const parameters = body.parameters ?? {};
    const releases = releasesOf(state, projectId, params.cluster_id);
    const key = releaseKey(body.namespace, body.name);
    const existing = releases[key];
    const previous = existing ? latestOf(existing) : null;
    // Helm 3 install --replace re-uses the name of a failed release, continuing its history; anything else is in use
    if (previous && !(parameters.replace && previous.status === 'FAILED')) {
      throw new EmulatorError(
        409,
        cceErrorCodes.alreadyExistsCharts,
        `release ${body.name} already exists in namespace ${body.namespace} (${previous.status})${previous.status === 'FAILED' ? '; set parameters.replace to re-use the name' : ''}`,
      );
    }
    const release: StoredRelease = existing ?? { name: body.name, namespace: body.namespace, clusterId: params.cluster_id, createdAt: now, revisions: [] };
    const revision: ReleaseRevision = {
      version: (previous?.version ?? 0) + 1,
      operation: 'install',
      chartId: chart.id,
      chartName: chart.name,
      chartVersion: chart.version,
      values: body.values,
      parameters,
      resources: renderResources(chart, body.values, body.name, body.namespace),
      status: 'PENDING_INSTALL',
      statusDescription: descriptions.installing,
      customDescription: body.description ?? '',
      createdAt: now,
      updatedAt: now,
      pending: null,
    };
    // 4.6.4 ReleaseReqBodyParams.dry_run: validate only, install nothing
    if (parameters.dry_run) {
      return { body: releaseResponse({ ...release, revisions: [] }, revision, { clusterName: cluster.metadata.name, dryRun: true }) };
    }
    revision.pending = { until: now + state.settings.durations.releaseInstall, failure: takeFailure(state, chart.name) };
    const revisions = release.revisions.map((r) => (r.status === 'FAILED' ? { ...r, status: 'SUPERSEDED' as const, updatedAt: now } : r));
    releases[key] = { ...release, revisions: [...revisions, revision] };
    return { body: releaseResponse(release, revision, { clusterName: cluster.metadata.name }) };
  },

  updateRelease: ({ state, projectId, params, body, now }) => {
    const cluster = clusterOf(state, projectId, params.cluster_id, true);
    const release = releaseOf(state, projectId, params.cluster_id, params.namespace, params.name);
    const latest = latestOf(release);
    if (transitional.includes(latest.status)) {
      throw releaseLocked(`release ${release.name} is ${latest.status}: another operation is in progress, try again when it ends`);
    }
    const { parameters } = body;
    const version = latest.version + 1;
    let revision: ReleaseRevision;
    if (body.action === 'upgrade') {
      const chart = installableChart(state, projectId, body.chart_id);
      // Helm 3 upgrade: reset_values takes only the given values; otherwise no values means "keep the current ones"
      const values = parameters.reset_values || Object.keys(body.values).length > 0 ? body.values : latest.values;
      revision = {
        version,
        operation: 'upgrade',
        chartId: chart.id,
        chartName: chart.name,
        chartVersion: chart.version,
        values,
        parameters,
        resources: renderResources(chart, values, release.name, release.namespace),
        status: 'PENDING_UPGRADE',
        statusDescription: descriptions.upgrading,
        customDescription: '',
        createdAt: now,
        updatedAt: now,
        pending: null,
      };
    } else {
      // 4.6.7 release_version: the revision to roll back to; Helm's default (0) is the previous one
      const targetVersion = parameters.release_version ?? latest.version - 1;
      if (targetVersion < 1) throw releaseInvalid(`release ${release.name} has no previous revision to roll back to`);
      const target = release.revisions.find((r) => r.version === targetVersion);
      if (!target) {
        throw releaseInvalid(
          `release ${release.name} has no revision ${targetVersion}; its revisions are ${release.revisions.map((r) => r.version).join(', ')}`,
        );
      }
      // a rollback re-deploys the target's chart, values and objects as a new revision
      revision = {
        ...target,
        version,
        operation: 'rollback',
        parameters,
        status: 'PENDING_ROLLBACK',
        statusDescription: descriptions.rollback(target.version),
        customDescription: '',
        createdAt: now,
        updatedAt: now,
        pending: null,
      };
    }
    if (parameters.dry_run) {
      return { body: releaseResponse(release, revision, { clusterName: cluster.metadata.name, dryRun: true }) };
    }
    const duration = state.settings.durations.releaseUpgrade;
    revision.pending = { until: now + duration, failure: takeFailure(state, revision.chartName) };
    release.revisions.push(revision);
    return { body: releaseResponse(release, revision, { clusterName: cluster.metadata.name }) };
  },

  deleteRelease: ({ state, projectId, params, now }) => {
    const cluster = clusterOf(state, projectId, params.cluster_id, false);
    const release = releaseOf(state, projectId, params.cluster_id, params.namespace, params.name);
    const latest = latestOf(release);
    // deleting is always possible (it is the way out of UNKNOWN and FAILED); a second delete changes nothing
    if (latest.status !== 'DELETING') {
      Object.assign(latest, {
        status: 'DELETING',
        statusDescription: descriptions.deleting,
        updatedAt: now,
        pending: { until: now + state.settings.durations.releaseDelete, failure: null },
      } satisfies Partial<ReleaseRevision>);
    }
    // 4.6.9 types the body as String without an example; the published twin (hold-13) answers the release in DELETING
    return { body: releaseResponse(release, latest, { clusterName: cluster.metadata.name, withoutDescriptions: true }) };
  },

  getRelease: ({ state, projectId, params }) => {
    const cluster = clusterOf(state, projectId, params.cluster_id, false);
    const release = releaseOf(state, projectId, params.cluster_id, params.namespace, params.name);
    return { body: releaseResponse(release, latestOf(release), { clusterName: cluster.metadata.name }) };
  },

  getReleaseHistory: ({ state, projectId, params }) => {
    const cluster = clusterOf(state, projectId, params.cluster_id, false);
    const release = releaseOf(state, projectId, params.cluster_id, params.namespace, params.name);
    // 4.6.13: one ReleaseResp per revision, oldest first as `helm history` lists them (the examples hold one entry)
    return { body: release.revisions.map((r) => releaseResponse(release, r, { clusterName: cluster.metadata.name })) };
  },
};

// ---------------------------------------------------------------------------------------------------------------
// demo content

const DAY = 24 * 3600_000;

/** Demo: the payments gateway on prod-payments, installed from nginx 1.2.0 and upgraded to 1.3.0 (two revisions). */
export const seedDemoReleases: Seeder = ({ state, projectId, now }) => {
  const project = projectOf(state, projectId);
  const clusters = Object.entries(project.clusters);
  const [clusterId] =
    clusters.find(([, c]) => c.metadata.name === 'prod-payments') ?? clusters.find(([, c]) => c.status?.phase === 'Available') ?? [];
  const first = findChart(state, projectId, 'nginx', '1.2.0');
  const second = findChart(state, projectId, 'nginx', '1.3.0');
  if (clusterId === undefined || !first || !second) return;
  const name = 'payments-gateway';
  const namespace = 'payments';
  const installedAt = now - 25 * DAY;
  const upgradedAt = now - 3 * DAY;
  const installValues = { replicaCount: 2, service: { type: 'ClusterIP', port: 80 } };
  const upgradeValues = {
    replicaCount: 3,
    service: { type: 'ClusterIP', port: 80 },
    ingress: { enabled: true, className: 'cce', hosts: [{ host: 'pay.example.com', paths: [{ path: '/', pathType: 'Prefix' }] }] },
  };
  // each took 40 s to deploy; revision 1 was superseded when revision 2 was deployed
  const deployedIn = 40_000;
  const revision = (chart: StoredChart, version: number, values: Record<string, unknown>, at: number, updatedAt: number, status: RevisionStatus, description: string): ReleaseRevision => ({
    version,
    operation: version === 1 ? 'install' : 'upgrade',
    chartId: chart.id,
    chartName: chart.name,
    chartVersion: chart.version,
    values,
    parameters: {},
    resources: renderResources(chart, values, name, namespace),
    status,
    statusDescription: description,
    customDescription: '',
    createdAt: at,
    updatedAt,
    pending: null,
  });
  releasesOf(state, projectId, clusterId)[releaseKey(namespace, name)] = {
    name,
    namespace,
    clusterId,
    createdAt: installedAt,
    revisions: [
      revision(first, 1, installValues, installedAt, upgradedAt + deployedIn, 'SUPERSEDED', descriptions.installed),
      revision(second, 2, upgradeValues, upgradedAt, upgradedAt + deployedIn, 'DEPLOYED', descriptions.upgraded),
    ],
  };
};
