// Named starting states for tests and demos.
import { makeCluster } from './resources/clusters.ts';
import { emptyProject, type EmulatorState } from './state.ts';

export type ScenarioContext = { projectId: string; region: string; now: number };

const HOUR = 3600_000;
const DAY = 24 * HOUR;

function demo({ projectId, region, now }: ScenarioContext): EmulatorState {
  const project = emptyProject();
  const clusters = [
    makeCluster(
      { name: 'prod-payments', alias: 'payments-prod', description: 'Payments API, production', version: 'v1.31', platformVersion: 'cce.3.0', phase: 'Available', region },
      now - 40 * DAY,
    ),
    makeCluster(
      { name: 'legacy-portal', description: 'Customer portal, waiting for its upgrade', version: 'v1.28', platformVersion: 'cce.6.0', phase: 'Available', region },
      now - 200 * DAY,
    ),
    makeCluster(
      { name: 'staging-api', description: 'Staging', version: 'v1.31', platformVersion: 'cce.3.0', phase: 'Creating', region },
      now - 2 * 60_000,
    ),
    makeCluster(
      {
        name: 'analytics-batch',
        description: 'Nightly batch jobs',
        version: 'v1.30',
        platformVersion: 'cce.4.1',
        phase: 'Unavailable',
        reason: 'ControlPlaneUnhealthy',
        message: 'kube-apiserver of the cluster does not respond; delete the cluster and create it again',
        region,
      },
      now - 9 * DAY,
    ),
  ];
  for (const cluster of clusters) project.clusters[cluster.metadata.uid ?? cluster.metadata.name] = cluster;
  return { schemaVersion: 1, scenario: 'demo', projects: { [projectId]: project } };
}

function empty({ projectId }: ScenarioContext): EmulatorState {
  return { schemaVersion: 1, scenario: 'empty', projects: { [projectId]: emptyProject() } };
}

export const scenarios = { demo, empty } as const;
export type ScenarioName = keyof typeof scenarios;

export function isScenarioName(name: string): name is ScenarioName {
  return Object.hasOwn(scenarios, name);
}
