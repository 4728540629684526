// Cluster upgrade (seed 4.3): paths, info, feature gates, pre-check, snapshot, upgrade tasks, post-check,
// workflows. STUB: filled in by issue 4.
import type { Handlers, Reconciler, Seeder } from '../handler.ts';

export type UpgradeSlice = Record<string, never>;
export const emptyUpgradeSlice = (): UpgradeSlice => ({});

export const upgradeHandlers: Handlers = {};
export const reconcileUpgrade: Reconciler = () => false;

/** Demo scenario content of this resource. */
export const seedDemoUpgrade: Seeder = () => undefined;
