import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  addonFlavorsOf,
  addonInstanceListSchema,
  addonInstanceParamsSchema,
  addonInstanceQuerySchema,
  addonInstanceSchema,
  addonInstanceStateSchema,
  addonInstanceStatuses,
  addonInstallAnnotations,
  addonOperations,
  addonSupportVersionSchema,
  addonTemplateListSchema,
  addonUpgradeAnnotations,
  addonVersionSchema,
  canRollback,
  createAddonInstanceBodySchema,
  deleteAddonInstanceResultSchema,
  failedAddonInstanceStatuses,
  isTransitionalAddonInstanceStatus,
  listAddonInstancesQuerySchema,
  listAddonTemplatesQuerySchema,
  rollbackAddonInstanceBodySchema,
  rollbackAllowedStatuses,
  supportVersionCategories,
  transitionalAddonInstanceStatuses,
  updateAddonInstanceBodySchema,
  type CreateAddonInstanceBody,
  type UpdateAddonInstanceBody,
} from './addons.ts';
import { isKnownValue } from './common.ts';

const clusterID = '597f2d95-44ab-11ef-9e39-0255ac100115';

function installBody(): CreateAddonInstanceBody {
  return {
    kind: 'Addon',
    apiVersion: 'v3',
    metadata: { annotations: { ...addonInstallAnnotations } },
    spec: {
      clusterID,
      version: '1.28.6',
      addonTemplateName: 'coredns',
      values: { basic: { cluster_ip: '10.247.3.10' }, flavor: { name: 'autopilot-flavor1', replicas: 2 } },
    },
  };
}

function upgradeBody(): UpdateAddonInstanceBody {
  return {
    kind: 'Addon',
    apiVersion: 'v3',
    metadata: { annotations: { ...addonUpgradeAnnotations } },
    spec: { clusterID, version: '1.28.6', addonTemplateName: 'coredns', values: { basic: {} } },
  };
}

/** The messages of a failed parse, for `toContain` checks. */
function messages(schema: z.ZodType, input: unknown): string[] {
  const result = schema.safeParse(input);
  expect(result.success, 'expected the input to be refused').toBe(false);
  return result.error?.issues.map((issue) => issue.message) ?? [];
}

function instance(status: Record<string, unknown>) {
  return addonInstanceSchema.parse({
    kind: 'Addon',
    apiVersion: 'v3',
    metadata: { uid: '90b775e0-5774-4e1d-ab3b-516332ba047a', name: 'coredns' },
    spec: { clusterID, version: '1.28.6', addonTemplateName: 'coredns', values: null },
    status,
  });
}

describe('createAddonInstance body (4.2.1)', () => {
  it('accepts a documented install body', () => {
    expect(createAddonInstanceBodySchema.safeParse(installBody()).error?.issues ?? []).toEqual([]);
  });

  it('fills kind and apiVersion with their fixed values when omitted (hold-04)', () => {
    const { kind: _kind, apiVersion: _apiVersion, ...rest } = installBody();
    const parsed = createAddonInstanceBodySchema.parse(rest);
    expect(parsed.kind).toBe('Addon');
    expect(parsed.apiVersion).toBe('v3');
  });

  it('leaves spec.version out when installing the latest supported version', () => {
    const body = installBody();
    delete body.spec.version;
    expect(createAddonInstanceBodySchema.parse(body).spec.version).toBeUndefined();
  });

  it('refuses another kind or apiVersion', () => {
    expect(messages(createAddonInstanceBodySchema, { ...installBody(), kind: 'Cluster' })).toContain(
      'kind must be "Addon"',
    );
    expect(messages(createAddonInstanceBodySchema, { ...installBody(), apiVersion: 'v2' })).toContain(
      'apiVersion must be "v3"',
    );
  });

  it('requires the cluster ID in spec.clusterID', () => {
    const body = installBody();
    const { clusterID: _clusterID, ...spec } = body.spec;
    expect(messages(createAddonInstanceBodySchema, { ...body, spec })).toContain('spec.clusterID is required');
    expect(messages(createAddonInstanceBodySchema, { ...body, spec: { ...body.spec, clusterID: '' } })).toContain(
      'spec.clusterID must not be empty',
    );
  });

  it('requires the template name and the values', () => {
    const body = installBody();
    const { addonTemplateName: _name, values: _values, ...spec } = body.spec;
    const found = messages(createAddonInstanceBodySchema, { ...body, spec });
    expect(found).toContain('spec.addonTemplateName is required');
    expect(found).toContain('spec.values is required (the add-on parameters, e.g. {basic, flavor, custom})');
  });

  it('keeps values free-form: numbers and strings side by side', () => {
    const body = installBody();
    body.spec.values = { flavor: { name: 2500, resources: [{ limitsCpu: 1, limitsMem: '2Gi' }] }, custom: 'x' };
    expect(createAddonInstanceBodySchema.parse(body).spec.values).toEqual(body.spec.values);
  });

  it('refuses values that are not an object', () => {
    expect(
      messages(createAddonInstanceBodySchema, { ...installBody(), spec: { ...installBody().spec, values: ['a'] } }),
    ).toContain('spec.values must be an object of add-on parameters');
  });

  it('accepts only the install annotation', () => {
    const upgrade = { ...installBody(), metadata: { annotations: { ...addonUpgradeAnnotations } } };
    expect(messages(createAddonInstanceBodySchema, upgrade).join(' ')).toContain(
      'metadata.annotations must be {"addon.install/type": "install"} when installing an add-on; ' +
        '"addon.upgrade/type" is not allowed',
    );
    const wrongValue = { ...installBody(), metadata: { annotations: { 'addon.install/type': 'upgrade' } } };
    expect(messages(createAddonInstanceBodySchema, wrongValue)).toContain(
      'metadata.annotations["addon.install/type"] must be "install" when installing an add-on',
    );
  });

  it('points the table spelling addonTemplate to addonTemplateName (digest N8)', () => {
    const body = installBody();
    const withTableSpelling = { ...body, spec: { ...body.spec, addonTemplate: 'coredns' } };
    const found = messages(createAddonInstanceBodySchema, withTableSpelling);
    expect(found).toContain('spec.addonTemplate is not a field: send the template name as spec.addonTemplateName');
  });

  it('refuses unknown fields, naming where they are', () => {
    expect(messages(createAddonInstanceBodySchema, { ...installBody(), clusterID }).join(' ')).toContain(
      'body must not contain "clusterID"',
    );
    expect(
      messages(createAddonInstanceBodySchema, { ...installBody(), metadata: { annotations: {}, owner: 'me' } }).join(
        ' ',
      ),
    ).toContain('metadata must not contain "owner"');
  });

  it('requires metadata', () => {
    const { metadata: _metadata, ...body } = installBody();
    expect(messages(createAddonInstanceBodySchema, body)).toContain('metadata is required');
  });
});

describe('updateAddonInstance body (4.2.3)', () => {
  it('accepts a documented upgrade body', () => {
    expect(updateAddonInstanceBodySchema.safeParse(upgradeBody()).error?.issues ?? []).toEqual([]);
  });

  it('requires spec.version on upgrade', () => {
    const body = upgradeBody();
    const { version: _version, ...spec } = body.spec;
    expect(messages(updateAddonInstanceBodySchema, { ...body, spec })).toContain(
      'spec.version is required when upgrading an add-on (the version to upgrade to)',
    );
  });

  it('accepts only the upgrade annotation', () => {
    const install = { ...upgradeBody(), metadata: { annotations: { ...addonInstallAnnotations } } };
    expect(messages(updateAddonInstanceBodySchema, install).join(' ')).toContain(
      'metadata.annotations must be {"addon.upgrade/type": "upgrade"} when upgrading an add-on',
    );
  });
});

describe('rollbackAddonInstance body (4.2.4)', () => {
  it('carries the cluster ID at the top level', () => {
    expect(rollbackAddonInstanceBodySchema.parse({ clusterID: '*****' })).toEqual({ clusterID: '*****' });
    expect(messages(rollbackAddonInstanceBodySchema, {})).toContain('clusterID is required');
  });

  it('refuses the query spelling cluster_id and a nested spec', () => {
    expect(messages(rollbackAddonInstanceBodySchema, { clusterID, cluster_id: clusterID }).join(' ')).toContain(
      'body must not contain "cluster_id"',
    );
    expect(messages(rollbackAddonInstanceBodySchema, { spec: { clusterID } })).toContain('clusterID is required');
  });
});

describe('queries and path', () => {
  it('requires cluster_id to list instances (4.2.7)', () => {
    expect(listAddonInstancesQuerySchema.parse({ cluster_id: clusterID })).toEqual({ cluster_id: clusterID });
    expect(messages(listAddonInstancesQuerySchema, {})).toContain(
      'cluster_id is required: add-on instances are listed per cluster',
    );
  });

  it('keeps cluster_id optional for get and delete (4.2.5, 4.2.6)', () => {
    expect(addonInstanceQuerySchema.parse({})).toEqual({});
    expect(addonInstanceQuerySchema.parse({ cluster_id: clusterID })).toEqual({ cluster_id: clusterID });
    expect(messages(addonInstanceQuerySchema, { cluster_id: '' })).toContain('cluster_id must not be empty');
    expect(messages(addonInstanceQuerySchema, { clusterID }).join(' ')).toContain('query must not contain "clusterID"');
  });

  it('takes the template name or alias as the template filter (4.2.2)', () => {
    expect(listAddonTemplatesQuerySchema.parse({ addon_template_name: 'coredns' })).toEqual({
      addon_template_name: 'coredns',
    });
    expect(messages(listAddonTemplatesQuerySchema, { newest: 'yes' }).length).toBeGreaterThan(0);
  });

  it('validates the instance id in the path', () => {
    expect(addonInstanceParamsSchema.parse({ id: '90b775e0-5774-4e1d-ab3b-516332ba047a' }).id).toHaveLength(36);
    expect(messages(addonInstanceParamsSchema, { id: '../x' })).toContain(
      'id (the add-on instance ID) must contain only letters, digits, ".", "_" and "-"',
    );
  });

  it('declares each cluster-ID carrier on its operation (digest §4.1)', () => {
    const { createAddonInstance, rollbackAddonInstance, listAddonInstances, getAddonInstance, deleteAddonInstance } =
      addonOperations;
    const withoutClusterId = { ...installBody(), spec: { ...installBody().spec, clusterID: undefined } };
    expect(createAddonInstance.body.safeParse(withoutClusterId).success).toBe(false);
    expect(rollbackAddonInstance.body.safeParse({ clusterID }).success).toBe(true);
    expect(listAddonInstances.query.safeParse({}).success).toBe(false);
    expect(getAddonInstance.query.safeParse({}).success).toBe(true);
    expect(deleteAddonInstance.query.safeParse({}).success).toBe(true);
  });
});

describe('add-on instance response', () => {
  it('normalises Reason (capital R, table 4-156) to reason', () => {
    const parsed = instance({ status: 'upgrading', Reason: 'addon upgrading' });
    expect(parsed.status?.reason).toBe('addon upgrading');
    expect(parsed.status).not.toHaveProperty('Reason');
  });

  it('reads a lower-case reason too', () => {
    expect(addonInstanceStateSchema.parse({ status: 'running', reason: 'Install complete' }).reason).toBe(
      'Install complete',
    );
    expect(addonInstanceStateSchema.parse({ status: 'running', Reason: '', reason: 'x' }).reason).toBe('x');
    expect(addonInstanceStateSchema.parse({ status: 'running' }).reason).toBeNull();
  });

  it('turns null targetVersions and supportVersions into [] and null values into {}', () => {
    const parsed = instance({
      status: 'installing',
      targetVersions: null,
      currentVersion: { version: '1.28.6', supportVersions: null, input: null },
    });
    expect(parsed.status?.targetVersions).toEqual([]);
    expect(parsed.status?.currentVersion?.supportVersions).toEqual([]);
    expect(parsed.status?.currentVersion?.input).toEqual({});
    expect(parsed.spec.values).toEqual({});
  });

  it('folds a parameters object standing beside input into input.parameters (digest S7)', () => {
    const version = addonVersionSchema.parse({
      version: '1.28.6',
      input: { basic: { swr_user: 'autopilot-official' } },
      parameters: { 'autopilot-flavor1': { name: 'autopilot-flavor1' } },
    });
    expect(version.input).toEqual({
      basic: { swr_user: 'autopilot-official' },
      parameters: { 'autopilot-flavor1': { name: 'autopilot-flavor1' } },
    });
    expect(version).not.toHaveProperty('parameters');
  });

  it('keeps input.parameters when it is where it belongs', () => {
    const version = addonVersionSchema.parse({ input: { parameters: { custom: { a: 1 } } } });
    expect(version.input).toEqual({ parameters: { custom: { a: 1 } } });
  });

  it('spells systemAutoInject.user.projectID one way (digest N7)', () => {
    const parsed = addonInstanceSchema.parse({
      metadata: {},
      spec: { values: { systemAutoInject: { cluster: { clusterID }, user: { projectId: '47eb1d64' } } } },
    });
    expect(parsed.spec.values.systemAutoInject).toEqual({ cluster: { clusterID }, user: { projectID: '47eb1d64' } });
  });

  it('turns numeric translation values into text', () => {
    const version = addonVersionSchema.parse({
      translate: { en_US: { addon: { changeLog: 'c' }, description: { 'Parameters.flavor1.name': 2500 }, key: null } },
    });
    expect(version.translate.en_US?.description).toEqual({ 'Parameters.flavor1.name': '2500' });
    expect(version.translate.en_US?.key).toEqual({});
  });

  it('parses an undocumented status value without claiming to know it', () => {
    const parsed = instance({ status: 'frozen' });
    expect(parsed.status?.status).toBe('frozen');
    expect(isKnownValue(addonInstanceStatuses, parsed.status?.status)).toBe(false);
  });

  it('lists instances and templates with items null as []', () => {
    expect(addonInstanceListSchema.parse({ kind: 'Addon', items: null }).items).toEqual([]);
    expect(addonTemplateListSchema.parse({ kind: 'Addon' }).items).toEqual([]);
  });
});

describe('add-on templates', () => {
  it('reads flavors with integer or string names and quantities', () => {
    const flavors = addonFlavorsOf(
      addonVersionSchema.parse({
        input: {
          basic: {},
          parameters: {
            custom: { stub_domains: '' },
            flavor1: { name: 2500, replicas: 2, resources: [{ name: 'coredns', limitsCpu: '500m', requestsCpu: 1 }] },
            'autopilot-flavor1': { name: 'autopilot-flavor1', category: ['Autopilot'], is_default: true },
          },
        },
      }),
    );
    expect(flavors.map((entry) => [entry.key, entry.flavor.name])).toEqual([
      ['flavor1', '2500'],
      ['autopilot-flavor1', 'autopilot-flavor1'],
    ]);
    expect(flavors[0]?.flavor.resources[0]).toMatchObject({ limitsCpu: '500m', requestsCpu: '1' });
  });

  it('treats an empty support category as CCE Standard and Turbo (000:379-395)', () => {
    expect(supportVersionCategories(addonSupportVersionSchema.parse({ clusterVersion: ['v1.15.*'] }))).toEqual([
      'CCE',
      'Turbo',
    ]);
    expect(supportVersionCategories(addonSupportVersionSchema.parse({ category: ['Autopilot'] }))).toEqual([
      'Autopilot',
    ]);
  });
});

describe('deleteAddonInstance result (4.2.5)', () => {
  it('reads the bare text, a JSON string and stray whitespace alike', () => {
    expect(deleteAddonInstanceResultSchema.parse('success')).toBe('success');
    expect(deleteAddonInstanceResultSchema.parse('"success"')).toBe('success');
    expect(deleteAddonInstanceResultSchema.parse('success\n')).toBe('success');
    expect(deleteAddonInstanceResultSchema.parse(undefined)).toBe('');
  });
});

describe('status rules (4.2.4, digest §4.3)', () => {
  it('allows a rollback only from the five documented statuses', () => {
    expect([...rollbackAllowedStatuses].sort()).toEqual(
      ['abnormal', 'available', 'rollbackFailed', 'running', 'upgradeFailed'].sort(),
    );
  });

  it.each(rollbackAllowedStatuses.map((status) => [status]))('can roll back from %s when isRollbackable', (status) => {
    expect(canRollback(instance({ status, isRollbackable: true }))).toBe(true);
    expect(canRollback(instance({ status, isRollbackable: false }))).toBe(false);
    expect(canRollback(instance({ status }))).toBe(false);
  });

  const refused = addonInstanceStatuses.filter((status) => !isKnownValue(rollbackAllowedStatuses, status));
  it.each(refused.map((status) => [status]))('cannot roll back from %s even when isRollbackable', (status) => {
    expect(canRollback(instance({ status, isRollbackable: true }))).toBe(false);
  });

  it('cannot roll back an instance without a status or with an unknown one', () => {
    expect(canRollback({ status: null })).toBe(false);
    expect(canRollback({ status: { status: 'frozen', isRollbackable: true } })).toBe(false);
  });

  it('polls while installing, upgrading, rolling back or deleting, and only then', () => {
    expect([...transitionalAddonInstanceStatuses].sort()).toEqual(
      ['deleting', 'installing', 'rollbacking', 'upgrading'].sort(),
    );
    expect(isTransitionalAddonInstanceStatus('rollbacking')).toBe(true);
    expect(isTransitionalAddonInstanceStatus('available')).toBe(false);
    expect(isTransitionalAddonInstanceStatus(null)).toBe(false);
  });

  it('names the four failed statuses', () => {
    expect([...failedAddonInstanceStatuses].sort()).toEqual(
      ['deleteFailed', 'installFailed', 'rollbackFailed', 'upgradeFailed'].sort(),
    );
  });
});
