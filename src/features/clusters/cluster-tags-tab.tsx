// Tags: the cluster's resource tags (spec.clusterTags); add several at once (batchCreateClusterTags, seed 4.5.1: the
// same key overwrites, at most 20 per cluster) and delete a selection at once (batchDeleteClusterTags, 4.5.2), with
// the contract's rules checked before sending and the typed rows kept when the service refuses.
import { Alert, Button, Checkbox, Group, Stack, Text, TextInput } from '@mantine/core';
import { Table } from '../../components/data-table.tsx';
import { useState } from 'react';
import { useBatchCreateClusterTags, useBatchDeleteClusterTags } from '../../api/cluster-queries.ts';
import { ConfirmDialog } from '../../components/confirm-dialog.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import type { Cluster } from '../../contract/clusters.ts';
import { maxTagKeyLength, maxTagsPerCluster, maxTagValueLength } from '../../contract/tags.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { clusterIdOf } from './cluster-detail-tabs.ts';
import { ClusterSection } from './cluster-section.tsx';
import { deleteTagsBody, validateNewTags, type TagDraft, type TagRowErrors } from './cluster-tag-form.ts';
import { translateRule } from './rule-messages.ts';

const emptyRow = (): TagDraft => ({ key: '', value: '' });

function CurrentTags({ cluster, projectId }: { cluster: Cluster; projectId: string }) {
  const { t } = useI18n();
  const remove = useBatchDeleteClusterTags(projectId, clusterIdOf(cluster));
  const [selected, setSelected] = useState<string[]>([]);
  // the keys asked about stay while the dialog closes (the selection is cleared on success)
  const [dialog, setDialog] = useState<{ open: boolean; keys: string[] }>({ open: false, keys: [] });
  const [problem, setProblem] = useState<string | null>(null);
  const tags = cluster.spec.clusterTags;
  // a key deleted meanwhile (or by another tab) is no longer selectable
  const selection = selected.filter((key) => tags.some((tag) => tag.key === key));
  const allSelected = tags.length > 0 && selection.length === tags.length;

  const toggle = (key: string, on: boolean) => setSelected(on ? [...selection, key] : selection.filter((k) => k !== key));
  const confirm = () => {
    const result = deleteTagsBody(dialog.keys);
    if (!result.ok) {
      setProblem(translateRule(result.message, t));
      return;
    }
    remove.mutate(result.body, {
      onSuccess: () => {
        setDialog({ ...dialog, open: false });
        setSelected([]);
      },
    });
  };

  return (
    <ClusterSection
      title={t('tags.current', { count: tags.length, max: maxTagsPerCluster })}
      actions={
        <Button
          color="red"
          variant="light"
          disabled={selection.length === 0}
          onClick={() => {
            remove.reset();
            setProblem(null);
            setDialog({ open: true, keys: selection });
          }}
        >
          {t('tags.deleteSelected', { count: selection.length })}
        </Button>
      }
    >
      {tags.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('tags.none')}
        </Text>
      ) : (
        <Table aria-label={t('tags.tableLabel')} striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col" w={48}>
                <Checkbox
                  aria-label={t('tags.selectAll')}
                  checked={allSelected}
                  indeterminate={selection.length > 0 && !allSelected}
                  onChange={(event) => setSelected(event.currentTarget.checked ? tags.map((tag) => tag.key) : [])}
                />
              </Table.Th>
              <Table.Th scope="col">{t('tags.key')}</Table.Th>
              <Table.Th scope="col">{t('tags.value')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {tags.map((tag) => (
              <Table.Tr key={tag.key}>
                <Table.Td>
                  <Checkbox
                    aria-label={t('tags.select', { key: tag.key })}
                    checked={selection.includes(tag.key)}
                    onChange={(event) => toggle(tag.key, event.currentTarget.checked)}
                  />
                </Table.Td>
                <Table.Td>{tag.key}</Table.Td>
                <Table.Td>{tag.value || <Text span size="sm" c="dimmed">{t('tags.emptyValue')}</Text>}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <ConfirmDialog
        opened={dialog.open}
        title={t('tags.confirmDeleteTitle', { count: dialog.keys.length })}
        confirmLabel={t('tags.confirmDelete')}
        cancelLabel={t('clusterUi.cancel')}
        onConfirm={confirm}
        onClose={() => setDialog({ ...dialog, open: false })}
        pending={remove.isPending}
        danger
        error={remove.error ?? (problem ? new Error(problem) : null)}
      >
        <Text size="sm">{t('tags.confirmDeleteBody', { name: cluster.metadata.name, keys: dialog.keys.join(', ') })}</Text>
      </ConfirmDialog>
    </ClusterSection>
  );
}

function AddTags({ cluster, projectId }: { cluster: Cluster; projectId: string }) {
  const { t } = useI18n();
  const add = useBatchCreateClusterTags(projectId, clusterIdOf(cluster));
  const [rows, setRows] = useState<TagDraft[]>([emptyRow()]);
  const [rowErrors, setRowErrors] = useState<Record<number, TagRowErrors>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [overwrites, setOverwrites] = useState<string[]>([]);
  const [added, setAdded] = useState<number | null>(null);

  const setRow = (index: number, change: Partial<TagDraft>) => setRows(rows.map((row, i) => (i === index ? { ...row, ...change } : row)));
  const removeRow = (index: number) => {
    setRows(rows.length === 1 ? [emptyRow()] : rows.filter((_, i) => i !== index));
    setRowErrors({});
  };
  const submit = () => {
    const result = validateNewTags(rows, cluster.spec.clusterTags);
    setAdded(null);
    if (!result.ok) {
      setRowErrors(result.rowErrors);
      setFormError(result.formError);
      return;
    }
    setRowErrors({});
    setFormError(null);
    setOverwrites(result.overwrites);
    add.mutate(result.body, {
      onSuccess: () => {
        setRows([emptyRow()]);
        setAdded(result.body.tags.length);
      },
    });
  };

  return (
    <ClusterSection title={t('tags.addTitle')} intro={t('tags.rules', { keyMax: maxTagKeyLength, valueMax: maxTagValueLength, max: maxTagsPerCluster })}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
        noValidate
      >
        <Stack gap="xs">
          {rows.map((row, index) => (
            <Group key={index} align="flex-start" gap="sm" role="group" aria-label={t('tags.row', { n: index + 1 })}>
              <TextInput
                label={t('tags.keyN', { n: index + 1 })}
                value={row.key}
                onChange={(event) => setRow(index, { key: event.currentTarget.value })}
                error={rowErrors[index]?.key ? translateRule(rowErrors[index].key, t) : null}
                w={240}
              />
              <TextInput
                label={t('tags.valueN', { n: index + 1 })}
                value={row.value}
                onChange={(event) => setRow(index, { value: event.currentTarget.value })}
                error={rowErrors[index]?.value ? translateRule(rowErrors[index].value, t) : null}
                w={280}
              />
              <Button variant="subtle" color="gray" mt={26} onClick={() => removeRow(index)} aria-label={t('tags.removeRow', { n: index + 1 })}>
                {t('tags.remove')}
              </Button>
            </Group>
          ))}
          {formError ? (
            <Text size="sm" c="var(--mantine-color-red-text)" role="alert">
              {translateRule(formError, t)}
            </Text>
          ) : null}
          {add.isError ? <ErrorAlert error={add.error} /> : null}
          {added !== null ? (
            <Alert color="green" variant="light" title={t('tags.added', { count: added })}>
              {overwrites.length > 0 ? t('tags.overwritten', { keys: overwrites.join(', ') }) : null}
            </Alert>
          ) : null}
          <Group gap="sm">
            <Button variant="default" onClick={() => setRows([...rows, emptyRow()])} disabled={rows.length >= maxTagsPerCluster}>
              {t('tags.addRow')}
            </Button>
            <Button type="submit" loading={add.isPending}>
              {t('tags.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </ClusterSection>
  );
}

export function ClusterTagsTab({ cluster, projectId }: { cluster: Cluster; projectId: string }) {
  return (
    <Stack gap="md">
      <CurrentTags cluster={cluster} projectId={projectId} />
      <AddTags cluster={cluster} projectId={projectId} />
    </Stack>
  );
}
