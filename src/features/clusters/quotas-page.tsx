// /quotas: every quota getQuotas returns (seed 4.4.1), used against the limit, with the same warning levels as the
// cluster list's quota line.
import { Badge, Group, Progress, Skeleton, Stack, Text, Title } from '@mantine/core';
import { Table } from '../../components/data-table.tsx';
import { useQuery } from '@tanstack/react-query';
import { quotaQueries } from '../../api/cluster-queries.ts';
import { useConsoleConfig } from '../../api/console-queries.ts';
import { EmptyState } from '../../components/empty-state.tsx';
import { TableScroll } from '../../components/table-scroll.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { isKnownValue } from '../../contract/common.ts';
import { quotaKeys, quotaUnits, type QuotaResource } from '../../contract/quotas.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { quotaLevelColor } from './cluster-quota-summary.tsx';
import { quotaLevel, quotaPercent } from './quota-usage.ts';

function QuotaRow({ quota }: { quota: QuotaResource }) {
  const { t } = useI18n();
  const level = quotaLevel(quota);
  const name = isKnownValue(quotaKeys, quota.quotaKey) ? t(`quotas.key.${quota.quotaKey}`) : t('common.unknownValue', { value: quota.quotaKey });
  const unit = quota.unit ? (isKnownValue(quotaUnits, quota.unit) ? t(`quotas.unit.${quota.unit}`) : t('common.unknownValue', { value: quota.unit })) : '—';
  const scope = [quota.regionId, quota.availabilityZoneId].filter(Boolean).join(' / ') || '—';
  return (
    <Table.Tr>
      <Table.Th scope="row">
        <Text size="sm" fw={500}>
          {name}
        </Text>
        <Text size="xs" c="dimmed" ff="monospace">
          {quota.quotaKey}
        </Text>
      </Table.Th>
      <Table.Td>{scope}</Table.Td>
      <Table.Td>{quota.used}</Table.Td>
      <Table.Td>{quota.quotaLimit}</Table.Td>
      <Table.Td>{unit}</Table.Td>
      <Table.Td miw={180}>
        <Group gap="xs" wrap="nowrap">
          <Progress value={quotaPercent(quota)} color={quotaLevelColor[level]} aria-label={t('quotas.usageOf', { name })} w={120} />
          <Text size="xs">{quotaPercent(quota)}%</Text>
        </Group>
      </Table.Td>
      <Table.Td>
        {level === 'ok' ? null : (
          <Badge color={quotaLevelColor[level]} variant="light">
            {t(`quotas.level.${level}`)}
          </Badge>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

export function QuotasPage() {
  const { t } = useI18n();
  const config = useConsoleConfig();
  const quotas = useQuery(quotaQueries.list(config.projectId));
  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>{t('quotas.title')}</Title>
        <Text c="dimmed" size="sm">
          {t('quotas.description', { region: config.region })}
        </Text>
      </div>
      {quotas.isPending ? (
        <Skeleton height={120} aria-label={t('quota.loading')} />
      ) : quotas.isError ? (
        <ErrorAlert error={quotas.error} onRetry={() => void quotas.refetch()} />
      ) : quotas.data.quotas.length === 0 ? (
        <EmptyState title={t('quotas.empty')} />
      ) : (
        <TableScroll minWidth={720} label={t('quotas.tableLabel')}>
          <Table aria-label={t('quotas.tableLabel')} striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('quotas.column.quota')}</Table.Th>
                <Table.Th scope="col">{t('quotas.column.scope')}</Table.Th>
                <Table.Th scope="col">{t('quotas.column.used')}</Table.Th>
                <Table.Th scope="col">{t('quotas.column.limit')}</Table.Th>
                <Table.Th scope="col">{t('quotas.column.unit')}</Table.Th>
                <Table.Th scope="col">{t('quotas.column.usage')}</Table.Th>
                <Table.Th scope="col">{t('quotas.column.status')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {quotas.data.quotas.map((quota, index) => (
                <QuotaRow key={`${quota.quotaKey}-${quota.regionId ?? ''}-${quota.availabilityZoneId ?? ''}-${index}`} quota={quota} />
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>
      )}
    </Stack>
  );
}
