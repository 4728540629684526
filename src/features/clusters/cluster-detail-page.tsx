// /clusters/:clusterId/:tab? — one cluster: Overview, Connection, Tags, Jobs, Settings, Delete. The tab is in the
// path (a link opens the same tab); the cluster polls while transitional (clusterQueries.detail). When a cluster
// that was being deleted answers 404, its delete job has finished: the page returns to the list.
import { Alert, Anchor, Badge, Code, Group, Skeleton, Stack, Tabs, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { Link, Navigate, useNavigate, useParams } from 'react-router';
import { isApiError } from '../../api/api-error.ts';
import { clusterQueries, quotaQueries } from '../../api/cluster-queries.ts';
import { useConsoleConfig } from '../../api/console-queries.ts';
import { EmptyState } from '../../components/empty-state.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { PageBreadcrumbs } from '../../components/page-breadcrumbs.tsx';
import { clusterDisplayName, type Cluster } from '../../contract/clusters.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { ClusterConnectionTab } from './cluster-connection-tab.tsx';
import { ClusterDeleteTab } from './cluster-delete-tab.tsx';
import { clusterDetailTabs, clusterPath, resolveClusterTab, type ClusterDetailTab } from './cluster-detail-tabs.ts';
import { ClusterJobsTab } from './cluster-jobs-tab.tsx';
import { ClusterOverviewTab } from './cluster-overview-tab.tsx';
import { ClusterPhaseBadge } from './cluster-phase-badge.tsx';
import { ClusterSettingsTab } from './cluster-settings-tab.tsx';
import { ClusterTagsTab } from './cluster-tags-tab.tsx';

function isGone(error: unknown): boolean {
  return isApiError(error) && error.status === 404;
}

/** A cluster in Deleting that now answers 404 is gone: say so, refresh the list and quota, go back to the list. */
function useReturnToListWhenDeleted(projectId: string, clusterId: string, last: Cluster | undefined, error: unknown) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const deletedName = last?.status?.phase === 'Deleting' && isGone(error) ? last.metadata.name : null;
  // once per deletion, also when Strict Mode runs the effect twice
  const announced = useRef<string | null>(null);
  useEffect(() => {
    if (!deletedName || announced.current === deletedName) return;
    announced.current = deletedName;
    notifications.show({ color: 'green', title: t('delete.done.title'), message: t('delete.done.body', { name: deletedName }) });
    queryClient.removeQueries({ queryKey: clusterQueries.scope(projectId, clusterId) });
    void queryClient.invalidateQueries({ queryKey: clusterQueries.lists(projectId) });
    void queryClient.invalidateQueries({ queryKey: quotaQueries.all(projectId) });
    void navigate('/clusters', { replace: true });
  }, [deletedName, navigate, projectId, clusterId, queryClient, t]);
}

function tabLabelKey(tab: ClusterDetailTab) {
  return `detail.tab.${tab}` as const;
}

function ClusterTabPanel({ tab, cluster, projectId }: { tab: ClusterDetailTab; cluster: Cluster; projectId: string }) {
  switch (tab) {
    case 'overview':
      return <ClusterOverviewTab cluster={cluster} projectId={projectId} />;
    case 'connection':
      return <ClusterConnectionTab cluster={cluster} projectId={projectId} />;
    case 'tags':
      return <ClusterTagsTab cluster={cluster} projectId={projectId} />;
    case 'jobs':
      return <ClusterJobsTab cluster={cluster} projectId={projectId} />;
    case 'settings':
      return <ClusterSettingsTab cluster={cluster} projectId={projectId} />;
    case 'delete':
      return <ClusterDeleteTab cluster={cluster} projectId={projectId} />;
  }
}

export function ClusterDetailPage() {
  const { t } = useI18n();
  const { clusterId = '', tab: segment } = useParams();
  const tab = resolveClusterTab(segment);
  const navigate = useNavigate();
  const config = useConsoleConfig();
  const detail = useQuery(clusterQueries.detail(config.projectId, clusterId));
  useReturnToListWhenDeleted(config.projectId, clusterId, detail.data, detail.error);

  const crumbs = (current?: string) => [
    { label: t('clusters.title'), to: '/clusters' },
    ...(current ? [{ label: current, to: clusterPath(clusterId) }] : []),
    ...(current && tab ? [{ label: t(tabLabelKey(tab)) }] : []),
  ];
  const breadcrumbLabel = t('common.breadcrumbs');

  if (tab === null) return <Navigate to={clusterPath(clusterId)} replace />;

  if (detail.isPending) {
    return (
      <Stack gap="md" aria-busy="true" aria-label={t('detail.loading')}>
        <PageBreadcrumbs label={breadcrumbLabel} items={crumbs()} />
        <Skeleton height={40} width="40%" />
        <Skeleton height={240} />
      </Stack>
    );
  }
  if (!detail.data) {
    return (
      <Stack gap="md">
        <PageBreadcrumbs label={breadcrumbLabel} items={crumbs(clusterId)} />
        {isGone(detail.error) ? (
          <EmptyState
            title={t('detail.notFound.title')}
            body={t('detail.notFound.body', { id: clusterId })}
            action={
              <Anchor component={Link} to="/clusters">
                {t('common.backToClusters')}
              </Anchor>
            }
          />
        ) : (
          <ErrorAlert error={detail.error} onRetry={() => void detail.refetch()} />
        )}
      </Stack>
    );
  }

  const cluster = detail.data;
  const name = clusterDisplayName(cluster);
  const deleting = cluster.status?.phase === 'Deleting';
  return (
    <Stack gap="md">
      <PageBreadcrumbs label={breadcrumbLabel} items={crumbs(name)} />
      <Group justify="space-between" align="flex-start" gap="sm">
        <Stack gap={4}>
          <Group gap="sm" align="center">
            <Title order={1}>{name}</Title>
            <ClusterPhaseBadge phase={cluster.status?.phase} />
          </Group>
          <Group gap="xs">
            {name !== cluster.metadata.name ? (
              <Text size="sm" c="dimmed">
                {t('detail.nameLine', { name: cluster.metadata.name })}
              </Text>
            ) : null}
            {cluster.spec.version ? (
              <Badge variant="outline" color="gray" tt="none">
                {cluster.spec.version}
              </Badge>
            ) : null}
            {cluster.metadata.uid ? (
              <Text size="xs" c="dimmed">
                {t('detail.id')}: <Code>{cluster.metadata.uid}</Code>
              </Text>
            ) : null}
          </Group>
        </Stack>
      </Group>

      {detail.isError && !isGone(detail.error) ? (
        <ErrorAlert error={detail.error} title={t('detail.refreshFailed')} onRetry={() => void detail.refetch()} />
      ) : null}
      {deleting ? (
        <Alert color="orange" variant="light" title={t('detail.deleting.title')}>
          <Text size="sm">
            {t('detail.deleting.body')}{' '}
            {tab !== 'delete' ? (
              <Anchor component={Link} to={clusterPath(clusterId, 'delete')} size="sm">
                {t('detail.deleting.progress')}
              </Anchor>
            ) : null}
          </Text>
        </Alert>
      ) : null}

      <Tabs value={tab} onChange={(value) => {
        const next = resolveClusterTab(value ?? undefined);
        if (next) void navigate(clusterPath(clusterId, next));
      }}>
        <Tabs.List aria-label={t('detail.tabs')}>
          {clusterDetailTabs.map((value) => (
            <Tabs.Tab key={value} value={value} color={value === 'delete' ? 'red' : undefined}>
              {t(tabLabelKey(value))}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {clusterDetailTabs.map((value) => (
          <Tabs.Panel key={value} value={value} pt="md">
            {value === tab ? <ClusterTabPanel tab={value} cluster={cluster} projectId={config.projectId} /> : null}
          </Tabs.Panel>
        ))}
      </Tabs>
    </Stack>
  );
}
