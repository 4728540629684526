// The emulator against the official signer (@huaweicloud/huaweicloud-sdk-core): seeded requests to real emulator
// paths, signed by AKSKSigner / DerivedAKSKSigner the way HcClient + BasicCredentials drive them, put on the wire the
// way DefaultHttpClient does, must be accepted; the same request with one body byte (or one query character)
// changed must be refused with 401. Multipart uploads sign UNSIGNED-PAYLOAD: their body is not covered.
import { beforeAll, describe, expect, it } from 'vitest';
import { clusterPhases } from '../../contract/clusters.ts';
import { seededRandom } from '../seeded-random.ts';
import { sdkDate } from '../signing/canonical.ts';
import { officialSign, sdkWireHeaders, sdkWireQuery, type SdkQueryParams, type SdkRequest } from '../signing/official-sdk-signer.ts';
import { buildChartArchive } from './chart-archive.ts';
import { createTestEmulator, testCredentials, testProjectId, testRegion, type TestEmulator } from './test-client.ts';

const random = seededRandom(0xc0ffee);
const int = (n: number) => Math.floor(random() * n);
const pick = <T,>(items: readonly T[]): T => items[int(items.length)] as T;
const unicode = ['中文', 'é', 'ß', '🚀', '发布', 'Ünïcödé', 'данные', 'ｆｕｌｌ'];
const words = ['payments', 'nightly', 'staging', 'cache', 'api'];
const text = () => `${pick(words)} ${pick(unicode)} ${int(1000)}`;

type Kind = 'list' | 'get' | 'update' | 'tags' | 'create' | 'templates' | 'upload';

interface Case {
  index: number;
  kind: Kind;
  method: string;
  path: string;
  query: SdkQueryParams;
  data: Record<string, unknown> | undefined;
  multipart: { body: Uint8Array; contentType: string } | undefined;
  derived: boolean;
  /** The status a correct emulator answers (beyond "not 401"), when the case determines it. */
  expected: number | undefined;
}

const endpoint = `https://cce.${testRegion}.myhuaweicloud.com`;
const clustersPath = `/autopilot/v3/projects/${testProjectId}/clusters`;

async function multipartChart(index: number) {
  const form = new FormData();
  form.append('parameters', JSON.stringify({ override: true, skip_lint: true, source: 'package' }));
  const archive = buildChartArchive({ name: `conformance-${index}`, version: `1.0.${index}`, description: `chart ${pick(unicode)}` });
  form.append('content', new Blob([new Uint8Array(archive)], { type: 'application/gzip' }), `conformance-${index}-1.0.${index}.tgz`);
  const request = new Request('http://form.local/', { method: 'POST', body: form });
  return { body: new Uint8Array(await request.arrayBuffer()), contentType: request.headers.get('content-type') ?? '' };
}

async function generateCase(index: number, available: readonly string[], all: readonly string[]): Promise<Case> {
  const kinds: Kind[] = ['list', 'list', 'get', 'update', 'update', 'tags', 'create', 'templates', 'upload'];
  const kind = kinds[index % kinds.length] ?? 'list';
  const derived = index % 3 === 0;
  const base = { index, kind, derived, query: {}, data: undefined, multipart: undefined, expected: undefined };
  switch (kind) {
    case 'list': {
      const query: SdkQueryParams = {};
      if (random() < 0.6) query.status = pick(clusterPhases);
      if (random() < 0.5) query.detail = random() < 0.5;
      if (random() < 0.5) query.version = random() < 0.5 ? 'v1.31' : `v1.${int(40)}-${pick(unicode)}`;
      if (random() < 0.3) query.type = 'VirtualMachine';
      return { ...base, method: 'GET', path: clustersPath, query, expected: 200 };
    }
    case 'get':
      return { ...base, method: 'GET', path: `${clustersPath}/${pick(all)}`, query: { detail: random() < 0.5 ? 'true' : 'false' }, expected: 200 };
    case 'update':
      return { ...base, method: 'PUT', path: `${clustersPath}/${pick(available)}`, data: { spec: { description: text() } }, expected: 200 };
    case 'tags':
      return {
        ...base,
        method: 'POST',
        path: `${clustersPath}/${pick(available)}/tags/create`,
        data: { tags: [{ key: `team-${int(100)}`, value: `${pick(words)}-${pick(unicode)}` }] },
        expected: 204,
      };
    case 'create':
      return {
        ...base,
        method: 'POST',
        path: clustersPath,
        data: {
          kind: 'Cluster',
          apiVersion: 'v3',
          metadata: { name: `conf-${index}-${pick(words)}` },
          spec: {
            category: 'Turbo',
            type: 'VirtualMachine',
            flavor: 'cce.autopilot.cluster',
            version: 'v1.31',
            description: text(),
            hostNetwork: { vpc: 'c6549063-d459-4ae1-9550-b5fec6741b0f' },
            containerNetwork: { mode: 'eni' },
            eniNetwork: { subnets: [{ subnetID: '186f9322-50c5-4e5a-91e3-47da86959afc' }] },
          },
        },
      };
    case 'templates':
      return { ...base, method: 'GET', path: '/autopilot/v3/addontemplates', query: random() < 0.5 ? { addon_template_name: pick(['coredns', 'metrics-server', `x-${pick(unicode)}`]) } : {} };
    case 'upload':
      return { ...base, method: 'POST', path: '/autopilot/v2/charts', multipart: await multipartChart(index), expected: 201 };
  }
}

/** What BaseCredentials.processAuthRequest hands to the signer. */
function sdkSign(c: Case): { headers: Record<string, string>; request: SdkRequest } {
  const headers: Record<string, string> = { 'X-Project-Id': testProjectId, 'X-Sdk-Date': sdkDate(new Date()) };
  if (c.multipart) {
    headers['X-Sdk-Content-Sha256'] = 'UNSIGNED-PAYLOAD';
    headers['content-type'] = 'multipart/form-data';
  } else {
    headers['content-type'] = 'application/json';
  }
  return officialSign({
    method: c.method,
    url: `${endpoint}${c.path}`,
    query: c.query,
    headers,
    data: c.data,
    ak: testCredentials.ak,
    sk: testCredentials.sk,
    derived: c.derived ? { serviceName: 'cce', regionId: testRegion } : undefined,
  });
}

type Wire = { url: string; method: string; headers: Record<string, string>; body: Uint8Array | undefined };

/** The request as DefaultHttpClient + axios put it on the wire. */
function wireOf(c: Case, request: SdkRequest, signed: Record<string, string>): Wire {
  const qs = sdkWireQuery(request);
  const headers = sdkWireHeaders(signed);
  let body: Uint8Array | undefined;
  if (c.multipart) {
    headers['content-type'] = c.multipart.contentType;
    body = c.multipart.body;
  } else if (c.data !== undefined) {
    body = new TextEncoder().encode(JSON.stringify(c.data));
  }
  return { url: `${endpoint}${c.path}${qs ? `?${qs}` : ''}`, method: c.method, headers, body };
}

async function send(t: TestEmulator, wire: Wire) {
  const res = await t.emulator.fetch(
    new Request(wire.url, { method: wire.method, headers: wire.headers, ...(wire.body !== undefined ? { body: new Uint8Array(wire.body) } : {}) }),
  );
  return { status: res.status, json: (await res.json().catch(() => undefined)) as Record<string, unknown> | undefined };
}

const CASES = 36;

describe('the emulator accepts requests signed by the official SDK signer', () => {
  let t: TestEmulator;
  let cases: Case[] = [];

  beforeAll(async () => {
    t = createTestEmulator();
    const list = (await t.call('GET', clustersPath)).json as { items: Array<{ metadata: { uid: string }; status: { phase: string } }> };
    const all = list.items.map((c) => c.metadata.uid);
    const available = list.items.filter((c) => c.status.phase === 'Available').map((c) => c.metadata.uid);
    cases = [];
    for (let i = 0; i < CASES; i++) cases.push(await generateCase(i, available, all));
  });

  it('covers every kind, both signers, queries, unicode JSON bodies and multipart', () => {
    expect(new Set(cases.map((c) => c.kind)).size).toBe(7);
    expect(cases.filter((c) => c.derived).length).toBeGreaterThanOrEqual(10);
    expect(cases.filter((c) => Object.keys(c.query).length > 0).length).toBeGreaterThanOrEqual(8);
    expect(cases.filter((c) => c.data !== undefined && /[^ -~]/.test(JSON.stringify(c.data))).length).toBeGreaterThanOrEqual(10);
    expect(cases.filter((c) => c.multipart).length).toBeGreaterThanOrEqual(4);
  });

  for (let i = 0; i < CASES; i++) {
    it(`case ${i}`, async () => {
      const c = cases[i]!;
      const { headers, request } = sdkSign(c);
      const wire = wireOf(c, request, headers);
      const context = `${c.derived ? 'V11' : 'SDK'} ${c.method} ${wire.url}`;

      const accepted = await send(t, wire);
      expect(accepted.status, `${context}: ${JSON.stringify(accepted.json)}`).not.toBe(401);
      if (c.expected !== undefined) expect(accepted.status, `${context}: ${JSON.stringify(accepted.json)}`).toBe(c.expected);
      if (c.kind === 'create') {
        // the demo has four clusters and the default quota is five (seed 4.1.1): one fits, then CCE.01400007
        expect(accepted.status === 201 || accepted.json?.errorCode === 'CCE.01400007', `${context}: ${JSON.stringify(accepted.json)}`).toBe(true);
      }
      if (c.kind === 'update') {
        const description = (c.data?.spec as { description: string }).description;
        expect((accepted.json?.spec as { description?: string }).description).toBe(description);
      }

      // One flipped bit of the body; a GET has none, so one query character changes instead.
      let tampered: Wire;
      if (wire.body !== undefined) {
        const body = new Uint8Array(wire.body);
        const at = (i * 7919) % body.length;
        body[at] = (body[at] ?? 0) ^ (1 << (i % 8));
        tampered = { ...wire, body };
      } else {
        tampered = { ...wire, url: wire.url.includes('?') ? `${wire.url}x` : `${wire.url}?x=1` };
      }
      const refused = await send(t, tampered);
      if (c.multipart) {
        // UNSIGNED-PAYLOAD: the signature does not cover the form, which is what it is for.
        expect(refused.status, context).not.toBe(401);
      } else {
        expect(refused.status, context).toBe(401);
        expect(refused.json).toMatchObject({ error_code: 'APIGW.0301' });
      }
    });
  }

  it('refuses a multipart upload whose signed headers changed', async () => {
    const c = cases.find((x) => x.multipart)!;
    const { headers, request } = sdkSign(c);
    const wire = wireOf(c, request, headers);
    const refused = await send(t, { ...wire, headers: { ...wire.headers, 'x-project-id': 'ffffffffffffffffffffffffffffffff' } });
    expect(refused.status).toBe(401);
  });
});
