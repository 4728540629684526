// Add-ons (seed 4.2): template catalog, instances and their state machine. STUB: filled in by issue 4.
import type { AddonInstance } from '../../../contract/addons.ts';
import type { Handlers, Reconciler, Seeder } from '../handler.ts';
import type { EmulatorState } from '../state.ts';

export type StoredAddonInstance = AddonInstance;
export type AddonSlice = { instances: Record<string, StoredAddonInstance> };
export const emptyAddonSlice = (): AddonSlice => ({ instances: {} });

export const addonHandlers: Handlers = {};
export const reconcileAddons: Reconciler = () => false;

/** Cross-module API (used by clusters: install with the cluster; by upgrade: bump versions). */
export type InstallAddonInput = { clusterId: string; addonTemplateName: string; version?: string; values?: Record<string, unknown> };

export function installAddonForCluster(_state: EmulatorState, _projectId: string, _input: InstallAddonInput, _now: number): StoredAddonInstance | null {
  return null;
}

export function addonInstancesOfCluster(state: EmulatorState, projectId: string, clusterId: string): StoredAddonInstance[] {
  return Object.values(state.projects[projectId]?.addons.instances ?? {}).filter((i) => i.spec.clusterID === clusterId);
}

export function removeAddonsOfCluster(state: EmulatorState, projectId: string, clusterId: string): void {
  const slice = state.projects[projectId]?.addons;
  if (!slice) return;
  for (const [id, instance] of Object.entries(slice.instances)) if (instance.spec.clusterID === clusterId) delete slice.instances[id];
}

/** Sets an installed add-on to a version of its template (cluster upgrade with per-add-on targets). */
export function setAddonInstanceVersion(_state: EmulatorState, _projectId: string, _instanceId: string, _version: string, _now: number): void {}

/** Demo scenario content of this resource. */
export const seedDemoAddons: Seeder = () => undefined;
