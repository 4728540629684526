// Cluster upgrade (seed 4.3.1-4.3.17): upgrade paths and info, feature gates, pre-check, snapshot, upgrade tasks,
// post-check and workflows. The pieces: upgrade-model.ts (what is stored), upgrade-paths.ts (the version table),
// upgrade-report.ts (the pre-check items), upgrade-views.ts (records as they read at a time), upgrade-handlers.ts
// (operations and the reconciler), upgrade-demo.ts (the demo scenario).
import type { Handlers, Reconciler } from '../handler.ts';
import { reconcileUpgradeTasks, upgradeCheckHandlers, upgradeTaskHandlers, upgradeWorkflowHandlers } from './upgrade-handlers.ts';

export { emptyUpgradeSlice, type UpgradeSlice } from './upgrade-model.ts';
export { seedDemoUpgrade } from './upgrade-demo.ts';

export const upgradeHandlers: Handlers = { ...upgradeTaskHandlers, ...upgradeCheckHandlers, ...upgradeWorkflowHandlers };

/** Pre-check, snapshot and workflow states are computed from their timestamps; only a finished upgrade changes other state. */
export const reconcileUpgrade: Reconciler = (ctx) => reconcileUpgradeTasks(ctx);
