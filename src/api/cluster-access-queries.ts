// Cluster access (seed 4.1.6, 4.1.8, 4.1.9): the API server endpoints (nested under the cluster's key), the EIP
// binding and the kubeconfig.
import { queryOptions } from '@tanstack/react-query';
import { clusterAccessOperations, type CreateClusterCertBody, type UpdateClusterEipBody } from '../contract/cluster-access.ts';
import { apiFetch } from './api-fetch.ts';
import { useApiMutation } from './api-mutation.ts';
import { clusterQueries } from './cluster-queries.ts';

export const clusterAccessQueries = {
  endpoints: (projectId: string, clusterId: string) =>
    queryOptions({
      queryKey: [...clusterQueries.scope(projectId, clusterId), 'endpoints'] as const,
      queryFn: ({ signal }) =>
        apiFetch(clusterAccessOperations.getClusterEndpoints, { params: { project_id: projectId, cluster_id: clusterId }, signal }),
    }),
};

/** The kubeconfig is created on demand (POST), not cached: nothing to invalidate. */
export function useCreateClusterCert(projectId: string, clusterId: string) {
  return useApiMutation({
    operation: clusterAccessOperations.createClusterCert,
    request: (body: CreateClusterCertBody) => ({ params: { project_id: projectId, cluster_id: clusterId }, body }),
    invalidates: () => [],
  });
}

export function useUpdateClusterEip(projectId: string, clusterId: string) {
  return useApiMutation({
    operation: clusterAccessOperations.updateClusterEip,
    request: (body: UpdateClusterEipBody) => ({ params: { project_id: projectId, cluster_id: clusterId }, body }),
    invalidates: () => [clusterQueries.scope(projectId, clusterId), clusterQueries.lists(projectId)],
  });
}
