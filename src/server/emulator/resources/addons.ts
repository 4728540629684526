// Add-ons (seed 4.2.1-4.2.7; 000/001 rollback, 002 update) in the emulator: the instances, their state machine
// (digest §4.3) and the seven operations. The template catalog is addon-catalog.ts.
//
// State machine (timed by settings.durations, failures injected by settings.addon*Failures, consumed when used):
//   POST     -> installing  -> running | installFailed
//   PUT      -> upgrading   -> running (isRollbackable) | upgradeFailed (isRollbackable)
//   rollback -> rollbacking -> running (not rollbackable) | rollbackFailed (isRollbackable, retry)
//   DELETE   -> deleting    -> gone | deleteFailed (retry the uninstall)
import { randomUUID } from 'node:crypto';
import {
  addonInstanceSchema,
  canRollback,
  isTransitionalAddonInstanceStatus,
  rollbackAllowedStatuses,
  type AddonInstance,
  type AddonInstanceStatusValue,
} from '../../../contract/addons.ts';
import { transitionalClusterPhases } from '../../../contract/clusters.ts';
import { isKnownValue } from '../../../contract/common.ts';
import { cceErrorCodes } from '../../../contract/errors.ts';
import {
  addonCatalog,
  compareAddonVersions,
  defaultAddonValues,
  defaultVersionForCluster,
  mergeAddonValues,
  supportedClusterVersionsText,
  versionsSupportingCluster,
  versionSupportsCluster,
  type AddonClusterFacts,
  type AddonTemplateData,
  type AddonVersionData,
} from '../addon-catalog.ts';
import { EmulatorError } from '../errors.ts';
import type { Handlers, Reconciler, Seeder } from '../handler.ts';
import type { EmulatorSettings } from '../settings.ts';
import { projectOf, type EmulatorState, type StoredCluster } from '../state.ts';
import { rfc3339 } from '../time-format.ts';

// ---------------------------------------------------------------------------------------------------------------
// Stored shapes
// ---------------------------------------------------------------------------------------------------------------

/** An instance's currentVersion: the template version with supportVersions null (lines 5067, 7930; hold-05). */
export type AddonInstanceVersion = Omit<AddonVersionData, 'supportVersions'> & { supportVersions: null };

/** AddonInstanceState (table 4-156) as the service sends it: `Reason` with a capital R (digest N5). */
export type AddonInstanceRecordStatus = {
  status: AddonInstanceStatusValue;
  Reason: string;
  message: string;
  targetVersions: string[] | null;
  currentVersion: AddonInstanceVersion;
  isRollbackable: boolean;
  previousVersion?: string;
};

/**
 * What other modules get (addonInstancesOfCluster, installAddonForCluster): the contract's normalised view of an
 * instance (`reason`, [] for null lists), a copy - they change instances only through this module's functions.
 */
export type StoredAddonInstance = AddonInstance;

/** The add-on instance exactly as the service returns it (tables 4-153 to 4-157), as the slice stores it. */
export type AddonInstanceRecord = {
  kind: 'Addon';
  apiVersion: 'v3';
  metadata: { uid: string; name: string; alias: string; creationTimestamp: string; updateTimestamp: string };
  spec: {
    clusterID: string;
    version: string;
    addonTemplateName: string;
    addonTemplateType: string;
    addonTemplateLogo: string;
    addonTemplateLabels: string[];
    description: string;
    values: Record<string, unknown>;
  };
  status: AddonInstanceRecordStatus;
};

export type AddonOperationKind = 'install' | 'upgrade' | 'rollback' | 'delete';

/** The running operation of an instance: it ends at completesAt, failing with `failure` when one was injected. */
export type AddonOperation = { kind: AddonOperationKind; startedAt: number; completesAt: number; failure: string | null };

/** What the service knows about an instance beyond its wire object (never sent). */
export type AddonTracking = {
  /** Helm release revision: 1 at install, +1 per upgrade or rollback (the rollback Reason "Rollback to 1", line 7119). */
  revision: number;
  /** Revision and values before the last upgrade: what a rollback returns to. */
  previousRevision: number | null;
  previousValues: Record<string, unknown> | null;
  /** The revision a rollback in progress (or failed) goes back to, so a retry keeps its Reason. */
  rollbackToRevision: number | null;
  operation: AddonOperation | null;
};

export type AddonSlice = { instances: Record<string, AddonInstanceRecord>; tracking: Record<string, AddonTracking> };
export const emptyAddonSlice = (): AddonSlice => ({ instances: {}, tracking: {} });

function sliceOf(state: EmulatorState, projectId: string): AddonSlice {
  const slice = projectOf(state, projectId).addons;
  // A state saved before the tracking map existed still loads.
  slice.tracking ??= {};
  return slice;
}

/** The record without one key (the state is plain JSON: records, not Maps). */
function without<T>(record: Record<string, T>, key: string): Record<string, T> {
  return Object.fromEntries(Object.entries(record).filter(([k]) => k !== key));
}

function trackingOf(slice: AddonSlice, id: string): AddonTracking {
  slice.tracking[id] ??= { revision: 1, previousRevision: null, previousValues: null, rollbackToRevision: null, operation: null };
  return slice.tracking[id];
}

// ---------------------------------------------------------------------------------------------------------------
// Refusals (seed 7.2; add-ons are subsystem 03, digest §1.5)
// ---------------------------------------------------------------------------------------------------------------

const addonInvalid = (message: string) => new EmulatorError(400, cceErrorCodes.invalidRequestAddons, `Invalid request: ${message}`);
const addonNotFound = (message: string) => new EmulatorError(404, cceErrorCodes.notFoundAddons, `Resource not found: ${message}`);
const locked = (message: string) => new EmulatorError(429, cceErrorCodes.resourceLocked, `Resource locked by other requests: ${message}`);

function clusterFacts(cluster: StoredCluster): AddonClusterFacts {
  return { version: cluster.spec.version ?? '', type: cluster.spec.type ?? null };
}

function clusterLabel(cluster: StoredCluster): string {
  return `${cluster.metadata.name} (${cluster.metadata.uid ?? 'no id'})`;
}

function requireCluster(state: EmulatorState, projectId: string, clusterId: string, field: string): StoredCluster {
  const cluster = projectOf(state, projectId).clusters[clusterId];
  if (!cluster) throw addonNotFound(`cluster ${clusterId} (${field}) does not exist in this project`);
  return cluster;
}

/** Another operation holds the cluster (creating, upgrading, deleting …): the add-on has to wait. */
function refuseWhileClusterBusy(cluster: StoredCluster): void {
  const phase = cluster.status?.phase;
  if (isKnownValue(transitionalClusterPhases, phase)) {
    throw locked(`cluster ${clusterLabel(cluster)} is ${phase}; retry the add-on operation when it is Available`);
  }
}

function requireTemplate(region: string, name: string): AddonTemplateData {
  const catalog = addonCatalog(region);
  const template = catalog.find((t) => t.name === name);
  if (template) return template;
  const byAlias = catalog.find((t) => t.alias === name);
  if (byAlias) throw addonInvalid(`spec.addonTemplateName "${name}" is the alias of ${byAlias.name}; send the template name "${byAlias.name}"`);
  throw addonInvalid(
    `spec.addonTemplateName "${name}" is not an add-on template (templates: ${catalog.map((t) => t.name).join(', ')})`,
  );
}

function requireTemplateVersion(template: AddonTemplateData, version: string, field: string): AddonVersionData {
  const found = template.versions.find((v) => v.version === version);
  if (!found) {
    throw addonInvalid(
      `${field} "${version}" is not a version of ${template.name} (versions: ${template.versions.map((v) => v.version).join(', ')})`,
    );
  }
  return found;
}

/** Installing or upgrading to a version whose supportVersions do not match the cluster (table 4-158). */
function requireSupport(template: AddonTemplateData, version: AddonVersionData, cluster: StoredCluster, field: string): void {
  const facts = clusterFacts(cluster);
  if (versionSupportsCluster(version, facts)) return;
  const usable = versionsSupportingCluster(template, facts).map((v) => v.version);
  throw addonInvalid(
    `${field}: ${template.name} ${version.version} does not support cluster version ${facts.version || '(unknown)'} of ${clusterLabel(
      cluster,
    )}; it supports ${supportedClusterVersionsText(version)}. ${
      usable.length > 0 ? `Versions for this cluster: ${usable.join(', ')}` : `No version of ${template.name} supports this cluster`
    }`,
  );
}

/**
 * The instance of the path, in the cluster the request names (digest §4.1: body clusterID for update/rollback,
 * optional query cluster_id for get/delete). An instance of another cluster is not found there.
 */
function requireInstance(slice: AddonSlice, id: string, clusterId: string | undefined): AddonInstanceRecord {
  const instance = slice.instances[id];
  if (!instance) throw addonNotFound(`add-on instance ${id} does not exist`);
  if (clusterId !== undefined && instance.spec.clusterID !== clusterId) {
    throw addonNotFound(`add-on instance ${id} does not exist in cluster ${clusterId}`);
  }
  return instance;
}

function takeFailure(failures: Record<string, string> | undefined, templateName: string): string | null {
  const reason = failures?.[templateName];
  if (reason === undefined || !failures) return null;
  // Consumed: only the next operation of that template fails. The state is plain JSON, so no Map.
  Reflect.deleteProperty(failures, templateName);
  return reason;
}

/** Where each operation's duration and injected failures live in the settings. */
const operationSettings = {
  install: { duration: 'addonInstall', failures: 'addonInstallFailures' },
  upgrade: { duration: 'addonUpgrade', failures: 'addonUpgradeFailures' },
  rollback: { duration: 'addonRollback', failures: 'addonRollbackFailures' },
  delete: { duration: 'addonDelete', failures: 'addonDeleteFailures' },
} as const satisfies Record<AddonOperationKind, { duration: keyof EmulatorSettings['durations']; failures: keyof EmulatorSettings }>;

/** An operation starting now on an instance of the template: its end time and whether an injected failure hits it. */
function beginOperation(settings: EmulatorSettings, kind: AddonOperationKind, templateName: string, now: number): AddonOperation {
  const { duration, failures } = operationSettings[kind];
  return { kind, startedAt: now, completesAt: now + settings.durations[duration], failure: takeFailure(settings[failures], templateName) };
}

// ---------------------------------------------------------------------------------------------------------------
// Building instances
// ---------------------------------------------------------------------------------------------------------------

function instanceVersion(version: AddonVersionData): AddonInstanceVersion {
  return { ...structuredClone(version), supportVersions: null };
}

/** "v1.28" of "v1.28.5-r0": basic.cluster_version in the 4.2.1 example (line 4599). */
function minorVersion(clusterVersion: string): string {
  return /^v\d+\.\d+/.exec(clusterVersion)?.[0] ?? clusterVersion;
}

/**
 * The values an instance runs with (table 4-152 line 4508): the template defaults of the version, overridden by the
 * caller's values ("missing keys fall back to the template defaults"). `basic` belongs to the service (image,
 * registry, cluster version) and `systemAutoInject` is what it injects (lines 4809-4818).
 */
function effectiveValues(
  version: AddonVersionData,
  cluster: StoredCluster,
  given: Record<string, unknown>,
  projectId: string,
): Record<string, unknown> {
  const merged = mergeAddonValues(defaultAddonValues(version), given);
  const givenBasic = typeof merged.basic === 'object' && merged.basic !== null && !Array.isArray(merged.basic) ? merged.basic : {};
  const clusterVersion = cluster.spec.version ?? '';
  return {
    ...merged,
    basic: {
      ...givenBasic,
      ...structuredClone(version.input.basic),
      cluster_version: minorVersion(clusterVersion),
      platform: 'linux-amd64',
    },
    systemAutoInject: {
      cluster: {
        clusterID: cluster.metadata.uid ?? '',
        clusterNetworkMode: cluster.spec.containerNetwork?.mode ?? 'eni',
        clusterVersion,
      },
      user: { projectID: projectId },
    },
  };
}

/** Table 4-156 targetVersions (001:127): the newer versions of the template that support the cluster; null if none. */
function targetVersionsFor(template: AddonTemplateData | undefined, current: string, cluster: StoredCluster | undefined): string[] | null {
  if (!template || !cluster) return null;
  const newer = versionsSupportingCluster(template, clusterFacts(cluster))
    .filter((v) => compareAddonVersions(v.version, current) > 0)
    .map((v) => v.version);
  return newer.length > 0 ? newer : null;
}

type NewInstance = {
  template: AddonTemplateData;
  version: AddonVersionData;
  cluster: StoredCluster;
  values: Record<string, unknown>;
  projectId: string;
  at: number;
};

function buildInstance({ template, version, cluster, values, projectId, at }: NewInstance): AddonInstanceRecord {
  const timestamp = rfc3339(at);
  return {
    kind: 'Addon',
    apiVersion: 'v3',
    metadata: { uid: randomUUID(), name: template.name, alias: template.alias, creationTimestamp: timestamp, updateTimestamp: timestamp },
    spec: {
      clusterID: cluster.metadata.uid ?? '',
      version: version.version,
      addonTemplateName: template.name,
      addonTemplateType: template.type,
      addonTemplateLogo: template.logoURL,
      addonTemplateLabels: [...template.labels],
      description: template.description,
      values: effectiveValues(version, cluster, values, projectId),
    },
    // 4.2.1 response (lines 4821-4826): installing, empty Reason and message, not rollbackable.
    status: {
      status: 'installing',
      Reason: '',
      message: '',
      targetVersions: targetVersionsFor(template, version.version, cluster),
      currentVersion: instanceVersion(version),
      isRollbackable: false,
    },
  };
}

/** Starts an install: the instance in `installing`, its timer, and the injected install failure (consumed). */
function startInstall(state: EmulatorState, projectId: string, input: NewInstance): AddonInstanceRecord {
  const slice = sliceOf(state, projectId);
  const instance = buildInstance(input);
  const id = instance.metadata.uid;
  slice.instances[id] = instance;
  slice.tracking[id] = {
    revision: 1,
    previousRevision: null,
    previousValues: null,
    rollbackToRevision: null,
    operation: beginOperation(state.settings, 'install', input.template.name, input.at),
  };
  return instance;
}

function installedOnCluster(slice: AddonSlice, clusterId: string, templateName: string): AddonInstanceRecord | undefined {
  return Object.values(slice.instances).find((i) => i.spec.clusterID === clusterId && i.spec.addonTemplateName === templateName);
}

/** The instance as the service sends it now: targetVersions follow the cluster's current version. */
function present(state: EmulatorState, projectId: string, region: string, instance: AddonInstanceRecord): AddonInstanceRecord {
  const out = structuredClone(instance);
  const template = addonCatalog(region).find((t) => t.name === instance.spec.addonTemplateName);
  const cluster = projectOf(state, projectId).clusters[instance.spec.clusterID];
  if (cluster) out.status.targetVersions = targetVersionsFor(template, instance.spec.version, cluster);
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// State machine: finishing an operation (pure: instance + operation -> next instance, or null when uninstalled)
// ---------------------------------------------------------------------------------------------------------------

export function finishAddonOperation(instance: AddonInstanceRecord, operation: AddonOperation): AddonInstanceRecord | null {
  const next = structuredClone(instance);
  next.metadata.updateTimestamp = rfc3339(operation.completesAt);
  const name = `${instance.spec.addonTemplateName} ${instance.spec.version}`;
  const fail = (status: AddonInstanceStatusValue, message: string, isRollbackable: boolean) => {
    next.status = { ...next.status, status, Reason: operation.failure ?? '', message, isRollbackable };
    return next;
  };
  const succeed = (isRollbackable: boolean) => {
    next.status = { ...next.status, status: 'running', Reason: '', message: '', isRollbackable };
    return next;
  };
  switch (operation.kind) {
    case 'install':
      // Table 4-156: installFailed -> uninstall the add-on and install it again.
      return operation.failure === null ? succeed(false) : fail('installFailed', `install addon ${name} failed: ${operation.failure}`, false);
    case 'upgrade':
      // Digest §4.3: after an upgrade the pre-upgrade version can be rolled back to, also when the upgrade failed.
      return operation.failure === null
        ? succeed(true)
        : fail('upgradeFailed', `upgrade addon ${instance.spec.addonTemplateName} to ${instance.spec.version} failed: ${operation.failure}`, true);
    case 'rollback':
      // 000 example: a rollback is not rollbackable again; rollbackFailed -> retry the rollback (table 4-156).
      return operation.failure === null
        ? succeed(false)
        : fail('rollbackFailed', `rollback addon ${name} failed: ${operation.failure}`, true);
    case 'delete':
      return operation.failure === null
        ? null
        : fail('deleteFailed', `uninstall addon ${name} failed: ${operation.failure}`, next.status.isRollbackable);
  }
}

export const reconcileAddons: Reconciler = ({ state, now }) => {
  let changed = false;
  for (const project of Object.values(state.projects)) {
    const slice = project.addons;
    slice.tracking ??= {};
    for (const [id, tracking] of Object.entries(slice.tracking)) {
      const operation = tracking.operation;
      const instance = slice.instances[id];
      if (!instance) {
        slice.tracking = without(slice.tracking, id);
        changed = true;
        continue;
      }
      if (!operation || operation.completesAt > now) continue;
      const next = finishAddonOperation(instance, operation);
      tracking.operation = null;
      if (operation.kind === 'rollback' && operation.failure === null) tracking.rollbackToRevision = null;
      if (next === null) {
        slice.instances = without(slice.instances, id);
        slice.tracking = without(slice.tracking, id);
      } else {
        slice.instances[id] = next;
      }
      changed = true;
    }
  }
  return changed;
};

// ---------------------------------------------------------------------------------------------------------------
// Handlers
// ---------------------------------------------------------------------------------------------------------------

/** Table 4-156: an instance whose operation is still running holds the lock; the failed states name their way out. */
function refuseUpdate(instance: AddonInstanceRecord): void {
  const { status } = instance.status;
  const label = `add-on instance ${instance.metadata.uid} (${instance.spec.addonTemplateName})`;
  if (isTransitionalAddonInstanceStatus(status)) throw locked(`${label} is ${status}; retry when the operation has finished`);
  if (status === 'installFailed') throw addonInvalid(`${label} is installFailed and cannot be upgraded: uninstall the add-on and install it again`);
  if (status === 'deleteFailed') throw addonInvalid(`${label} is deleteFailed and cannot be upgraded: retry the uninstall`);
  if (!isKnownValue(rollbackAllowedStatuses, status)) {
    throw addonInvalid(`${label} is ${status} and cannot be upgraded (it can be upgraded when running, available, abnormal, upgradeFailed or rollbackFailed)`);
  }
}

function templateWire(template: AddonTemplateData, versions: AddonVersionData[]) {
  return {
    kind: 'Addon',
    apiVersion: 'v3',
    // Table 4-162: metadata.uid is the template name (line 5307).
    metadata: {
      uid: template.name,
      name: template.name,
      alias: template.alias,
      creationTimestamp: template.creationTimestamp,
      updateTimestamp: template.updateTimestamp,
    },
    spec: {
      type: template.type,
      require: template.require,
      labels: template.labels,
      logoURL: template.logoURL,
      readmeURL: template.readmeURL,
      description: template.description,
      versions,
    },
  };
}

function newestFirst(versions: AddonVersionData[]): AddonVersionData[] {
  return [...versions].sort((a, b) => compareAddonVersions(b.version, a.version));
}

export const addonHandlers: Handlers = {
  // 4.2.2. addon_template_name: name or alias (table 4-159); cluster_id, version, newest and
  // base_update_addon_version are the SDK's hidden parameters (sdk-fidelity §1): the versions that install on the
  // cluster, that one version, only the newest, and the versions newer than the one an upgrade starts from.
  listAddonTemplates: ({ state, projectId, region, query }) => {
    const cluster = query.cluster_id === undefined ? undefined : requireCluster(state, projectId, query.cluster_id, 'cluster_id');
    const filtering =
      cluster !== undefined || query.version !== undefined || query.newest === 'true' || query.base_update_addon_version !== undefined;
    const name = query.addon_template_name;
    const items = addonCatalog(region)
      .filter((t) => name === undefined || t.name === name || t.alias === name)
      .flatMap((template) => {
        let versions = template.versions.filter(
          (v) =>
            (cluster === undefined || versionSupportsCluster(v, clusterFacts(cluster))) &&
            (query.version === undefined || v.version === query.version) &&
            (query.base_update_addon_version === undefined || compareAddonVersions(v.version, query.base_update_addon_version) > 0),
        );
        if (query.newest === 'true') versions = newestFirst(versions).slice(0, 1);
        if (filtering && versions.length === 0) return [];
        return [templateWire(template, structuredClone(versions))];
      });
    return { body: { kind: 'Addon', apiVersion: 'v3', items } };
  },

  // 4.2.1: install. 201 with the instance in `installing`.
  createAddonInstance: ({ state, projectId, region, now, body }) => {
    const { spec } = body;
    const cluster = requireCluster(state, projectId, spec.clusterID, 'spec.clusterID');
    const template = requireTemplate(region, spec.addonTemplateName);
    const phase = cluster.status?.phase;
    if (phase !== 'Available') {
      refuseWhileClusterBusy(cluster);
      throw addonInvalid(`cluster ${clusterLabel(cluster)} is ${phase ?? 'in no phase'}; add-ons can be installed only on an Available cluster`);
    }
    const slice = sliceOf(state, projectId);
    const existing = installedOnCluster(slice, spec.clusterID, template.name);
    if (existing) {
      // Seed 7.2 (line 18720): "Addon instance has installed" - delete it first, then install.
      throw new EmulatorError(
        409,
        cceErrorCodes.addonInstalled,
        `Addon instance has installed: ${template.name} is already installed on cluster ${clusterLabel(cluster)} (instance ${
          existing.metadata.uid
        }, ${existing.status.status}); uninstall it before installing it again`,
      );
    }
    let version: AddonVersionData;
    if (spec.version === undefined) {
      const latest = defaultVersionForCluster(template, clusterFacts(cluster));
      if (!latest) {
        throw addonInvalid(
          `no version of ${template.name} supports cluster version ${cluster.spec.version ?? '(unknown)'} of ${clusterLabel(cluster)}`,
        );
      }
      version = latest;
    } else {
      version = requireTemplateVersion(template, spec.version, 'spec.version');
      requireSupport(template, version, cluster, 'spec.version');
    }
    const instance = startInstall(state, projectId, { template, version, cluster, values: spec.values, projectId, at: now });
    return { status: 201, body: present(state, projectId, region, instance) };
  },

  // 4.2.3: upgrade (or re-apply values with the same version). 200 with the instance in `upgrading`.
  updateAddonInstance: ({ state, projectId, region, now, params, body }) => {
    const { spec } = body;
    const slice = sliceOf(state, projectId);
    const instance = requireInstance(slice, params.id, spec.clusterID);
    if (spec.addonTemplateName !== instance.spec.addonTemplateName) {
      throw addonInvalid(
        `spec.addonTemplateName "${spec.addonTemplateName}" does not match the template of add-on instance ${params.id} ("${instance.spec.addonTemplateName}")`,
      );
    }
    const cluster = requireCluster(state, projectId, spec.clusterID, 'spec.clusterID');
    refuseUpdate(instance);
    refuseWhileClusterBusy(cluster);
    const template = requireTemplate(region, instance.spec.addonTemplateName);
    const version = requireTemplateVersion(template, spec.version, 'spec.version');
    requireSupport(template, version, cluster, 'spec.version');
    // The version before the last successful upgrade is what a rollback returns to; a retry keeps it.
    const retrying = instance.status.status === 'upgradeFailed' && instance.status.previousVersion !== undefined;
    const baseline = retrying ? (instance.status.previousVersion ?? instance.spec.version) : instance.spec.version;
    if (compareAddonVersions(version.version, baseline) < 0) {
      throw addonInvalid(
        `spec.version ${version.version} is older than the installed ${baseline} of ${template.name}; go back to the version before an upgrade with the rollback API`,
      );
    }
    const tracking = trackingOf(slice, params.id);
    if (!retrying) {
      tracking.previousRevision = tracking.revision;
      tracking.previousValues = structuredClone(instance.spec.values);
    }
    tracking.revision += 1;
    tracking.rollbackToRevision = null;
    tracking.operation = beginOperation(state.settings, 'upgrade', template.name, now);
    // 4.2.3 response (lines 6204, 6313-6320): the spec and currentVersion already show the target while upgrading.
    const next: AddonInstanceRecord = {
      ...instance,
      metadata: { ...instance.metadata, updateTimestamp: rfc3339(now) },
      spec: { ...instance.spec, version: version.version, values: effectiveValues(version, cluster, spec.values, projectId) },
      status: {
        ...instance.status,
        status: 'upgrading',
        Reason: 'addon upgrading',
        message: '',
        currentVersion: instanceVersion(version),
        isRollbackable: false,
        previousVersion: baseline,
      },
    };
    slice.instances[params.id] = next;
    return { body: present(state, projectId, region, next) };
  },

  // 4.2.4 (000, 001): roll back to the version before the upgrade. 200 with the instance in `rollbacking`.
  rollbackAddonInstance: ({ state, projectId, region, now, params, body }) => {
    const slice = sliceOf(state, projectId);
    const instance = requireInstance(slice, params.id, body.clusterID);
    const cluster = requireCluster(state, projectId, body.clusterID, 'clusterID');
    if (!canRollback(instance)) {
      // 000:7 = 003 line 6823: the stated precondition; the documents name no dedicated error code.
      throw addonInvalid(
        `add-on instance ${params.id} (${instance.spec.addonTemplateName}) cannot be rolled back: a rollback needs status.isRollbackable true and a status of ${rollbackAllowedStatuses.join(
          ', ',
        )}; it is ${instance.status.status} with isRollbackable ${String(instance.status.isRollbackable)}`,
      );
    }
    refuseWhileClusterBusy(cluster);
    const template = requireTemplate(region, instance.spec.addonTemplateName);
    const tracking = trackingOf(slice, params.id);
    // A failed rollback already switched the spec to its target: the retry goes there again.
    const retrying = instance.status.status === 'rollbackFailed' && tracking.rollbackToRevision !== null;
    const targetName = retrying ? instance.spec.version : instance.status.previousVersion;
    const fromName = retrying ? (instance.status.previousVersion ?? instance.spec.version) : instance.spec.version;
    if (targetName === undefined) throw addonInvalid(`add-on instance ${params.id} has no version before its upgrade to roll back to`);
    const target = requireTemplateVersion(template, targetName, 'status.previousVersion');
    requireSupport(template, target, cluster, 'status.previousVersion');
    let values = instance.spec.values;
    if (!retrying) {
      values = tracking.previousValues ?? effectiveValues(target, cluster, {}, projectId);
      tracking.previousValues = structuredClone(instance.spec.values);
      tracking.rollbackToRevision = tracking.previousRevision ?? 1;
      tracking.previousRevision = tracking.revision;
      tracking.revision += 1;
    }
    tracking.operation = beginOperation(state.settings, 'rollback', template.name, now);
    // 000 example (000:581-590): rollbacking, Reason "Rollback to <revision>", previousVersion = the version left,
    // spec and currentVersion on the target, not rollbackable while it runs.
    const next: AddonInstanceRecord = {
      ...instance,
      metadata: { ...instance.metadata, updateTimestamp: rfc3339(now) },
      spec: { ...instance.spec, version: target.version, values },
      status: {
        ...instance.status,
        status: 'rollbacking',
        Reason: `Rollback to ${tracking.rollbackToRevision ?? 1}`,
        message: '',
        currentVersion: instanceVersion(target),
        isRollbackable: false,
        previousVersion: fromName,
      },
    };
    slice.instances[params.id] = next;
    return { body: present(state, projectId, region, next) };
  },

  // 4.2.5: uninstall from any state (digest §4.3); the body is the bare text `success` (line 7413, digest S15).
  deleteAddonInstance: ({ state, projectId, now, params, query }) => {
    const slice = sliceOf(state, projectId);
    const instance = requireInstance(slice, params.id, query.cluster_id);
    const success = { body: 'success', headers: { 'content-type': 'text/plain; charset=utf-8' } };
    // Already being uninstalled: the same answer, the running uninstall goes on.
    if (instance.status.status === 'deleting') return success;
    const tracking = trackingOf(slice, params.id);
    tracking.operation = beginOperation(state.settings, 'delete', instance.spec.addonTemplateName, now);
    slice.instances[params.id] = {
      ...instance,
      metadata: { ...instance.metadata, updateTimestamp: rfc3339(now) },
      status: { ...instance.status, status: 'deleting', Reason: '', message: '' },
    };
    return success;
  },

  // 4.2.6: cluster_id optional (line 7597).
  getAddonInstance: ({ state, projectId, region, params, query }) => {
    const instance = requireInstance(sliceOf(state, projectId), params.id, query.cluster_id);
    return { body: present(state, projectId, region, instance) };
  },

  // 4.2.7: cluster_id required (line 8110); addon_template_name (SDK) filters by template name or alias.
  listAddonInstances: ({ state, projectId, region, query }) => {
    requireCluster(state, projectId, query.cluster_id, 'cluster_id');
    const name = query.addon_template_name;
    const items = Object.values(sliceOf(state, projectId).instances)
      .filter((i) => i.spec.clusterID === query.cluster_id && (name === undefined || i.spec.addonTemplateName === name || i.metadata.alias === name))
      .sort(
        (a, b) =>
          a.metadata.creationTimestamp.localeCompare(b.metadata.creationTimestamp) || a.metadata.name.localeCompare(b.metadata.name),
      )
      .map((i) => present(state, projectId, region, i));
    return { body: { kind: 'Addon', apiVersion: 'v3', items } };
  },
};

// ---------------------------------------------------------------------------------------------------------------
// Cross-module API (clusters: install with the cluster; upgrade: bump versions)
// ---------------------------------------------------------------------------------------------------------------

export type InstallAddonInput = {
  clusterId: string;
  addonTemplateName: string;
  version?: string;
  values?: Record<string, unknown>;
  /** The catalog's region (registry addresses); defaults to the region of the cluster's availability zone. */
  region?: string;
};

/** "cn-north-4" of the cluster's az "cn-north-4a". */
function regionOfCluster(cluster: StoredCluster): string {
  return cluster.spec.az?.replace(/[a-z]$/, '') ?? 'cn-north-4';
}

/**
 * Why an add-on of the cluster-create annotation (4.1.1, `cluster.install.addons/install`) cannot be installed on a
 * cluster of that version, or null when it can: for the cluster module to refuse the create request up front.
 */
export function addonInstallProblem(
  region: string,
  input: Pick<InstallAddonInput, 'addonTemplateName' | 'version'>,
  cluster: AddonClusterFacts,
): string | null {
  const template = addonCatalog(region).find((t) => t.name === input.addonTemplateName);
  if (!template) return `${input.addonTemplateName} is not an add-on template (templates: ${addonCatalog(region).map((t) => t.name).join(', ')})`;
  if (input.version === undefined) {
    return defaultVersionForCluster(template, cluster) ? null : `no version of ${template.name} supports cluster version ${cluster.version}`;
  }
  const version = template.versions.find((v) => v.version === input.version);
  if (!version) return `${input.version} is not a version of ${template.name}`;
  return versionSupportsCluster(version, cluster)
    ? null
    : `${template.name} ${input.version} does not support cluster version ${cluster.version} (it supports ${supportedClusterVersionsText(version)})`;
}

/**
 * Installs an add-on on a cluster that is becoming Available (the create annotation): no Available check. The
 * instance starts `installing` and runs the normal state machine, injected install failures included. Returns
 * null when it cannot install: unknown cluster or template, already installed, or no version for the cluster
 * (see addonInstallProblem to refuse such a request before).
 */
export function installAddonForCluster(state: EmulatorState, projectId: string, input: InstallAddonInput, now: number): StoredAddonInstance | null {
  const cluster = projectOf(state, projectId).clusters[input.clusterId];
  if (!cluster) return null;
  const region = input.region ?? regionOfCluster(cluster);
  const template = addonCatalog(region).find((t) => t.name === input.addonTemplateName);
  if (!template || installedOnCluster(sliceOf(state, projectId), input.clusterId, template.name)) return null;
  const facts = clusterFacts(cluster);
  const version =
    input.version === undefined
      ? defaultVersionForCluster(template, facts)
      : template.versions.find((v) => v.version === input.version && versionSupportsCluster(v, facts));
  if (!version) return null;
  return addonInstanceSchema.parse(startInstall(state, projectId, { template, version, cluster, values: input.values ?? {}, projectId, at: now }));
}

export function addonInstancesOfCluster(state: EmulatorState, projectId: string, clusterId: string): StoredAddonInstance[] {
  return Object.values(state.projects[projectId]?.addons.instances ?? {})
    .filter((i) => i.spec.clusterID === clusterId)
    .map((i) => addonInstanceSchema.parse(i));
}

/** A deleted cluster takes its add-ons with it. */
export function removeAddonsOfCluster(state: EmulatorState, projectId: string, clusterId: string): void {
  const slice = state.projects[projectId]?.addons;
  if (!slice) return;
  for (const [id, instance] of Object.entries(slice.instances)) {
    if (instance.spec.clusterID !== clusterId) continue;
    slice.instances = without(slice.instances, id);
    slice.tracking = without(slice.tracking ?? {}, id);
  }
}

/**
 * Sets an installed add-on to a version of its template (a cluster upgrade with per-add-on targets, 4.3.1
 * clusterUpgradeAction.addons): running on that version, values re-based on its defaults, the old version kept as
 * previousVersion. Not rollbackable on its own: the cluster upgrade owns that change. An unknown instance or
 * version, or an instance being uninstalled, is left as it is (the caller validates the targets first).
 */
export function setAddonInstanceVersion(state: EmulatorState, projectId: string, instanceId: string, version: string, now: number): void {
  const slice = state.projects[projectId]?.addons;
  const instance = slice?.instances[instanceId];
  if (!slice || !instance || instance.status.status === 'deleting') return;
  const cluster = projectOf(state, projectId).clusters[instance.spec.clusterID];
  if (!cluster) return;
  const template = addonCatalog(regionOfCluster(cluster)).find((t) => t.name === instance.spec.addonTemplateName);
  const target = template?.versions.find((v) => v.version === version);
  if (!template || !target) {
    console.warn(`[emulator] setAddonInstanceVersion: ${instance.spec.addonTemplateName} has no version ${version}; left unchanged`);
    return;
  }
  const { systemAutoInject: _inject, basic: _basic, ...userValues } = instance.spec.values;
  const tracking = trackingOf(slice, instanceId);
  tracking.operation = null;
  tracking.previousRevision = tracking.revision;
  tracking.previousValues = structuredClone(instance.spec.values);
  tracking.revision += 1;
  tracking.rollbackToRevision = null;
  slice.instances[instanceId] = {
    ...instance,
    metadata: { ...instance.metadata, updateTimestamp: rfc3339(now) },
    spec: { ...instance.spec, version: target.version, values: effectiveValues(target, cluster, userValues, projectId) },
    status: {
      ...instance.status,
      status: 'running',
      Reason: '',
      message: '',
      currentVersion: instanceVersion(target),
      isRollbackable: false,
      previousVersion: instance.spec.version,
      targetVersions: targetVersionsFor(template, target.version, cluster),
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Demo scenario
// ---------------------------------------------------------------------------------------------------------------

const DAY = 24 * 3600_000;

/** Cluster timestamps are Go time.String() in UTC ("2024-06-04 12:49:28.773000 +0000 UTC", time-format.ts). */
function clusterCreatedAt(cluster: StoredCluster): number | null {
  const match = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})(\.\d+)? \+0000 UTC$/.exec(cluster.metadata.creationTimestamp ?? '');
  if (!match) return null;
  const ms = Date.parse(`${match[1]}T${match[2]}${(match[3] ?? '').slice(0, 4)}Z`);
  return Number.isNaN(ms) ? null : ms;
}

type DemoInstance = {
  template: string;
  /** Default: the version a fresh install would take. */
  version?: string;
  /** Installed on this version, then upgraded to `version` (rollbackable). */
  upgradedFrom?: string;
  status: AddonInstanceStatusValue;
  Reason?: string;
  message?: string;
  values?: Record<string, unknown>;
};

function seedInstance(state: EmulatorState, projectId: string, region: string, cluster: StoredCluster, demo: DemoInstance, now: number): void {
  const template = addonCatalog(region).find((t) => t.name === demo.template);
  if (!template) return;
  const facts = clusterFacts(cluster);
  const version = demo.version === undefined ? defaultVersionForCluster(template, facts) : template.versions.find((v) => v.version === demo.version);
  if (!version || !versionSupportsCluster(version, facts)) return;
  const slice = sliceOf(state, projectId);
  if (installedOnCluster(slice, cluster.metadata.uid ?? '', template.name)) return;
  // Installed a few minutes after its cluster was created.
  const installedAt = Math.min((clusterCreatedAt(cluster) ?? now - 30 * DAY) + 6 * 60_000, now - 60_000);
  const instance = buildInstance({ template, version, cluster, values: demo.values ?? {}, projectId, at: installedAt });
  const tracking: AddonTracking = { revision: 1, previousRevision: null, previousValues: null, rollbackToRevision: null, operation: null };
  const from = demo.upgradedFrom === undefined ? undefined : template.versions.find((v) => v.version === demo.upgradedFrom);
  if (from) {
    const upgradedAt = Math.max(installedAt, now - 3 * DAY);
    instance.metadata.updateTimestamp = rfc3339(upgradedAt);
    instance.status.previousVersion = from.version;
    instance.status.isRollbackable = true;
    tracking.previousRevision = 1;
    tracking.previousValues = effectiveValues(from, cluster, demo.values ?? {}, projectId);
    tracking.revision = 2;
  }
  instance.status.status = demo.status;
  instance.status.Reason = demo.Reason ?? '';
  instance.status.message = demo.message ?? '';
  slice.instances[instance.metadata.uid] = instance;
  slice.tracking[instance.metadata.uid] = tracking;
}

/**
 * Demo: every Available cluster runs coredns and metrics-server; legacy-portal's coredns is an older version with
 * newer ones for its cluster; prod-payments' metrics-server was upgraded (rollbackable) and its log-agent failed to
 * install; an Unavailable cluster's add-ons are abnormal / partially ready.
 */
export const seedDemoAddons: Seeder = ({ state, projectId, region, now }) => {
  for (const cluster of Object.values(projectOf(state, projectId).clusters)) {
    const name = cluster.metadata.name;
    const phase = cluster.status?.phase;
    const demos: DemoInstance[] = [];
    if (phase === 'Available') {
      demos.push(
        name === 'legacy-portal' ? { template: 'coredns', version: '1.28.4', status: 'running' } : { template: 'coredns', status: 'running' },
        name === 'prod-payments'
          ? { template: 'metrics-server', version: '1.3.68', upgradedFrom: '1.3.60', status: 'running' }
          : { template: 'metrics-server', status: 'running' },
      );
      if (name === 'prod-payments') {
        demos.push({
          template: 'log-agent',
          status: 'installFailed',
          // Seed 7.2 CCE.03400002 "Missing access key" (line 18705).
          Reason: 'Missing access key',
          message:
            'install addon log-agent failed: no access key is available to report logs to LTS for this project; create an access key (or authorize the CCE agency) and install the add-on again',
        });
      }
    } else if (phase === 'Unavailable') {
      demos.push(
        {
          template: 'coredns',
          status: 'abnormal',
          Reason: 'Unavailable',
          message: '0/2 coredns instances are running: the kube-apiserver of the cluster does not respond',
        },
        { template: 'metrics-server', status: 'available', message: '1/2 metrics-server instances are running' },
      );
    }
    for (const demo of demos) seedInstance(state, projectId, region, cluster, demo, now);
  }
};
