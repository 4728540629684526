// One job (seed 4.1.7) with its sub-jobs: phase, a progress bar over the sub-jobs, the failure reason, and each step
// with its translated status and reason. The card reads the job itself — jobQueries.detail polls while the job runs
// and stops once it finished — and serves the Jobs and Delete tabs and the Overview while the cluster is Creating or
// Deleting. A job that is gone (job information is short-lived, line 886) says so instead of failing.
import { Alert, Code, Group, Progress, Skeleton, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { isApiError } from '../../api/api-error.ts';
import { jobQueries } from '../../api/cluster-queries.ts';
import { Table } from '../../components/data-table.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { RelativeTime } from '../../components/relative-time.tsx';
import { StatusBadge, type StatusTone } from '../../components/status-badge.tsx';
import { TableScroll } from '../../components/table-scroll.tsx';
import { isKnownValue } from '../../contract/common.ts';
import { flattenJobs, jobPhases, transitionalJobPhases, type Job, type JobPhase } from '../../contract/jobs.ts';
import { useI18n, type Translate } from '../../i18n/i18n.tsx';
import { jobProgress, labelledJobTypes } from './cluster-jobs.ts';
import { ClusterSection } from './cluster-section.tsx';

const jobTones: Record<JobPhase, StatusTone> = { Initializing: 'neutral', Running: 'progress', Failed: 'danger', Success: 'success' };

function JobPhaseBadge({ phase }: { phase: string | null | undefined }) {
  const { t } = useI18n();
  if (!isKnownValue(jobPhases, phase)) return <StatusBadge label={t('common.unknownValue', { value: phase ?? '—' })} tone="neutral" />;
  return <StatusBadge label={t(`jobPhase.${phase}`)} tone={jobTones[phase]} transitional={isKnownValue(transitionalJobPhases, phase)} />;
}

/** The job type is free text (table 4-124): the types the console knows get a label, any other says it is unknown. */
function jobTypeLabel(t: Translate, type: string | null | undefined): string {
  return isKnownValue(labelledJobTypes, type) ? t(`jobType.${type}`) : t('common.unknownValue', { value: type ?? '—' });
}

function JobBody({ job }: { job: Job }) {
  const { t } = useI18n();
  const type = jobTypeLabel(t, job.spec?.type);
  const progress = jobProgress(job);
  const subJobs = flattenJobs(job).filter(({ depth }) => depth > 0);
  const failed = job.status?.phase === 'Failed';
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
        <Progress
          size="lg"
          value={progress.percent}
          color={progress.failed ? 'red' : progress.percent === 100 ? 'green' : 'blue'}
          striped={!progress.failed && progress.percent < 100}
          animated={!progress.failed && progress.percent < 100}
          aria-label={t('jobs.progressLabel', { type })}
        />
        <Text size="sm" aria-live="polite">
          {t('jobs.progress', { finished: progress.finished, total: progress.total, percent: progress.percent })}
        </Text>
      </Stack>
      {failed ? (
        <Alert color="red" variant="light" title={t('jobs.failed')}>
          {job.status?.reason || t('jobs.noReason')}
        </Alert>
      ) : job.status?.reason ? (
        <Text size="sm">
          {t('jobs.reason')}: {job.status.reason}
        </Text>
      ) : null}
      {subJobs.length > 0 ? (
        <TableScroll minWidth={640} label={t('jobs.subJobsLabel', { type })}>
          <Table aria-label={t('jobs.subJobsLabel', { type })} striped verticalSpacing={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('jobs.subJob')}</Table.Th>
                <Table.Th scope="col">{t('jobs.phase')}</Table.Th>
                <Table.Th scope="col">{t('jobs.reason')}</Table.Th>
                <Table.Th scope="col">{t('jobs.resourceId')}</Table.Th>
                <Table.Th scope="col">{t('jobs.updated')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {subJobs.map(({ job: sub, depth }, index) => (
                <Table.Tr key={sub.metadata?.uid ?? index}>
                  <Table.Td style={{ paddingInlineStart: `calc(var(--mantine-spacing-sm) * ${depth})` }}>{jobTypeLabel(t, sub.spec?.type)}</Table.Td>
                  <Table.Td>
                    <JobPhaseBadge phase={sub.status?.phase} />
                  </Table.Td>
                  <Table.Td>{sub.status?.reason || '—'}</Table.Td>
                  <Table.Td>{sub.spec?.resourceID ? <Code>{sub.spec.resourceID}</Code> : '—'}</Table.Td>
                  <Table.Td>
                    <RelativeTime value={sub.metadata?.updateTimestamp} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>
      ) : null}
    </Stack>
  );
}

export function ClusterJobCard({ projectId, jobId, heading }: { projectId: string; jobId: string; heading?: string }) {
  const { t } = useI18n();
  const query = useQuery(jobQueries.detail(projectId, jobId));
  const title = heading ?? (query.data ? jobTypeLabel(t, query.data.spec?.type) : t('jobs.job'));
  return (
    <ClusterSection title={title} label={t('jobs.cardLabel', { id: jobId })} actions={<Code>{jobId}</Code>}>
      {query.isPending ? (
        <Skeleton height={60} />
      ) : query.data ? (
        <Stack gap="sm">
          {query.isError ? <ErrorAlert error={query.error} title={t('jobs.refreshFailed')} onRetry={() => void query.refetch()} /> : null}
          <JobBody job={query.data} />
        </Stack>
      ) : isApiError(query.error) && query.error.status === 404 ? (
        <Text size="sm" c="dimmed">
          {t('jobs.gone')}
        </Text>
      ) : (
        <ErrorAlert error={query.error} title={t('jobs.loadFailed')} onRetry={() => void query.refetch()} />
      )}
    </ClusterSection>
  );
}
