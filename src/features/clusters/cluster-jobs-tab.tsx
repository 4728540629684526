// Jobs: the API has getJob by id only, no job list (seed 4.1.7). So this tab shows the jobs the cluster object names
// — status.jobID and, when present, the annotations jobid / resourceJobId (cluster-jobs.ts) — each with its sub-jobs,
// phase and progress. A resourceJobId that is a sub-job of a shown job appears inside it, not twice.
import { Stack, Text } from '@mantine/core';
import { useQueries } from '@tanstack/react-query';
import { jobQueries } from '../../api/cluster-queries.ts';
import type { Cluster } from '../../contract/clusters.ts';
import type { Job } from '../../contract/jobs.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { ClusterJobCard } from './cluster-job-card.tsx';
import { isSubJobOfAny, knownClusterJobs } from './cluster-jobs.ts';

export function ClusterJobsTab({ cluster, projectId }: { cluster: Cluster; projectId: string }) {
  const { t } = useI18n();
  const known = knownClusterJobs(cluster);
  const queries = useQueries({ queries: known.map((job) => jobQueries.detail(projectId, job.id)) });
  const loaded = queries.map((q) => q.data).filter((job): job is Job => job !== undefined);
  // the cards read the same queries (one cache entry per job); these only tell which job is a sub-job of another
  const shown = known.filter((job) => !isSubJobOfAny(job.id, loaded));

  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {t('jobs.intro')}
      </Text>
      {shown.length === 0 ? (
        <Text size="sm">{t('jobs.none')}</Text>
      ) : (
        shown.map((job) => <ClusterJobCard key={job.id} projectId={projectId} jobId={job.id} />)
      )}
    </Stack>
  );
}
