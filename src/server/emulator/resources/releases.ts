// Releases (seed 4.6 cam/v3): Helm releases of charts in a cluster, with revisions. STUB: filled in by issue 4.
import type { Handlers, Reconciler, Seeder } from '../handler.ts';

export const releaseHandlers: Handlers = {};
export const reconcileReleases: Reconciler = () => false;

/** Demo scenario content of this resource. */
export const seedDemoReleases: Seeder = () => undefined;
