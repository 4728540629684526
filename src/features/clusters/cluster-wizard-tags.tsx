// Step 4 of the create wizard: resource tags (spec.clusterTags), checked with the documented key and value rules.
import { Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { maxTagsPerCluster } from '../../contract/tags.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { fieldInputId } from './cluster-wizard-fields.ts';
import type { WizardStepProps } from './cluster-wizard-step-props.ts';

export function ClusterWizardTags({ state, dispatch, errorOf }: WizardStepProps) {
  const { t } = useI18n();
  const { tags } = state.form;
  const listError = errorOf('tags');

  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {t('wizard.tags.hint', { max: maxTagsPerCluster })}
      </Text>
      {tags.length === 0 ? <Text size="sm">{t('wizard.tags.none')}</Text> : null}
      {tags.map((tag, index) => (
        <Group key={tag.rowId} align="flex-start" wrap="nowrap">
          <TextInput
            id={fieldInputId(`tags.${index}.key`)}
            style={{ flex: 1 }}
            label={t('wizard.tags.key', { n: index + 1 })}
            required
            autoComplete="off"
            value={tag.key}
            onChange={(event) => dispatch({ type: 'tag', rowId: tag.rowId, part: 'key', value: event.currentTarget.value })}
            error={errorOf(`tags.${index}.key`)}
          />
          <TextInput
            id={fieldInputId(`tags.${index}.value`)}
            style={{ flex: 1 }}
            label={t('wizard.tags.value', { n: index + 1 })}
            autoComplete="off"
            value={tag.value}
            onChange={(event) => dispatch({ type: 'tag', rowId: tag.rowId, part: 'value', value: event.currentTarget.value })}
            error={errorOf(`tags.${index}.value`)}
          />
          <Button
            variant="subtle"
            color="red"
            mt={24}
            aria-label={t('wizard.tags.remove', { n: index + 1 })}
            onClick={() => dispatch({ type: 'removeTag', rowId: tag.rowId })}
          >
            {t('wizard.remove')}
          </Button>
        </Group>
      ))}
      {listError ? (
        <Text size="sm" c="var(--mantine-color-red-text)" role="alert">
          {listError}
        </Text>
      ) : null}
      <Group>
        <Button variant="light" disabled={tags.length >= maxTagsPerCluster} onClick={() => dispatch({ type: 'addTag' })}>
          {t('wizard.tags.add')}
        </Button>
        <Text size="sm" c="dimmed" aria-live="polite">
          {t('wizard.tags.count', { count: tags.length, max: maxTagsPerCluster })}
        </Text>
      </Group>
    </Stack>
  );
}
