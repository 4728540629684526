// Step 2 of the create wizard: VPC, control-plane subnet, ENI subnets (one or more), service CIDR, SNAT, SWR access.
import { Button, Fieldset, Group, Stack, Switch, Text, TextInput } from '@mantine/core';
import { defaultServiceCidr } from '../../contract/clusters.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { fieldInputId } from './cluster-wizard-fields.ts';
import type { WizardStepProps } from './cluster-wizard-step-props.ts';

export function ClusterWizardNetwork({ state, dispatch, errorOf }: WizardStepProps) {
  const { t } = useI18n();
  const { form } = state;
  const listError = errorOf('eniSubnets');

  return (
    <Stack gap="md">
      <TextInput
        id={fieldInputId('vpc')}
        label={t('wizard.network.vpc')}
        description={t('wizard.network.vpcHint')}
        required
        autoComplete="off"
        spellCheck={false}
        value={form.vpc}
        onChange={(event) => dispatch({ type: 'text', field: 'vpc', value: event.currentTarget.value })}
        error={errorOf('vpc')}
      />
      <TextInput
        id={fieldInputId('subnet')}
        label={t('wizard.network.subnet')}
        description={t('wizard.network.subnetHint')}
        autoComplete="off"
        spellCheck={false}
        value={form.subnet}
        onChange={(event) => dispatch({ type: 'text', field: 'subnet', value: event.currentTarget.value })}
        error={errorOf('subnet')}
      />
      <Fieldset legend={t('wizard.network.eniSubnets')} variant="filled">
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {t('wizard.network.eniSubnetsHint')}
          </Text>
          {form.eniSubnets.map((row, index) => (
            <Group key={row.rowId} align="flex-start" wrap="nowrap">
              <TextInput
                id={fieldInputId(`eniSubnets.${index}`)}
                style={{ flex: 1 }}
                label={t('wizard.network.eniSubnet', { n: index + 1 })}
                required
                autoComplete="off"
                spellCheck={false}
                value={row.subnetID}
                onChange={(event) => dispatch({ type: 'eniSubnet', rowId: row.rowId, value: event.currentTarget.value })}
                error={errorOf(`eniSubnets.${index}`)}
              />
              <Button
                variant="subtle"
                color="red"
                mt={24}
                disabled={form.eniSubnets.length <= 1}
                aria-label={t('wizard.network.removeEniSubnet', { n: index + 1 })}
                onClick={() => dispatch({ type: 'removeEniSubnet', rowId: row.rowId })}
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
            <Button variant="light" onClick={() => dispatch({ type: 'addEniSubnet' })}>
              {t('wizard.network.addEniSubnet')}
            </Button>
          </Group>
        </Stack>
      </Fieldset>
      <TextInput
        id={fieldInputId('serviceCidr')}
        label={t('wizard.network.serviceCidr')}
        description={t('wizard.network.serviceCidrHint', { cidr: defaultServiceCidr })}
        autoComplete="off"
        spellCheck={false}
        value={form.serviceCidr}
        onChange={(event) => dispatch({ type: 'text', field: 'serviceCidr', value: event.currentTarget.value })}
        error={errorOf('serviceCidr')}
      />
      <Text size="sm">{t('wizard.network.containerNetwork')}</Text>
      <Switch
        id={fieldInputId('enableSnat')}
        label={t('wizard.network.enableSnat')}
        description={t('wizard.network.enableSnatHint')}
        checked={form.enableSnat}
        onChange={(event) => dispatch({ type: 'flag', field: 'enableSnat', value: event.currentTarget.checked })}
        error={errorOf('enableSnat')}
      />
      <Switch
        id={fieldInputId('enableSWRImageAccess')}
        label={t('wizard.network.enableSWRImageAccess')}
        description={t('wizard.network.enableSWRImageAccessHint')}
        checked={form.enableSWRImageAccess}
        onChange={(event) =>
          dispatch({ type: 'flag', field: 'enableSWRImageAccess', value: event.currentTarget.checked })
        }
        error={errorOf('enableSWRImageAccess')}
      />
    </Stack>
  );
}
