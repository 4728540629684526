// Add-on templates (global catalog) and add-on instances (cluster-scoped: nested under the cluster's key).
import { queryOptions } from '@tanstack/react-query';
import {
  addonOperations,
  transitionalAddonInstanceStatuses,
  type AddonInstance,
  type AddonInstanceList,
  type CreateAddonInstanceBody,
  type ListAddonTemplatesQuery,
  type RollbackAddonInstanceBody,
  type UpdateAddonInstanceBody,
} from '../contract/addons.ts';
import { apiFetch } from './api-fetch.ts';
import { useApiMutation } from './api-mutation.ts';
import { clusterQueries, projectKey } from './cluster-queries.ts';
import { inStates, pollWhile } from './polling.ts';

const instanceBusy = (instance: AddonInstance) => inStates(transitionalAddonInstanceStatuses, instance.status?.status);

export const addonQueries = {
  templates: (projectId: string) => [...projectKey(projectId), 'addon-templates'] as const,
  templateList: (projectId: string, query: ListAddonTemplatesQuery = {}) =>
    queryOptions({
      queryKey: [...addonQueries.templates(projectId), query] as const,
      queryFn: ({ signal }) => apiFetch(addonOperations.listAddonTemplates, { query, signal }),
      staleTime: 5 * 60_000,
    }),
  /** Every add-on query of one cluster. */
  all: (projectId: string, clusterId: string) => [...clusterQueries.scope(projectId, clusterId), 'addons'] as const,
  list: (projectId: string, clusterId: string) =>
    queryOptions({
      queryKey: [...addonQueries.all(projectId, clusterId), 'list'] as const,
      queryFn: ({ signal }) => apiFetch(addonOperations.listAddonInstances, { query: { cluster_id: clusterId }, signal }),
      refetchInterval: pollWhile((data: AddonInstanceList) => data.items.some(instanceBusy)),
    }),
  detail: (projectId: string, clusterId: string, instanceId: string) =>
    queryOptions({
      queryKey: [...addonQueries.all(projectId, clusterId), 'detail', instanceId] as const,
      queryFn: ({ signal }) =>
        apiFetch(addonOperations.getAddonInstance, { params: { id: instanceId }, query: { cluster_id: clusterId }, signal }),
      refetchInterval: pollWhile(instanceBusy),
    }),
};

export function useCreateAddonInstance(projectId: string, clusterId: string) {
  return useApiMutation({
    operation: addonOperations.createAddonInstance,
    request: (body: CreateAddonInstanceBody) => ({ body }),
    invalidates: () => [addonQueries.all(projectId, clusterId)],
  });
}

export function useUpdateAddonInstance(projectId: string, clusterId: string) {
  return useApiMutation({
    operation: addonOperations.updateAddonInstance,
    request: ({ id, body }: { id: string; body: UpdateAddonInstanceBody }) => ({ params: { id }, body }),
    invalidates: () => [addonQueries.all(projectId, clusterId)],
  });
}

export function useRollbackAddonInstance(projectId: string, clusterId: string) {
  return useApiMutation({
    operation: addonOperations.rollbackAddonInstance,
    request: ({ id, body }: { id: string; body: RollbackAddonInstanceBody }) => ({ params: { id }, body }),
    invalidates: () => [addonQueries.all(projectId, clusterId)],
  });
}

export function useDeleteAddonInstance(projectId: string, clusterId: string) {
  return useApiMutation({
    operation: addonOperations.deleteAddonInstance,
    request: (id: string) => ({ params: { id }, query: { cluster_id: clusterId } }),
    invalidates: () => [addonQueries.all(projectId, clusterId)],
  });
}
