import { afterEach, describe, expect, it, vi } from 'vitest';
import { addonOperations } from '../contract/addons.ts';
import { chartOperations } from '../contract/charts.ts';
import { clusterAccessOperations } from '../contract/cluster-access.ts';
import { clusterOperations } from '../contract/clusters.ts';
import { releaseOperations } from '../contract/releases.ts';
import { ApiError } from './api-error.ts';
import { apiFetch } from './api-fetch.ts';

const project = '2d5e3c8a9f4b4e7f8a1b6c0d9e8f7a6b';

type Call = { url: string; init: RequestInit };

function stubFetch(respond: (call: Call) => Response | Promise<Response>) {
  const calls: Call[] = [];
  vi.stubGlobal('fetch', (url: string, init: RequestInit) => {
    const call = { url, init };
    calls.push(call);
    return Promise.resolve(respond(call));
  });
  return calls;
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

const release = {
  id: 'r1',
  name: 'my release ✓',
  namespace: 'default',
  chart_name: 'nginx',
  chart_version: '1.2.0',
  version: 1,
  status: 'DEPLOYED',
  values: '{}',
  parameters: '',
  resources: '',
};

afterEach(() => vi.unstubAllGlobals());

describe('apiFetch', () => {
  it('percent-encodes each path segment, spaces and unicode included', async () => {
    const calls = stubFetch(() => json(200, release));
    await apiFetch(releaseOperations.getRelease, { params: { cluster_id: 'c-1', namespace: 'default', name: 'my release ✓' } });
    expect(calls[0]?.url).toBe('/autopilot/cam/v3/clusters/c-1/namespace/default/releases/my%20release%20%E2%9C%93');
  });

  it('serialises the query with %20 for spaces and leaves out undefined values', async () => {
    const calls = stubFetch(() => json(200, { kind: 'Cluster', apiVersion: 'v3', items: [] }));
    await apiFetch(clusterOperations.listClusters, { params: { project_id: project }, query: { status: 'Available', version: undefined } });
    expect(calls[0]?.url).toBe(`/autopilot/v3/projects/${project}/clusters?status=Available`);
    expect(calls[0]?.init.method).toBe('GET');
  });

  it('sends a multipart form for a chart upload, with the CSRF header and without a hand-set content type', async () => {
    const chart = { id: 'ch1', name: 'nginx', version: '1.2.0', values: '{"replicaCount":1}' };
    const calls = stubFetch(() => json(201, chart));
    const content = new File([new Uint8Array([0x1f, 0x8b, 8, 0])], 'nginx-1.2.0.tgz', { type: 'application/gzip' });
    const result = await apiFetch(chartOperations.uploadChart, { body: { content, parameters: JSON.stringify({ override: true }) } });
    const init = calls[0]?.init;
    expect(init?.method).toBe('POST');
    expect(init?.body).toBeInstanceOf(FormData);
    const form = init?.body as FormData;
    expect((form.get('content') as File).name).toBe('nginx-1.2.0.tgz');
    expect(form.get('parameters')).toBe('{"override":true}');
    const headers = init?.headers as Record<string, string>;
    expect(headers['content-type']).toBeUndefined();
    expect(headers['X-Console-Csrf']).toBe('1');
    expect(result.values).toEqual({ replicaCount: 1 });
  });

  it('reads the 7.2 error body (errorCode/errorMessage)', async () => {
    stubFetch(() => json(400, { errorCode: 'CCE.01400007', errorMessage: 'Insufficient cluster quota.' }, { 'x-request-id': 'req-72' }));
    const error = await apiFetch(clusterOperations.listClusters, { params: { project_id: project } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400, code: 'CCE.01400007', message: 'Insufficient cluster quota.', requestId: 'req-72', operationId: 'listClusters', kind: 'http' });
  });

  it('reads the 3.3 / gateway error body (error_code/error_msg/request_id)', async () => {
    stubFetch(() => json(401, { error_code: 'APIGW.0301', error_msg: 'Incorrect IAM authentication information', request_id: 'req-33' }));
    const error = await apiFetch(clusterOperations.listClusters, { params: { project_id: project } }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 401, code: 'APIGW.0301', message: 'Incorrect IAM authentication information', requestId: 'req-33' });
  });

  it('turns a 2xx with a malformed body into an ApiError naming the field', async () => {
    stubFetch(() => json(200, { kind: 'Cluster', items: [{ metadata: { name: 42 }, spec: {} }] }));
    const error = await apiFetch(clusterOperations.listClusters, { params: { project_id: project } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ kind: 'parse', status: 200 });
    expect((error as ApiError).message).toContain('items.0.metadata.name');
  });

  it('reports an aborted call as aborted', async () => {
    vi.stubGlobal('fetch', (_url: string, init: RequestInit) =>
      new Promise((_, reject) => init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')))),
    );
    const controller = new AbortController();
    const pending = apiFetch(clusterOperations.listClusters, { params: { project_id: project }, signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ kind: 'aborted', operationId: 'listClusters' });
  });

  it('reports a network failure as such', async () => {
    vi.stubGlobal('fetch', () => Promise.reject(new TypeError('Failed to fetch')));
    await expect(apiFetch(clusterOperations.listClusters, { params: { project_id: project } })).rejects.toMatchObject({ kind: 'network', status: 0 });
  });

  it('accepts the empty answer of an EIP unbind and the bare text of an add-on delete', async () => {
    stubFetch(() => new Response(null, { status: 200 }));
    await expect(
      apiFetch(clusterAccessOperations.updateClusterEip, { params: { project_id: project, cluster_id: 'c1' }, body: { spec: { action: 'unbind' } } }),
    ).resolves.toBeUndefined();
    stubFetch(() => new Response('success', { status: 200, headers: { 'content-type': 'text/plain' } }));
    await expect(apiFetch(addonOperations.deleteAddonInstance, { params: { id: 'a1' }, query: { cluster_id: 'c1' } })).resolves.toBe('success');
  });

  it('refuses to build a path with a missing parameter', async () => {
    stubFetch(() => json(200, {}));
    await expect(apiFetch(clusterOperations.getCluster, { params: { project_id: project, cluster_id: '' } })).rejects.toThrow('missing path parameter cluster_id');
  });
});
