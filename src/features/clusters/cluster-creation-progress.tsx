// The creation job of a new cluster (status.jobID, seed 4.1.7): its phase, a progress bar over its sub-jobs and
// each sub-job with its status. jobQueries.detail polls while the job runs and stops once it finished.
import { Alert, Code, Group, Progress, Skeleton, Stack, Table, Text, Title, type TitleOrder } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { jobQueries } from '../../api/cluster-queries.ts';
import { isKnownValue } from '../../contract/common.ts';
import { flattenJobs, isJobFinished, jobPhases, type Job, type JobPhase } from '../../contract/jobs.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { StatusBadge, type StatusTone } from '../../components/status-badge.tsx';
import { useI18n, type Translate } from '../../i18n/i18n.tsx';

const phaseTones: Record<JobPhase, StatusTone> = {
  Initializing: 'progress',
  Running: 'progress',
  Success: 'success',
  Failed: 'danger',
};

/** Job types the console names; the field is free text (seed 4.1.7), others show as unknown. */
const jobTypes = ['CreateCluster', 'InstallMaster', 'CreatePSMCert', 'InstallAddons'] as const;

function JobPhaseBadge({ phase }: { phase: string | null | undefined }) {
  const { t } = useI18n();
  if (!isKnownValue(jobPhases, phase)) {
    return <StatusBadge label={t('common.unknownValue', { value: phase ?? '—' })} tone="neutral" />;
  }
  return <StatusBadge label={t(`wizard.job.phase.${phase}`)} tone={phaseTones[phase]} transitional={!isJobFinished({ status: { phase } })} />;
}

function jobTypeLabel(t: Translate, type: string | null | undefined): string {
  return isKnownValue(jobTypes, type) ? t(`wizard.job.type.${type}`) : t('common.unknownValue', { value: type ?? '—' });
}

/**
 * Share of the job done, 0-100: finished sub-jobs count whole, a running one half; a finished job is 100. Without
 * sub-jobs only the job's own phase says anything.
 */
export function jobProgressPercent(job: Job): number {
  if (isJobFinished(job)) return 100;
  const subJobs = flattenJobs(job).slice(1);
  if (subJobs.length === 0) return 0;
  const done = subJobs.reduce(
    (sum, { job: sub }) => sum + (isJobFinished(sub) ? 1 : sub.status?.phase === 'Running' ? 0.5 : 0),
    0,
  );
  return Math.round((100 * done) / subJobs.length);
}

export function ClusterCreationProgress({
  projectId,
  jobId,
  titleOrder = 2,
}: {
  projectId: string;
  jobId: string;
  titleOrder?: TitleOrder;
}) {
  const { t } = useI18n();
  const job = useQuery(jobQueries.detail(projectId, jobId));
  const titleId = `creation-job-${jobId}`;

  return (
    <Stack gap="sm" component="section" aria-labelledby={titleId}>
      <Group justify="space-between">
        <Title order={titleOrder} id={titleId}>
          {t('wizard.job.title')}
        </Title>
        {job.data ? <JobPhaseBadge phase={job.data.status?.phase} /> : null}
      </Group>
      {job.isPending ? (
        <Skeleton height={60} />
      ) : job.isError ? (
        <ErrorAlert error={job.error} onRetry={() => void job.refetch()} title={t('wizard.job.loadFailed')} />
      ) : (
        <JobDetail job={job.data} jobId={jobId} />
      )}
    </Stack>
  );
}

function JobDetail({ job, jobId }: { job: Job; jobId: string }) {
  const { t } = useI18n();
  const percent = jobProgressPercent(job);
  const phase = job.status?.phase;
  const subJobs = flattenJobs(job).slice(1);
  const finishedCount = subJobs.filter(({ job: sub }) => isJobFinished(sub)).length;
  const failed = phase === 'Failed';

  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {t('wizard.job.id')}: <Code>{job.metadata?.uid ?? jobId}</Code>
      </Text>
      <Progress.Root size="lg">
        <Progress.Section
          value={percent}
          color={failed ? 'red' : percent === 100 ? 'green' : 'blue'}
          striped={!isJobFinished(job)}
          animated={!isJobFinished(job)}
          aria-label={t('wizard.job.progress')}
        />
      </Progress.Root>
      <Text size="sm" aria-live="polite">
        {t('wizard.job.summary', { done: finishedCount, total: subJobs.length, percent })}
      </Text>
      {failed ? (
        <Alert color="red" variant="light" title={t('wizard.job.failed')}>
          {job.status?.reason || t('wizard.job.noReason')}
        </Alert>
      ) : null}
      {subJobs.length > 0 ? (
        <Table aria-label={t('wizard.job.subJobs')} verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('wizard.job.column.step')}</Table.Th>
              <Table.Th scope="col">{t('wizard.job.column.status')}</Table.Th>
              <Table.Th scope="col">{t('wizard.job.column.reason')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {subJobs.map(({ job: sub, depth }, index) => (
              <Table.Tr key={sub.metadata?.uid ?? index}>
                <Table.Td style={{ paddingInlineStart: `calc(var(--mantine-spacing-xs) + ${depth - 1} * var(--mantine-spacing-md))` }}>
                  {jobTypeLabel(t, sub.spec?.type)}
                </Table.Td>
                <Table.Td>
                  <JobPhaseBadge phase={sub.status?.phase} />
                </Table.Td>
                <Table.Td>{sub.status?.reason || '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : null}
    </Stack>
  );
}
