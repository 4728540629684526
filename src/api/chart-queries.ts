// Charts (project-wide: v2/charts carries the project in X-Project-Id) and releases (cluster-scoped: nested under
// the cluster's key).
import { queryOptions } from '@tanstack/react-query';
import { chartOperations, type UploadChartBody } from '../contract/charts.ts';
import {
  releaseOperations,
  transitionalReleaseStatuses,
  type CreateReleaseBody,
  type ListReleasesQuery,
  type Release,
  type ReleaseList,
  type UpdateReleaseBody,
} from '../contract/releases.ts';
import { apiFetch } from './api-fetch.ts';
import { useApiMutation } from './api-mutation.ts';
import { clusterQueries, projectKey } from './cluster-queries.ts';
import { inStates, pollWhile } from './polling.ts';

export const chartQueries = {
  all: (projectId: string) => [...projectKey(projectId), 'charts'] as const,
  list: (projectId: string) =>
    queryOptions({
      queryKey: [...chartQueries.all(projectId), 'list'] as const,
      queryFn: ({ signal }) => apiFetch(chartOperations.listCharts, { signal }),
    }),
  detail: (projectId: string, chartId: string) =>
    queryOptions({
      queryKey: [...chartQueries.all(projectId), 'detail', chartId] as const,
      queryFn: ({ signal }) => apiFetch(chartOperations.getChart, { params: { chart_id: chartId }, signal }),
    }),
  values: (projectId: string, chartId: string) =>
    queryOptions({
      queryKey: [...chartQueries.all(projectId), 'detail', chartId, 'values'] as const,
      queryFn: ({ signal }) => apiFetch(chartOperations.getChartValues, { params: { chart_id: chartId }, signal }),
    }),
  quotas: (projectId: string) =>
    queryOptions({
      queryKey: [...chartQueries.all(projectId), 'quotas'] as const,
      queryFn: ({ signal }) => apiFetch(chartOperations.getChartQuotas, { params: { project_id: projectId }, signal }),
    }),
};

const releaseBusy = (release: Release) => inStates(transitionalReleaseStatuses, release.status);

export const releaseQueries = {
  all: (projectId: string, clusterId: string) => [...clusterQueries.scope(projectId, clusterId), 'releases'] as const,
  list: (projectId: string, clusterId: string, query: ListReleasesQuery = {}) =>
    queryOptions({
      queryKey: [...releaseQueries.all(projectId, clusterId), 'list', query] as const,
      queryFn: ({ signal }) => apiFetch(releaseOperations.listReleases, { params: { cluster_id: clusterId }, query, signal }),
      refetchInterval: pollWhile((data: ReleaseList) => data.some(releaseBusy)),
    }),
  detail: (projectId: string, clusterId: string, namespace: string, name: string) =>
    queryOptions({
      queryKey: [...releaseQueries.all(projectId, clusterId), 'detail', namespace, name] as const,
      queryFn: ({ signal }) => apiFetch(releaseOperations.getRelease, { params: { cluster_id: clusterId, namespace, name }, signal }),
      refetchInterval: pollWhile(releaseBusy),
    }),
  history: (projectId: string, clusterId: string, namespace: string, name: string) =>
    queryOptions({
      queryKey: [...releaseQueries.all(projectId, clusterId), 'detail', namespace, name, 'history'] as const,
      queryFn: ({ signal }) =>
        apiFetch(releaseOperations.getReleaseHistory, { params: { cluster_id: clusterId, namespace, name }, signal }),
    }),
};

export function useUploadChart(projectId: string) {
  return useApiMutation({
    operation: chartOperations.uploadChart,
    request: (body: UploadChartBody) => ({ body }),
    invalidates: () => [chartQueries.all(projectId)],
  });
}

export function useUpdateChart(projectId: string) {
  return useApiMutation({
    operation: chartOperations.updateChart,
    request: ({ chartId, body }: { chartId: string; body: UploadChartBody }) => ({ params: { chart_id: chartId }, body }),
    invalidates: () => [chartQueries.all(projectId)],
  });
}

export function useDeleteChart(projectId: string) {
  return useApiMutation({
    operation: chartOperations.deleteChart,
    request: (chartId: string) => ({ params: { chart_id: chartId } }),
    invalidates: () => [chartQueries.all(projectId)],
  });
}

export function useCreateRelease(projectId: string, clusterId: string) {
  return useApiMutation({
    operation: releaseOperations.createRelease,
    request: (body: CreateReleaseBody) => ({ params: { cluster_id: clusterId }, body }),
    invalidates: () => [releaseQueries.all(projectId, clusterId)],
  });
}

export function useUpdateRelease(projectId: string, clusterId: string) {
  return useApiMutation({
    operation: releaseOperations.updateRelease,
    request: ({ namespace, name, body }: { namespace: string; name: string; body: UpdateReleaseBody }) => ({
      params: { cluster_id: clusterId, namespace, name },
      body,
    }),
    invalidates: () => [releaseQueries.all(projectId, clusterId)],
  });
}

export function useDeleteRelease(projectId: string, clusterId: string) {
  return useApiMutation({
    operation: releaseOperations.deleteRelease,
    request: ({ namespace, name }: { namespace: string; name: string }) => ({ params: { cluster_id: clusterId, namespace, name } }),
    invalidates: () => [releaseQueries.all(projectId, clusterId)],
  });
}

/** The chart archive as a Blob, for a download link (not cached: bytes belong in a file, not in the query cache). */
export async function downloadChartArchive(chartId: string): Promise<Blob> {
  const bytes = await apiFetch(chartOperations.downloadChart, { params: { chart_id: chartId } });
  return new Blob([bytes], { type: 'application/gzip' });
}
