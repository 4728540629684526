// Step 5 of the create wizard: what the cluster will be, the exact request body (copyable), what is still wrong,
// and the service's answer when it refused (status, CCE code, message, request id, and the field it names).
import { Alert, Anchor, Button, Code, CopyButton, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { Table } from '../../components/data-table.tsx';
import type { ReactNode } from 'react';
import { defaultServiceCidr, type CreateClusterBody } from '../../contract/clusters.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import type { WizardForm, WizardIssue } from './cluster-wizard-form.ts';
import { stepOfField, type ServerFieldError, type WizardField, type WizardStep } from './cluster-wizard-fields.ts';
import { fieldLabel, issueText, stepLabel } from './cluster-wizard-text.ts';

export type ReviewProps = {
  form: WizardForm;
  body: CreateClusterBody;
  version: string | null;
  /** Template name -> version the service will install. */
  addonVersions: ReadonlyMap<string, string>;
  issues: readonly WizardIssue[];
  submitError: unknown;
  serverFieldError: ServerFieldError | null;
  onEdit: (step: WizardStep) => void;
  onGoToField: (field: WizardField) => void;
};

function Section({ step, onEdit, rows }: { step: WizardStep; onEdit: (step: WizardStep) => void; rows: Array<[string, ReactNode]> }) {
  const { t } = useI18n();
  const label = stepLabel(t, step);
  return (
    <Paper withBorder p="sm" radius="md">
      <Group justify="space-between" mb="xs">
        <Title order={3} size="h4">
          {label}
        </Title>
        <Button size="compact-sm" variant="subtle" onClick={() => onEdit(step)} aria-label={t('wizard.review.editStep', { step: label })}>
          {t('wizard.review.edit')}
        </Button>
      </Group>
      <Table aria-label={label} layout="fixed" verticalSpacing={4}>
        <Table.Tbody>
          {rows.map(([name, value]) => (
            <Table.Tr key={name}>
              <Table.Th scope="row" w="35%" fw={500}>
                {name}
              </Table.Th>
              <Table.Td style={{ overflowWrap: 'anywhere' }}>{value}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}

export function ClusterWizardReview(props: ReviewProps) {
  const { t } = useI18n();
  const { form, body, version, issues, serverFieldError } = props;
  const json = JSON.stringify(body, null, 2);
  const none = t('wizard.review.none');
  const yesNo = (value: boolean) => (value ? t('wizard.review.on') : t('wizard.review.off'));

  return (
    <Stack gap="md">
      {issues.length > 0 ? (
        <Alert
          color="orange"
          variant="light"
          title={t('wizard.review.issuesTitle', { count: issues.length })}
          id="cluster-wizard-issues"
          tabIndex={-1}
          // the orange title and blue links fall below 4.5:1 on the tinted background: body colour, underlined links
          styles={{ title: { color: 'var(--mantine-color-text)' } }}
        >
          <List size="sm" spacing={4}>
            {issues.map((issue, index) => (
              <List.Item key={`${issue.field}-${index}`}>
                <Anchor component="button" type="button" size="sm" c="inherit" underline="always" onClick={() => props.onGoToField(issue.field)}>
                  {stepLabel(t, stepOfField(issue.field))} › {fieldLabel(t, issue.field, form)}
                </Anchor>
                {': '}
                {issueText(t, issue.message)}
              </List.Item>
            ))}
          </List>
        </Alert>
      ) : null}

      <Section
        step="basics"
        onEdit={props.onEdit}
        rows={[
          [t('wizard.basics.name'), form.name || none],
          [t('wizard.basics.alias'), form.alias || t('wizard.review.aliasSameAsName')],
          [t('wizard.basics.description'), form.description || none],
          [t('wizard.basics.version'), version ?? t('wizard.basics.versionServiceDefault')],
          [t('wizard.basics.flavor'), t(`wizard.flavor.${form.flavor}`)],
          [t('wizard.basics.category'), t(`wizard.category.${form.category}`)],
        ]}
      />
      <Section
        step="network"
        onEdit={props.onEdit}
        rows={[
          [t('wizard.network.vpc'), form.vpc || none],
          [t('wizard.network.subnet'), form.subnet || t('wizard.review.subnetByService')],
          [t('wizard.network.eniSubnets'), form.eniSubnets.map((row) => row.subnetID || none).join(', ')],
          [
            t('wizard.network.serviceCidr'),
            form.serviceCidr || t('wizard.review.serviceCidrDefault', { cidr: defaultServiceCidr }),
          ],
          [t('wizard.network.enableSnat'), yesNo(form.enableSnat)],
          [t('wizard.network.enableSWRImageAccess'), yesNo(form.enableSWRImageAccess)],
        ]}
      />
      <Section
        step="addons"
        onEdit={props.onEdit}
        rows={[
          [
            t('wizard.step.addons'),
            form.addons.length === 0
              ? none
              : form.addons
                  .map((addon) => {
                    const installs = props.addonVersions.get(addon.templateName);
                    return installs ? `${addon.templateName} (${installs})` : addon.templateName;
                  })
                  .join(', '),
          ],
        ]}
      />
      <Section
        step="tags"
        onEdit={props.onEdit}
        rows={[[t('wizard.step.tags'), form.tags.length === 0 ? none : form.tags.map((tag) => `${tag.key}=${tag.value}`).join(', ')]]}
      />

      <Paper withBorder p="sm" radius="md">
        <Group justify="space-between" mb="xs">
          <Title order={3} size="h4">
            {t('wizard.review.requestBody')}
          </Title>
          <CopyButton value={json} timeout={2000}>
            {({ copied, copy }) => (
              <Button size="compact-sm" variant={copied ? 'filled' : 'light'} color={copied ? 'teal' : undefined} onClick={copy}>
                {copied ? t('wizard.review.copied') : t('wizard.review.copy')}
              </Button>
            )}
          </CopyButton>
        </Group>
        <Text size="xs" c="dimmed" mb="xs">
          {t('wizard.review.requestBodyHint')}
        </Text>
        <Code block style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          {json}
        </Code>
      </Paper>

      {/* next to the Create button, where the eye is when the answer comes */}
      {props.submitError ? (
        <Stack gap="xs">
          <ErrorAlert error={props.submitError} title={t('wizard.review.submitFailed')} />
          {serverFieldError ? (
            <Group gap="xs">
              <Text size="sm">
                {t('wizard.review.serverField', {
                  field: fieldLabel(t, serverFieldError.field, form),
                  step: stepLabel(t, stepOfField(serverFieldError.field)),
                })}
              </Text>
              <Button size="compact-sm" variant="light" onClick={() => props.onGoToField(serverFieldError.field)}>
                {t('wizard.review.goToField', { field: fieldLabel(t, serverFieldError.field, form) })}
              </Button>
            </Group>
          ) : null}
        </Stack>
      ) : null}
    </Stack>
  );
}
