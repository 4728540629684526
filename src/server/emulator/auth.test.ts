import { describe, expect, it } from 'vitest';
import { signRequest, type DerivedScope } from '../signing/sign.ts';
import { createEmulator } from './app.ts';

const project = '0a1b2c3d4e5f60718293a4b5c6d7e8f9';
const credentials = { ak: 'EMULATORTESTAK000001', sk: 'emulator-test-secret-key-000000000001' };

function emulator() {
  return createEmulator({ credentials: [credentials], projectId: project, region: 'cn-north-4', speed: 0, scenario: 'demo' });
}

function signed(path: string, date = new Date(), sk = credentials.sk) {
  const url = `http://cce.emulator.test${path}`;
  const s = signRequest({
    method: 'GET',
    url,
    headers: { 'content-type': 'application/json', 'x-project-id': project },
    credentials: { ak: credentials.ak, sk },
    date,
  });
  return new Request(url, { headers: s.headers });
}

describe('emulator authentication', () => {
  const path = `/autopilot/v3/projects/${project}/clusters`;

  it('accepts a correctly signed request', async () => {
    const res = await emulator().fetch(signed(path));
    expect(res.status).toBe(200);
  });

  it('rejects an unsigned request with 401 and an APIG-style body', async () => {
    const res = await emulator().fetch(new Request(`http://cce.emulator.test${path}`));
    expect(res.status).toBe(401);
    const body = (await res.json()) as Record<string, string>;
    expect(body.error_code).toMatch(/^APIG/);
    expect(body.error_msg).toBeTruthy();
  });

  it('rejects a signature made with another secret', async () => {
    const res = await emulator().fetch(signed(path, new Date(), 'not-the-secret'));
    expect(res.status).toBe(401);
  });

  it('rejects a request signed more than 15 minutes ago', async () => {
    const res = await emulator().fetch(signed(path, new Date(Date.now() - 16 * 60_000)));
    expect(res.status).toBe(401);
    expect(((await res.json()) as Record<string, string>).error_msg).toMatch(/expired|time/i);
  });

  it('answers a malformed project id with 400 CCE.01400001', async () => {
    const res = await emulator().fetch(signed('/autopilot/v3/projects/xyz/clusters'));
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ errorCode: 'CCE.01400001' });
  });
});

type SignOptions = {
  method?: string;
  body?: string;
  date?: Date;
  sk?: string;
  ak?: string;
  derived?: DerivedScope;
  projectHeader?: string;
};

function signedRequest(path: string, o: SignOptions = {}) {
  const url = `http://cce.emulator.test${path}`;
  const s = signRequest({
    method: o.method ?? 'GET',
    url,
    headers: { 'content-type': 'application/json', 'x-project-id': o.projectHeader ?? project },
    body: o.body,
    credentials: { ak: o.ak ?? credentials.ak, sk: o.sk ?? credentials.sk },
    date: o.date ?? new Date(),
    derived: o.derived,
  });
  return { url: s.wireUrl, headers: s.headers, method: o.method ?? 'GET', body: o.body };
}

const send = (r: { url: string; headers: Record<string, string>; method: string; body?: string | undefined }) =>
  emulator().fetch(new Request(r.url, { method: r.method, headers: r.headers, ...(r.body !== undefined ? { body: r.body } : {}) }));

async function errorOf(res: Response) {
  return (await res.json()) as { error_code: string; error_msg: string };
}

describe('emulator authentication, refusals', () => {
  const list = `/autopilot/v3/projects/${project}/clusters`;

  it('accepts a clock skew of up to 15 minutes either way, and refuses one beyond', async () => {
    expect((await send(signedRequest(list, { date: new Date(Date.now() - 14 * 60_000) }))).status).toBe(200);
    expect((await send(signedRequest(list, { date: new Date(Date.now() + 14 * 60_000) }))).status).toBe(200);
    const future = await send(signedRequest(list, { date: new Date(Date.now() + 16 * 60_000) }));
    expect(future.status).toBe(401);
    expect((await errorOf(future)).error_msg).toMatch(/signature expired/);
  });

  it('refuses an unknown AK', async () => {
    const res = await send(signedRequest(list, { ak: 'UNKNOWNAK00000000001' }));
    expect(res.status).toBe(401);
    expect((await errorOf(res)).error_msg).toMatch(/ak not exist/);
  });

  it('refuses a request whose query, signed header or body changed after signing', async () => {
    const query = signedRequest(`${list}?status=Available`);
    const res1 = await send({ ...query, url: query.url.replace('status=Available', 'status=Creating') });
    expect(res1.status).toBe(401);

    const header = signedRequest(list);
    const res2 = await send({ ...header, headers: { ...header.headers, 'X-Project-Id': 'ffffffffffffffffffffffffffffffff' } });
    expect(res2.status).toBe(401);
    expect((await errorOf(res2)).error_msg).toMatch(/signature mismatch/);

    const clusters = (await (await send(signedRequest(list))).json()) as { items: Array<{ metadata: { uid: string } }> };
    const path = `${list}/${clusters.items[0]!.metadata.uid}`;
    const body = JSON.stringify({ spec: { description: 'changed' } });
    const write = signedRequest(path, { method: 'PUT', body });
    const res3 = await send({ ...write, body: body.replace('changed', 'chanted') });
    expect(res3.status).toBe(401);
    expect((await errorOf(res3)).error_code).toBe('APIGW.0301');
  });

  it('accepts a V11-HMAC-SHA256 signature made with a key derived for this region and cce', async () => {
    const res = await send(signedRequest(list, { derived: { regionId: 'cn-north-4', serviceName: 'cce' } }));
    expect(res.status).toBe(200);
  });

  it.each([
    ['another region', { regionId: 'ap-southeast-1', serviceName: 'cce' }],
    ['another service', { regionId: 'cn-north-4', serviceName: 'ecs' }],
  ])('refuses a derived key scoped to %s', async (_what, derived) => {
    const res = await send(signedRequest(list, { derived }));
    expect(res.status).toBe(401);
    expect((await errorOf(res)).error_msg).toMatch(/credential scope/);
  });

  it('refuses a path naming another project than the signed X-Project-Id with 403', async () => {
    const other = 'ffffffffffffffffffffffffffffffff';
    const res = await send(signedRequest(`/autopilot/v3/projects/${other}/clusters`));
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ errorCode: 'CCE.01403001' });
  });

  it('refuses a project-less call signed without X-Project-Id with 400 naming the header', async () => {
    const url = 'http://cce.emulator.test/autopilot/v3/addontemplates';
    const s = signRequest({ method: 'GET', url, headers: { 'content-type': 'application/json' }, credentials, date: new Date() });
    const res = await emulator().fetch(new Request(s.wireUrl, { headers: s.headers }));
    expect(res.status).toBe(400);
    expect((await res.json()) as { errorMessage: string }).toMatchObject({ errorMessage: expect.stringContaining('X-Project-Id') });
  });
});
