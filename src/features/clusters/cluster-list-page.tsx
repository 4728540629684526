// /clusters: every cluster of the project with its phase; polls only while one is transitional.
import { Anchor, Button, Group, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { clusterQueries } from '../../api/cluster-queries.ts';
import { useConsoleConfig } from '../../api/console-queries.ts';
import { EmptyState } from '../../components/empty-state.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { RelativeTime } from '../../components/relative-time.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { ClusterPhaseBadge } from './cluster-phase-badge.tsx';

export function ClusterListPage() {
  const { t } = useI18n();
  const config = useConsoleConfig();
  const clusters = useQuery(clusterQueries.list(config.projectId));

  const createButton = (
    <Button component={Link} to="/clusters/new">
      {t('clusters.create')}
    </Button>
  );

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1}>{t('clusters.title')}</Title>
          <Text c="dimmed" size="sm">
            {t('clusters.description', { region: config.region })}
          </Text>
        </div>
        {clusters.data && clusters.data.items.length > 0 ? createButton : null}
      </Group>

      {clusters.isPending ? (
        <Stack gap="xs" aria-busy="true" aria-label={t('clusters.loading')}>
          {[0, 1, 2].map((i) => (
            <Skeleton key={i} height={36} />
          ))}
        </Stack>
      ) : clusters.isError ? (
        <ErrorAlert error={clusters.error} onRetry={() => void clusters.refetch()} />
      ) : clusters.data.items.length === 0 ? (
        <EmptyState title={t('clusters.empty.title')} body={t('clusters.empty.body')} action={createButton} />
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table striped highlightOnHover aria-label={t('clusters.table.label')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('clusters.column.name')}</Table.Th>
                <Table.Th scope="col">{t('clusters.column.phase')}</Table.Th>
                <Table.Th scope="col">{t('clusters.column.version')}</Table.Th>
                <Table.Th scope="col">{t('clusters.column.platformVersion')}</Table.Th>
                <Table.Th scope="col">{t('clusters.column.created')}</Table.Th>
                <Table.Th scope="col">{t('clusters.column.endpoints')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {clusters.data.items.map((cluster) => {
                const id = cluster.metadata.uid ?? cluster.metadata.name;
                const alias = cluster.metadata.alias;
                return (
                  <Table.Tr key={id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/clusters/${encodeURIComponent(id)}`} fw={500}>
                        {cluster.metadata.name}
                      </Anchor>
                      {alias && alias !== cluster.metadata.name ? (
                        <Text size="xs" c="dimmed">
                          {alias}
                        </Text>
                      ) : null}
                    </Table.Td>
                    <Table.Td>
                      <ClusterPhaseBadge phase={cluster.status?.phase} />
                    </Table.Td>
                    <Table.Td>{cluster.spec.version ?? '—'}</Table.Td>
                    <Table.Td>{cluster.spec.platformVersion ?? '—'}</Table.Td>
                    <Table.Td>
                      <RelativeTime value={cluster.metadata.creationTimestamp} />
                    </Table.Td>
                    <Table.Td>
                      {(cluster.status?.endpoints ?? []).length === 0 ? (
                        '—'
                      ) : (
                        <Stack gap={0}>
                          {(cluster.status?.endpoints ?? []).map((endpoint) => (
                            <Text key={endpoint.url} size="xs" ff="monospace">
                              {endpoint.url}
                            </Text>
                          ))}
                        </Stack>
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {clusters.data ? (
        <Text size="xs" c="dimmed" aria-live="polite">
          {t('clusters.count', { count: clusters.data.items.length })}
        </Text>
      ) : null}
    </Stack>
  );
}
