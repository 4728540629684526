// The cluster quota on the list: "4 of 5 used", a bar, and a warning while one more cluster still fits.
import { Alert, Anchor, Group, Paper, Progress, Skeleton, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { quotaQueries } from '../../api/cluster-queries.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { clusterQuotaOf, quotaLevel, quotaPercent, type QuotaLevel } from './quota-usage.ts';

export const quotaLevelColor: Record<QuotaLevel, string> = { ok: 'blue', warning: 'yellow', full: 'red' };

export function ClusterQuotaSummary({ projectId }: { projectId: string }) {
  const { t } = useI18n();
  const quotas = useQuery(quotaQueries.list(projectId));
  if (quotas.isPending) return <Skeleton height={56} aria-label={t('quota.loading')} />;
  if (quotas.isError) return <ErrorAlert error={quotas.error} title={t('quota.loadFailed')} onRetry={() => void quotas.refetch()} />;
  const quota = clusterQuotaOf(quotas.data.quotas);
  if (!quota) return null;
  const level = quotaLevel(quota);
  const remaining = Math.max(0, quota.quotaLimit - quota.used);
  const usage = t('quota.clusterUsage', { used: quota.used, limit: quota.quotaLimit });
  return (
    <Paper withBorder p="sm" radius="md">
      <Stack gap="xs">
        <Group justify="space-between" gap="sm">
          <Text size="sm" fw={500}>
            {usage}
          </Text>
          <Anchor component={Link} to="/quotas" size="sm">
            {t('quota.viewAll')}
          </Anchor>
        </Group>
        <Progress value={quotaPercent(quota)} color={quotaLevelColor[level]} aria-label={t('quota.clusterBar')} size="sm" />
        {level === 'warning' ? (
          <Alert color="yellow" variant="light" p="xs" title={t('quota.warning.title')} role="status">
            {t('quota.warning.body', { remaining, used: quota.used, limit: quota.quotaLimit })}
          </Alert>
        ) : level === 'full' ? (
          <Alert color="red" variant="light" p="xs" title={t('quota.full.title')} role="status">
            {t('quota.full.body', { used: quota.used, limit: quota.quotaLimit })}
          </Alert>
        ) : null}
      </Stack>
    </Paper>
  );
}
