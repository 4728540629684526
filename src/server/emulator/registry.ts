// Every resource module's handlers (keyed by operation id) and reconcilers, in one place for the router.
import type { Handlers, Reconciler } from './handler.ts';
import { addonHandlers, reconcileAddons } from './resources/addons.ts';
import { chartHandlers, reconcileCharts } from './resources/charts.ts';
import { clusterAccessHandlers } from './resources/cluster-access.ts';
import { clusterHandlers, reconcileClusters } from './resources/clusters.ts';
import { jobHandlers, reconcileJobs } from './resources/jobs.ts';
import { quotaHandlers } from './resources/quotas.ts';
import { reconcileReleases, releaseHandlers } from './resources/releases.ts';
import { tagHandlers } from './resources/tags.ts';
import { reconcileUpgrade, upgradeHandlers } from './resources/upgrade.ts';

export const handlers: Handlers = {
  ...clusterHandlers,
  ...jobHandlers,
  ...clusterAccessHandlers,
  ...tagHandlers,
  ...quotaHandlers,
  ...addonHandlers,
  ...upgradeHandlers,
  ...chartHandlers,
  ...releaseHandlers,
};

/** Order matters: jobs advance before the clusters that wait on them; add-ons before upgrades that wait on them. */
export const reconcilers: readonly Reconciler[] = [reconcileJobs, reconcileClusters, reconcileAddons, reconcileUpgrade, reconcileCharts, reconcileReleases];
