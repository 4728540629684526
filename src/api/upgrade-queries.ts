// Upgrade: global paths and feature gates; per cluster (nested under the cluster's key) the upgrade info, the
// task histories of each kind, and the workflows.
import { queryOptions } from '@tanstack/react-query';
import { transitionalPrecheckStatuses, transitionalSnapshotStatuses } from '../contract/upgrade-checks.ts';
import type { CreatePostcheckBody, CreatePrecheckBody, PrecheckTask } from '../contract/upgrade-checks.ts';
import { transitionalPointStatuses, transitionalWorkflowPhases } from '../contract/upgrade-workflows.ts';
import type { CreateUpgradeWorkflowBody, UpdateUpgradeWorkflowBody, UpgradeWorkflow } from '../contract/upgrade-workflows.ts';
import {
  transitionalUpgradeInfoPhases,
  transitionalUpgradeTaskStatuses,
  upgradeOperations,
  type UpgradeClusterBody,
  type UpgradeInfo,
  type UpgradeTask,
} from '../contract/upgrade.ts';
import { apiFetch } from './api-fetch.ts';
import { useApiMutation } from './api-mutation.ts';
import { clusterQueries, projectKey } from './cluster-queries.ts';
import { inStates, pollWhile } from './polling.ts';

const cluster = (projectId: string, clusterId: string) => ({ project_id: projectId, cluster_id: clusterId });

const workflowBusy = (w: UpgradeWorkflow) =>
  inStates(transitionalWorkflowPhases, w.status.phase) || w.status.pointStatuses.some((p) => inStates(transitionalPointStatuses, p.status));

export const upgradeQueries = {
  global: (projectId: string) => [...projectKey(projectId), 'upgrade'] as const,
  paths: (projectId: string) =>
    queryOptions({
      queryKey: [...upgradeQueries.global(projectId), 'paths'] as const,
      queryFn: ({ signal }) => apiFetch(upgradeOperations.listUpgradePaths, { signal }),
      staleTime: 10 * 60_000,
    }),
  featureGates: (projectId: string) =>
    queryOptions({
      queryKey: [...upgradeQueries.global(projectId), 'feature-gates'] as const,
      queryFn: ({ signal }) => apiFetch(upgradeOperations.listUpgradeFeatureGates, { signal }),
      staleTime: 10 * 60_000,
    }),
  /** Every upgrade query of one cluster. */
  all: (projectId: string, clusterId: string) => [...clusterQueries.scope(projectId, clusterId), 'upgrade'] as const,
  info: (projectId: string, clusterId: string) =>
    queryOptions({
      queryKey: [...upgradeQueries.all(projectId, clusterId), 'info'] as const,
      queryFn: ({ signal }) => apiFetch(upgradeOperations.getUpgradeInfo, { params: cluster(projectId, clusterId), signal }),
      refetchInterval: pollWhile((data: UpgradeInfo) => inStates(transitionalUpgradeInfoPhases, data.status?.phase)),
    }),
  upgradeTasks: (projectId: string, clusterId: string) =>
    queryOptions({
      queryKey: [...upgradeQueries.all(projectId, clusterId), 'upgrade-tasks'] as const,
      queryFn: ({ signal }) => apiFetch(upgradeOperations.listUpgradeTasks, { params: cluster(projectId, clusterId), signal }),
      refetchInterval: pollWhile((data: { items: UpgradeTask[] }) => data.items.some((t) => inStates(transitionalUpgradeTaskStatuses, t.status?.phase))),
    }),
  upgradeTask: (projectId: string, clusterId: string, taskId: string) =>
    queryOptions({
      queryKey: [...upgradeQueries.all(projectId, clusterId), 'upgrade-tasks', taskId] as const,
      queryFn: ({ signal }) =>
        apiFetch(upgradeOperations.getUpgradeTask, { params: { ...cluster(projectId, clusterId), task_id: taskId }, signal }),
      refetchInterval: pollWhile((data: UpgradeTask) => inStates(transitionalUpgradeTaskStatuses, data.status?.phase)),
    }),
  precheckTasks: (projectId: string, clusterId: string) =>
    queryOptions({
      queryKey: [...upgradeQueries.all(projectId, clusterId), 'precheck-tasks'] as const,
      queryFn: ({ signal }) => apiFetch(upgradeOperations.listPrecheckTasks, { params: cluster(projectId, clusterId), signal }),
      refetchInterval: pollWhile((data: { items: PrecheckTask[] }) => data.items.some((t) => inStates(transitionalPrecheckStatuses, t.status.phase))),
    }),
  precheckTask: (projectId: string, clusterId: string, taskId: string) =>
    queryOptions({
      queryKey: [...upgradeQueries.all(projectId, clusterId), 'precheck-tasks', taskId] as const,
      queryFn: ({ signal }) =>
        apiFetch(upgradeOperations.getPrecheckTask, { params: { ...cluster(projectId, clusterId), task_id: taskId }, signal }),
      refetchInterval: pollWhile((data: PrecheckTask) => inStates(transitionalPrecheckStatuses, data.status.phase)),
    }),
  snapshotTasks: (projectId: string, clusterId: string) =>
    queryOptions({
      queryKey: [...upgradeQueries.all(projectId, clusterId), 'snapshot-tasks'] as const,
      queryFn: ({ signal }) => apiFetch(upgradeOperations.listSnapshotTasks, { params: cluster(projectId, clusterId), signal }),
      refetchInterval: pollWhile((data: { items: Array<{ status?: { phase?: string | null } | null }> }) =>
        data.items.some((t) => inStates(transitionalSnapshotStatuses, t.status?.phase)),
      ),
    }),
  workflows: (projectId: string, clusterId: string) =>
    queryOptions({
      queryKey: [...upgradeQueries.all(projectId, clusterId), 'workflows'] as const,
      queryFn: ({ signal }) => apiFetch(upgradeOperations.listUpgradeWorkflows, { params: cluster(projectId, clusterId), signal }),
      refetchInterval: pollWhile((data: { items: UpgradeWorkflow[] }) => data.items.some(workflowBusy)),
    }),
  workflow: (projectId: string, clusterId: string, workflowId: string) =>
    queryOptions({
      queryKey: [...upgradeQueries.all(projectId, clusterId), 'workflows', workflowId] as const,
      queryFn: ({ signal }) =>
        apiFetch(upgradeOperations.getUpgradeWorkflow, {
          params: { ...cluster(projectId, clusterId), upgrade_workflow_id: workflowId },
          signal,
        }),
      refetchInterval: pollWhile(workflowBusy),
    }),
};

/** Every upgrade write refreshes the cluster (phase, version) and all its upgrade queries. */
const upgradeWrites = (projectId: string, clusterId: string) => () => [clusterQueries.scope(projectId, clusterId), clusterQueries.lists(projectId)];

export function useUpgradeCluster(projectId: string, clusterId: string) {
  return useApiMutation({
    operation: upgradeOperations.upgradeCluster,
    request: (body: UpgradeClusterBody) => ({ params: cluster(projectId, clusterId), body }),
    invalidates: upgradeWrites(projectId, clusterId),
  });
}

export function useRetryUpgradeTask(projectId: string, clusterId: string) {
  return useApiMutation({
    operation: upgradeOperations.retryUpgradeTask,
    request: () => ({ params: cluster(projectId, clusterId) }),
    invalidates: upgradeWrites(projectId, clusterId),
  });
}

export function useCreatePrecheck(projectId: string, clusterId: string) {
  return useApiMutation({
    operation: upgradeOperations.createPrecheck,
    request: (body: CreatePrecheckBody) => ({ params: cluster(projectId, clusterId), body }),
    invalidates: upgradeWrites(projectId, clusterId),
  });
}

export function useCreatePostcheck(projectId: string, clusterId: string) {
  return useApiMutation({
    operation: upgradeOperations.createPostcheck,
    request: (body: CreatePostcheckBody) => ({ params: cluster(projectId, clusterId), body }),
    invalidates: upgradeWrites(projectId, clusterId),
  });
}

export function useCreateClusterSnapshot(projectId: string, clusterId: string) {
  return useApiMutation({
    operation: upgradeOperations.createClusterSnapshot,
    request: () => ({ params: cluster(projectId, clusterId) }),
    invalidates: upgradeWrites(projectId, clusterId),
  });
}

export function useCreateUpgradeWorkflow(projectId: string, clusterId: string) {
  return useApiMutation({
    operation: upgradeOperations.createUpgradeWorkflow,
    request: (body: CreateUpgradeWorkflowBody) => ({ params: cluster(projectId, clusterId), body }),
    invalidates: upgradeWrites(projectId, clusterId),
  });
}

export function useUpdateUpgradeWorkflow(projectId: string, clusterId: string, workflowId: string) {
  return useApiMutation({
    operation: upgradeOperations.updateUpgradeWorkflow,
    request: (body: UpdateUpgradeWorkflowBody) => ({ params: { ...cluster(projectId, clusterId), upgrade_workflow_id: workflowId }, body }),
    invalidates: upgradeWrites(projectId, clusterId),
  });
}
