import { describe, expect, it } from 'vitest';
import { signRequest } from '../signing/sign.ts';
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
