import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  addonInstallAnnotationKey,
  buildAddonInstallAnnotation,
  checkClusterAliasUnique,
  checkDescriptionUpdateAllowed,
  checkEniSubnetsAddOnly,
  clusterDisplayName,
  clusterListSchema,
  clusterOperations,
  clusterSchema,
  createClusterBodySchema,
  deleteClusterQuerySchema,
  listClustersQuerySchema,
  parseAddonInstallAnnotation,
  resolveDeleteClusterOptions,
  updateClusterBodySchema,
  type CreateClusterBody,
} from './clusters.ts';
import { resourceTagSchema } from './tags.ts';

function messages(schema: z.ZodType, value: unknown): string[] {
  const result = schema.safeParse(value);
  return result.success ? [] : result.error.issues.map((issue) => issue.message);
}

function validBody(): CreateClusterBody {
  return {
    kind: 'Cluster',
    metadata: { name: 'prod-cluster' },
    spec: {
      flavor: 'cce.autopilot.cluster',
      hostNetwork: { vpc: 'c6549063-d459-4ae1-9550-b5fec6741b0f' },
      containerNetwork: { mode: 'eni' },
      eniNetwork: { subnets: [{ subnetID: '186f9322-50c5-4e5a-91e3-47da86959afc' }] },
    },
  };
}

function withMetadata(metadata: Record<string, unknown>) {
  const body = validBody();
  return { ...body, metadata: { ...body.metadata, ...metadata } };
}

function withSpec(spec: Record<string, unknown>) {
  const body = validBody();
  return { ...body, spec: { ...body.spec, ...spec } };
}

describe('createCluster body', () => {
  it('accepts a minimal body and fills in the documented defaults', () => {
    const parsed = createClusterBodySchema.parse(validBody());
    expect(parsed.apiVersion).toBe('v3');
    expect(parsed.spec.authentication).toEqual({ mode: 'rbac' });
    expect(parsed.spec.billingMode).toBe(0);
    expect(parsed.spec.kubeProxyMode).toBe('iptables');
    expect(parsed.spec.serviceNetwork).toEqual({ IPv4CIDR: '10.247.0.0/16' });
  });

  it('takes the service CIDR from serviceNetwork, else from the deprecated kubernetesSvcIpRange', () => {
    expect(createClusterBodySchema.parse(withSpec({ serviceNetwork: { IPv4CIDR: '172.16.0.0/16' } })).spec.serviceNetwork)
      .toEqual({ IPv4CIDR: '172.16.0.0/16' });
    expect(createClusterBodySchema.parse(withSpec({ kubernetesSvcIpRange: '10.0.0.0/12' })).spec.serviceNetwork).toEqual({
      IPv4CIDR: '10.0.0.0/12',
    });
  });

  it('requires kind "Cluster" or "cluster"', () => {
    const { kind: _kind, ...noKind } = validBody();
    expect(messages(createClusterBodySchema, noKind)).toContain('kind is required ("Cluster")');
    expect(messages(createClusterBodySchema, { ...validBody(), kind: 'Job' })).toContain('kind must be "Cluster" or "cluster"');
    expect(createClusterBodySchema.safeParse({ ...validBody(), kind: 'cluster' }).success).toBe(true);
    expect(messages(createClusterBodySchema, { ...validBody(), apiVersion: 'v2' })).toContain('apiVersion must be "v3"');
  });

  describe('metadata.name (line 778)', () => {
    it.each(['abcd', 'a-1-b', `a${'b'.repeat(127)}`])('accepts %s', (name) => {
      expect(messages(createClusterBodySchema, withMetadata({ name }))).toEqual([]);
    });

    it.each([
      ['abc', 'metadata.name must be 4 to 128 characters long'],
      [`a${'b'.repeat(128)}`, 'metadata.name must be 4 to 128 characters long'],
      ['1abc', 'metadata.name must start with a lower-case letter'],
      ['Abcd', 'metadata.name must start with a lower-case letter'],
      ['ab_cd', 'metadata.name may contain only lower-case letters, digits and "-"'],
      ['abcD', 'metadata.name may contain only lower-case letters, digits and "-"'],
      ['abcd-', 'metadata.name must not end with "-"'],
    ])('refuses %s', (name, message) => {
      expect(messages(createClusterBodySchema, withMetadata({ name }))).toContain(message);
    });

    it('is required', () => {
      expect(messages(createClusterBodySchema, { ...validBody(), metadata: {} })).toContain('metadata.name is required');
    });
  });

  it('applies the naming rule to the alias, and lets an empty alias mean "same as the name"', () => {
    expect(messages(createClusterBodySchema, withMetadata({ alias: '' }))).toEqual([]);
    expect(messages(createClusterBodySchema, withMetadata({ alias: 'my-alias' }))).toEqual([]);
    expect(messages(createClusterBodySchema, withMetadata({ alias: 'My-alias' }))).toContain(
      'metadata.alias must start with a lower-case letter',
    );
  });

  it('requires the flavor cce.autopilot.cluster', () => {
    const body = validBody();
    const { flavor: _flavor, ...specWithoutFlavor } = body.spec;
    expect(messages(createClusterBodySchema, { ...body, spec: specWithoutFlavor })).toContain(
      'spec.flavor is required ("cce.autopilot.cluster")',
    );
    expect(messages(createClusterBodySchema, withSpec({ flavor: 'cce.s1.small' }))).toContain(
      'spec.flavor must be "cce.autopilot.cluster"',
    );
  });

  it.each([
    [{ category: 'CCE' }, 'spec.category must be "Turbo" (the only Autopilot category)'],
    [{ type: 'ARM64' }, 'spec.type must be "VirtualMachine" (x86 masters)'],
    [{ billingMode: 1 }, 'spec.billingMode must be 0 (on-demand, the only billing mode)'],
    [{ kubeProxyMode: 'ipvs' }, 'spec.kubeProxyMode must be "iptables"'],
    [{ authentication: { mode: 'x509' } }, 'spec.authentication.mode must be "rbac"'],
    [{ containerNetwork: { mode: 'overlay_l2' } }, 'spec.containerNetwork.mode must be "eni" (Cloud Native Network 2.0)'],
    [{ containerNetwork: {} }, 'spec.containerNetwork.mode is required ("eni")'],
    [{ containerNetwork: undefined }, 'spec.containerNetwork is required'],
    [{ hostNetwork: undefined }, 'spec.hostNetwork is required'],
    [{ hostNetwork: {} }, 'spec.hostNetwork.vpc is required'],
    [{ hostNetwork: { vpc: '' } }, 'spec.hostNetwork.vpc must not be empty'],
    [{ eniNetwork: { subnets: [] } }, 'spec.eniNetwork.subnets must list at least one subnet'],
    [{ eniNetwork: { subnets: [{}] } }, 'spec.eniNetwork.subnets[].subnetID is required'],
    [{ serviceNetwork: { IPv4CIDR: '10.247.1.0/16' } }, 'spec.serviceNetwork.IPv4CIDR must be an IPv4 CIDR block'],
    [{ serviceNetwork: { IPv4CIDR: '300.0.0.0/8' } }, 'spec.serviceNetwork.IPv4CIDR must be an IPv4 CIDR block'],
    [{ kubernetesSvcIpRange: '10.247.0.0' }, 'spec.kubernetesSvcIpRange must be an IPv4 CIDR block'],
    [{ customSan: ['example.com', 'example.com'] }, 'spec.customSan must not list the same entry twice'],
    [{ customSan: ['not a host'] }, 'every spec.customSan entry must be an IP address or a domain name'],
    [{ enableSnat: 'yes' }, 'spec.enableSnat must be true or false'],
    [{ nodeCount: 3 }, 'spec has unknown field(s): nodeCount; the API does not document them'],
  ])('refuses spec %j', (spec, message) => {
    expect(messages(createClusterBodySchema, withSpec(spec)).join('\n')).toContain(message);
  });

  it('says where the flags nested in eniNetwork by the seed example belong (S6)', () => {
    const body = withSpec({
      eniNetwork: { subnets: [{ subnetID: 's1' }], enableSnat: true, serviceNetwork: { IPv4CIDR: '10.247.0.0/16' } },
    });
    expect(messages(createClusterBodySchema, body)).toEqual([
      'spec.eniNetwork accepts only subnets: enableSnat, serviceNetwork belong directly under spec',
    ]);
  });

  it('accepts the example without hostNetwork.subnet (the SDK samples omit it too)', () => {
    expect(messages(createClusterBodySchema, withSpec({ hostNetwork: { vpc: 'v', subnet: 's' } }))).toEqual([]);
    expect(messages(createClusterBodySchema, withSpec({ hostNetwork: { vpc: 'v' } }))).toEqual([]);
  });

  it('normalises extendParam.upgradeFrom to the table spelling upgradefrom (N2)', () => {
    const parsed = createClusterBodySchema.parse(withSpec({ extendParam: { enterpriseProjectId: '0', upgradeFrom: 'x' } }));
    expect(parsed.spec.extendParam).toEqual({ enterpriseProjectId: '0', upgradefrom: 'x' });
  });

  describe('spec.description', () => {
    it('accepts 200 characters, Chinese included', () => {
      expect(messages(createClusterBodySchema, withSpec({ description: '集'.repeat(200) }))).toEqual([]);
    });

    it('refuses 201 characters', () => {
      expect(messages(createClusterBodySchema, withSpec({ description: 'a'.repeat(201) }))).toContain(
        'spec.description must be at most 200 characters',
      );
    });

    it.each(['~', '$', '%', '^', '&', '*', '<', '>', '[', ']', '{', '}', '(', ')', "'", '"', '#', '\\'])(
      'refuses %s',
      (character) => {
        expect(messages(createClusterBodySchema, withSpec({ description: `a${character}b` })).join()).toContain(
          'spec.description must not contain any of ~ $ % ^ & * < > [ ] { } ( ) \' " # \\',
        );
      },
    );
  });

  describe('spec.clusterTags (tag rules, digest §7/§9)', () => {
    it('accepts letters, Chinese, digits, spaces, the specials and an empty value', () => {
      const tags = [
        { key: 'env', value: 'prod' },
        { key: '部门 a_.:/=+-@', value: '' },
      ];
      expect(messages(createClusterBodySchema, withSpec({ clusterTags: tags }))).toEqual([]);
    });

    it.each([
      [{ key: '', value: 'v' }, 'tag key must not be empty'],
      [{ key: 'k'.repeat(129), value: 'v' }, 'tag key must be at most 128 characters'],
      [{ key: ' env', value: 'v' }, 'tag key must not start or end with a space'],
      [{ key: 'env#', value: 'v' }, 'tag key may contain only'],
      [{ key: '_sys_owner', value: 'v' }, 'tag key must not start with "_sys_"'],
      [{ key: 'env' }, 'tag value must be present (it may be empty)'],
      [{ key: 'env', value: 'v'.repeat(256) }, 'tag value must be at most 255 characters'],
      [{ key: 'env', value: 'a|b' }, 'tag value may contain only'],
      [{ key: 'env', value: 'v', owner: 'me' }, 'tag has unknown field(s): owner'],
    ])('refuses %j', (tag, message) => {
      expect(messages(resourceTagSchema, tag).join('\n')).toContain(message);
      expect(messages(createClusterBodySchema, withSpec({ clusterTags: [tag] })).join('\n')).toContain(message);
    });

    it('accepts 128-character keys and 255-character values', () => {
      expect(messages(resourceTagSchema, { key: 'k'.repeat(128), value: 'v'.repeat(255) })).toEqual([]);
    });

    it('refuses more than 20 tags and a key given twice', () => {
      const tags = Array.from({ length: 21 }, (_, i) => ({ key: `k${i}`, value: 'v' }));
      expect(messages(createClusterBodySchema, withSpec({ clusterTags: tags }))).toContain(
        'spec.clusterTags must have at most 20 tags',
      );
      expect(messages(createClusterBodySchema, withSpec({ clusterTags: tags.slice(0, 20) }))).toEqual([]);
      expect(
        messages(createClusterBodySchema, withSpec({ clusterTags: [{ key: 'a', value: '1' }, { key: 'a', value: '2' }] })),
      ).toContain('tags must not name the key "a" more than once');
    });
  });

  describe('the add-on install annotation', () => {
    const addons = [
      { addonTemplateName: 'coredns', values: { flavor: { name: 'autopilot-flavor1', replicas: 2 } } },
      { addonTemplateName: 'metrics-server' },
    ];

    it('builds a value that the body accepts and that parses back', () => {
      const value = buildAddonInstallAnnotation(addons);
      expect(JSON.parse(value)).toEqual([addons[0], { addonTemplateName: 'metrics-server', values: {} }]);
      const body = withMetadata({ annotations: { [addonInstallAnnotationKey]: value } });
      const parsed = createClusterBodySchema.parse(body);
      expect(parseAddonInstallAnnotation(parsed.metadata.annotations)).toEqual([
        addons[0],
        { addonTemplateName: 'metrics-server', values: {} },
      ]);
    });

    it('reads an absent annotation as no add-ons', () => {
      expect(parseAddonInstallAnnotation(undefined)).toEqual([]);
      expect(parseAddonInstallAnnotation({ other: 'x' })).toEqual([]);
    });

    it('refuses a value that is not JSON, or not a list of {addonTemplateName, values}', () => {
      const notJson = withMetadata({ annotations: { [addonInstallAnnotationKey]: '[{addonTemplateName:coredns}]' } });
      expect(messages(createClusterBodySchema, notJson).join()).toContain(
        `metadata.annotations["${addonInstallAnnotationKey}"]: ${addonInstallAnnotationKey} must be a JSON-encoded array`,
      );
      const wrongShape = withMetadata({ annotations: { [addonInstallAnnotationKey]: '[{"values":{}}]' } });
      expect(messages(createClusterBodySchema, wrongShape).join()).toContain('addonTemplateName is required');
      expect(() => parseAddonInstallAnnotation({ [addonInstallAnnotationKey]: '{}' })).toThrow();
      expect(() => buildAddonInstallAnnotation([{ addonTemplateName: '' }])).toThrow();
    });

    it('refuses annotations that are not strings', () => {
      expect(messages(createClusterBodySchema, withMetadata({ annotations: { a: 1 } }))).toContain(
        'every metadata.annotations value must be a string',
      );
    });
  });
});

describe('updateCluster body', () => {
  it('accepts the documented fields', () => {
    const body = {
      spec: { description: 'new description', eniNetwork: { subnets: [{ subnetID: 'a' }, { subnetID: 'b' }] } },
      metadata: { alias: 'new-alias' },
    };
    expect(messages(updateClusterBodySchema, body)).toEqual([]);
    expect(messages(updateClusterBodySchema, { spec: {}, metadata: { alias: '' } })).toEqual([]);
  });

  it.each([
    [{}, 'spec is required'],
    [{ spec: { description: 'a'.repeat(201) } }, 'spec.description must be at most 200 characters'],
    [{ spec: { description: 'a{b}' } }, 'spec.description must not contain any of'],
    [{ spec: { eniNetwork: { subnets: [{ id: 'a' }] } } }, 'spec.eniNetwork.subnets[].subnetID is required'],
    [{ spec: {}, metadata: { alias: 'ab' } }, 'metadata.alias must be 4 to 128 characters long'],
    [{ spec: {}, metadata: { name: 'renamed' } }, 'metadata has unknown field(s): name'],
    [{ spec: { version: 'v1.29' } }, 'spec has unknown field(s): version'],
  ])('refuses %j', (body, message) => {
    expect(messages(updateClusterBodySchema, body).join('\n')).toContain(message);
  });
});

describe('state rules for the emulator', () => {
  it('checkEniSubnetsAddOnly accepts a superset and refuses a removal or a duplicate', () => {
    const existing = [{ subnetID: 'a' }, { subnetID: 'b' }];
    expect(checkEniSubnetsAddOnly(existing, [{ subnetID: 'b' }, { subnetID: 'a' }, { subnetID: 'c' }])).toBeNull();
    expect(checkEniSubnetsAddOnly(existing, existing)).toBeNull();
    expect(checkEniSubnetsAddOnly(existing, [{ subnetID: 'a' }, { subnetID: 'c' }])).toBe(
      'spec.eniNetwork.subnets must include every existing subnet (subnets can only be added, not removed); missing: b',
    );
    expect(checkEniSubnetsAddOnly(['a'], ['a', 'a'])).toBe('spec.eniNetwork.subnets lists subnet a twice');
  });

  it('checkDescriptionUpdateAllowed allows a description change only while Available', () => {
    expect(checkDescriptionUpdateAllowed('Available', { spec: { description: 'x' } })).toBeNull();
    expect(checkDescriptionUpdateAllowed('Upgrading', { spec: {} })).toBeNull();
    expect(checkDescriptionUpdateAllowed('Upgrading', { spec: { description: 'x' } })).toBe(
      'spec.description can be changed only while the cluster is Available (it is Upgrading)',
    );
  });

  it('checkClusterAliasUnique refuses another cluster name or alias, not the cluster itself', () => {
    const clusters = [
      { metadata: { name: 'alpha', uid: '1', alias: 'first' } },
      { metadata: { name: 'beta', uid: '2' } },
    ];
    expect(checkClusterAliasUnique('beta', clusters)).toBe(
      'metadata.alias "beta" is already used as the name or alias of cluster beta',
    );
    expect(checkClusterAliasUnique('first', clusters, { name: 'beta', uid: '2' })).toContain('cluster alpha');
    expect(checkClusterAliasUnique('first', clusters, { name: 'alpha', uid: '1' })).toBeNull();
    expect(checkClusterAliasUnique('gamma', clusters)).toBeNull();
    expect(checkClusterAliasUnique('', clusters)).toBeNull();
  });
});

describe('deleteCluster query', () => {
  it('accepts the documented values', () => {
    const query = {
      delete_efs: 'try',
      delete_eni: 'true',
      delete_net: 'skip',
      delete_obs: 'block',
      delete_sfs30: 'false',
      lts_reclaim_policy: 'Retain',
    };
    expect(messages(deleteClusterQuerySchema, query)).toEqual([]);
  });

  it.each([
    [{ delete_efs: 'yes' }, 'delete_efs must be one of true, block, try, false, skip'],
    [{ delete_net: 'delete-block' }, 'delete_net must be one of true, block, try, false, skip'],
    [{ lts_reclaim_policy: 'Delete' }, 'lts_reclaim_policy must be one of Delete_Log_Group, Delete_Master_Log_Stream, Retain'],
  ])('refuses %j', (query, message) => {
    expect(messages(deleteClusterQuerySchema, query)).toContain(message);
  });

  it('resolves defaults (storage skipped, ENIs and networking deleted) and folds the synonyms', () => {
    expect(resolveDeleteClusterOptions({})).toEqual({
      delete_efs: 'skip',
      delete_eni: 'block',
      delete_net: 'block',
      delete_obs: 'skip',
      delete_sfs30: 'skip',
      lts_reclaim_policy: 'Delete_Master_Log_Stream',
    });
    expect(resolveDeleteClusterOptions({ delete_efs: 'true', delete_eni: 'false', delete_net: 'try' })).toMatchObject({
      delete_efs: 'block',
      delete_eni: 'skip',
      delete_net: 'try',
    });
  });
});

describe('cluster response', () => {
  const base = {
    kind: 'Cluster',
    apiVersion: 'v3',
    metadata: { name: 'test', uid: 'u1' },
    spec: { flavor: 'cce.autopilot.cluster' },
  };

  it('normalises kubernetesSvclpRange (N1) to kubernetesSvcIpRange', () => {
    const parsed = clusterSchema.parse({ ...base, spec: { kubernetesSvclpRange: '10.247.0.0/16' } });
    expect(parsed.spec.kubernetesSvcIpRange).toBe('10.247.0.0/16');
    expect(parsed.spec).not.toHaveProperty('kubernetesSvclpRange');
  });

  it('normalises extendParam.upgradeFrom (N2) to upgradefrom', () => {
    const fromExample = clusterSchema.parse({ ...base, spec: { extendParam: { enterpriseProjectId: '0', upgradeFrom: 'x' } } });
    expect(fromExample.spec.extendParam).toEqual({ enterpriseProjectId: '0', upgradefrom: 'x' });
    const fromTable = clusterSchema.parse({ ...base, spec: { extendParam: { upgradefrom: 'y' } } });
    expect(fromTable.spec.extendParam).toEqual({ upgradefrom: 'y' });
  });

  it('lifts a status nested in spec (S5) to the top level', () => {
    const parsed = clusterSchema.parse({
      ...base,
      spec: { status: { phase: 'Deleting', jobID: 'j1', deleteStatus: { added: 6, deleted: 0 } } },
    });
    expect(parsed.status?.phase).toBe('Deleting');
    expect(parsed.status?.jobID).toBe('j1');
    expect(parsed.status?.deleteStatus).toEqual({ added: 6, deleted: 0 });
    expect(parsed.spec).not.toHaveProperty('status');
  });

  it('keeps the top-level status when both are present', () => {
    const parsed = clusterSchema.parse({ ...base, spec: { status: { phase: 'Available' } }, status: { phase: 'Deleting' } });
    expect(parsed.status?.phase).toBe('Deleting');
  });

  it('parses an unknown phase, null lists and unknown keys', () => {
    const parsed = clusterSchema.parse({
      ...base,
      spec: { customSan: null, clusterTags: null, eniNetwork: { subnets: null, eniSubnetId: 'x' }, newField: 1 },
      status: { phase: 'Sleeping', endpoints: null },
    });
    expect(parsed.status?.phase).toBe('Sleeping');
    expect(parsed.status?.endpoints).toEqual([]);
    expect(parsed.spec.customSan).toEqual([]);
    expect(parsed.spec.eniNetwork).toEqual({ subnets: [], eniSubnetId: 'x' });
    expect(parsed.spec).toHaveProperty('newField', 1);
  });

  it('lists with null items and shows the alias or the name', () => {
    expect(clusterListSchema.parse({ kind: 'Cluster', items: null }).items).toEqual([]);
    const parsed = clusterSchema.parse(base);
    expect(clusterDisplayName(parsed)).toBe('test');
    expect(clusterDisplayName(clusterSchema.parse({ ...base, metadata: { name: 'test', alias: 'shown' } }))).toBe('shown');
  });
});

describe('queries and operations', () => {
  it('listClusters query accepts the documented filters and refuses others', () => {
    expect(messages(listClustersQuerySchema, { detail: 'true', status: 'Available', type: 'VirtualMachine' })).toEqual([]);
    expect(messages(listClustersQuerySchema, { status: 'Running' })).toContain(
      'status must be one of the documented cluster phases',
    );
    expect(listClustersQuerySchema.safeParse({ page: '1' }).success).toBe(false);
  });

  it('declares the cluster operations with their bodies', () => {
    expect(clusterOperations.createCluster.successStatus).toBe(201);
    expect(clusterOperations.createCluster.body).toBe(createClusterBodySchema);
    expect(clusterOperations.updateCluster.body).toBe(updateClusterBodySchema);
    expect(clusterOperations.deleteCluster.query).toBe(deleteClusterQuerySchema);
    expect(clusterOperations.deleteCluster.bodyKind).toBe('none');
  });
});
