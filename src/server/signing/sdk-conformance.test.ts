// Differential test against the official signer (@huaweicloud/huaweicloud-sdk-core@3.1.211): seeded random requests,
// signed by AKSKSigner / DerivedAKSKSigner the way HcClient + BasicCredentials drive them (spec §0), must get the
// same signature from signRequest, and must verify with verifyRequest as they arrive on the wire.
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../seeded-random.ts';
import { sdkDate } from './canonical.ts';
import { officialSign, sdkWireHeaders, sdkWireQuery, type SdkQueryParams, type SdkRequest } from './official-sdk-signer.ts';
import { signRequest, type QueryRecord } from './sign.ts';
import { verifyRequest } from './verify.ts';

const random = seededRandom(0x5eed2025);
const int = (n: number): number => Math.floor(random() * n);
const pick = <T,>(items: readonly T[]): T => {
  const item = items[int(items.length)];
  if (item === undefined) throw new Error('empty list');
  return item;
};
const chance = (p: number): boolean => random() < p;

function stringFrom(alphabet: readonly string[], min: number, max: number): string {
  let s = '';
  const n = min + int(max - min + 1);
  for (let i = 0; i < n; i++) s += pick(alphabet);
  return s;
}

const alnum = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'];
// Path segments: no quirk characters (space " ' < > \ ^ ` { | }), nothing url.parse / WHATWG rewrite (% ? # /).
const pathAlphabet = [...alnum, ...alnum, ...'-._~!$&()*+,;=:@', 'é', '中', '发', 'ß', '🚀', '😀'];
// Query keys and values are signed from queryParams, so anything well-formed goes.
const queryAlphabet = [...alnum, ...` -._~!$&'()*+,;=:@/?#[]%"<>\\^\`{|}`, 'é', 'ü', '中', '文', '🚀', '👍🏽', '\u00a0', '\u2028'];

const hosts = [
  'cce.cn-north-4.myhuaweicloud.com',
  'cce.cn-north-4.myhuaweicloud.com:443',
  'cce.ap-southeast-1.myhuaweicloud.com',
  'CCE.CN-North-4.MyHuaweiCloud.com',
  'cce.example.internal:8443',
  '127.0.0.1:8080',
  '[::1]:8080',
  '3f6e2d41-7c2a-11ef-9b1e-0255ac10004d.cce.cn-north-4.myhuaweicloud.com',
];
const keyPairs = [
  ['HPUAL3K5TESTVECTAK01', 'tV3cT0rS3cr3tK3yF0rS1gn1ngT3st0nly000001'],
  ['QTWAOYTTINDUT2QVKYUC', 'MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc'],
] as const;
const extraHeaderNames = ['X-Language', 'X-Client-Request-Id', 'x-a1', 'X-A-1', 'x-ab', 'Accept-Language'];

function segment(): string {
  for (;;) {
    const s = stringFrom(pathAlphabet, 1, 10);
    if (s !== '.' && s !== '..') return s;
  }
}

function scalarValue(): string | number | boolean {
  const r = random();
  if (r < 0.1) return int(1000);
  if (r < 0.15) return chance(0.5);
  if (r < 0.2) return '';
  return stringFrom(queryAlphabet, 1, 8);
}

function jsonValue(depth: number): unknown {
  const r = random();
  if (depth > 2 || r < 0.35) return stringFrom(queryAlphabet, 0, 12);
  if (r < 0.5) return (random() - 0.5) * 10 ** int(8);
  if (r < 0.55) return int(2) === 0;
  if (r < 0.6) return null;
  if (r < 0.8) return Array.from({ length: int(4) }, () => jsonValue(depth + 1));
  return Object.fromEntries(Array.from({ length: int(4) }, () => [stringFrom(queryAlphabet, 1, 6), jsonValue(depth + 1)]));
}

interface Case {
  index: number;
  method: string;
  endpoint: string;
  path: string;
  query: SdkQueryParams;
  contentType: string;
  extraHeaders: Record<string, string>;
  data: Record<string, unknown> | undefined;
  ak: string;
  sk: string;
  projectId: string | undefined;
  securityToken: string | undefined;
  derived: { regionId: string; serviceName: string } | undefined;
  date: Date;
}

function generateCase(index: number): Case {
  const method = pick(['GET', 'GET', 'POST', 'PUT', 'PATCH', 'DELETE']);
  const path = `/${Array.from({ length: 1 + int(5) }, segment).join('/')}${chance(0.15) ? '/' : ''}`;
  const query: SdkQueryParams = {};
  for (let i = int(5); i > 0; i--) {
    const key = stringFrom(queryAlphabet, 1, 6);
    query[key] = chance(0.2) ? Array.from({ length: 1 + int(4) }, () => (chance(0.5) ? int(200) : stringFrom(queryAlphabet, 0, 4))) : scalarValue();
  }
  const extraHeaders: Record<string, string> = {};
  for (let i = int(3); i > 0; i--) extraHeaders[pick(extraHeaderNames)] = stringFrom(alnum, 1, 12);
  const hasBody = method === 'POST' || method === 'PUT' || method === 'PATCH';
  const data = hasBody ? (jsonValue(0) as unknown) : undefined;
  const [ak, sk] = pick(keyPairs);
  const r = random();
  return {
    index,
    method,
    endpoint: `https://${pick(hosts)}`,
    path,
    query,
    // Mostly JSON; some requests take the UNSIGNED-PAYLOAD route of a non-JSON content-type.
    contentType: r < 0.08 ? 'multipart/form-data' : r < 0.16 ? 'application/yaml' : 'application/json',
    extraHeaders,
    data: data !== null && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : hasBody ? { value: data } : undefined,
    ak,
    sk,
    projectId: chance(0.8) ? stringFrom([...'0123456789abcdef'], 32, 32) : undefined,
    securityToken: chance(0.2) ? stringFrom([...alnum, '+', '/', '='], 20, 40) : undefined,
    derived: chance(0.25) ? { regionId: pick(['cn-north-4', 'ap-southeast-1']), serviceName: pick(['cce', 'ecs']) } : undefined,
    date: new Date(Date.UTC(2024, 0, 1) + int(3 * 365 * 24 * 3600) * 1000),
  };
}

/** What BaseCredentials.processAuthRequest hands to the signer (spec §0). */
function sdkSign(c: Case): { headers: Record<string, string>; request: SdkRequest } {
  const headers: Record<string, string> = {};
  if (c.securityToken) headers['X-Security-Token'] = c.securityToken;
  if (c.projectId) headers['X-Project-Id'] = c.projectId;
  if (c.contentType !== 'application/json') headers['X-Sdk-Content-Sha256'] = 'UNSIGNED-PAYLOAD';
  Object.assign(headers, c.extraHeaders, { 'content-type': c.contentType, 'X-Sdk-Date': sdkDate(c.date) });
  return officialSign({
    method: c.method,
    url: `${c.endpoint}${c.path}`,
    query: c.query,
    headers,
    data: c.data,
    ak: c.ak,
    sk: c.sk,
    derived: c.derived,
  });
}

/** The request as DefaultHttpClient + axios put it on the wire (trailing / stripped, querystring, WHATWG URL). */
function wireOf(c: Case, request: SdkRequest, signedHeaders: Record<string, string>) {
  const qs = sdkWireQuery(request); // after the signer sorted array values in place, as in the SDK
  const url = new URL(`${c.endpoint}${c.path.replace(/\/$/, '')}${qs ? `?${qs}` : ''}`);
  const body = c.data === undefined ? '' : JSON.stringify(c.data);
  const headers = sdkWireHeaders(signedHeaders);
  if (c.contentType === 'multipart/form-data') headers['content-type'] = 'multipart/form-data; boundary=----x';
  return { rawPath: url.pathname, rawQuery: url.search.slice(1), headers, body: new TextEncoder().encode(body) };
}

const CASES = 200;

describe('differential test against the official Node SDK signer', () => {
  const cases = Array.from({ length: CASES }, (_, i) => generateCase(i));

  it(`generates ${CASES} varied requests`, () => {
    expect(cases.filter((c) => c.derived).length).toBeGreaterThan(20);
    expect(cases.filter((c) => c.data !== undefined).length).toBeGreaterThan(50);
    expect(cases.filter((c) => Object.keys(c.query).length > 0).length).toBeGreaterThan(100);
    expect(cases.filter((c) => c.contentType !== 'application/json').length).toBeGreaterThan(10);
  });

  for (const c of cases) {
    it(`case ${c.index}: ${c.derived ? 'V11' : 'SDK'} ${c.method} ${c.endpoint} ${c.contentType}`, () => {
      const { headers: sdkHeaders, request } = sdkSign(c);
      const context = `case ${c.index}: ${c.method} ${request.endpoint} ${JSON.stringify(c.query)}`;
      const unsigned = c.contentType !== 'application/json';

      // (a) Same input to our signer.
      const ours = signRequest({
        method: c.method,
        url: `${c.endpoint}${c.path}`,
        query: c.query as QueryRecord,
        headers: { ...c.extraHeaders, 'content-type': c.contentType },
        body: c.data === undefined ? undefined : JSON.stringify(c.data),
        unsignedPayload: unsigned,
        credentials: { ak: c.ak, sk: c.sk, projectId: c.projectId, securityToken: c.securityToken },
        date: c.date,
        derived: c.derived,
      });
      expect(ours.authorization, context).toBe(sdkHeaders.Authorization);

      // (b) The SDK-signed request as the gateway receives it.
      const wire = wireOf(c, request, sdkHeaders);
      const lookupSecret = (ak: string): string | undefined => (ak === c.ak ? c.sk : undefined);
      const base = { method: c.method, ...wire, now: c.date, lookupSecret };
      const result = verifyRequest(base);
      expect(result.ok, `${context}: ${JSON.stringify(result)}`).toBe(true);
      if (result.ok) {
        expect(result.ak).toBe(c.ak);
        expect(result.projectId).toBe(c.projectId);
        expect(result.securityToken).toBe(c.securityToken);
      }

      // Our own request, sent as signRequest says, verifies too.
      const sent = new URL(ours.wireUrl);
      const oursVerified = verifyRequest({
        method: c.method,
        rawPath: sent.pathname,
        rawQuery: sent.search.slice(1),
        headers: ours.headers,
        body: c.data === undefined ? undefined : JSON.stringify(c.data),
        now: c.date,
        lookupSecret,
      });
      expect(oursVerified.ok, context).toBe(true);

      // One flipped bit of the body (one added byte when there is none).
      const tampered = new Uint8Array(wire.body.length === 0 ? [0x7b] : wire.body);
      if (wire.body.length > 0) {
        const at = (c.index * 7919) % tampered.length;
        tampered[at] = (tampered[at] ?? 0) ^ (1 << (c.index % 8));
      }
      const afterFlip = verifyRequest({ ...base, body: tampered });
      // UNSIGNED-PAYLOAD does not cover the body: that is what it is for.
      expect(afterFlip.ok, context).toBe(unsigned);
      if (!afterFlip.ok) expect(afterFlip.reason).toBe('signature-mismatch');
    });
  }
});
