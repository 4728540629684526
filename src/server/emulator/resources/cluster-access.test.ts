import { createPrivateKey, createPublicKey, X509Certificate } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { CreateClusterBody } from '../../../contract/clusters.ts';
import { operations } from '../../../contract/operations.ts';
import { createTestEmulator, type TestEmulator } from '../test-client.ts';
import { eipAddressOf, maxCertDurationDaysFrom } from './cluster-access.ts';

const DAY = 24 * 3600_000;
const eipId = 'a757a69e-f920-455a-b1ba-d7a22db0fd51';
const otherEipId = '0ef26920-3527-405d-a7b4-27106618c2d7';

function createBody(name: string): CreateClusterBody {
  return {
    kind: 'Cluster',
    apiVersion: 'v3',
    metadata: { name },
    spec: {
      flavor: 'cce.autopilot.cluster',
      version: 'v1.31',
      hostNetwork: { vpc: 'c6549063-d459-4ae1-9550-b5fec6741b0f' },
      containerNetwork: { mode: 'eni' },
      eniNetwork: { subnets: [{ subnetID: '186f9322-50c5-4e5a-91e3-47da86959afc' }] },
    },
  };
}

let t: TestEmulator;
let base: string;

beforeEach(() => {
  t = createTestEmulator();
  base = `/autopilot/v3/projects/${t.projectId}`;
});

const decode = (data: string | null | undefined) => Buffer.from(data ?? '', 'base64').toString('utf8');
const errorMessage = (json: unknown) => (json as { errorMessage: string }).errorMessage;

async function clusterId(name: string): Promise<string> {
  const res = await t.call('GET', `${base}/clusters`);
  const found = operations.listClusters.response.parse(res.json).items.find((c) => c.metadata.name === name);
  return found?.metadata.uid ?? '';
}
const cert = (id: string, duration: number) => t.call('POST', `${base}/clusters/${id}/clustercert`, { body: { duration } });
const eip = (id: string, spec: unknown) => t.call('PUT', `${base}/clusters/${id}/mastereip`, { body: { spec } });
async function endpoints(id: string) {
  const res = await t.call('GET', `${base}/clusters/${id}/openapi`);
  expect(res.status).toBe(200);
  return { raw: res.json, parsed: operations.getClusterEndpoints.response.parse(res.json) };
}
async function kubeconfig(id: string, duration = 30) {
  const res = await cert(id, duration);
  expect(res.status, res.text).toBe(200);
  return { res, config: operations.createClusterCert.response.parse(res.json) };
}

describe('the whole life of a cluster with the driven clock', () => {
  it('create → Available → EIP bind/unbind → kubeconfig → tags → description → delete → gone', async () => {
    // create
    const created = await t.call('POST', `${base}/clusters`, { body: createBody('flow-cluster') });
    expect(created.status).toBe(201);
    const cluster = operations.createCluster.response.parse(created.json);
    const id = cluster.metadata.uid ?? '';
    const createJob = cluster.status?.jobID ?? '';

    // nothing to access while Creating: locked (429), and no addresses yet
    expect((await cert(id, 30)).status).toBe(429);
    expect((await eip(id, { action: 'bind', spec: { id: eipId } })).status).toBe(429);
    expect((await endpoints(id)).parsed.status).toEqual({ privateEndpoint: '', publicEndpoint: '' });

    // Available
    t.advance(t.emulator.state.settings.durations.clusterCreate);
    const available = operations.getCluster.response.parse((await t.call('GET', `${base}/clusters/${id}`)).json);
    expect(available.status?.phase).toBe('Available');

    // the private address only, no EIP
    let access = await endpoints(id);
    expect(access.parsed.status?.privateEndpoint).toMatch(/^https:\/\/192\.168\.\d+\.\d+:5443$/);
    expect(access.parsed.status?.publicEndpoint).toBe('');
    expect(access.raw).toMatchObject({ metadata: {}, spec: { spec: { eip: { bandwidth: {} }, IsDynamic: false } } });
    const privateEndpoint = access.parsed.status?.privateEndpoint;

    // kubeconfig without EIP: internal only
    let { config } = await kubeconfig(id);
    expect(config.clusters.map((c) => c.name)).toEqual(['internalCluster']);
    expect(config.clusters[0]?.cluster.server).toBe(privateEndpoint);
    expect(config['current-context']).toBe('internal');

    // bind
    const bound = await eip(id, { action: 'bind', spec: { id: eipId } });
    expect(bound.status).toBe(200);
    const ip = eipAddressOf(eipId);
    expect(bound.json).toMatchObject({
      metadata: {},
      spec: { action: 'bind', spec: { id: eipId, eip: { bandwidth: { sharetype: 'PER' } }, IsDynamic: false }, elasticIp: ip },
      status: { privateEndpoint, publicEndpoint: `https://${ip}:5443` },
    });
    expect(operations.updateClusterEip.response.parse(bound.json)?.spec?.elasticIp).toBe(ip);
    const withEip = operations.getCluster.response.parse((await t.call('GET', `${base}/clusters/${id}`)).json);
    expect(withEip.status?.endpoints).toEqual([
      { url: `https://${id}.cluster.cce.cn-north-4.myhuaweicloud.com:5443`, type: 'Internal' },
      { url: `https://${ip}:5443`, type: 'External' },
    ]);
    access = await endpoints(id);
    expect(access.parsed.status?.publicEndpoint).toBe(`https://${ip}:5443`);
    expect(access.parsed.spec?.spec?.id).toBe(eipId);
    expect(access.parsed.spec?.spec?.eip?.bandwidth?.size).toBeGreaterThan(0);

    // binding twice is refused
    const twice = await eip(id, { action: 'bind', spec: { id: otherEipId } });
    expect(twice.status).toBe(409);
    expect(errorMessage(twice.json)).toMatch(/already has EIP .* bound; unbind it first/);

    // kubeconfig with EIP: external too, current context external
    ({ config } = await kubeconfig(id));
    expect(config.clusters.map((c) => c.name)).toEqual(['internalCluster', 'externalCluster']);
    expect(config.clusters[1]?.cluster).toEqual({ server: `https://${ip}:5443`, 'insecure-skip-tls-verify': true });
    expect(config.contexts.map((c) => [c.name, c.context.cluster, c.context.user])).toEqual([
      ['internal', 'internalCluster', 'user'],
      ['external', 'externalCluster', 'user'],
    ]);
    expect(config['current-context']).toBe('external');

    // unbind: 200 without a body
    const unbound = await eip(id, { action: 'unbind' });
    expect(unbound.status).toBe(200);
    expect(unbound.text).toBe('');
    expect(operations.updateClusterEip.response.parse(unbound.json)).toBeUndefined();
    access = await endpoints(id);
    expect(access.parsed.status?.publicEndpoint).toBe('');
    expect(access.parsed.spec?.spec?.id).toBeUndefined();
    const afterUnbind = operations.getCluster.response.parse((await t.call('GET', `${base}/clusters/${id}`)).json);
    expect(afterUnbind.status?.endpoints.map((e) => e.type)).toEqual(['Internal']);
    const again = await eip(id, { action: 'unbind' });
    expect(again.status).toBe(400);
    expect(errorMessage(again.json)).toMatch(/nothing to unbind/);

    // tags
    const tagged = await t.call('POST', `${base}/clusters/${id}/tags/create`, { body: { tags: [{ key: 'env', value: 'flow' }] } });
    expect(tagged.status).toBe(204);
    expect(tagged.text).toBe('');

    // description
    const described = await t.call('PUT', `${base}/clusters/${id}`, { body: { spec: { description: 'Lifecycle test' } } });
    expect(described.status).toBe(200);
    const current = operations.updateCluster.response.parse(described.json);
    expect(current.spec).toMatchObject({ description: 'Lifecycle test', clusterTags: [{ key: 'env', value: 'flow' }] });

    // delete → gone
    const deleted = await t.call('DELETE', `${base}/clusters/${id}`);
    expect(deleted.status).toBe(200);
    const deleteJob = operations.deleteCluster.response.parse(deleted.json).status?.jobID ?? '';
    expect((await t.call('GET', `${base}/clusters/${id}`)).status).toBe(200);
    t.advance(t.emulator.state.settings.durations.clusterDelete);
    const gone = await t.call('GET', `${base}/clusters/${id}`);
    expect(gone.status).toBe(404);
    expect(gone.json).toMatchObject({ errorCode: 'CCE.01404001' });
    expect((await t.call('GET', `${base}/clusters/${id}/openapi`)).status).toBe(404);
    for (const job of [createJob, deleteJob]) {
      const res = await t.call('GET', `${base}/jobs/${job}`);
      expect(res.status).toBe(200);
      expect(operations.getJob.response.parse(res.json).status?.phase).toBe('Success');
    }
  });
});

describe('createClusterCert', () => {
  it('issues a real client certificate, signed by the cluster CA, valid for the requested days', async () => {
    const id = await clusterId('prod-payments');
    const now = t.emulator.clock.now();
    const { res, config } = await kubeconfig(id, 30);
    expect(config).toMatchObject({ kind: 'Config', apiVersion: 'v1', preferences: {} });
    expect(res.headers.get('Port-ID')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/);

    const user = config.users[0];
    expect(user?.name).toBe('user');
    const certPem = decode(user?.user['client-certificate-data']);
    const keyPem = decode(user?.user['client-key-data']);
    const caPem = decode(config.clusters[0]?.cluster['certificate-authority-data']);
    expect(certPem).toMatch(/^-----BEGIN CERTIFICATE-----\n/);
    expect(keyPem).toMatch(/^-----BEGIN EC PRIVATE KEY-----\n/);

    const client = new X509Certificate(certPem);
    const ca = new X509Certificate(caPem);
    expect(ca.ca).toBe(true);
    expect(client.ca).toBe(false);
    expect(client.checkIssued(ca)).toBe(true);
    expect(client.verify(ca.publicKey)).toBe(true);
    expect(client.subject).toContain('CN=user');
    expect(client.keyUsage).toContain('1.3.6.1.5.5.7.3.2');
    // the key in client-key-data is the key of the certificate
    const spki = (key: ReturnType<typeof createPublicKey>) => key.export({ type: 'spki', format: 'der' }).toString('hex');
    expect(spki(createPublicKey(createPrivateKey(keyPem)))).toBe(spki(client.publicKey));
    // validity: from now for 30 days (seconds precision)
    expect(Math.abs(Date.parse(client.validFrom) - now)).toBeLessThan(1000);
    expect(Math.abs(Date.parse(client.validTo) - (now + 30 * DAY))).toBeLessThan(1000);
  });

  it('keeps one CA per cluster and issues a new key every time', async () => {
    const prod = await clusterId('prod-payments');
    const legacy = await clusterId('legacy-portal');
    const a = (await kubeconfig(prod)).config;
    const b = (await kubeconfig(prod)).config;
    const c = (await kubeconfig(legacy)).config;
    const caOf = (config: typeof a) => config.clusters[0]?.cluster['certificate-authority-data'];
    expect(caOf(a)).toBe(caOf(b));
    expect(caOf(a)).not.toBe(caOf(c));
    expect(a.users[0]?.user['client-key-data']).not.toBe(b.users[0]?.user['client-key-data']);
    const portOf = async (id: string) => (await cert(id, 1)).headers.get('Port-ID');
    expect(await portOf(prod)).toBe(await portOf(prod));
    expect(await portOf(prod)).not.toBe(await portOf(legacy));
  });

  it('-1 asks for the 5-year maximum; longer than 5 years from today is refused', async () => {
    const id = await clusterId('prod-payments');
    const now = t.emulator.clock.now();
    const { config } = await kubeconfig(id, -1);
    const client = new X509Certificate(decode(config.users[0]?.user['client-certificate-data']));
    const fiveYears = new Date(now);
    fiveYears.setUTCFullYear(fiveYears.getUTCFullYear() + 5);
    expect(Math.abs(Date.parse(client.validTo) - fiveYears.getTime())).toBeLessThan(1000);

    const max = maxCertDurationDaysFrom(now);
    expect([1826, 1827]).toContain(max);
    expect((await cert(id, max)).status).toBe(200);
    const tooLong = await cert(id, max + 1);
    expect(tooLong.status).toBe(400);
    expect(tooLong.json).toMatchObject({ errorCode: 'CCE.01400001' });
    expect(errorMessage(tooLong.json)).toMatch(/duration/);
  });

  it('refuses durations outside 1-1827 / -1 and clusters that are not Available', async () => {
    const id = await clusterId('prod-payments');
    for (const duration of [0, -2, 1.5, 1828]) {
      const res = await cert(id, duration);
      expect(res.status, String(duration)).toBe(400);
      expect(res.json).toMatchObject({ errorCode: 'CCE.01400001' });
    }
    const unavailable = await cert(await clusterId('analytics-batch'), 30);
    expect(unavailable.status).toBe(400);
    expect(errorMessage(unavailable.json)).toMatch(/needs an Available cluster; cluster analytics-batch is Unavailable/);
    const creating = await cert(await clusterId('staging-api'), 30);
    expect(creating.status).toBe(429);
    expect(creating.json).toMatchObject({ errorCode: 'CCE.01429002' });
    expect((await cert('5b3c1f0e-0000-4000-8000-000000000000', 30)).status).toBe(404);
  });
});

describe('updateClusterEip and getClusterEndpoints', () => {
  it('gives an EIP the same address wherever it is bound, and one EIP to one cluster only', async () => {
    const prod = await clusterId('prod-payments');
    const legacy = await clusterId('legacy-portal');
    expect(eipAddressOf(eipId)).toBe(eipAddressOf(eipId));
    expect(eipAddressOf(eipId)).not.toBe(eipAddressOf(otherEipId));
    expect(eipAddressOf(eipId)).not.toMatch(/^(10|127|192\.168|172\.(1[6-9]|2\d|3[01]))\./);

    expect((await eip(prod, { action: 'bind', spec: { id: eipId } })).status).toBe(200);
    const same = await eip(prod, { action: 'bind', spec: { id: eipId } });
    expect(same.status).toBe(409);
    expect(same.json).toMatchObject({ errorCode: 'CCE.01409001' });
    expect(errorMessage(same.json)).toMatch(/already bound to cluster prod-payments/);
    const elsewhere = await eip(legacy, { action: 'bind', spec: { id: eipId } });
    expect(elsewhere.status).toBe(409);
    expect(errorMessage(elsewhere.json)).toMatch(/is bound to cluster prod-payments/);

    // after unbinding, the EIP can move
    expect((await eip(prod, { action: 'unbind' })).status).toBe(200);
    expect((await eip(legacy, { action: 'bind', spec: { id: eipId } })).status).toBe(200);
    expect((await endpoints(legacy)).parsed.status?.publicEndpoint).toBe(`https://${eipAddressOf(eipId)}:5443`);
  });

  it('refuses a bind without an EIP id, a malformed id, and clusters that are not Available', async () => {
    const prod = await clusterId('prod-payments');
    const missing = await eip(prod, { action: 'bind' });
    expect(missing.status).toBe(400);
    expect(errorMessage(missing.json)).toMatch(/spec\.spec\.id/);
    const malformed = await eip(prod, { action: 'bind', spec: { id: 'eip-1' } });
    expect(malformed.status).toBe(400);
    expect((await eip(prod, { action: 'attach', spec: { id: eipId } })).status).toBe(400);
    const unavailable = await eip(await clusterId('analytics-batch'), { action: 'bind', spec: { id: eipId } });
    expect(unavailable.status).toBe(400);
    expect((await eip('5b3c1f0e-0000-4000-8000-000000000000', { action: 'unbind' })).status).toBe(404);
    expect((await t.call('GET', `${base}/clusters/5b3c1f0e-0000-4000-8000-000000000000/openapi`)).status).toBe(404);
  });

  it('survives in the stored cluster without showing emulator bookkeeping', async () => {
    const prod = await clusterId('prod-payments');
    await eip(prod, { action: 'bind', spec: { id: eipId } });
    const res = await t.call('GET', `${base}/clusters/${prod}`);
    expect(res.text).not.toContain(eipId);
    expect(res.text).not.toContain('emulator');
    const list = await t.call('GET', `${base}/clusters`);
    expect(list.text).not.toContain(eipId);
  });
});
