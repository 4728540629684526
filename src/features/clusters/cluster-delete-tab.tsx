// Delete: what to reclaim with the cluster (seed 4.1.5 query, lines 2805-2812), the cluster's name typed to confirm,
// then the delete job's progress until the cluster is gone (the detail page then returns to the list).
import { Alert, Button, Code, NativeSelect, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useDeleteCluster } from '../../api/cluster-queries.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import {
  deleteClusterDefaults,
  deleteClusterQuerySchema,
  ltsReclaimPolicies,
  transitionalClusterPhases,
  type Cluster,
  type DeleteClusterQuery,
  type LtsReclaimPolicy,
} from '../../contract/clusters.ts';
import { isKnownValue } from '../../contract/common.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { clusterIdOf } from './cluster-detail-tabs.ts';
import { ClusterJobCard } from './cluster-job-card.tsx';
import { ClusterSection } from './cluster-section.tsx';

const resourceFlags = ['delete_eni', 'delete_net', 'delete_efs', 'delete_obs', 'delete_sfs30'] as const;
type ResourceFlag = (typeof resourceFlags)[number];
const policies = ['block', 'try', 'skip'] as const;
type Policy = (typeof policies)[number];
type DeleteOptions = Record<ResourceFlag, Policy> & { lts_reclaim_policy: LtsReclaimPolicy };

const defaults: DeleteOptions = { ...deleteClusterDefaults };

/** Only the choices that differ from the documented defaults go on the wire. */
function deleteQuery(options: DeleteOptions): DeleteClusterQuery {
  const query: DeleteClusterQuery = {};
  for (const flag of resourceFlags) if (options[flag] !== defaults[flag]) query[flag] = options[flag];
  if (options.lts_reclaim_policy !== defaults.lts_reclaim_policy) query.lts_reclaim_policy = options.lts_reclaim_policy;
  return deleteClusterQuerySchema.parse(query);
}

function DeleteProgress({ cluster, projectId, jobId }: { cluster: Cluster; projectId: string; jobId: string | null }) {
  const { t } = useI18n();
  return (
    <Stack gap="md">
      <Alert color="orange" variant="light" title={t('delete.inProgress.title', { name: cluster.metadata.name })}>
        {t('delete.inProgress.body')}
      </Alert>
      {jobId ? <ClusterJobCard projectId={projectId} jobId={jobId} heading={t('delete.job')} /> : <Text size="sm">{t('delete.noJob')}</Text>}
    </Stack>
  );
}

export function ClusterDeleteTab({ cluster, projectId }: { cluster: Cluster; projectId: string }) {
  const { t } = useI18n();
  const remove = useDeleteCluster(projectId, clusterIdOf(cluster));
  const [typed, setTyped] = useState('');
  const [options, setOptions] = useState<DeleteOptions>(defaults);
  const phase = cluster.status?.phase;

  if (phase === 'Deleting') {
    return <DeleteProgress cluster={cluster} projectId={projectId} jobId={cluster.status?.jobID ?? remove.data?.status?.jobID ?? null} />;
  }

  const busy = isKnownValue(transitionalClusterPhases, phase);
  const name = cluster.metadata.name;
  const confirmed = typed === name;
  const submit = () => {
    if (!confirmed || busy) return;
    remove.mutate(deleteQuery(options));
  };

  return (
    <ClusterSection title={t('delete.title')}>
      <Stack gap="md" maw={760}>
        <Alert color="red" variant="light" title={t('delete.warning.title')}>
          {t('delete.warning.body', { name })}
        </Alert>
        {busy ? (
          <Alert color="yellow" variant="light" title={t('delete.busy.title')}>
            {t('delete.busy.body', { phase: isKnownValue(transitionalClusterPhases, phase) ? t(`phase.${phase}`) : '' })}
          </Alert>
        ) : null}
        <form
          onSubmit={(event) => {
            event.preventDefault();
            submit();
          }}
          noValidate
        >
          <Stack gap="md">
            <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
              <Text component="legend" size="sm" fw={500} mb="xs">
                {t('delete.resources')}
              </Text>
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                {resourceFlags.map((flag) => (
                  <NativeSelect
                    key={flag}
                    label={t(`delete.flag.${flag}`)}
                    value={options[flag]}
                    onChange={(event) => {
                      const value = event.currentTarget.value;
                      if (isKnownValue(policies, value)) setOptions({ ...options, [flag]: value });
                    }}
                    data={policies.map((policy) => ({
                      value: policy,
                      label: policy === defaults[flag] ? t('delete.policyDefault', { policy: t(`delete.policy.${policy}`) }) : t(`delete.policy.${policy}`),
                    }))}
                  />
                ))}
                <NativeSelect
                  label={t('delete.flag.lts_reclaim_policy')}
                  value={options.lts_reclaim_policy}
                  onChange={(event) => {
                    const value = event.currentTarget.value;
                    if (isKnownValue(ltsReclaimPolicies, value)) setOptions({ ...options, lts_reclaim_policy: value });
                  }}
                  data={ltsReclaimPolicies.map((policy) => ({
                    value: policy,
                    label:
                      policy === defaults.lts_reclaim_policy ? t('delete.policyDefault', { policy: t(`delete.lts.${policy}`) }) : t(`delete.lts.${policy}`),
                  }))}
                />
              </SimpleGrid>
            </fieldset>
            <TextInput
              label={
                <>
                  {t('delete.confirmLabel')} <Code>{name}</Code>
                </>
              }
              description={t('delete.confirmHelp')}
              value={typed}
              onChange={(event) => setTyped(event.currentTarget.value)}
              autoComplete="off"
              spellCheck={false}
              maw={420}
            />
            {remove.isError ? <ErrorAlert error={remove.error} /> : null}
            <div>
              <Button type="submit" color="red.9" disabled={!confirmed || busy} loading={remove.isPending}>
                {t('delete.submit')}
              </Button>
            </div>
          </Stack>
        </form>
      </Stack>
    </ClusterSection>
  );
}
