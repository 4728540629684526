import { describe, expect, it } from 'vitest';
import releaseFixtures from './fixtures/releases.fixtures.json' with { type: 'json' };
import {
  createReleaseBodySchema,
  deleteReleaseResultSchema,
  releaseListSchema,
  releaseOperations,
  releaseSchema,
  releaseStatuses,
  transitionalReleaseStatuses,
  updateReleaseBodySchema,
} from './releases.ts';

function messages(result: { error?: { issues: Array<{ message: string }> } }): string[] {
  return result.error?.issues.map((issue) => issue.message) ?? [];
}

const nameRule =
  'name must contain only lower-case letters, digits, "-" and ".", and start and end with a letter or digit';
const namespaceRule =
  'namespace must contain only lower-case letters, digits and "-", and start and end with a letter or digit';

const createBody = {
  name: 'nino21',
  namespace: 'project01',
  version: '1.0.0',
  chart_id: '3c138b72-7ce4-6d76-7c55-604cdb2ce423',
  values: { imageTag: 'v2', imagePullPolicy: 'IfNotPresent' },
  parameters: { dry_run: false, no_hooks: false, replace: false, name_template: '' },
};

const updateBody = {
  chart_id: 'af4b699e-018c-11ec-b8b0-0255ac100b05',
  action: 'upgrade',
  parameters: { dry_run: false, reset_values: false, release_version: 1, include_hooks: false },
  values: { imagePullPolicy: 'IfNotPresent', imageTag: 'v2' },
};

const release = {
  chart_name: 'magento-mysql',
  chart_public: false,
  chart_version: '1.0.0',
  cluster_id: 'a870253f-5dc7-11ee-bf71-0255ac100b03',
  cluster_name: 'sfs-turbo-test',
  create_at: '2023-11-14T20:30:57+08:00',
  description: 'Initial install underway',
  name: 'testwww',
  namespace: 'monitoring',
  parameters: '',
  resources: '',
  status: 'PENDING_INSTALL',
  status_description: 'Initial install underway',
  update_at: '2023-11-14T20:30:57+08:00',
  values: '{"basic":{"mysql_port":3306},"global":{"namespace":"default"}}',
  version: 1,
};

describe('createRelease body (4.6.4 table 4-395)', () => {
  it('accepts the published body (hold-10)', () => {
    expect(createReleaseBodySchema.parse(createBody)).toEqual(createBody);
  });

  it('refuses the seed example only for its undocumented project_id and cluster_id (digest S16)', () => {
    const fixture = releaseFixtures.find((f) => f.operationId === 'createRelease' && f.kind === 'request');
    const example = (fixture?.payload ?? {}) as Record<string, unknown>;
    expect(messages(createReleaseBodySchema.safeParse(example))).toEqual([
      'the createRelease body has unknown field(s): project_id, cluster_id; accepted: chart_id, name, namespace, ' +
        'version, description, parameters, values (the cluster comes from the path)',
    ]);
    const { project_id: _project, cluster_id: _cluster, ...documented } = example;
    const parsed = createReleaseBodySchema.parse(documented);
    // values is a free-form chart values tree, not the two-field table 4-397
    expect(parsed.values).toMatchObject({ useAOPC: 'true', core: { numberOfServers: 3 } });
  });

  it.each([
    ['Koi-neo4j', nameRule],
    ['koi-', nameRule],
    ['koi_neo4j', nameRule],
    ['a'.repeat(54), 'name must be at most 53 characters'],
    ['', 'name must not be empty'],
  ])('refuses the release name %j', (name, message) => {
    expect(messages(createReleaseBodySchema.safeParse({ ...createBody, name }))).toContain(message);
  });

  it('accepts a 53-character name and dotted names (Helm rule)', () => {
    expect(createReleaseBodySchema.safeParse({ ...createBody, name: 'a'.repeat(53) }).success).toBe(true);
    expect(createReleaseBodySchema.safeParse({ ...createBody, name: 'web.v2' }).success).toBe(true);
  });

  it.each([
    ['Default', namespaceRule],
    ['kube.system', namespaceRule],
    ['n'.repeat(64), 'namespace must be at most 63 characters'],
  ])('refuses the namespace %j (DNS-1123 label)', (namespace, message) => {
    expect(messages(createReleaseBodySchema.safeParse({ ...createBody, namespace }))).toContain(message);
  });

  it('requires chart_id, name, namespace, version and values', () => {
    expect(messages(createReleaseBodySchema.safeParse({}))).toEqual([
      'chart_id is required',
      'name is required',
      'namespace is required',
      'version is required',
      'values must be an object of chart values',
    ]);
    expect(messages(createReleaseBodySchema.safeParse({ ...createBody, version: '' }))).toEqual([
      'version must not be empty (the chart version, e.g. "3.0.1")',
    ]);
    expect(messages(createReleaseBodySchema.safeParse({ ...createBody, values: ['a'] }))).toEqual([
      'values must be an object of chart values',
    ]);
  });

  it('checks the ReleaseReqBodyParams fields (table 4-396)', () => {
    const withParameters = (parameters: unknown) =>
      messages(createReleaseBodySchema.safeParse({ ...createBody, parameters }));
    expect(withParameters({ dry_run: 'true' })).toEqual(['parameters.dry_run must be true or false']);
    expect(withParameters({ release_version: 1.5 })).toEqual([
      'parameters.release_version must be an integer revision',
    ]);
    expect(withParameters({ release_version: 0 })).toEqual(['parameters.release_version must be at least 1']);
    expect(withParameters({ include_resources: true })).toEqual([
      'parameters has unknown field(s): include_resources; accepted: dry_run, name_template, no_hooks, replace, ' +
        'recreate, reset_values, release_version, include_hooks',
    ]);
    expect(withParameters('{"dry_run":true}')).toEqual(['parameters must be an object']);
  });
});

describe('updateRelease body (4.6.7, seed 004)', () => {
  it('accepts an upgrade and a rollback to a revision', () => {
    expect(updateReleaseBodySchema.parse(updateBody)).toEqual(updateBody);
    const rollback = { ...updateBody, action: 'rollback', parameters: { release_version: 2 } };
    expect(updateReleaseBodySchema.parse(rollback).action).toBe('rollback');
  });

  it('refuses another action', () => {
    expect(messages(updateReleaseBodySchema.safeParse({ ...updateBody, action: 'delete' }))).toEqual([
      'action must be "upgrade" or "rollback"',
    ]);
  });

  it('requires parameters and values (003 marks them required)', () => {
    const { parameters: _p, values: _v, ...rest } = updateBody;
    expect(messages(updateReleaseBodySchema.safeParse(rest))).toEqual([
      'parameters is required',
      'values must be an object of chart values',
    ]);
  });
});

describe('ReleaseResp', () => {
  it('decodes values/parameters/resources strings to objects ("" is {})', () => {
    const parsed = releaseSchema.parse(release);
    expect(parsed.values).toEqual({ basic: { mysql_port: 3306 }, global: { namespace: 'default' } });
    expect(parsed.parameters).toEqual({});
    expect(parsed.resources).toEqual({});
  });

  it('reads object forms and absent fields the same way', () => {
    const parsed = releaseSchema.parse({ name: 'r', parameters: { dry_run: true }, values: { a: 1 } });
    expect(parsed).toMatchObject({ parameters: { dry_run: true }, values: { a: 1 }, resources: {}, version: null });
  });

  it('reads version as a number, from an integer or a numeric string', () => {
    expect(releaseSchema.parse({ ...release, version: 3 }).version).toBe(3);
    expect(releaseSchema.parse({ ...release, version: '4' }).version).toBe(4);
    expect(releaseSchema.safeParse({ ...release, version: 'v4' }).success).toBe(false);
  });

  it('keeps an unknown status and undocumented keys (digest S17: id, label)', () => {
    const parsed = releaseSchema.parse({ ...release, status: 'SUPERSEDED', id: 1, label: 'magento-mysql' });
    expect(parsed).toMatchObject({ status: 'SUPERSEDED', id: 1, label: 'magento-mysql' });
  });

  it('exports the statuses and the transitional ones the console polls on', () => {
    expect(releaseStatuses).toHaveLength(8);
    expect([...transitionalReleaseStatuses].sort()).toEqual(
      ['DELETING', 'PENDING_INSTALL', 'PENDING_ROLLBACK', 'PENDING_UPGRADE'].sort(),
    );
  });
});

describe('release lists (4.6.3, 4.6.13)', () => {
  it('reads a flat array, the documented Array<Array<ReleaseResp>> and a wrapped list as one flat array', () => {
    const other = { ...release, name: 'other', version: '2' };
    expect(releaseListSchema.parse([release, other]).map((r) => r.name)).toEqual(['testwww', 'other']);
    expect(releaseListSchema.parse([[release], [other]]).map((r) => r.version)).toEqual([1, 2]);
    expect(releaseListSchema.parse({ items: [release] })).toHaveLength(1);
    expect(releaseListSchema.parse({ releases: [[release]] })).toHaveLength(1);
    expect(releaseListSchema.parse(null)).toEqual([]);
  });

  it('normalises every entry', () => {
    expect(releaseListSchema.parse([release])[0]?.values).toMatchObject({ basic: { mysql_port: 3306 } });
  });
});

describe('deleteRelease response (4.6.9)', () => {
  it('reads a bare string, the release object (hold-13) and an empty body', () => {
    expect(deleteReleaseResultSchema.parse('success')).toEqual({ release: null, message: 'success' });
    const deleted = deleteReleaseResultSchema.parse({ ...release, status: 'DELETING' });
    expect(deleted.release?.status).toBe('DELETING');
    expect(deleted.release?.values).toMatchObject({ basic: { mysql_port: 3306 } });
    expect(deleteReleaseResultSchema.parse(undefined)).toEqual({ release: null, message: null });
  });
});

describe('release path and query parameters', () => {
  it('validate name and namespace with the release rules', () => {
    const params = releaseOperations.getRelease.pathParams;
    expect(params.safeParse({ cluster_id: 'a870253f-5dc7', namespace: 'monitoring', name: 'testwww' }).success).toBe(
      true,
    );
    expect(messages(params.safeParse({ cluster_id: 'c1', namespace: 'Monitoring', name: 'Test' }))).toEqual([
      namespaceRule,
      nameRule,
    ]);
  });

  it('validate the listReleases filters', () => {
    const query = releaseOperations.listReleases.query;
    expect(query.safeParse({}).success).toBe(true);
    expect(query.safeParse({ chart_id: 'e99a7e86-afdd-11eb', namespace: 'default' }).success).toBe(true);
    expect(messages(query.safeParse({ namespace: 'a_b' }))).toEqual([namespaceRule]);
    expect(query.safeParse({ status: 'DEPLOYED' }).success).toBe(false);
  });
});
