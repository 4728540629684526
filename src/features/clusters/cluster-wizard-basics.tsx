// Step 1 of the create wizard: name, alias, description, version (as the service offers them), flavor, category.
import { Group, Select, Stack, TextInput, Textarea } from '@mantine/core';
import { clusterCategories, clusterFlavors, maxDescriptionLength, characterCount } from '../../contract/clusters.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { fieldInputId } from './cluster-wizard-fields.ts';
import type { WizardStepProps } from './cluster-wizard-step-props.ts';

export type VersionOffer = {
  /** Newest first. */
  versions: readonly string[];
  chosen: string | null;
  isPending: boolean;
  error: unknown;
  retry: () => void;
};

export function ClusterWizardBasics({ state, dispatch, errorOf, versions }: WizardStepProps & { versions: VersionOffer }) {
  const { t } = useI18n();
  const { form } = state;
  const versionData = versions.versions.map((version, index) => ({
    value: version,
    label: index === 0 ? t('wizard.basics.versionLatest', { version }) : version,
  }));

  return (
    <Stack gap="md">
      <TextInput
        id={fieldInputId('name')}
        label={t('wizard.basics.name')}
        description={t('wizard.basics.nameHint')}
        required
        autoComplete="off"
        spellCheck={false}
        value={form.name}
        onChange={(event) => dispatch({ type: 'text', field: 'name', value: event.currentTarget.value })}
        error={errorOf('name')}
      />
      <TextInput
        id={fieldInputId('alias')}
        label={t('wizard.basics.alias')}
        description={t('wizard.basics.aliasHint')}
        autoComplete="off"
        spellCheck={false}
        value={form.alias}
        onChange={(event) => dispatch({ type: 'text', field: 'alias', value: event.currentTarget.value })}
        error={errorOf('alias')}
      />
      <Textarea
        id={fieldInputId('description')}
        label={t('wizard.basics.description')}
        description={t('wizard.basics.descriptionHint', {
          count: characterCount(form.description),
          max: maxDescriptionLength,
        })}
        autosize
        minRows={2}
        value={form.description}
        onChange={(event) => dispatch({ type: 'text', field: 'description', value: event.currentTarget.value })}
        error={errorOf('description')}
      />
      <Stack gap={4}>
        <Select
          id={fieldInputId('version')}
          label={t('wizard.basics.version')}
          description={
            versions.error
              ? t('wizard.basics.versionUnavailable')
              : t('wizard.basics.versionHint')
          }
          placeholder={versions.isPending ? t('wizard.basics.versionLoading') : t('wizard.basics.versionServiceDefault')}
          data={versionData}
          value={versions.chosen}
          onChange={(value) => {
            if (value !== null) dispatch({ type: 'version', value });
          }}
          allowDeselect={false}
          disabled={versions.isPending || versionData.length === 0}
          error={errorOf('version')}
        />
        {versions.error ? (
          <ErrorAlert error={versions.error} onRetry={versions.retry} title={t('wizard.basics.versionLoadFailed')} />
        ) : null}
      </Stack>
      <Group grow align="flex-start">
        <Select
          id={fieldInputId('flavor')}
          label={t('wizard.basics.flavor')}
          description={t('wizard.basics.flavorHint')}
          data={clusterFlavors.map((flavor) => ({ value: flavor, label: t(`wizard.flavor.${flavor}`) }))}
          value={form.flavor}
          allowDeselect={false}
          // one documented value (seed 4.1.1 line 793): shown so the review matches the body, not choosable
          readOnly
          error={errorOf('flavor')}
        />
        <Select
          id={fieldInputId('category')}
          label={t('wizard.basics.category')}
          description={t('wizard.basics.categoryHint')}
          data={clusterCategories.map((category) => ({ value: category, label: t(`wizard.category.${category}`) }))}
          value={form.category}
          allowDeselect={false}
          readOnly
          error={errorOf('category')}
        />
      </Group>
    </Stack>
  );
}
