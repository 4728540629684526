import { beforeEach, describe, expect, it } from 'vitest';
import { operations } from '../../../contract/operations.ts';
import { createTestEmulator, type TestEmulator } from '../test-client.ts';
import { mergeTags } from './tags.ts';

let t: TestEmulator;
let base: string;
let prod: string;

beforeEach(async () => {
  t = createTestEmulator();
  base = `/autopilot/v3/projects/${t.projectId}`;
  const list = operations.listClusters.response.parse((await t.call('GET', `${base}/clusters`)).json);
  prod = list.items.find((c) => c.metadata.name === 'prod-payments')?.metadata.uid ?? '';
});

const addTags = (id: string, tags: unknown) => t.call('POST', `${base}/clusters/${id}/tags/create`, { body: { tags } });
const deleteTags = (id: string, tags: unknown) => t.call('POST', `${base}/clusters/${id}/tags/delete`, { body: { tags } });
async function tagsOf(id: string) {
  const res = await t.call('GET', `${base}/clusters/${id}`);
  return operations.getCluster.response.parse(res.json).spec.clusterTags;
}

describe('batchCreateClusterTags', () => {
  it('adds new keys and overwrites the value of an existing key, 204 without a body', async () => {
    expect(await tagsOf(prod)).toEqual([
      { key: 'env', value: 'production' },
      { key: 'team', value: 'payments' },
      { key: 'cost-center', value: 'cc-1042' },
    ]);
    const res = await addTags(prod, [
      { key: 'team', value: 'payments-core' },
      { key: 'owner', value: 'ops@example.com' },
      { key: 'empty', value: '' },
    ]);
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    expect(await tagsOf(prod)).toEqual([
      { key: 'env', value: 'production' },
      { key: 'team', value: 'payments-core' },
      { key: 'cost-center', value: 'cc-1042' },
      { key: 'owner', value: 'ops@example.com' },
      { key: 'empty', value: '' },
    ]);
  });

  it('is idempotent: the same tag again changes nothing, not even the update time', async () => {
    const before = operations.getCluster.response.parse((await t.call('GET', `${base}/clusters/${prod}`)).json);
    t.advance(60_000);
    expect((await addTags(prod, [{ key: 'env', value: 'production' }])).status).toBe(204);
    const after = operations.getCluster.response.parse((await t.call('GET', `${base}/clusters/${prod}`)).json);
    expect(after.spec.clusterTags).toEqual(before.spec.clusterTags);
    expect(after.metadata.updateTimestamp).toBe(before.metadata.updateTimestamp);
  });

  it('refuses a batch that would leave more than 20 tags on the cluster and keeps the tags as they were', async () => {
    const seventeen = Array.from({ length: 17 }, (_, i) => ({ key: `k${i}`, value: `v${i}` }));
    expect((await addTags(prod, seventeen)).status).toBe(204);
    expect(await tagsOf(prod)).toHaveLength(20);
    // overwriting at the limit is fine
    expect((await addTags(prod, [{ key: 'k0', value: 'changed' }])).status).toBe(204);
    const res = await addTags(prod, [{ key: 'one-more', value: 'x' }]);
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ errorCode: 'CCE.01400001' });
    expect((res.json as { errorMessage: string }).errorMessage).toMatch(/at most 20 tags.*has 20.*one-more/);
    expect(await tagsOf(prod)).toHaveLength(20);
  });

  it('refuses invalid tags (contract rules) and unknown or deleting clusters', async () => {
    for (const tags of [[], [{ key: '_sys_x', value: 'a' }], [{ key: 'a' }], [{ key: ' a', value: 'b' }], [{ key: 'a', value: '1' }, { key: 'a', value: '2' }]]) {
      const res = await addTags(prod, tags);
      expect(res.status, JSON.stringify(tags)).toBe(400);
    }
    expect((await addTags('5b3c1f0e-0000-4000-8000-000000000000', [{ key: 'a', value: 'b' }])).status).toBe(404);

    const list = operations.listClusters.response.parse((await t.call('GET', `${base}/clusters`)).json);
    const legacy = list.items.find((c) => c.metadata.name === 'legacy-portal')?.metadata.uid ?? '';
    expect((await t.call('DELETE', `${base}/clusters/${legacy}`)).status).toBe(200);
    const res = await addTags(legacy, [{ key: 'a', value: 'b' }]);
    expect(res.status).toBe(429);
    expect(res.json).toMatchObject({ errorCode: 'CCE.01429002' });
  });
});

describe('batchDeleteClusterTags', () => {
  it('removes the named keys, ignores keys the cluster does not have, 204 without a body', async () => {
    const res = await deleteTags(prod, [{ key: 'team' }, { key: 'no-such-key' }]);
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    expect(await tagsOf(prod)).toEqual([
      { key: 'env', value: 'production' },
      { key: 'cost-center', value: 'cc-1042' },
    ]);
    expect((await deleteTags(prod, [{ key: 'nothing' }])).status).toBe(204);
    expect(await tagsOf(prod)).toHaveLength(2);
  });

  it('refuses a body with values or no tags, and unknown clusters', async () => {
    expect((await deleteTags(prod, [{ key: 'env', value: 'production' }])).status).toBe(400);
    expect((await deleteTags(prod, [])).status).toBe(400);
    expect((await deleteTags('5b3c1f0e-0000-4000-8000-000000000000', [{ key: 'env' }])).status).toBe(404);
  });
});

describe('mergeTags', () => {
  it('keeps the order, overwrites in place, appends new keys', () => {
    expect(mergeTags([{ key: 'a', value: '1' }, { key: 'b', value: null }], [{ key: 'b', value: '2' }, { key: 'c', value: '3' }])).toEqual([
      { key: 'a', value: '1' },
      { key: 'b', value: '2' },
      { key: 'c', value: '3' },
    ]);
  });
});
