// Clusters (seed 4.1.1-4.1.5) in the emulator: the object factory and the handlers.
import { randomUUID } from 'node:crypto';
import type { ClusterPhase } from '../../../contract/clusters.ts';
import { cceErrorCodes } from '../../../contract/errors.ts';
import { notFound } from '../errors.ts';
import type { Handlers } from '../handler.ts';
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
