// Connection: the API server's internal and external addresses (seed 4.1.9), binding / unbinding a public EIP
// (4.1.8, with confirmation), and a kubeconfig for a chosen validity (4.1.6) downloaded as a YAML file with the
// kubectl command that uses it.
import { Alert, Button, Code, CopyButton, DataList, Group, Radio, Skeleton, Stack, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { clusterAccessQueries, useCreateClusterCert, useUpdateClusterEip } from '../../api/cluster-access-queries.ts';
import { ConfirmDialog } from '../../components/confirm-dialog.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import {
  hasPublicEndpoint,
  maxCertDurationDays,
  minCertDurationDays,
  updateClusterEipBodySchema,
  type UpdateClusterEipBody,
} from '../../contract/cluster-access.ts';
import type { Cluster } from '../../contract/clusters.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { clusterIdOf } from './cluster-detail-tabs.ts';
import { ClusterSection } from './cluster-section.tsx';
import { certRequestBody, kubeconfigFileName, kubeconfigYaml, kubectlCommand, type CertValidity } from './kubeconfig-file.ts';
import { translateRule } from './rule-messages.ts';

const monospaceInput = { input: { fontFamily: 'var(--mantine-font-family-monospace)' } };

function CopyValue({ value, label }: { value: string; label: string }) {
  const { t } = useI18n();
  return (
    <Group gap="xs" wrap="nowrap">
      <Code style={{ wordBreak: 'break-all' }}>{value}</Code>
      <CopyButton value={value}>
        {({ copied, copy }) => (
          <Button size="compact-xs" variant="subtle" onClick={copy} aria-label={t('clusterUi.copyNamed', { name: label })}>
            {copied ? t('clusterUi.copied') : t('clusterUi.copy')}
          </Button>
        )}
      </CopyButton>
    </Group>
  );
}

/** Saves text as a file through a Blob URL (nothing leaves the browser; the URL is released right after). */
function saveTextFile(fileName: string, text: string, type: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

function Endpoints({ cluster, projectId }: { cluster: Cluster; projectId: string }) {
  const { t } = useI18n();
  const endpoints = useQuery(clusterAccessQueries.endpoints(projectId, clusterIdOf(cluster)));
  const internalUrl = cluster.status?.endpoints.find((e) => e.type === 'Internal')?.url;
  const rows: Array<{ label: string; value: string | null | undefined }> = [
    { label: t('connection.internalUrl'), value: internalUrl },
    { label: t('connection.privateEndpoint'), value: endpoints.data?.status?.privateEndpoint },
    { label: t('connection.publicEndpoint'), value: endpoints.data?.status?.publicEndpoint },
  ];
  return (
    <ClusterSection title={t('connection.endpoints')}>
      {endpoints.isError ? <ErrorAlert error={endpoints.error} onRetry={() => void endpoints.refetch()} /> : null}
      {endpoints.isPending ? (
        <Skeleton height={80} />
      ) : (
        <DataList labelWidth={200} gap="xs">
          {rows.map((row) => (
            <DataList.Item key={row.label}>
              <DataList.ItemLabel>{row.label}</DataList.ItemLabel>
              <DataList.ItemValue>{row.value ? <CopyValue value={row.value} label={row.label} /> : t('connection.none')}</DataList.ItemValue>
            </DataList.Item>
          ))}
        </DataList>
      )}
    </ClusterSection>
  );
}

function PublicAccess({ cluster, projectId }: { cluster: Cluster; projectId: string }) {
  const { t } = useI18n();
  const endpoints = useQuery(clusterAccessQueries.endpoints(projectId, clusterIdOf(cluster)));
  const eip = useUpdateClusterEip(projectId, clusterIdOf(cluster));
  const [eipId, setEipId] = useState('');
  const [inputError, setInputError] = useState<string | null>(null);
  // the request stays after the dialog closes, so its closing animation does not flip to the other action's text
  const [dialog, setDialog] = useState<{ open: boolean; body: UpdateClusterEipBody }>({ open: false, body: { spec: { action: 'unbind' } } });
  const bound = hasPublicEndpoint(endpoints.data?.status);
  const boundSpec = endpoints.data?.spec?.spec;

  const askBind = () => {
    const parsed = updateClusterEipBodySchema.safeParse({ spec: { action: 'bind', spec: { id: eipId.trim() } } });
    if (!parsed.success) {
      setInputError(translateRule(parsed.error.issues[0]?.message ?? '', t));
      return;
    }
    setInputError(null);
    eip.reset();
    setDialog({ open: true, body: { spec: { action: 'bind', spec: { id: eipId.trim() } } } });
  };
  const confirm = () => {
    eip.mutate(dialog.body, {
      onSuccess: () => {
        setDialog({ ...dialog, open: false });
        setEipId('');
      },
    });
  };
  const request = dialog.body.spec;
  const binding = request.action === 'bind';

  return (
    <ClusterSection title={t('connection.eip.title')} intro={t('connection.eip.intro')}>
      {endpoints.isPending ? (
        <Skeleton height={40} />
      ) : bound ? (
        <Stack gap="sm">
          <Text size="sm">
            {t('connection.eip.bound', { address: endpoints.data?.status?.publicEndpoint ?? '' })}
          </Text>
          {boundSpec?.id ? (
            <Text size="sm">
              {t('connection.eip.id')}: <Code>{boundSpec.id}</Code>
              {boundSpec.eip?.bandwidth?.size ? ` · ${t('connection.eip.bandwidth', { size: boundSpec.eip.bandwidth.size })}` : ''}
            </Text>
          ) : null}
          <Group>
            <Button
              color="red"
              variant="light"
              onClick={() => {
                eip.reset();
                setDialog({ open: true, body: { spec: { action: 'unbind' } } });
              }}
            >
              {t('connection.eip.unbind')}
            </Button>
          </Group>
        </Stack>
      ) : (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            askBind();
          }}
        >
          <Group align="flex-start" gap="sm">
            <TextInput
              label={t('connection.eip.idLabel')}
              description={t('connection.eip.idHelp')}
              value={eipId}
              onChange={(event) => setEipId(event.currentTarget.value)}
              error={inputError}
              w={420}
              styles={monospaceInput}
              disabled={cluster.status?.phase !== 'Available'}
            />
            <Button type="submit" mt={46} disabled={cluster.status?.phase !== 'Available'}>
              {t('connection.eip.bind')}
            </Button>
          </Group>
          {cluster.status?.phase !== 'Available' ? (
            <Text size="sm" c="dimmed" mt="xs">
              {t('connection.eip.needsAvailable')}
            </Text>
          ) : null}
        </form>
      )}
      <ConfirmDialog
        opened={dialog.open}
        title={binding ? t('connection.eip.confirmBindTitle') : t('connection.eip.confirmUnbindTitle')}
        confirmLabel={binding ? t('connection.eip.bind') : t('connection.eip.unbind')}
        cancelLabel={t('clusterUi.cancel')}
        onConfirm={confirm}
        onClose={() => setDialog({ ...dialog, open: false })}
        pending={eip.isPending}
        danger={!binding}
        error={eip.error}
      >
        <Text size="sm">
          {binding
            ? t('connection.eip.confirmBindBody', { id: request.spec?.id ?? '', name: cluster.metadata.name })
            : t('connection.eip.confirmUnbindBody', { name: cluster.metadata.name })}
        </Text>
      </ConfirmDialog>
    </ClusterSection>
  );
}

function Kubeconfig({ cluster, projectId }: { cluster: Cluster; projectId: string }) {
  const { t } = useI18n();
  const cert = useCreateClusterCert(projectId, clusterIdOf(cluster));
  const [validity, setValidity] = useState<CertValidity>({ kind: 'days', days: '365' });
  const [daysError, setDaysError] = useState<string | null>(null);
  const [downloaded, setDownloaded] = useState<{ fileName: string; context: string } | null>(null);
  const fileName = kubeconfigFileName(cluster.metadata.name);
  const days = validity.kind === 'days' ? validity.days : '';

  const download = () => {
    const result = certRequestBody(validity);
    if (!result.ok) {
      setDaysError(translateRule(result.message, t));
      return;
    }
    setDaysError(null);
    cert.mutate(result.body, {
      onSuccess: (config) => {
        saveTextFile(fileName, kubeconfigYaml(config), 'application/yaml');
        setDownloaded({ fileName, context: config['current-context'] ?? '' });
        // the client key is in the answer: keep it no longer than the download needs
        cert.reset();
      },
    });
  };

  return (
    <ClusterSection title={t('connection.kubeconfig.title')} intro={t('connection.kubeconfig.intro')}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          download();
        }}
      >
        <Stack gap="sm">
          <Radio.Group
            label={t('connection.kubeconfig.validity')}
            value={validity.kind}
            onChange={(value) => setValidity(value === 'maximum' ? { kind: 'maximum' } : { kind: 'days', days: days || '365' })}
          >
            <Group gap="md" mt={4}>
              <Radio value="days" label={t('connection.kubeconfig.days')} />
              <Radio value="maximum" label={t('connection.kubeconfig.maximum')} />
            </Group>
          </Radio.Group>
          {validity.kind === 'days' ? (
            <TextInput
              label={t('connection.kubeconfig.daysLabel')}
              description={t('connection.kubeconfig.daysHelp', { min: minCertDurationDays, max: maxCertDurationDays })}
              inputMode="numeric"
              value={validity.days}
              onChange={(event) => setValidity({ kind: 'days', days: event.currentTarget.value })}
              error={daysError}
              w={260}
            />
          ) : null}
          {cert.isError ? <ErrorAlert error={cert.error} /> : null}
          <Group>
            <Button type="submit" loading={cert.isPending} disabled={cluster.status?.phase !== 'Available'}>
              {t('connection.kubeconfig.download')}
            </Button>
          </Group>
          {cluster.status?.phase !== 'Available' ? (
            <Text size="sm" c="dimmed">
              {t('connection.kubeconfig.needsAvailable')}
            </Text>
          ) : null}
          {downloaded ? (
            <Alert color="green" variant="light" title={t('connection.kubeconfig.downloaded', { file: downloaded.fileName })}>
              {downloaded.context === 'external' ? t('connection.kubeconfig.contextExternal') : t('connection.kubeconfig.contextInternal')}
            </Alert>
          ) : null}
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              {t('connection.kubeconfig.command')}
            </Text>
            <CopyValue value={kubectlCommand(fileName)} label={t('connection.kubeconfig.command')} />
          </Stack>
        </Stack>
      </form>
    </ClusterSection>
  );
}

export function ClusterConnectionTab({ cluster, projectId }: { cluster: Cluster; projectId: string }) {
  return (
    <Stack gap="md">
      <Endpoints cluster={cluster} projectId={projectId} />
      <PublicAccess cluster={cluster} projectId={projectId} />
      <Kubeconfig cluster={cluster} projectId={projectId} />
    </Stack>
  );
}
