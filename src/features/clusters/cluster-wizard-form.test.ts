import { describe, expect, it } from 'vitest';
import { addonTemplateSchema } from '../../contract/addons.ts';
import { addonInstallAnnotationKey, createClusterBodySchema, parseAddonInstallAnnotation } from '../../contract/clusters.ts';
import {
  buildCreateClusterBody,
  chosenVersion,
  currentServerFieldError,
  initialWizardState,
  issuesOfStep,
  parseAddonValues,
  showsErrorsOf,
  validateWizard,
  wizardReducer,
  type WizardAction,
  type WizardState,
} from './cluster-wizard-form.ts';

function apply(...actions: WizardAction[]): WizardState {
  return actions.reduce(wizardReducer, initialWizardState());
}

const filled = (): WizardAction[] => [
  { type: 'text', field: 'name', value: 'shop-prod' },
  { type: 'text', field: 'vpc', value: 'vpc-1' },
  { type: 'eniSubnet', rowId: 1, value: 'eni-1' },
];

const coredns = addonTemplateSchema.parse({
  metadata: { name: 'coredns' },
  spec: { versions: [{ version: '1.30.33', supportVersions: [{ clusterType: 'VirtualMachine', clusterVersion: ['v1.(30|31).*'], category: ['Autopilot'] }] }] },
});
const context = { version: 'v1.31', templates: [coredns], clusters: [] };

describe('the request body', () => {
  it('is a valid createCluster body for a filled form, with the documented default service CIDR', () => {
    const body = buildCreateClusterBody(apply(...filled()).form, 'v1.32');
    expect(body).toEqual({
      kind: 'Cluster',
      apiVersion: 'v3',
      metadata: { name: 'shop-prod' },
      spec: {
        category: 'Turbo',
        type: 'VirtualMachine',
        flavor: 'cce.autopilot.cluster',
        version: 'v1.32',
        hostNetwork: { vpc: 'vpc-1' },
        containerNetwork: { mode: 'eni' },
        eniNetwork: { subnets: [{ subnetID: 'eni-1' }] },
        serviceNetwork: { IPv4CIDR: '10.247.0.0/16' },
        enableSnat: true,
        enableSWRImageAccess: true,
      },
    });
    expect(createClusterBodySchema.safeParse(body).success).toBe(true);
  });

  it('sends alias, description, control-plane subnet, every ENI row and the tags as typed', () => {
    const state = apply(
      ...filled(),
      { type: 'text', field: 'alias', value: 'shop' },
      { type: 'text', field: 'description', value: 'Shop, production' },
      { type: 'text', field: 'subnet', value: 'cp-1' },
      { type: 'addEniSubnet' },
      { type: 'eniSubnet', rowId: 2, value: 'eni-2' },
      { type: 'flag', field: 'enableSnat', value: false },
      { type: 'addTag' },
      { type: 'tag', rowId: 3, part: 'key', value: 'env' },
      { type: 'tag', rowId: 3, part: 'value', value: 'prod' },
    );
    const body = buildCreateClusterBody(state.form, null);
    expect(body.metadata.alias).toBe('shop');
    expect(body.spec.description).toBe('Shop, production');
    expect(body.spec.version).toBeUndefined();
    expect(body.spec.hostNetwork).toEqual({ vpc: 'vpc-1', subnet: 'cp-1' });
    expect(body.spec.eniNetwork?.subnets).toEqual([{ subnetID: 'eni-1' }, { subnetID: 'eni-2' }]);
    expect(body.spec.enableSnat).toBe(false);
    expect(body.spec.clusterTags).toEqual([{ key: 'env', value: 'prod' }]);
  });

  it('leaves the service CIDR out when cleared, so the service applies its default', () => {
    const body = buildCreateClusterBody(apply(...filled(), { type: 'text', field: 'serviceCidr', value: '' }).form, null);
    expect(body.spec.serviceNetwork).toBeUndefined();
  });

  it('writes the add-ons to the install annotation, values parsed from JSON', () => {
    const state = apply(
      ...filled(),
      { type: 'toggleAddon', templateName: 'coredns', selected: true },
      { type: 'addonValues', templateName: 'coredns', valuesText: '{"replicas": 3}' },
      { type: 'toggleAddon', templateName: 'metrics-server', selected: true },
    );
    const body = buildCreateClusterBody(state.form, 'v1.31');
    expect(parseAddonInstallAnnotation(body.metadata.annotations)).toEqual([
      { addonTemplateName: 'coredns', values: { replicas: 3 } },
      { addonTemplateName: 'metrics-server', values: {} },
    ]);
    expect(Object.keys(body.metadata.annotations ?? {})).toEqual([addonInstallAnnotationKey]);
  });

  it('defaults the version to the newest offered, and keeps the choice once made', () => {
    expect(chosenVersion({ version: null }, ['v1.32', 'v1.31'])).toBe('v1.32');
    expect(chosenVersion({ version: 'v1.30' }, ['v1.32', 'v1.31'])).toBe('v1.30');
    expect(chosenVersion({ version: null }, [])).toBeNull();
  });

  it('accepts empty or object JSON as add-on values, nothing else', () => {
    expect(parseAddonValues('  ')).toEqual({ ok: true, values: {} });
    expect(parseAddonValues('{"a": {"b": 1}}')).toEqual({ ok: true, values: { a: { b: 1 } } });
    expect(parseAddonValues('[1]')).toEqual({ ok: false });
    expect(parseAddonValues('null')).toEqual({ ok: false });
    expect(parseAddonValues('{"a": ')).toEqual({ ok: false });
  });
});

describe('validation', () => {
  it('reports the contract rules at their fields and steps', () => {
    const state = apply(
      { type: 'text', field: 'name', value: 'Bad_Name' },
      { type: 'text', field: 'serviceCidr', value: '10.247.1.0/16' },
      { type: 'addTag' },
      { type: 'tag', rowId: 2, part: 'key', value: '_sys_x' },
    );
    const { issues } = validateWizard(state.form, context);
    const fields = issues.map((issue) => issue.field);
    expect(fields).toEqual(expect.arrayContaining(['name', 'vpc', 'eniSubnets.0', 'serviceCidr', 'tags.0.key']));
    expect(issuesOfStep(issues, 'basics').map((i) => i.message)).toEqual([
      { text: 'metadata.name must start with a lower-case letter' },
      { text: 'metadata.name may contain only lower-case letters, digits and "-"' },
    ]);
    expect(issuesOfStep(issues, 'network').map((i) => i.field)).toEqual(['vpc', 'eniSubnets.0', 'serviceCidr']);
    expect(issuesOfStep(issues, 'addons')).toEqual([]);
  });

  it('finds no issue in a filled form', () => {
    expect(validateWizard(apply(...filled()).form, context).issues).toEqual([]);
  });

  it('reports a name or alias already taken in the project', () => {
    const state = apply(...filled(), { type: 'text', field: 'alias', value: 'payments-prod' });
    const clusters = [{ metadata: { name: 'shop-prod', uid: 'a' } }, { metadata: { name: 'prod-payments', alias: 'payments-prod' } }];
    const { issues } = validateWizard(state.form, { ...context, clusters });
    expect(issues.map((i) => i.field)).toEqual(['name', 'alias']);
    expect(issues[0]?.message).toEqual({ key: 'wizard.issue.nameTaken', vars: { name: 'shop-prod' } });
    const nameIsAlias = apply({ type: 'text', field: 'name', value: 'payments-prod' });
    expect(validateWizard(nameIsAlias.form, { ...context, clusters }).issues.find((i) => i.field === 'name')?.message).toEqual({
      key: 'wizard.issue.nameIsAlias',
      vars: { name: 'payments-prod', cluster: 'prod-payments' },
    });
  });

  it('reports add-on values that are not a JSON object and add-ons without a version for the cluster', () => {
    const state = apply(
      ...filled(),
      { type: 'toggleAddon', templateName: 'coredns', selected: true },
      { type: 'addonValues', templateName: 'coredns', valuesText: '{oops' },
    );
    expect(validateWizard(state.form, context).issues).toEqual([{ field: 'addons.0.values', message: { key: 'wizard.issue.addonValuesJson' } }]);
    const old = validateWizard(state.form, { ...context, version: 'v1.28' }).issues.map((i) => i.field);
    expect(old).toEqual(['addons.0.values', 'addons.0']);
  });

  it('checks at most 20 tags', () => {
    const tags: WizardAction[] = Array.from({ length: 21 }, () => ({ type: 'addTag' }));
    const state = apply(...filled(), ...tags);
    const withKeys = state.form.tags.reduce(
      (s, tag, i) => wizardReducer(s, { type: 'tag', rowId: tag.rowId, part: 'key', value: `k${i}` }),
      state,
    );
    expect(validateWizard(withKeys.form, context).issues.map((i) => i.field)).toEqual(['tags']);
  });
});

describe('what is shown when', () => {
  it('shows a field error once the field was changed, or once its step was attempted', () => {
    let state = apply({ type: 'text', field: 'name', value: 'Bad_Name' });
    expect(showsErrorsOf(state, 'name')).toBe(true);
    expect(showsErrorsOf(state, 'alias')).toBe(false);
    expect(showsErrorsOf(state, 'vpc')).toBe(false);
    state = wizardReducer(state, { type: 'attempt', step: 'network' });
    expect(showsErrorsOf(state, 'vpc')).toBe(true);
    expect(showsErrorsOf(state, 'eniSubnets.0')).toBe(true);
  });

  it('follows rows by identity: removing a row does not move its touched state to the next one', () => {
    let state = apply({ type: 'addEniSubnet' }, { type: 'eniSubnet', rowId: 1, value: 'x' }, { type: 'removeEniSubnet', rowId: 1 });
    expect(state.form.eniSubnets).toEqual([{ rowId: 2, subnetID: '' }]);
    expect(showsErrorsOf(state, 'eniSubnets.0')).toBe(false);
    state = wizardReducer(state, { type: 'eniSubnet', rowId: 2, value: '' });
    expect(showsErrorsOf(state, 'eniSubnets.0')).toBe(true);
  });

  it('keeps a server field error while the field holds what was sent', () => {
    let state = apply(...filled());
    state = wizardReducer(state, { type: 'serverFieldError', error: { field: 'name', message: 'cluster shop-prod already exists' } });
    expect(currentServerFieldError(state)?.message).toBe('cluster shop-prod already exists');
    state = wizardReducer(state, { type: 'text', field: 'vpc', value: 'vpc-2' });
    expect(currentServerFieldError(state)).not.toBeNull();
    state = wizardReducer(state, { type: 'text', field: 'name', value: 'shop-prod-2' });
    expect(currentServerFieldError(state)).toBeNull();
  });

  it('never loses input: stepping (attempt) and server errors leave the form as typed', () => {
    const typed = apply(...filled(), { type: 'text', field: 'description', value: 'kept' });
    const after = [
      { type: 'attempt', step: 'basics' },
      { type: 'attempt', step: 'review' },
      { type: 'serverFieldError', error: null },
    ].reduce((s, a) => wizardReducer(s, a as WizardAction), typed);
    expect(after.form).toEqual(typed.form);
  });
});
