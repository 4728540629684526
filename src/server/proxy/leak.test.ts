// The leak test: drive the console over real HTTP in each mode (AK/SK with a security token, CCE_AUTH_TOKEN, and an
// IAM token obtained at run time), through successes, refusals and upstream errors, then grep every response body,
// every response header, every log and audit line, and the start-up output of `npm start`, for every secret.
// (The built bundle is grepped by bundle-leak.test.ts.)
import { describe, expect, it } from 'vitest';
import {
  issueEmulatorToken,
  proxyTestSecrets as s,
  spawnServer,
  startProxy,
  testProject,
  testRegion,
  type RunningProxy,
} from './test-servers.ts';
import { useStandaloneEmulator } from './emulator-fixture.ts';

const emulator = useStandaloneEmulator();

const cloud = () => ({ CCE_REGION: testRegion, CCE_PROJECT_ID: testProject, CCE_ENDPOINT: emulator().url });
const login = { HOST: '0.0.0.0', CONSOLE_AUTH_TOKEN: s.consoleToken, AUDIT_LOG: '/dev/null' };

/** Everything the outside world sees of one response. */
async function exposure(res: Response): Promise<string> {
  const headers: string[] = [];
  res.headers.forEach((value, name) => headers.push(`${name}: ${value}`));
  return `${res.status}\n${headers.join('\n')}\n\n${await res.text()}`;
}

/** A session of calls a user (and a prober) would make: logs in, reads, writes, gets refused, downloads. */
async function exercise(proxy: RunningProxy): Promise<string[]> {
  const seen: string[] = [];
  const call = async (path: string, init: RequestInit = {}) => {
    const res = await fetch(`${proxy.url}${path}`, { redirect: 'manual', ...init });
    seen.push(await exposure(res));
    return res;
  };
  await call('/console/login');
  await call('/console/login', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: proxy.url },
    body: new URLSearchParams({ token: 'wrong-token-000000000000' }).toString(),
  });
  const ok = await fetch(`${proxy.url}/console/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: proxy.url },
    body: new URLSearchParams({ token: s.consoleToken }).toString(),
  });
  seen.push(await exposure(ok.clone()));
  const cookie = (ok.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const authed = (extra: Record<string, string> = {}) => ({ cookie, ...extra });
  const write = authed({ origin: proxy.url, 'x-console-csrf': '1', 'content-type': 'application/json' });

  await call('/console/api/config', { headers: authed() });
  await call('/');
  const list = await fetch(`${proxy.url}/autopilot/v3/projects/${testProject}/clusters`, { headers: authed() });
  const listText = await exposure(list.clone());
  seen.push(listText);
  expect(list.status).toBe(200);
  const { items } = (await list.json()) as { items: Array<{ metadata: { uid: string } }> };
  const uid = items[0]?.metadata.uid ?? 'none';
  await call(`/autopilot/v3/projects/${testProject}/clusters/${uid}`, { headers: authed() });
  await call('/autopilot/v3/addontemplates', { headers: authed() });
  await call(`/autopilot/v3/projects/${testProject}/clusters/${uid}/tags/create`, { method: 'POST', headers: write, body: '{"tags":[{"key":"k","value":"v"}]}' });
  await call(`/autopilot/v3/projects/${testProject}/clusters/${uid}/tags/create`, { method: 'POST', headers: write, body: '{"tags":"not a list"}' });
  await call(`/autopilot/v3/projects/${testProject}/clusters/not-a-cluster`, { headers: authed() });
  await call(`/autopilot/v3/projects/${testProject}/secrets`, { headers: authed() });
  await call(`/autopilot/v3/projects/${testProject}/clusters/${uid}`, { method: 'DELETE', headers: authed({ origin: 'https://evil.example' }) });
  await call(`/autopilot/v3/projects/${testProject}/clusters`, { method: 'POST', headers: { ...write, 'content-type': 'text/plain' }, body: 'x' });
  await call('/autopilot/v2/charts', { headers: authed() });
  await call('/console/logout', { method: 'POST', headers: authed({ origin: proxy.url }) });
  return seen;
}

function expectNoSecret(texts: readonly string[], secrets: readonly string[]) {
  const all = texts.join('\n');
  expect(all.length).toBeGreaterThan(1000);
  for (const secret of secrets) {
    // index, not toContain: a failure must not print the whole haystack with the secret in it
    expect(all.indexOf(secret), `a secret of ${secret.length} characters leaked`).toBe(-1);
  }
}

describe('no secret leaves the proxy', () => {
  it('AK/SK with a security token: responses, headers and log lines', async () => {
    const proxy = await startProxy({ ...cloud(), ...login, CLOUD_SDK_AK: s.ak, CLOUD_SDK_SK: s.sk, CLOUD_SDK_SECURITY_TOKEN: s.securityToken });
    try {
      const seen = await exercise(proxy);
      expect(proxy.lines.some((l) => l.includes('"type":"audit"'))).toBe(true);
      expectNoSecret([...seen, ...proxy.lines], [s.ak, s.sk, s.securityToken, s.consoleToken, proxy.server.config.sessionSecret]);
    } finally {
      await proxy.close();
    }
  });

  it('token mode with CCE_AUTH_TOKEN', async () => {
    const token = await issueEmulatorToken(emulator());
    expect(token.length).toBeGreaterThan(100);
    const proxy = await startProxy({ ...cloud(), ...login, CCE_AUTH_TOKEN: token });
    try {
      const seen = await exercise(proxy);
      expectNoSecret([...seen, ...proxy.lines], [token, token.slice(0, 64), s.consoleToken]);
    } finally {
      await proxy.close();
    }
  });

  it('token mode with a token obtained from IAM at run time (and the IAM password)', async () => {
    const tokens: string[] = [];
    const proxy = await startProxy(
      { ...cloud(), ...login, IAM_USERNAME: s.iamUser, IAM_PASSWORD: s.iamPassword, IAM_DOMAIN: s.iamDomain, IAM_ENDPOINT: emulator().url },
      {
        iamFetch: async (request) => {
          const res = await fetch(request);
          const token = res.headers.get('x-subject-token');
          if (token) tokens.push(token);
          return res;
        },
      },
    );
    try {
      const seen = await exercise(proxy);
      expect(tokens).toHaveLength(1);
      // the redactor learnt the token: a line that mentions it is written without it
      proxy.server.audit.error('simulated failure', new Error(`upstream echoed ${tokens[0] ?? ''}`));
      expect(proxy.lines.at(-1)).toContain('[REDACTED]');
      expectNoSecret([...seen, ...proxy.lines], [...tokens, s.iamPassword, s.consoleToken]);
    } finally {
      await proxy.close();
    }
  });

  it('npm start prints its mode without a secret', async () => {
    const child = spawnServer('src/server/main.ts', {
      PORT: '0',
      ...cloud(),
      CLOUD_SDK_AK: s.ak,
      CLOUD_SDK_SK: s.sk,
      CLOUD_SDK_SECURITY_TOKEN: s.securityToken,
      HOST: '0.0.0.0',
      CONSOLE_AUTH_TOKEN: s.consoleToken,
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    try {
      await new Promise<void>((done, fail) => {
        const timer = setTimeout(() => fail(new Error(`npm start did not report its mode:\n${output}`)), 20_000);
        const check = () => {
          if (/login required/.test(output)) {
            clearTimeout(timer);
            done();
          }
        };
        child.stdout.on('data', check);
      });
      expect(output).toMatch(/mode: cloud — Huawei Cloud http:\/\/127\.0\.0\.1:\d+ \(AK\/SK with a security token, region cn-north-4, project [0-9a-f]{32}\)/);
      expectNoSecret([output.padEnd(1001, ' ')], [s.ak, s.sk, s.securityToken, s.consoleToken]);
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
  });
});
