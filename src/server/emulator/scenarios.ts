// Named starting states for tests and demos. `demo` runs every resource's seeder in order; `empty` has nothing.
import type { Seeder } from './handler.ts';
import { seedDemoAddons } from './resources/addons.ts';
import { seedDemoCharts } from './resources/charts.ts';
import { seedDemoClusters } from './resources/clusters.ts';
import { seedDemoJobs } from './resources/jobs.ts';
import { seedDemoReleases } from './resources/releases.ts';
import { seedDemoUpgrade } from './resources/upgrade.ts';
import { emptyState, projectOf, type EmulatorState } from './state.ts';

export type ScenarioContext = { projectId: string; region: string; now: number };

const demoSeeders: readonly Seeder[] = [seedDemoClusters, seedDemoJobs, seedDemoAddons, seedDemoUpgrade, seedDemoCharts, seedDemoReleases];

function demo({ projectId, region, now }: ScenarioContext): EmulatorState {
  const state = emptyState('demo');
  projectOf(state, projectId);
  for (const seed of demoSeeders) seed({ state, projectId, region, now });
  return state;
}

function empty({ projectId }: ScenarioContext): EmulatorState {
  const state = emptyState('empty');
  projectOf(state, projectId);
  return state;
}

export const scenarios = { demo, empty } as const;
export type ScenarioName = keyof typeof scenarios;

export function isScenarioName(name: string): name is ScenarioName {
  return Object.hasOwn(scenarios, name);
}
