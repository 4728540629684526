import { describe, expect, it } from 'vitest';
import { composeServer } from '../compose.ts';
import { loadConfig } from './config.ts';

const project = '2d5e3c8a9f4b4e7f8a1b6c0d9e8f7a6b';

function setup() {
  const config = loadConfig({ EMULATOR_DATA_DIR: '', AUDIT_LOG: '/dev/null' }, { version: 'test' });
  const seen: Request[] = [];
  const server = composeServer(config, { quiet: true, staticRoot: '/nonexistent', tap: (request) => seen.push(request) });
  return { app: server.app, seen };
}

describe('signing proxy in emulator mode', () => {
  it('signs the list call with SDK-HMAC-SHA256 and the emulator accepts it', async () => {
    const { app, seen } = setup();
    const res = await app.request(`/autopilot/v3/projects/${project}/clusters`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { items: unknown[] };
    expect(body.items.length).toBe(4);
    expect(seen).toHaveLength(1);
    const auth = seen[0]?.headers.get('authorization') ?? '';
    expect(auth).toMatch(/^SDK-HMAC-SHA256 Access=EMU[0-9A-F]+, SignedHeaders=content-type;host;x-project-id;x-sdk-date, Signature=[0-9a-f]{64}$/);
    expect(seen[0]?.headers.get('x-sdk-date')).toMatch(/^\d{8}T\d{6}Z$/);
  });

  it('answers an unknown path with 404 JSON and never forwards it', async () => {
    const { app, seen } = setup();
    const res = await app.request('/autopilot/v3/projects/whatever/secrets');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(await res.json()).toMatchObject({ errorCode: 'CCE.01404001' });
    expect(seen).toHaveLength(0);
  });

  it('answers a malformed project id with the documented 400 body', async () => {
    const { app } = setup();
    const res = await app.request('/autopilot/v3/projects/not-a-project/clusters');
    expect(res.status).toBe(400);
    const body = (await res.json()) as Record<string, string>;
    expect(body.errorCode).toBe('CCE.01400001');
    expect(body.error_code).toBe('CCE.01400001');
    expect(body.errorMessage).toContain('project_id must be 32 hexadecimal characters');
  });

  it('refuses a mutating call without same-origin Origin and the CSRF header, before forwarding', async () => {
    const { app, seen } = setup();
    const res = await app.request(`/autopilot/v3/projects/${project}/clusters/abc`, { method: 'DELETE' });
    expect(res.status).toBe(403);
    expect(seen).toHaveLength(0);
  });

  it('serves the configuration without any secret', async () => {
    const config = loadConfig({ EMULATOR_DATA_DIR: '' }, { version: 'test' });
    const { app } = composeServer(config, { quiet: true, staticRoot: '/nonexistent' });
    const res = await app.request('/console/api/config');
    const text = await res.text();
    expect(JSON.parse(text)).toMatchObject({ mode: 'emulator', projectId: project, region: 'cn-north-4' });
    if (config.credentials.kind !== 'aksk') throw new Error('expected aksk');
    expect(text).not.toContain(config.credentials.sk);
    expect(text).not.toContain(config.credentials.ak);
  });
});
