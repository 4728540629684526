// Settings: alias and description (updateCluster, seed 4.1.4: the description only while Available, the alias unique,
// an empty alias leaves it unchanged) and ENI subnets, add-only (line 2358). The form keeps only the user's edits;
// what is shown is the edit, else the cluster's current value, so a refetch never overwrites typing.
import { Button, Code, Group, List, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { clusterQueries, useUpdateCluster } from '../../api/cluster-queries.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { maxDescriptionLength, type Cluster } from '../../contract/clusters.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { clusterIdOf } from './cluster-detail-tabs.ts';
import { ClusterSection } from './cluster-section.tsx';
import { addSubnetsBody, generalUpdateBody, type GeneralDraft, type GeneralErrors } from './cluster-settings-form.ts';
import { translateRule } from './rule-messages.ts';

const monospaceInput = { input: { fontFamily: 'var(--mantine-font-family-monospace)' } };

function GeneralSettings({ cluster, projectId }: { cluster: Cluster; projectId: string }) {
  const { t } = useI18n();
  const update = useUpdateCluster(projectId, clusterIdOf(cluster));
  const list = useQuery(clusterQueries.list(projectId));
  const [draft, setDraft] = useState<GeneralDraft>({});
  const [errors, setErrors] = useState<GeneralErrors>({});
  const [saved, setSaved] = useState(false);
  const alias = draft.alias ?? cluster.metadata.alias ?? '';
  const description = draft.description ?? cluster.spec.description ?? '';
  const available = cluster.status?.phase === 'Available';

  const submit = () => {
    setSaved(false);
    const result = generalUpdateBody(cluster, draft, list.data?.items ?? []);
    if (!result.ok) {
      setErrors(result.errors);
      return;
    }
    setErrors({});
    if (!result.changed) {
      setDraft({});
      setSaved(true);
      return;
    }
    update.mutate(result.body, {
      onSuccess: () => {
        setDraft({});
        setSaved(true);
      },
    });
  };

  return (
    <ClusterSection title={t('settings.general')}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
        noValidate
      >
        <Stack gap="sm" maw={560}>
          <TextInput
            label={t('settings.alias')}
            description={t('settings.aliasHelp')}
            value={alias}
            onChange={(event) => setDraft({ ...draft, alias: event.currentTarget.value })}
            error={errors.alias ? translateRule(errors.alias, t) : null}
          />
          <Textarea
            label={t('settings.description')}
            description={available ? t('settings.descriptionHelp', { max: maxDescriptionLength }) : t('settings.descriptionLocked')}
            value={description}
            onChange={(event) => setDraft({ ...draft, description: event.currentTarget.value })}
            error={errors.description ? translateRule(errors.description, t) : null}
            autosize
            minRows={2}
            disabled={!available}
          />
          {update.isError ? <ErrorAlert error={update.error} /> : null}
          {saved && !update.isPending ? (
            <Text size="sm" c="var(--mantine-color-green-text)" role="status">
              {t('settings.saved')}
            </Text>
          ) : null}
          <Group gap="sm">
            <Button type="submit" loading={update.isPending}>
              {t('settings.save')}
            </Button>
            <Button
              variant="default"
              onClick={() => {
                setDraft({});
                setErrors({});
                setSaved(false);
              }}
              disabled={draft.alias === undefined && draft.description === undefined}
            >
              {t('settings.reset')}
            </Button>
          </Group>
        </Stack>
      </form>
    </ClusterSection>
  );
}

function EniSubnets({ cluster, projectId }: { cluster: Cluster; projectId: string }) {
  const { t } = useI18n();
  const update = useUpdateCluster(projectId, clusterIdOf(cluster));
  const [pending, setPending] = useState<string[]>([]);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [added, setAdded] = useState<number | null>(null);
  const existing = cluster.spec.eniNetwork?.subnets ?? [];

  const addToList = () => {
    const id = text.trim();
    const result = addSubnetsBody(cluster, [...pending, id]);
    if (!result.ok) {
      setError(translateRule(result.message, t));
      return;
    }
    setError(null);
    setPending([...pending, id]);
    setText('');
  };
  const save = () => {
    const result = addSubnetsBody(cluster, pending);
    if (!result.ok) {
      setError(translateRule(result.message, t));
      return;
    }
    update.mutate(result.body, {
      onSuccess: () => {
        setAdded(pending.length);
        setPending([]);
      },
    });
  };

  return (
    <ClusterSection title={t('settings.subnets')} intro={t('settings.subnetsIntro')}>
      <Stack gap="sm" maw={640}>
        <div>
          <Text size="sm" fw={500}>
            {t('settings.subnetsExisting', { count: existing.length })}
          </Text>
          <List size="sm">
            {existing.map((s) => (
              <List.Item key={s.subnetID}>
                <Code>{s.subnetID}</Code>
              </List.Item>
            ))}
          </List>
        </div>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            addToList();
          }}
          noValidate
        >
          <Group align="flex-start" gap="sm">
            <TextInput
              label={t('settings.subnetId')}
              value={text}
              onChange={(event) => setText(event.currentTarget.value)}
              error={error}
              w={420}
              styles={monospaceInput}
            />
            <Button type="submit" variant="default" mt={26}>
              {t('settings.subnetAdd')}
            </Button>
          </Group>
        </form>
        {pending.length > 0 ? (
          <div>
            <Text size="sm" fw={500}>
              {t('settings.subnetsPending', { count: pending.length })}
            </Text>
            <List size="sm">
              {pending.map((id) => (
                <List.Item key={id}>
                  <Group gap="xs">
                    <Code>{id}</Code>
                    <Button size="compact-xs" variant="subtle" color="gray" onClick={() => setPending(pending.filter((p) => p !== id))} aria-label={t('settings.subnetRemove', { id })}>
                      {t('tags.remove')}
                    </Button>
                  </Group>
                </List.Item>
              ))}
            </List>
          </div>
        ) : null}
        {update.isError ? <ErrorAlert error={update.error} /> : null}
        {added !== null && pending.length === 0 ? (
          <Text size="sm" c="var(--mantine-color-green-text)" role="status">
            {t('settings.subnetsAdded', { count: added })}
          </Text>
        ) : null}
        <Group>
          <Button onClick={save} disabled={pending.length === 0} loading={update.isPending}>
            {t('settings.subnetsSave', { count: pending.length })}
          </Button>
        </Group>
      </Stack>
    </ClusterSection>
  );
}

export function ClusterSettingsTab({ cluster, projectId }: { cluster: Cluster; projectId: string }) {
  return (
    <Stack gap="md">
      <GeneralSettings cluster={cluster} projectId={projectId} />
      <EniSubnets cluster={cluster} projectId={projectId} />
    </Stack>
  );
}
