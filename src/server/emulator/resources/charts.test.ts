import { describe, expect, it } from 'vitest';
import { operations } from '../../../contract/operations.ts';
import { signRequest } from '../../signing/sign.ts';
import { buildChartArchive, writeTgz, type ChartPackageSpec } from '../chart-archive.ts';
import { createTestEmulator, testCredentials, type TestEmulator } from '../test-client.ts';

const charts = '/autopilot/v2/charts';
const rfc3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

const webValues = {
  replicaCount: 2,
  image: { repository: 'nginx', pullPolicy: 'IfNotPresent', tag: '' },
  service: { type: 'ClusterIP', port: 80 },
  ingress: { enabled: false, hosts: [{ host: 'web.example.com' }] },
  autoscaling: { enabled: false },
  serviceAccount: { create: true },
};

const webSpec = (overrides: Partial<ChartPackageSpec> = {}): ChartPackageSpec => ({
  name: 'web',
  version: '1.0.0',
  appVersion: '1.27.0',
  description: 'The storefront web tier',
  icon: 'https://example.com/web.png',
  values: webValues,
  readme: '# web\n',
  ...overrides,
});

type Sent = { status: number; json: unknown; headers: Headers; bytes: Uint8Array };

/**
 * Sends a signed request the way the proxy does for a chart form: multipart/form-data, X-Sdk-Content-Sha256:
 * UNSIGNED-PAYLOAD, the multipart content-type (with its boundary) left out of the signature.
 */
async function sendForm(t: TestEmulator, method: 'POST' | 'PUT', path: string, form: { content?: Uint8Array; parameters?: string }): Promise<Sent> {
  const data = new FormData();
  if (form.parameters !== undefined) data.append('parameters', form.parameters);
  if (form.content !== undefined) data.append('content', new Blob([new Uint8Array(form.content)]), 'chart.tgz');
  const encoded = new Request('http://form.local/', { method: 'POST', body: data });
  const body = new Uint8Array(await encoded.arrayBuffer());
  const contentType = encoded.headers.get('content-type') ?? '';
  const signed = signRequest({
    method,
    url: `http://cce.emulator.test${path}`,
    headers: { 'content-type': contentType },
    body,
    unsignedPayload: true,
    credentials: { ...testCredentials, projectId: t.projectId },
    date: new Date(),
  });
  expect(signed.payloadHash).toBe('UNSIGNED-PAYLOAD');
  return read(await t.emulator.fetch(new Request(signed.wireUrl, { method, headers: { ...signed.headers, 'content-type': contentType }, body })));
}

/** A signed GET read as bytes (the archive download is binary). */
async function getBytes(t: TestEmulator, path: string): Promise<Sent> {
  const signed = signRequest({
    method: 'GET',
    url: `http://cce.emulator.test${path}`,
    headers: { 'content-type': 'application/json' },
    credentials: { ...testCredentials, projectId: t.projectId },
    date: new Date(),
  });
  return read(await t.emulator.fetch(new Request(signed.wireUrl, { headers: signed.headers })));
}

async function read(response: Response): Promise<Sent> {
  const bytes = new Uint8Array(await response.arrayBuffer());
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    json = undefined;
  }
  return { status: response.status, json, headers: response.headers, bytes };
}

const upload = (t: TestEmulator, content: Uint8Array, parameters?: Record<string, unknown>) =>
  sendForm(t, 'POST', charts, { content, ...(parameters ? { parameters: JSON.stringify(parameters) } : {}) });

type ChartJson = { id: string; name: string; version: string; values: string; [key: string]: unknown };
const asChart = (json: unknown) => json as ChartJson;

function emptyEmulator() {
  return createTestEmulator({ scenario: 'empty' });
}

describe('uploadChart → download → values: a real Helm package round trip (4.6.1, 4.6.11, 4.6.12)', () => {
  it('stores the package, answers a ChartResp, hands back the same bytes and the values of values.yaml', async () => {
    const t = emptyEmulator();
    const archive = buildChartArchive(webSpec());
    const created = await upload(t, archive, { override: false, skip_lint: false, source: 'package' });
    expect(created.status).toBe(201);
    expect(() => operations.uploadChart.response.parse(created.json)).not.toThrow();
    const chart = asChart(created.json);
    expect(chart).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      name: 'web',
      values: JSON.stringify(webValues),
      translate: '',
      instruction: 'README.md',
      version: '1.0.0',
      description: 'The storefront web tier',
      source: '',
      icon_url: 'https://example.com/web.png',
      public: false,
      chart_url: 'web-1.0.0.tgz',
      create_at: expect.stringMatching(rfc3339),
      update_at: expect.stringMatching(rfc3339),
    });

    const download = await getBytes(t, `${charts}/${chart.id}/archive`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/gzip');
    expect(download.headers.get('content-disposition')).toBe('attachment; filename="web-1.0.0.tgz"');
    expect(download.bytes).toEqual(archive);
    expect(() => operations.downloadChart.response.parse(download.bytes.buffer)).not.toThrow();

    const values = await t.call('GET', `${charts}/${chart.id}/values`);
    expect(values.status).toBe(200);
    expect(values.json).toEqual({ values: webValues });

    const got = await t.call('GET', `${charts}/${chart.id}`);
    expect(got.json).toEqual(chart);
    const list = await t.call('GET', charts);
    expect(list.json).toEqual([chart]); // 4.6.2: a bare array
  });

  it('answers "" for the values of a chart without values.yaml, and {} from the values endpoint', async () => {
    const t = emptyEmulator();
    const created = await upload(t, buildChartArchive(webSpec({ values: undefined })));
    expect(asChart(created.json).values).toBe('');
    expect((await t.call('GET', `${charts}/${asChart(created.json).id}/values`)).json).toEqual({ values: {} });
  });
});

describe('uploadChart refusals', () => {
  it.each([
    ['a file that is not gzip', new TextEncoder().encode('apiVersion: v2\nname: web\n'), 'Invalid chart package: content is not a gzip file'],
    ['a truncated package', buildChartArchive(webSpec()).subarray(0, 200), 'Invalid chart package: content is a broken gzip file'],
    ['a package without Chart.yaml', writeTgz([{ path: 'web/values.yaml', content: 'a: 1\n' }]), 'Invalid chart package: the chart package has no <chart>/Chart.yaml'],
    [
      'a Chart.yaml without version',
      writeTgz([{ path: 'web/Chart.yaml', content: 'apiVersion: v2\nname: web\n' }]),
      'Invalid chart package: Chart.yaml has no version: apiVersion, name and version are required',
    ],
    [
      'a Chart.yaml without name',
      writeTgz([{ path: 'web/Chart.yaml', content: 'apiVersion: v2\nversion: 1.0.0\n' }]),
      'Invalid chart package: Chart.yaml has no name: apiVersion, name and version are required',
    ],
  ])('refuses %s with 400 CCE.02400001 and stores nothing', async (_what, content, message) => {
    const t = emptyEmulator();
    const res = await upload(t, content, { skip_lint: true });
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ errorCode: 'CCE.02400001', errorMessage: expect.stringContaining(message) });
    expect((await t.call('GET', charts)).json).toEqual([]);
  });

  it('refuses a form without content and a parameters field that is not JSON (contract, 400 CCE.01400001)', async () => {
    const t = emptyEmulator();
    const missing = await sendForm(t, 'POST', charts, { parameters: '{}' });
    expect(missing.status).toBe(400);
    expect(missing.json).toMatchObject({ errorCode: 'CCE.01400001', errorMessage: expect.stringContaining('content') });
    const badParameters = await sendForm(t, 'POST', charts, { content: buildChartArchive(webSpec()), parameters: 'override=true' });
    expect(badParameters.status).toBe(400);
    expect(badParameters.json).toMatchObject({ errorCode: 'CCE.01400001', errorMessage: expect.stringContaining('parameters must be valid JSON') });
  });

  it('lints unless skip_lint: a failing chart is refused with every failure, and accepted with skip_lint', async () => {
    const t = emptyEmulator();
    const sloppy = buildChartArchive(webSpec({ chartYaml: 'apiVersion: v3\nname: web\nversion: 1.0.0\n', values: 'replicas: [1,\n' }));
    const refused = await upload(t, sloppy);
    expect(refused.status).toBe(400);
    expect(refused.json).toMatchObject({
      errorCode: 'CCE.02400001',
      errorMessage: expect.stringMatching(
        /^Chart web 1\.0\.0 failed lint \(set parameters\.skip_lint to upload anyway\): Chart\.yaml: apiVersion "v3" is not valid; it must be "v1" or "v2"; Chart\.yaml: description is required; values\.yaml is not valid YAML: /,
      ),
    });
    const skipped = await upload(t, sloppy, { skip_lint: true });
    expect(skipped.status).toBe(201);
    // the values.yaml that could not be read gives no values
    expect(asChart(skipped.json)).toMatchObject({ name: 'web', version: '1.0.0', values: '', description: '' });
  });

  it('refuses the same name and version with 409 CCE.02409001 unless override, which replaces the package in place', async () => {
    const t = emptyEmulator();
    const first = asChart((await upload(t, buildChartArchive(webSpec()))).json);
    const again = await upload(t, buildChartArchive(webSpec({ values: { ...webValues, replicaCount: 5 } })));
    expect(again.status).toBe(409);
    expect(again.json).toMatchObject({
      errorCode: 'CCE.02409001',
      errorMessage: `chart web version 1.0.0 already exists (chart ${first.id}); set parameters.override to replace it`,
    });

    t.advance(60_000);
    const replacement = buildChartArchive(webSpec({ values: { ...webValues, replicaCount: 5 } }));
    const overridden = await upload(t, replacement, { override: true });
    expect(overridden.status).toBe(201);
    const chart = asChart(overridden.json);
    expect(chart.id).toBe(first.id);
    expect(chart.create_at).toBe(first.create_at);
    expect(chart.update_at).not.toBe(first.update_at);
    expect(JSON.parse(chart.values)).toMatchObject({ replicaCount: 5 });
    expect((await getBytes(t, `${charts}/${chart.id}/archive`)).bytes).toEqual(replacement);
    expect((await t.call('GET', charts)).json).toHaveLength(1);

    // another version of the same chart is another chart
    const next = await upload(t, buildChartArchive(webSpec({ version: '1.1.0' })));
    expect(next.status).toBe(201);
    expect(asChart(next.json).id).not.toBe(first.id);
    expect((await t.call('GET', charts)).json).toMatchObject([{ version: '1.1.0' }, { version: '1.0.0' }]);
  });
});

describe('chart quota (4.6.14)', () => {
  it('reports quota and use in the documented shape and refuses a new chart beyond the quota', async () => {
    const t = emptyEmulator();
    t.emulator.state.settings.chartQuota = 2;
    const quotas = async () => (await t.call('GET', `${charts}/${t.projectId}/quotas`)).json;
    expect(await quotas()).toEqual({ quotas: { resources: [{ type: 'Charts', quota: 2, used: 0 }] } });

    expect((await upload(t, buildChartArchive(webSpec({ version: '1.0.0' })))).status).toBe(201);
    const second = asChart((await upload(t, buildChartArchive(webSpec({ version: '2.0.0' })))).json);
    const quotaBody = await quotas();
    expect(quotaBody).toEqual({ quotas: { resources: [{ type: 'Charts', quota: 2, used: 2 }] } });
    expect(() => operations.getChartQuotas.response.parse(quotaBody)).not.toThrow();

    const refused = await upload(t, buildChartArchive(webSpec({ version: '3.0.0' })));
    expect(refused.status).toBe(400);
    expect(refused.json).toMatchObject({
      errorCode: 'CCE.02400001',
      errorMessage: 'Insufficient chart quota: 2 of 2 charts are used; delete a chart or ask for a higher quota',
    });
    // overriding an existing version takes no quota
    expect((await upload(t, buildChartArchive(webSpec({ version: '2.0.0' })), { override: true })).status).toBe(201);
    // deleting frees one
    expect((await t.call('DELETE', `${charts}/${second.id}`)).status).toBe(200);
    expect((await upload(t, buildChartArchive(webSpec({ version: '3.0.0' })))).status).toBe(201);
  });

  it('refuses another project in the quota path (403)', async () => {
    const t = emptyEmulator();
    const res = await t.call('GET', `${charts}/ffffffffffffffffffffffffffffffff/quotas`);
    expect(res.status).toBe(403);
  });
});

describe('updateChart (4.6.5)', () => {
  it('puts a new version of the chart into the same chart id', async () => {
    const t = emptyEmulator();
    const chart = asChart((await upload(t, buildChartArchive(webSpec()))).json);
    const archive = buildChartArchive(webSpec({ version: '1.0.1', values: { ...webValues, replicaCount: 3 } }));
    const res = await sendForm(t, 'PUT', `${charts}/${chart.id}`, { content: archive });
    expect(res.status).toBe(200);
    expect(() => operations.updateChart.response.parse(res.json)).not.toThrow();
    expect(asChart(res.json)).toMatchObject({ id: chart.id, version: '1.0.1', chart_url: 'web-1.0.1.tgz' });
    expect((await getBytes(t, `${charts}/${chart.id}/archive`)).bytes).toEqual(archive);
    expect((await t.call('GET', `${charts}/${chart.id}/values`)).json).toMatchObject({ values: { replicaCount: 3 } });
  });

  it('needs override to replace the package of the same version, and refuses another chart or a taken version', async () => {
    const t = emptyEmulator();
    const chart = asChart((await upload(t, buildChartArchive(webSpec()))).json);
    const other = asChart((await upload(t, buildChartArchive(webSpec({ version: '2.0.0' })))).json);
    const path = `${charts}/${chart.id}`;

    const same = await sendForm(t, 'PUT', path, { content: buildChartArchive(webSpec()) });
    expect(same.status).toBe(409);
    expect(same.json).toMatchObject({ errorCode: 'CCE.02409001', errorMessage: expect.stringContaining('set parameters.override') });
    const overridden = await sendForm(t, 'PUT', path, { content: buildChartArchive(webSpec()), parameters: '{"override":true}' });
    expect(overridden.status).toBe(200);

    const taken = await sendForm(t, 'PUT', path, { content: buildChartArchive(webSpec({ version: '2.0.0' })), parameters: '{"override":true}' });
    expect(taken.status).toBe(409);
    expect(taken.json).toMatchObject({ errorMessage: `chart web version 2.0.0 already exists as chart ${other.id}; update that chart or delete it first` });

    const renamed = await sendForm(t, 'PUT', path, { content: buildChartArchive(webSpec({ name: 'api' })) });
    expect(renamed.status).toBe(400);
    expect(renamed.json).toMatchObject({
      errorCode: 'CCE.02400001',
      errorMessage: `the package holds chart api, but chart ${chart.id} is web: upload it as a new chart instead`,
    });

    const broken = await sendForm(t, 'PUT', path, { content: new Uint8Array([1, 2, 3]) });
    expect(broken.status).toBe(400);
    const missing = await sendForm(t, 'PUT', `${charts}/no-such-chart`, { content: buildChartArchive(webSpec()) });
    expect(missing.status).toBe(404);
    expect(missing.json).toMatchObject({ errorCode: 'CCE.02404001' });
  });
});

describe('deleteChart (4.6.6) and unknown charts', () => {
  it('answers the deleted chart (hold-12); afterwards every chart path is 404 CCE.02404001', async () => {
    const t = emptyEmulator();
    const chart = asChart((await upload(t, buildChartArchive(webSpec()))).json);
    const deleted = await t.call('DELETE', `${charts}/${chart.id}`);
    expect(deleted.status).toBe(200);
    expect(deleted.json).toEqual(chart);
    expect(operations.deleteChart.response.parse(deleted.json).chart?.id).toBe(chart.id);
    for (const path of [`${charts}/${chart.id}`, `${charts}/${chart.id}/values`, `${charts}/${chart.id}/archive`]) {
      const res = await t.call('GET', path);
      expect(res.status).toBe(404);
      expect(res.json).toMatchObject({ errorCode: 'CCE.02404001', errorMessage: `chart ${chart.id} not found` });
    }
    expect((await t.call('DELETE', `${charts}/${chart.id}`)).status).toBe(404);
  });

  it('refuses to delete a chart a release is installed from (demo: payments-gateway runs nginx 1.3.0)', async () => {
    const t = createTestEmulator();
    const list = (await t.call('GET', charts)).json as ChartJson[];
    const used = list.find((c) => c.name === 'nginx' && c.version === '1.3.0')!;
    const res = await t.call('DELETE', `${charts}/${used.id}`);
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({
      errorCode: 'CCE.02400001',
      errorMessage: expect.stringMatching(/^chart nginx 1\.3\.0 is used by 1 release\(s\): payments\/payments-gateway \(cluster .+\); delete them first$/),
    });
    // the older version is no release's current revision
    const older = list.find((c) => c.name === 'nginx' && c.version === '1.2.0')!;
    expect((await t.call('DELETE', `${charts}/${older.id}`)).status).toBe(200);
  });
});

describe('demo charts', () => {
  it('lists nginx 1.3.0, 1.2.0 and redis 7.2.4, each a real package whose values match values.yaml', async () => {
    const t = createTestEmulator();
    const list = (await t.call('GET', charts)).json as ChartJson[];
    expect(() => operations.listCharts.response.parse(list)).not.toThrow();
    expect(list.map((c) => `${c.name} ${c.version}`)).toEqual(['nginx 1.3.0', 'nginx 1.2.0', 'redis 7.2.4']);
    for (const chart of list) {
      // seeded without a blob store: the deterministic writer rebuilds the same bytes
      const archive = await getBytes(t, `${charts}/${chart.id}/archive`);
      expect(archive.status).toBe(200);
      const reuploaded = emptyEmulator();
      const stored = asChart((await upload(reuploaded, archive.bytes)).json);
      expect(stored.values).toBe(chart.values);
      expect((await t.call('GET', `${charts}/${chart.id}/values`)).json).toEqual({ values: JSON.parse(chart.values) });
    }
  });
});

describe('library charts', () => {
  it('uploads a library chart but refuses to install it', async () => {
    const t = createTestEmulator();
    const library = asChart((await upload(t, buildChartArchive({ name: 'common', version: '2.0.0', type: 'library', templates: { 'templates/_labels.tpl': '{{- define "common.labels" -}}{{- end }}' } }))).json);
    const clusters = t.emulator.state.projects[t.projectId]!.clusters;
    const clusterId = Object.keys(clusters).find((id) => clusters[id]!.metadata.name === 'prod-payments')!;
    const res = await t.call('POST', `/autopilot/cam/v3/clusters/${clusterId}/releases`, {
      body: { chart_id: library.id, name: 'common', namespace: 'default', version: '2.0.0', values: {} },
    });
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ errorCode: 'CCE.02400001', errorMessage: 'chart common 2.0.0 is a library chart: library charts are not installable' });
  });
});
