// One job (seed 4.1.7) with its sub-jobs: type, phase, progress, reason, times. The query polls while the job runs
// (jobQueries.detail); a job that is gone (job information is short-lived, line 886) says so instead of failing.
import { Code, Group, Paper, Progress, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import { isApiError } from '../../api/api-error.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { RelativeTime } from '../../components/relative-time.tsx';
import { StatusBadge, type StatusTone } from '../../components/status-badge.tsx';
import { isKnownValue } from '../../contract/common.ts';
import { flattenJobs, jobPhases, knownJobTypes, transitionalJobPhases, type Job, type JobPhase } from '../../contract/jobs.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { jobProgress } from './cluster-jobs.ts';

const jobTones: Record<JobPhase, StatusTone> = { Initializing: 'neutral', Running: 'progress', Failed: 'danger', Success: 'success' };

export function JobPhaseBadge({ phase }: { phase: string | null | undefined }) {
  const { t } = useI18n();
  if (!isKnownValue(jobPhases, phase)) return <StatusBadge label={t('common.unknownValue', { value: phase ?? '—' })} tone="neutral" />;
  return <StatusBadge label={t(`jobPhase.${phase}`)} tone={jobTones[phase]} transitional={isKnownValue(transitionalJobPhases, phase)} />;
}

/** The job type is free text (table 4-124); the documented ones get a label, any other shows as sent. */
function useJobTypeLabel() {
  const { t } = useI18n();
  return (type: string | null | undefined) => (isKnownValue(knownJobTypes, type) ? t(`jobType.${type}`) : (type ?? '—'));
}

function JobBody({ job }: { job: Job }) {
  const { t } = useI18n();
  const typeLabel = useJobTypeLabel();
  const progress = jobProgress(job);
  const subJobs = flattenJobs(job).filter(({ depth }) => depth > 0);
  return (
    <Stack gap="sm">
      <Group gap="md">
        <JobPhaseBadge phase={job.status?.phase} />
        <Text size="sm">
          {t('jobs.started')}: <RelativeTime value={job.metadata?.creationTimestamp} />
        </Text>
        <Text size="sm">
          {t('jobs.updated')}: <RelativeTime value={job.metadata?.updateTimestamp} />
        </Text>
        {job.spec?.resourceName ? (
          <Text size="sm">
            {t('jobs.resource')}: {job.spec.resourceName}
          </Text>
        ) : null}
      </Group>
      <Stack gap={4}>
        <Text size="sm">{t('jobs.progress', { finished: progress.finished, total: progress.total, percent: progress.percent })}</Text>
        <Progress
          value={progress.percent}
          color={progress.failed ? 'red' : progress.percent === 100 ? 'green' : 'blue'}
          animated={!progress.failed && progress.percent < 100}
          aria-label={t('jobs.progressLabel', { type: typeLabel(job.spec?.type) })}
        />
      </Stack>
      {job.status?.reason ? (
        <Text size="sm" c={job.status.phase === 'Failed' ? 'var(--mantine-color-red-text)' : undefined}>
          {t('jobs.reason')}: {job.status.reason}
        </Text>
      ) : null}
      {subJobs.length > 0 ? (
        <Table aria-label={t('jobs.subJobsLabel', { type: typeLabel(job.spec?.type) })} striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('jobs.subJob')}</Table.Th>
              <Table.Th scope="col">{t('jobs.phase')}</Table.Th>
              <Table.Th scope="col">{t('jobs.resourceId')}</Table.Th>
              <Table.Th scope="col">{t('jobs.updated')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {subJobs.map(({ job: sub, depth }, index) => (
              <Table.Tr key={sub.metadata?.uid ?? index}>
                <Table.Td style={{ paddingInlineStart: `calc(var(--mantine-spacing-sm) * ${depth})` }}>
                  {typeLabel(sub.spec?.type)}
                  {sub.status?.reason ? (
                    <Text size="xs" c="var(--mantine-color-red-text)">
                      {sub.status.reason}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td>
                  <JobPhaseBadge phase={sub.status?.phase} />
                </Table.Td>
                <Table.Td>{sub.spec?.resourceID ? <Code>{sub.spec.resourceID}</Code> : '—'}</Table.Td>
                <Table.Td>
                  <RelativeTime value={sub.metadata?.updateTimestamp} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : null}
    </Stack>
  );
}

export function ClusterJobCard({ jobId, query, heading }: { jobId: string; query: UseQueryResult<Job, unknown>; heading?: string }) {
  const { t } = useI18n();
  const typeLabel = useJobTypeLabel();
  const title = heading ?? (query.data ? typeLabel(query.data.spec?.type) : t('jobs.job'));
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label={t('jobs.cardLabel', { id: jobId })}>
      <Group justify="space-between" mb="sm" gap="xs">
        <Title order={3} size="h5">
          {title}
        </Title>
        <Code>{jobId}</Code>
      </Group>
      {query.isPending ? (
        <Skeleton height={60} />
      ) : query.data ? (
        <>
          {query.isError ? <ErrorAlert error={query.error} title={t('jobs.refreshFailed')} onRetry={() => void query.refetch()} /> : null}
          <JobBody job={query.data} />
        </>
      ) : isApiError(query.error) && query.error.status === 404 ? (
        <Text size="sm" c="dimmed">
          {t('jobs.gone')}
        </Text>
      ) : (
        <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />
      )}
    </Paper>
  );
}
