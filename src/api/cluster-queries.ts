// Query factories for clusters and what hangs off a cluster (jobs, quotas, tags), with their mutations. Access (API
// endpoints, EIP, kubeconfig) is in cluster-access-queries.ts, so the cluster list does not carry it.
// Keys go from generic to specific: ['projects', p, 'clusters', 'detail', id, …] so invalidating a cluster's detail
// also refreshes everything nested under it.
import { queryOptions } from '@tanstack/react-query';
import {
  clusterOperations,
  transitionalClusterPhases,
  type Cluster,
  type ClusterList,
  type CreateClusterBody,
  type DeleteClusterQuery,
  type ListClustersQuery,
  type UpdateClusterBody,
} from '../contract/clusters.ts';
import { jobOperations, transitionalJobPhases, type Job } from '../contract/jobs.ts';
import { quotaOperations } from '../contract/quotas.ts';
import { tagOperations, type BatchCreateClusterTagsBody, type BatchDeleteClusterTagsBody } from '../contract/tags.ts';
import { apiFetch } from './api-fetch.ts';
import { useApiMutation } from './api-mutation.ts';
import { inStates, pollWhile } from './polling.ts';

export const projectKey = (projectId: string) => ['projects', projectId] as const;

export const clusterQueries = {
  all: (projectId: string) => [...projectKey(projectId), 'clusters'] as const,
  lists: (projectId: string) => [...clusterQueries.all(projectId), 'list'] as const,
  list: (projectId: string, query: ListClustersQuery = {}) =>
    queryOptions({
      queryKey: [...clusterQueries.lists(projectId), query] as const,
      queryFn: ({ signal }) => apiFetch(clusterOperations.listClusters, { params: { project_id: projectId }, query, signal }),
      refetchInterval: pollWhile((data: ClusterList) => data.items.some((c) => inStates(transitionalClusterPhases, c.status?.phase))),
    }),
  details: (projectId: string) => [...clusterQueries.all(projectId), 'detail'] as const,
  /** The key every cluster-scoped resource nests under. */
  scope: (projectId: string, clusterId: string) => [...clusterQueries.details(projectId), clusterId] as const,
  detail: (projectId: string, clusterId: string) =>
    queryOptions({
      queryKey: [...clusterQueries.scope(projectId, clusterId), 'object'] as const,
      queryFn: ({ signal }) =>
        apiFetch(clusterOperations.getCluster, { params: { project_id: projectId, cluster_id: clusterId }, query: { detail: 'true' }, signal }),
      refetchInterval: pollWhile((data: Cluster) => inStates(transitionalClusterPhases, data.status?.phase)),
    }),
};

export const jobQueries = {
  all: (projectId: string) => [...projectKey(projectId), 'jobs'] as const,
  detail: (projectId: string, jobId: string) =>
    queryOptions({
      queryKey: [...jobQueries.all(projectId), jobId] as const,
      queryFn: ({ signal }) => apiFetch(jobOperations.getJob, { params: { project_id: projectId, job_id: jobId }, signal }),
      refetchInterval: pollWhile((data: Job) => inStates(transitionalJobPhases, data.status?.phase)),
    }),
};

export const quotaQueries = {
  all: (projectId: string) => [...projectKey(projectId), 'quotas'] as const,
  list: (projectId: string) =>
    queryOptions({
      queryKey: [...quotaQueries.all(projectId), 'list'] as const,
      queryFn: ({ signal }) => apiFetch(quotaOperations.getQuotas, { params: { project_id: projectId }, signal }),
    }),
};

export function useCreateCluster(projectId: string) {
  return useApiMutation({
    operation: clusterOperations.createCluster,
    request: (body: CreateClusterBody) => ({ params: { project_id: projectId }, body }),
    invalidates: () => [clusterQueries.lists(projectId), quotaQueries.all(projectId)],
  });
}

export function useUpdateCluster(projectId: string, clusterId: string) {
  return useApiMutation({
    operation: clusterOperations.updateCluster,
    request: (body: UpdateClusterBody) => ({ params: { project_id: projectId, cluster_id: clusterId }, body }),
    invalidates: () => [clusterQueries.lists(projectId), clusterQueries.scope(projectId, clusterId)],
  });
}

export function useDeleteCluster(projectId: string, clusterId: string) {
  return useApiMutation({
    operation: clusterOperations.deleteCluster,
    request: (query: DeleteClusterQuery) => ({ params: { project_id: projectId, cluster_id: clusterId }, query }),
    invalidates: () => [clusterQueries.lists(projectId), clusterQueries.scope(projectId, clusterId), quotaQueries.all(projectId)],
  });
}

export function useBatchCreateClusterTags(projectId: string, clusterId: string) {
  return useApiMutation({
    operation: tagOperations.batchCreateClusterTags,
    request: (body: BatchCreateClusterTagsBody) => ({ params: { project_id: projectId, cluster_id: clusterId }, body }),
    invalidates: () => [clusterQueries.scope(projectId, clusterId), clusterQueries.lists(projectId)],
  });
}

export function useBatchDeleteClusterTags(projectId: string, clusterId: string) {
  return useApiMutation({
    operation: tagOperations.batchDeleteClusterTags,
    request: (body: BatchDeleteClusterTagsBody) => ({ params: { project_id: projectId, cluster_id: clusterId }, body }),
    invalidates: () => [clusterQueries.scope(projectId, clusterId), clusterQueries.lists(projectId)],
  });
}
