// Clusters (seed 4.1.1-4.1.5) in the emulator: the object factory and the handlers.
import { randomUUID } from 'node:crypto';
import type { ClusterPhase } from '../../../contract/clusters.ts';
import { cceErrorCodes } from '../../../contract/errors.ts';
import { notFound } from '../errors.ts';
import type { Handlers, Reconciler, Seeder } from '../handler.ts';
import { projectOf, type StoredCluster } from '../state.ts';
import { goUtcTime } from '../time-format.ts';

export type NewClusterInput = {
  name: string;
  alias?: string;
  description?: string;
  version: string;
  platformVersion: string;
  phase: ClusterPhase;
  region: string;
  reason?: string;
  message?: string;
  uid?: string;
};

export function makeCluster(input: NewClusterInput, now: number): StoredCluster {
  const uid = input.uid ?? randomUUID();
  const notAvailable = input.phase !== 'Available';
  return {
    kind: 'Cluster',
    apiVersion: 'v3',
    metadata: {
      name: input.name,
      uid,
      ...(input.alias ? { alias: input.alias } : {}),
      annotations: {},
      labels: { FeatureGates: 'elbv3,xGPU' },
      creationTimestamp: goUtcTime(now),
      updateTimestamp: goUtcTime(now),
    },
    spec: {
      category: 'Turbo',
      type: 'VirtualMachine',
      flavor: 'cce.autopilot.cluster',
      version: input.version,
      platformVersion: input.platformVersion,
      description: input.description ?? '',
      customSan: [],
      hostNetwork: { vpc: randomUUID(), subnet: randomUUID() },
      containerNetwork: { mode: 'eni' },
      eniNetwork: { subnets: [{ subnetID: randomUUID() }] },
      serviceNetwork: { IPv4CIDR: '10.247.0.0/16' },
      authentication: { mode: 'rbac' },
      billingMode: 0,
      kubernetesSvcIpRange: '10.247.0.0/16',
      clusterTags: [],
      kubeProxyMode: 'iptables',
      az: `${input.region}a`,
      extendParam: { enterpriseProjectId: '0' },
      enableSnat: true,
      enableSWRImageAccess: true,
    },
    status: {
      phase: input.phase,
      endpoints:
        input.phase === 'Creating'
          ? []
          : [{ url: `https://${uid}.cluster.cce.${input.region}.myhuaweicloud.com:5443`, type: 'Internal' }],
      ...(notAvailable && input.reason ? { reason: input.reason } : {}),
      ...(notAvailable && input.message ? { message: input.message } : {}),
    },
  };
}

export const clusterHandlers: Handlers = {
  listClusters: ({ state, projectId, query }) => {
    const clusters = Object.values(projectOf(state, projectId).clusters).filter(
      (c) =>
        (!query.status || c.status?.phase === query.status) &&
        (!query.type || c.spec.type === query.type) &&
        (!query.version || c.spec.version === query.version),
    );
    return { body: { kind: 'Cluster', apiVersion: 'v3', items: clusters } };
  },
  getCluster: ({ state, projectId, params }) => {
    const cluster = projectOf(state, projectId).clusters[params.cluster_id];
    if (!cluster) throw notFound(`cluster ${params.cluster_id} not found`, cceErrorCodes.notFound);
    return { body: cluster };
  },
};

export const reconcileClusters: Reconciler = () => false;

const DAY = 24 * 3600_000;

/** Demo scenario: four clusters in different phases (one more fits the default quota of five). */
export const seedDemoClusters: Seeder = ({ state, projectId, region, now }) => {
  const project = projectOf(state, projectId);
  const clusters = [
    makeCluster(
      { name: 'prod-payments', alias: 'payments-prod', description: 'Payments API, production', version: 'v1.31', platformVersion: 'cce.3.0', phase: 'Available', region },
      now - 40 * DAY,
    ),
    makeCluster(
      { name: 'legacy-portal', description: 'Customer portal, waiting for its upgrade', version: 'v1.28', platformVersion: 'cce.6.0', phase: 'Available', region },
      now - 200 * DAY,
    ),
    makeCluster({ name: 'staging-api', description: 'Staging', version: 'v1.31', platformVersion: 'cce.3.0', phase: 'Creating', region }, now - 2 * 60_000),
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
};
