// /clusters: every cluster of the project with its phase; search, phase filter and sort live in the URL
// (?q=&phase=&sort=&order=); the list polls only while a cluster is transitional (clusterQueries.list), and the
// cluster quota warns before it runs out.
import { Anchor, Button, Group, NativeSelect, Skeleton, Stack, Text, TextInput, Title, UnstyledButton } from '@mantine/core';
import { Table } from '../../components/data-table.tsx';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { clusterQueries } from '../../api/cluster-queries.ts';
import { useConsoleConfig } from '../../api/console-queries.ts';
import { EmptyState } from '../../components/empty-state.tsx';
import { TableScroll } from '../../components/table-scroll.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { RelativeTime } from '../../components/relative-time.tsx';
import { clusterEndpointTypes, clusterPhases, type Cluster } from '../../contract/clusters.ts';
import { isKnownValue } from '../../contract/common.ts';
import type { MessageKey } from '../../i18n/en.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { clusterIdOf, clusterPath } from './cluster-detail-tabs.ts';
import {
  applyClusterListView,
  isFiltered,
  nextSort,
  readClusterListView,
  writeClusterListView,
  type ClusterListView,
  type ClusterSortKey,
} from './cluster-list-view.ts';
import { ClusterPhaseBadge } from './cluster-phase-badge.tsx';
import { ClusterQuotaSummary } from './cluster-quota-summary.tsx';
import classes from './cluster-list-page.module.css';

const columns: Array<{ sort: ClusterSortKey; label: MessageKey }> = [
  { sort: 'name', label: 'clusters.column.name' },
  { sort: 'phase', label: 'clusters.column.phase' },
  { sort: 'version', label: 'clusters.column.version' },
  { sort: 'platformVersion', label: 'clusters.column.platformVersion' },
  { sort: 'created', label: 'clusters.column.created' },
];

function SortableHeader({ column, view, onSort }: { column: (typeof columns)[number]; view: ClusterListView; onSort: (sort: ClusterSortKey) => void }) {
  const { t } = useI18n();
  const active = view.sort === column.sort;
  const ariaSort = active ? (view.order === 'asc' ? 'ascending' : 'descending') : 'none';
  return (
    <Table.Th scope="col" aria-sort={ariaSort}>
      <UnstyledButton className={classes.sortButton} onClick={() => onSort(column.sort)} data-active={active || undefined}>
        {t(column.label)}
        <span aria-hidden="true" className={classes.sortIcon}>
          {active ? (view.order === 'asc' ? '▲' : '▼') : '↕'}
        </span>
      </UnstyledButton>
    </Table.Th>
  );
}

function EndpointList({ cluster }: { cluster: Cluster }) {
  const { t } = useI18n();
  const endpoints = cluster.status?.endpoints ?? [];
  if (endpoints.length === 0) return <>—</>;
  return (
    <Stack gap={0}>
      {endpoints.map((endpoint) => (
        <Text key={`${endpoint.type ?? ''}-${endpoint.url}`} size="xs">
          <Text span size="xs" c="dimmed">
            {isKnownValue(clusterEndpointTypes, endpoint.type)
              ? t(`endpointType.${endpoint.type}`)
              : t('common.unknownValue', { value: endpoint.type ?? '—' })}
            :{' '}
          </Text>
          <Text span size="xs" ff="monospace" className={classes.url}>
            {endpoint.url}
          </Text>
        </Text>
      ))}
    </Stack>
  );
}

/** The search box keeps what is typed (a URL update may land a moment later) and follows the URL when it changes. */
function useSearchText(urlValue: string, write: (value: string) => void) {
  const [text, setText] = useState(urlValue);
  const [seen, setSeen] = useState(urlValue);
  if (urlValue !== seen) {
    setSeen(urlValue);
    setText(urlValue);
  }
  return [
    text,
    (value: string) => {
      setText(value);
      setSeen(value);
      write(value);
    },
  ] as const;
}

export function ClusterListPage() {
  const { t } = useI18n();
  const config = useConsoleConfig();
  const clusters = useQuery(clusterQueries.list(config.projectId));
  const [params, setParams] = useSearchParams();
  const view = readClusterListView(params);
  const update = (change: Partial<ClusterListView>) => setParams(writeClusterListView(params, change), { replace: true });
  const [searchText, setSearchText] = useSearchText(view.search, (search) => update({ search }));

  const createButton = (
    <Button component={Link} to="/clusters/new">
      {t('clusters.create')}
    </Button>
  );
  const all = clusters.data?.items ?? [];
  const rows = applyClusterListView(all, view);

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1}>{t('clusters.title')}</Title>
          <Text c="dimmed" size="sm">
            {t('clusters.description', { region: config.region })}
          </Text>
        </div>
        {all.length > 0 ? createButton : null}
      </Group>

      <ClusterQuotaSummary projectId={config.projectId} />

      {clusters.isPending ? (
        <Stack gap="xs" aria-busy="true" aria-label={t('clusters.loading')}>
          {[0, 1, 2].map((i) => (
            <Skeleton key={i} height={36} />
          ))}
        </Stack>
      ) : clusters.isError && !clusters.data ? (
        <ErrorAlert error={clusters.error} onRetry={() => void clusters.refetch()} />
      ) : all.length === 0 ? (
        <EmptyState title={t('clusters.empty.title')} body={t('clusters.empty.body')} action={createButton} />
      ) : (
        <>
          {clusters.isError ? <ErrorAlert error={clusters.error} onRetry={() => void clusters.refetch()} title={t('clusters.refreshFailed')} /> : null}
          <Group align="flex-end" gap="sm" role="search" aria-label={t('clusters.filters.label')}>
            <TextInput
              type="search"
              label={t('clusters.search.label')}
              placeholder={t('clusters.search.placeholder')}
              value={searchText}
              onChange={(event) => setSearchText(event.currentTarget.value)}
              w={280}
            />
            <NativeSelect
              label={t('clusters.filter.phase')}
              value={view.phase ?? ''}
              onChange={(event) => {
                const value = event.currentTarget.value;
                update({ phase: isKnownValue(clusterPhases, value) ? value : null });
              }}
              data={[{ value: '', label: t('clusters.filter.allPhases') }, ...clusterPhases.map((phase) => ({ value: phase, label: t(`phase.${phase}`) }))]}
              w={200}
            />
            {isFiltered(view) ? (
              <Button variant="subtle" onClick={() => update({ search: '', phase: null })}>
                {t('clusters.filters.clear')}
              </Button>
            ) : null}
          </Group>

          {rows.length === 0 ? (
            <EmptyState
              title={t('clusters.noMatch.title')}
              body={t('clusters.noMatch.body')}
              action={
                <Button variant="light" onClick={() => update({ search: '', phase: null })}>
                  {t('clusters.filters.clear')}
                </Button>
              }
            />
          ) : (
            <TableScroll minWidth={900} label={t('clusters.table.label')}>
              <Table striped highlightOnHover aria-label={t('clusters.table.label')}>
                <Table.Thead>
                  <Table.Tr>
                    {columns.map((column) => (
                      <SortableHeader key={column.sort} column={column} view={view} onSort={(sort) => update(nextSort(view, sort))} />
                    ))}
                    <Table.Th scope="col">{t('clusters.column.endpoints')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.map((cluster) => {
                    const alias = cluster.metadata.alias;
                    return (
                      <Table.Tr key={clusterIdOf(cluster)}>
                        <Table.Td className={classes.nowrap}>
                          <Anchor component={Link} to={clusterPath(clusterIdOf(cluster))} fw={500}>
                            {cluster.metadata.name}
                          </Anchor>
                          {alias && alias !== cluster.metadata.name ? (
                            <Text size="xs" c="dimmed">
                              {alias}
                            </Text>
                          ) : null}
                        </Table.Td>
                        <Table.Td className={classes.nowrap}>
                          <ClusterPhaseBadge phase={cluster.status?.phase} />
                        </Table.Td>
                        <Table.Td className={classes.nowrap}>{cluster.spec.version ?? '—'}</Table.Td>
                        <Table.Td className={classes.nowrap}>{cluster.spec.platformVersion ?? '—'}</Table.Td>
                        <Table.Td className={classes.nowrap}>
                          <RelativeTime value={cluster.metadata.creationTimestamp} />
                        </Table.Td>
                        <Table.Td>
                          <EndpointList cluster={cluster} />
                        </Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            </TableScroll>
          )}
          <Text size="xs" c="dimmed" aria-live="polite">
            {isFiltered(view) ? t('clusters.countFiltered', { shown: rows.length, count: all.length }) : t('clusters.count', { count: all.length })}
          </Text>
        </>
      )}
    </Stack>
  );
}
