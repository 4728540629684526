// Overview: the cluster's spec, its phase (with the reason and message the service gives when it is not Available,
// seed 4.1.1 lines 887-888), network, authentication, billing and timestamps; while the cluster is Creating or
// Deleting, the job doing it (status.jobID) with its progress. Enum values get translated labels; a value the console
// does not know shows as "unknown: VALUE".
import { Alert, Anchor, Code, DataList, SimpleGrid, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { RelativeTime } from '../../components/relative-time.tsx';
import {
  authenticationModes,
  billingModes,
  clusterCategories,
  clusterEndpointTypes,
  clusterPhases,
  clusterTypes,
  containerNetworkModes,
  failedClusterPhases,
  kubeProxyModes,
  type Cluster,
} from '../../contract/clusters.ts';
import { isKnownValue } from '../../contract/common.ts';
import { useI18n, type Translate } from '../../i18n/i18n.tsx';
import { clusterIdOf, clusterPath } from './cluster-detail-tabs.ts';
import { ClusterJobCard } from './cluster-job-card.tsx';
import { ClusterPhaseBadge } from './cluster-phase-badge.tsx';
import { ClusterSection } from './cluster-section.tsx';

type Row = { label: string; value: ReactNode };

function Section({ title, rows }: { title: string; rows: readonly Row[] }) {
  return (
    <ClusterSection title={title}>
      <DataList labelWidth={230} gap="xs">
        {rows.map((row) => (
          <DataList.Item key={row.label}>
            <DataList.ItemLabel>{row.label}</DataList.ItemLabel>
            <DataList.ItemValue>{row.value}</DataList.ItemValue>
          </DataList.Item>
        ))}
      </DataList>
    </ClusterSection>
  );
}

const dash = '—';
const mono = (value: string | null | undefined) => (value ? <Code>{value}</Code> : dash);

function label<const T extends readonly string[]>(t: Translate, values: T, value: string | null | undefined, known: (v: T[number]) => string) {
  if (value === null || value === undefined || value === '') return dash;
  return isKnownValue(values, value) ? known(value) : t('common.unknownValue', { value });
}

function yesNo(t: Translate, value: boolean | null | undefined) {
  if (value === null || value === undefined) return dash;
  return value ? t('clusterUi.yes') : t('clusterUi.no');
}

export function ClusterOverviewTab({ cluster, projectId }: { cluster: Cluster; projectId: string }) {
  const { t } = useI18n();
  const { metadata, spec, status } = cluster;
  const phase = status?.phase;
  const failed = isKnownValue(failedClusterPhases, phase);
  const serviceCidr = spec.serviceNetwork?.IPv4CIDR ?? spec.kubernetesSvcIpRange;
  const billing = spec.billingMode;
  // the emulator, like the service, clears status.jobID once the creation finished: the card goes with it
  const jobHeading = phase === 'Creating' ? t('overview.creationJob') : phase === 'Deleting' ? t('delete.job') : null;

  return (
    <Stack gap="md">
      {phase && phase !== 'Available' && (status?.reason || status?.message) ? (
        <Alert
          color={failed ? 'red' : 'blue'}
          variant="light"
          title={t('overview.phaseNotice', { phase: label(t, clusterPhases, phase, (v) => t(`phase.${v}`)) })}
        >
          <Stack gap={4}>
            {status.reason ? (
              <Text size="sm">
                {t('overview.reason')}: <Code>{status.reason}</Code>
              </Text>
            ) : null}
            {status.message ? <Text size="sm">{status.message}</Text> : null}
          </Stack>
        </Alert>
      ) : null}
      {jobHeading && status?.jobID ? <ClusterJobCard projectId={projectId} jobId={status.jobID} heading={jobHeading} /> : null}
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
        <Section
          title={t('overview.section.spec')}
          rows={[
            { label: t('overview.name'), value: metadata.name },
            { label: t('overview.alias'), value: metadata.alias || dash },
            { label: t('overview.id'), value: mono(metadata.uid) },
            { label: t('overview.description'), value: spec.description || dash },
            { label: t('overview.version'), value: spec.version ?? dash },
            { label: t('overview.platformVersion'), value: spec.platformVersion ?? dash },
            { label: t('overview.category'), value: label(t, clusterCategories, spec.category, (v) => t(`category.${v}`)) },
            { label: t('overview.type'), value: label(t, clusterTypes, spec.type, (v) => t(`clusterType.${v}`)) },
            { label: t('overview.flavor'), value: mono(spec.flavor) },
            { label: t('overview.az'), value: spec.az ?? dash },
            { label: t('overview.enterpriseProject'), value: mono(spec.extendParam?.enterpriseProjectId) },
          ]}
        />
        <Section
          title={t('overview.section.status')}
          rows={[
            { label: t('overview.phase'), value: <ClusterPhaseBadge phase={phase} /> },
            ...(phase !== 'Available' ? [{ label: t('overview.reason'), value: mono(status?.reason) }, { label: t('overview.message'), value: status?.message || dash }] : []),
            {
              label: t('overview.job'),
              value: status?.jobID ? (
                <Anchor component={Link} to={clusterPath(clusterIdOf(cluster), 'jobs')} size="sm" ff="monospace">
                  {status.jobID}
                </Anchor>
              ) : (
                dash
              ),
            },
            { label: t('overview.locked'), value: status?.isLocked ? t('overview.lockedBy', { scene: status.lockScene ?? dash }) : yesNo(t, status?.isLocked ?? false) },
            { label: t('overview.created'), value: <RelativeTime value={metadata.creationTimestamp} /> },
            { label: t('overview.updated'), value: <RelativeTime value={metadata.updateTimestamp} /> },
          ]}
        />
        <Section
          title={t('overview.section.network')}
          rows={[
            { label: t('overview.vpc'), value: mono(spec.hostNetwork?.vpc) },
            { label: t('overview.masterSubnet'), value: mono(spec.hostNetwork?.subnet) },
            {
              label: t('overview.containerNetwork'),
              value: label(t, containerNetworkModes, spec.containerNetwork?.mode, (v) => t(`containerNetwork.${v}`)),
            },
            {
              label: t('overview.eniSubnets'),
              value:
                (spec.eniNetwork?.subnets ?? []).length === 0 ? (
                  dash
                ) : (
                  <Stack gap={2}>
                    {(spec.eniNetwork?.subnets ?? []).map((s) => (
                      <Code key={s.subnetID}>{s.subnetID}</Code>
                    ))}
                  </Stack>
                ),
            },
            { label: t('overview.serviceCidr'), value: mono(serviceCidr) },
            { label: t('overview.kubeProxyMode'), value: label(t, kubeProxyModes, spec.kubeProxyMode, (v) => t(`kubeProxyMode.${v}`)) },
            { label: t('overview.snat'), value: yesNo(t, spec.enableSnat) },
            { label: t('overview.swrAccess'), value: yesNo(t, spec.enableSWRImageAccess) },
            {
              label: t('overview.endpoints'),
              value:
                (status?.endpoints ?? []).length === 0 ? (
                  dash
                ) : (
                  <Stack gap={2}>
                    {(status?.endpoints ?? []).map((e) => (
                      <Text key={`${e.type ?? ''}-${e.url}`} size="sm">
                        {label(t, clusterEndpointTypes, e.type, (v) => t(`endpointType.${v}`))}: <Code>{e.url}</Code>
                      </Text>
                    ))}
                  </Stack>
                ),
            },
          ]}
        />
        <Section
          title={t('overview.section.access')}
          rows={[
            { label: t('overview.authentication'), value: label(t, authenticationModes, spec.authentication?.mode, (v) => t(`authentication.${v}`)) },
            {
              label: t('overview.billing'),
              value:
                billing === null || billing === undefined
                  ? dash
                  : (billingModes as readonly number[]).includes(billing)
                    ? t('billing.0')
                    : t('common.unknownValue', { value: String(billing) }),
            },
            { label: t('overview.tags'), value: t('overview.tagCount', { count: spec.clusterTags.length }) },
          ]}
        />
      </SimpleGrid>
    </Stack>
  );
}
