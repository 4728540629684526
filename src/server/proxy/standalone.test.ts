// End to end over real HTTP on 127.0.0.1: the console in AK/SK mode, CCE_ENDPOINT pointing at `npm run emulator`
// (a child process that verifies every signature like the API gateway).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildChartArchive } from '../emulator/chart-archive.ts';
import { proxyTestSecrets as s, startProxy, startStandaloneEmulator, testProject, testRegion, type RunningProxy, type StandaloneEmulator } from './test-servers.ts';

let emulator: StandaloneEmulator;
let proxy: RunningProxy;

const csrf = (origin: string) => ({ origin, 'x-console-csrf': '1' });

beforeAll(async () => {
  emulator = await startStandaloneEmulator({ EMULATOR_AK: s.ak, EMULATOR_SK: s.sk });
  proxy = await startProxy({
    CLOUD_SDK_AK: s.ak,
    CLOUD_SDK_SK: s.sk,
    CCE_REGION: testRegion,
    CCE_PROJECT_ID: testProject,
    CCE_ENDPOINT: emulator.url,
  });
}, 30_000);

afterAll(async () => {
  await proxy?.close();
  await emulator?.stop();
});

describe('the proxy in AK/SK mode in front of the standalone emulator', () => {
  it('lists the demo clusters: the emulator accepted the signature of the real HTTP request', async () => {
    const res = await fetch(`${proxy.url}/autopilot/v3/projects/${testProject}/clusters`);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f]{32}$/);
    const body = (await res.json()) as { items: Array<{ metadata: { name: string } }> };
    expect(body.items.map((c) => c.metadata.name)).toContain('prod-payments');
  });

  it('passes the emulator 401 through when the proxy signs with another secret', async () => {
    const wrong = await startProxy({
      CLOUD_SDK_AK: s.ak,
      CLOUD_SDK_SK: 'not-the-secret-key-of-the-emulator-0000',
      CCE_REGION: testRegion,
      CCE_PROJECT_ID: testProject,
      CCE_ENDPOINT: emulator.url,
    });
    try {
      const res = await fetch(`${wrong.url}/autopilot/v3/projects/${testProject}/clusters`);
      expect(res.status).toBe(401);
      expect(((await res.json()) as Record<string, string>).error_code).toBe('APIGW.0301');
    } finally {
      await wrong.close();
    }
  });

  it('signs a query that needs re-encoding and a path without a project (X-Project-Id)', async () => {
    const res = await fetch(`${proxy.url}/autopilot/v3/addons?cluster_id=${encodeURIComponent('a b*c')}`);
    // the signature held (not 401); what the emulator says about the cluster id is its business
    expect(res.status).not.toBe(401);
    const direct = await fetch(`${proxy.url}/autopilot/v3/addontemplates`);
    expect(direct.status).toBe(200);
  });

  it('forwards a JSON write with its exact bytes and records it in the audit trail', async () => {
    const list = (await (await fetch(`${proxy.url}/autopilot/v3/projects/${testProject}/clusters`)).json()) as {
      items: Array<{ metadata: { uid: string; name: string } }>;
    };
    const cluster = list.items.find((c) => c.metadata.name === 'prod-payments');
    expect(cluster).toBeDefined();
    const body = '{ "tags" : [ {"key":"team", "value":"支付"} ] }';
    const res = await fetch(`${proxy.url}/autopilot/v3/projects/${testProject}/clusters/${cluster?.metadata.uid}/tags/create`, {
      method: 'POST',
      headers: { ...csrf(proxy.url), 'content-type': 'application/json' },
      body,
    });
    expect(res.status).toBe(204);
    const requestId = res.headers.get('x-request-id');
    expect(requestId).toMatch(/^[0-9a-f]{32}$/);
    const audit = proxy.lines.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.type === 'audit' && l.requestId === requestId);
    expect(audit).toMatchObject({
      operationId: 'batchCreateClusterTags',
      clusterId: cluster?.metadata.uid,
      status: 204,
      method: 'POST',
      client: '127.0.0.1',
    });
    const detail = (await (await fetch(`${proxy.url}/autopilot/v3/projects/${testProject}/clusters/${cluster?.metadata.uid}`)).json()) as {
      spec: { clusterTags?: Array<{ key: string; value: string }> };
    };
    expect(detail.spec.clusterTags).toContainEqual({ key: 'team', value: '支付' });
  });

  it('uploads a chart as multipart (UNSIGNED-PAYLOAD) and streams its archive back byte for byte', async () => {
    const archive = buildChartArchive({ name: 'proxy-e2e', version: '1.2.3', values: { replicaCount: 1 } });
    const form = new FormData();
    form.append('parameters', JSON.stringify({ override: true, skip_lint: true, source: 'package' }));
    form.append('content', new Blob([archive as Uint8Array<ArrayBuffer>], { type: 'application/gzip' }), 'proxy-e2e-1.2.3.tgz');
    const uploaded = await fetch(`${proxy.url}/autopilot/v2/charts`, { method: 'POST', headers: csrf(proxy.url), body: form });
    const chart = (await uploaded.json()) as { id: string; name: string; version: string };
    expect(uploaded.status).toBe(201);
    expect(chart).toMatchObject({ name: 'proxy-e2e', version: '1.2.3' });

    const download = await fetch(`${proxy.url}/autopilot/v2/charts/${chart.id}/archive`, { headers: { accept: 'application/octet-stream' } });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toContain('proxy-e2e-1.2.3.tgz');
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(archive);
  });
});
