// Charts (seed 4.6 v2/charts) and their quota. STUB: filled in by issue 4.
import type { Handlers, Reconciler, Seeder } from '../handler.ts';

export type ChartSlice = Record<string, never>;
export const emptyChartSlice = (): ChartSlice => ({});

export const chartHandlers: Handlers = {};
export const reconcileCharts: Reconciler = () => false;

/** Demo scenario content of this resource. */
export const seedDemoCharts: Seeder = () => undefined;
