// The emulator's whole state: plain JSON, so it can be cloned for atomic requests and persisted as one document.
// Each resource module owns its slice of a project (type + empty value); this file only assembles them.
import type { Cluster } from '../../contract/clusters.ts';
import { emptyAddonSlice, type AddonSlice } from './resources/addons.ts';
import { emptyChartSlice, type ChartSlice } from './resources/charts.ts';
import { emptyJobSlice, type JobSlice } from './resources/jobs.ts';
import { emptyUpgradeSlice, type UpgradeSlice } from './resources/upgrade.ts';
import { defaultSettings, type EmulatorSettings } from './settings.ts';

export type StoredCluster = Cluster;

export type ProjectState = {
  clusters: Record<string, StoredCluster>;
  jobs: JobSlice;
  addons: AddonSlice;
  upgrade: UpgradeSlice;
  /** Charts are per project (v2/charts carries the project in X-Project-Id); releases per cluster inside. */
  charts: ChartSlice;
};

export type EmulatorState = {
  /** Bumped when the stored layout changes; a file of another version is refused, never silently dropped. */
  schemaVersion: 1;
  scenario: string;
  /** Knobs for tests and rehearsals: durations, injected resource failures (see settings.ts). */
  settings: EmulatorSettings;
  projects: Record<string, ProjectState>;
};

export function emptyProject(): ProjectState {
  return { clusters: {}, jobs: emptyJobSlice(), addons: emptyAddonSlice(), upgrade: emptyUpgradeSlice(), charts: emptyChartSlice() };
}

export function emptyState(scenario: string): EmulatorState {
  return { schemaVersion: 1, scenario, settings: defaultSettings(), projects: {} };
}

export function projectOf(state: EmulatorState, projectId: string): ProjectState {
  state.projects[projectId] ??= emptyProject();
  return state.projects[projectId];
}
