// Query factory for clusters: keys from generic to specific, so mutations invalidate by level.
import { queryOptions } from '@tanstack/react-query';
import {
  transitionalClusterPhases,
  type Cluster, type ClusterList, type ListClustersQuery } from '../contract/clusters.ts';
import { clusterOperations as operations } from '../contract/clusters.ts';
import { apiFetch } from './api-fetch.ts';
import { inStates, pollWhile } from './polling.ts';

export const clusterQueries = {
  all: (projectId: string) => ['projects', projectId, 'clusters'] as const,
  lists: (projectId: string) => [...clusterQueries.all(projectId), 'list'] as const,
  list: (projectId: string, query: ListClustersQuery = {}) =>
    queryOptions({
      queryKey: [...clusterQueries.lists(projectId), query] as const,
      queryFn: ({ signal }) => apiFetch(operations.listClusters, { params: { project_id: projectId }, query, signal }),
      refetchInterval: pollWhile((data: ClusterList) => data.items.some((c) => inStates(transitionalClusterPhases, c.status?.phase))),
    }),
  details: (projectId: string) => [...clusterQueries.all(projectId), 'detail'] as const,
  detail: (projectId: string, clusterId: string) =>
    queryOptions({
      queryKey: [...clusterQueries.details(projectId), clusterId] as const,
      queryFn: ({ signal }) => apiFetch(operations.getCluster, { params: { project_id: projectId, cluster_id: clusterId }, signal }),
      refetchInterval: pollWhile((data: Cluster) => inStates(transitionalClusterPhases, data.status?.phase)),
    }),
};
