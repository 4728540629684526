import { describe, expect, it } from 'vitest';
import { operations } from '../../../contract/operations.ts';
import { createTestEmulator } from '../test-client.ts';

const createBody = (name: string) => ({
  kind: 'Cluster',
  metadata: { name },
  spec: { flavor: 'cce.autopilot.cluster', hostNetwork: { vpc: 'c6549063-d459-4ae1-9550-b5fec6741b0f' }, containerNetwork: { mode: 'eni' } },
});

describe('getQuotas', () => {
  it('reports the cluster quota of the project: used follows creations and finished deletions, the limit the setting', async () => {
    const t = createTestEmulator();
    const base = `/autopilot/v3/projects/${t.projectId}`;
    const quota = async () => {
      const res = await t.call('GET', `${base}/quotas`);
      expect(res.status).toBe(200);
      const { quotas } = operations.getQuotas.response.parse(res.json);
      expect(quotas).toHaveLength(1);
      return quotas[0];
    };
    expect(await quota()).toEqual({ quotaKey: 'autopilot_cluster', quotaLimit: 5, used: 4, unit: 'count', regionId: 'cn-north-4' });

    const created = await t.call('POST', `${base}/clusters`, { body: createBody('quota-test') });
    expect(created.status).toBe(201);
    expect((await quota())?.used).toBe(5);

    // a cluster being deleted still counts until its job has removed it
    const uid = operations.createCluster.response.parse(created.json).metadata.uid;
    t.advance(t.emulator.state.settings.durations.clusterCreate);
    expect((await t.call('DELETE', `${base}/clusters/${uid}`)).status).toBe(200);
    expect((await quota())?.used).toBe(5);
    t.advance(t.emulator.state.settings.durations.clusterDelete);
    expect((await quota())?.used).toBe(4);

    t.emulator.state.settings.clusterQuota = 20;
    expect((await quota())?.quotaLimit).toBe(20);
  });

  it('starts empty in the empty scenario', async () => {
    const t = createTestEmulator({ scenario: 'empty' });
    const res = await t.call('GET', `/autopilot/v3/projects/${t.projectId}/quotas`);
    expect(res.json).toEqual({ quotas: [{ quotaKey: 'autopilot_cluster', quotaLimit: 5, used: 0, unit: 'count', regionId: 'cn-north-4' }] });
  });

  it('refuses query parameters it does not document', async () => {
    const t = createTestEmulator();
    const res = await t.call('GET', `/autopilot/v3/projects/${t.projectId}/quotas`, { query: { type: 'cluster' } });
    expect(res.status).toBe(400);
  });
});
