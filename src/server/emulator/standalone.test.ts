import { spawn } from 'node:child_process';
import { networkInterfaces } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { iamTokenResponseSchema, passwordTokenRequest } from '../../contract/iam.ts';
import { signRequest } from '../signing/sign.ts';
import { defaultIamIdentity } from './iam.ts';
import {
  defaultAk,
  defaultProjectId,
  defaultSk,
  parseStandaloneEnv,
  startBanner,
  startStandalone,
  StandaloneConfigError,
  type RunningEmulator,
} from './standalone.ts';

const root = resolve(import.meta.dirname, '../../..');
const running: RunningEmulator[] = [];
afterEach(async () => {
  for (const r of running.splice(0)) await r.close();
});

async function start(env: Record<string, string> = {}) {
  let banner = '';
  const r = await startStandalone(parseStandaloneEnv({ EMULATOR_PORT: '0', EMULATOR_SPEED: '0', ...env }), (text) => (banner += text));
  running.push(r);
  const address = r.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { ...r, port, banner };
}

describe('standalone configuration', () => {
  it('has documented defaults: 127.0.0.1:9443, the default key pair and project, memory only, demo, control on', () => {
    expect(parseStandaloneEnv({})).toEqual({
      host: '127.0.0.1',
      port: 9443,
      ak: defaultAk,
      sk: defaultSk,
      projectId: defaultProjectId,
      region: 'cn-north-4',
      speed: 1,
      dataDir: null,
      scenario: 'demo',
      control: true,
      iam: defaultIamIdentity,
    });
    expect(defaultProjectId).toBe('2d5e3c8a9f4b4e7f8a1b6c0d9e8f7a6b');
    expect(parseStandaloneEnv({ EMULATOR_DATA_DIR: '' }).dataDir).toBeNull();
    expect(parseStandaloneEnv({ EMULATOR_DATA_DIR: 'rel/dir' }).dataDir).toBe(resolve('rel/dir'));
  });

  it.each([
    ['EMULATOR_PORT', '70000'],
    ['EMULATOR_PORT', 'http'],
    ['EMULATOR_PROJECT_ID', 'XYZ'],
    ['EMULATOR_SCENARIO', 'chaos'],
    ['EMULATOR_CONTROL', 'yes'],
    ['EMULATOR_SPEED', '-1'],
    ['EMULATOR_REGION', 'north'],
    ['EMULATOR_SK', 'short'],
    ['EMULATOR_AK', 'has space'],
  ])('refuses %s=%s with a message naming the variable', (name, value) => {
    expect(() => parseStandaloneEnv({ [name]: value })).toThrow(StandaloneConfigError);
    expect(() => parseStandaloneEnv({ [name]: value })).toThrow(name);
  });

  it('refuses a reachable address with the published secrets, and accepts it with its own', () => {
    expect(() => parseStandaloneEnv({ EMULATOR_HOST: '0.0.0.0' })).toThrow(/EMULATOR_SK and EMULATOR_IAM_PASSWORD/);
    const own = { EMULATOR_HOST: '0.0.0.0', EMULATOR_SK: 'a-secret-of-my-own-1234', EMULATOR_IAM_PASSWORD: 'my-own-password' };
    expect(parseStandaloneEnv(own).host).toBe('0.0.0.0');
    expect(parseStandaloneEnv({ EMULATOR_HOST: 'localhost' }).host).toBe('localhost');
    expect(parseStandaloneEnv({ EMULATOR_HOST: '::1' }).host).toBe('::1');
  });

  it('prints the address, the AK and the project id, never the SK or the IAM password', () => {
    const config = parseStandaloneEnv({ EMULATOR_SK: 'a-secret-of-my-own-1234', EMULATOR_IAM_PASSWORD: 'my-own-password' });
    const banner = startBanner(config, { host: '127.0.0.1', port: 9443 }, 42);
    expect(banner).toContain('http://127.0.0.1:9443');
    expect(banner).toContain(defaultAk);
    expect(banner).toContain(defaultProjectId);
    expect(banner).not.toContain('a-secret-of-my-own-1234');
    expect(banner).not.toContain('my-own-password');
  });
});

describe('standalone server', () => {
  it('serves signed CCE calls and IAM tokens over plain HTTP', async () => {
    const r = await start();
    const base = `http://127.0.0.1:${r.port}`;
    expect(r.banner).toContain(base);
    const s = signRequest({
      method: 'GET',
      url: `${base}/autopilot/v3/projects/${defaultProjectId}/clusters`,
      headers: { 'content-type': 'application/json' },
      credentials: { ak: defaultAk, sk: defaultSk, projectId: defaultProjectId },
      date: new Date(),
    });
    const list = await fetch(s.wireUrl, { headers: s.headers });
    expect(list.status).toBe(200);
    expect(list.headers.get('x-request-id')).toMatch(/^[0-9a-f]{32}$/);

    const login = await fetch(`${base}/v3/auth/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(passwordTokenRequest({ ...defaultIamIdentity, project: { name: 'cn-north-4' } })),
    });
    expect(login.status).toBe(201);
    const token = login.headers.get('x-subject-token')!;
    const body = iamTokenResponseSchema.parse(await login.json());
    expect(body.token.catalog?.find((c) => c.type === 'cce')?.endpoints[0]?.url).toBe(base);
    const withToken = await fetch(`${base}/autopilot/v3/projects/${defaultProjectId}/clusters`, { headers: { 'x-auth-token': token } });
    expect(withToken.status).toBe(200);
  });

  it('turns the control endpoints off with EMULATOR_CONTROL=0', async () => {
    const on = await start();
    expect((await fetch(`http://127.0.0.1:${on.port}/__emulator/clock`)).status).toBe(200);
    const off = await start({ EMULATOR_CONTROL: '0' });
    expect((await fetch(`http://127.0.0.1:${off.port}/__emulator/clock`)).status).toBe(404);
  });

  const external = Object.values(networkInterfaces())
    .flat()
    .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;

  it.skipIf(!external)('answers control requests from a non-loopback client with 404', async () => {
    const r = await start({ EMULATOR_HOST: '0.0.0.0', EMULATOR_SK: 'a-secret-of-my-own-1234', EMULATOR_IAM_PASSWORD: 'my-own-password' });
    expect((await fetch(`http://${external}:${r.port}/__emulator/clock`)).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${r.port}/__emulator/clock`)).status).toBe(200);
  });

  it('as `npm run emulator`: prints the banner without the SK and exits 0 on SIGTERM', { timeout: 30_000 }, async () => {
    const child = spawn(join(root, 'node_modules/.bin/tsx'), ['src/server/emulator/standalone.ts'], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', EMULATOR_PORT: '0', EMULATOR_SK: 'do-not-print-this-secret-1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    const exit = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
    await new Promise<void>((ready, fail) => {
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        if (/pid \d+/.test(stdout)) ready();
      });
      child.once('exit', () => fail(new Error('exited before listening')));
    });
    expect(stdout).toMatch(/CCE Autopilot emulator on http:\/\/127\.0\.0\.1:\d+/);
    expect(stdout).toContain(`AK ${defaultAk}`);
    expect(stdout).toContain(`project ${defaultProjectId}`);
    expect(stdout).not.toContain('do-not-print-this-secret-1');
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
  });
});
