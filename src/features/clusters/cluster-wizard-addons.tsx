// Step 3 of the create wizard: add-ons to install with the cluster, from the template catalog (4.2.2), written to
// the cluster.install.addons/install annotation. Only templates with a version for the chosen cluster version can
// be picked; the values are optional JSON (checked as typed).
import { Badge, Checkbox, Code, Group, JsonInput, Paper, Skeleton, Stack, Text } from '@mantine/core';
import type { AddonTemplate } from '../../contract/addons.ts';
import { addonInstallAnnotationKey } from '../../contract/clusters.ts';
import { EmptyState } from '../../components/empty-state.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { addonTemplateLabel, addonTemplateName, addonVersionToInstall } from './cluster-wizard-catalog.ts';
import { fieldInputId } from './cluster-wizard-fields.ts';
import type { WizardStepProps } from './cluster-wizard-step-props.ts';

export type AddonCatalog = {
  templates: readonly AddonTemplate[] | undefined;
  isPending: boolean;
  error: unknown;
  retry: () => void;
};

export function ClusterWizardAddons({
  state,
  dispatch,
  errorOf,
  catalog,
  version,
}: WizardStepProps & { catalog: AddonCatalog; version: string | null }) {
  const { t } = useI18n();
  const { form } = state;

  if (catalog.isPending) {
    return (
      <Stack gap="xs" aria-busy="true" aria-label={t('wizard.addons.loading')}>
        {[0, 1, 2].map((i) => (
          <Skeleton key={i} height={56} />
        ))}
      </Stack>
    );
  }

  const offers = (catalog.templates ?? [])
    .map((template) => ({ template, name: addonTemplateName(template), install: version ? addonVersionToInstall(template, version) : null }))
    .filter((offer) => offer.name !== '')
    // installable ones first, each group by name
    .sort((a, b) => Number(b.install !== null) - Number(a.install !== null) || a.name.localeCompare(b.name));

  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {t('wizard.addons.hint', { version: version ?? t('wizard.basics.versionServiceDefault') })}{' '}
        <Code>{addonInstallAnnotationKey}</Code>
      </Text>
      {catalog.error ? (
        <ErrorAlert error={catalog.error} onRetry={catalog.retry} title={t('wizard.addons.loadFailed')} />
      ) : offers.length === 0 ? (
        <EmptyState title={t('wizard.addons.none')} body={t('wizard.addons.noneBody')} />
      ) : (
        <Stack gap="sm">
          {offers.map(({ template, name, install }) => {
            const index = form.addons.findIndex((addon) => addon.templateName === name);
            const selected = index >= 0 ? form.addons[index] : undefined;
            const alias = addonTemplateLabel(template);
            const about = [alias !== name ? alias : null, template.spec.description].filter(Boolean).join(' — ');
            return (
              <Paper key={name} withBorder p="sm" radius="md">
                <Stack gap="xs">
                  <Group justify="space-between" align="flex-start" wrap="nowrap">
                    <Checkbox
                      // selected ones by their place in the list (where issues point), the others by template name
                      id={index >= 0 ? fieldInputId(`addons.${index}`) : `cluster-wizard-addon-template-${name}`}
                      label={t('wizard.addons.install', { name })}
                      description={about || undefined}
                      checked={selected !== undefined}
                      // a selected template stays uncheckable even when the version no longer fits
                      disabled={install === null && selected === undefined}
                      onChange={(event) =>
                        dispatch({ type: 'toggleAddon', templateName: name, selected: event.currentTarget.checked })
                      }
                      error={index >= 0 ? errorOf(`addons.${index}`) : undefined}
                    />
                    {install ? (
                      <Badge variant="light" tt="none" style={{ flexShrink: 0 }}>
                        {t('wizard.addons.version', { version: install })}
                      </Badge>
                    ) : (
                      <Badge variant="light" color="gray" tt="none" style={{ flexShrink: 0 }}>
                        {t('wizard.addons.unavailable', { version: version ?? '—' })}
                      </Badge>
                    )}
                  </Group>
                  {selected ? (
                    <JsonInput
                      id={fieldInputId(`addons.${index}.values`)}
                      label={t('wizard.addons.values', { name })}
                      description={t('wizard.addons.valuesHint')}
                      placeholder="{}"
                      autosize
                      minRows={2}
                      maxRows={12}
                      value={selected.valuesText}
                      onChange={(valuesText) => dispatch({ type: 'addonValues', templateName: name, valuesText })}
                      error={errorOf(`addons.${index}.values`)}
                    />
                  ) : null}
                </Stack>
              </Paper>
            );
          })}
        </Stack>
      )}
    </Stack>
  );
}
