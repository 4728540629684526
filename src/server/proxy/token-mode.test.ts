// Token mode end to end over real HTTP: the console exchanges IAM_USERNAME / IAM_PASSWORD / IAM_DOMAIN at the
// standalone emulator's POST /v3/auth/tokens, caches the token, renews it before its 24 h expiry, and forwards it as
// X-Auth-Token (never Authorization). Also CCE_AUTH_TOKEN given as it is.
import { describe, expect, it } from 'vitest';
import {
  issueEmulatorToken,
  proxyTestSecrets as s,
  startProxy,
  testProject,
  testRegion,
} from './test-servers.ts';
import { useStandaloneEmulator } from './emulator-fixture.ts';

const emulator = useStandaloneEmulator();

function passwordEnv(password: string = s.iamPassword) {
  return {
    IAM_USERNAME: s.iamUser,
    IAM_PASSWORD: password,
    IAM_DOMAIN: s.iamDomain,
    IAM_ENDPOINT: emulator().url,
    CCE_REGION: testRegion,
    CCE_PROJECT_ID: testProject,
    CCE_ENDPOINT: emulator().url,
  };
}

const hour = 3600_000;

describe('token mode against the emulator IAM', () => {
  it('exchanges the password once for a project-scoped token, reuses it, and renews it before 24 h', async () => {
    let clock = Date.now();
    const iamCalls: Request[] = [];
    const sent: Request[] = [];
    const proxy = await startProxy(passwordEnv(), {
      now: () => clock,
      iamFetch: (request) => {
        iamCalls.push(request.clone());
        return fetch(request);
      },
      tap: (request) => sent.push(request),
    });
    try {
      const path = `${proxy.url}/autopilot/v3/projects/${testProject}/clusters`;
      const first = await fetch(path);
      expect(first.status).toBe(200);
      expect(((await first.json()) as { items: unknown[] }).items.length).toBeGreaterThan(0);
      expect(iamCalls).toHaveLength(1);
      const asked = (await iamCalls[0]?.json()) as { auth: { scope: unknown; identity: { methods: string[] } } };
      expect(asked.auth.scope).toEqual({ project: { id: testProject } });
      expect(asked.auth.identity.methods).toEqual(['password']);

      const token = sent[0]?.headers.get('x-auth-token');
      expect(token).toMatch(/^MII/);
      expect(sent[0]?.headers.get('authorization')).toBeNull();

      clock += 22 * hour;
      expect((await fetch(path)).status).toBe(200);
      expect(iamCalls).toHaveLength(1);
      expect(sent[1]?.headers.get('x-auth-token')).toBe(token);

      // within the last hour of its 24 h the token is renewed
      clock += 1 * hour + 60_000;
      expect((await fetch(path)).status).toBe(200);
      expect(iamCalls).toHaveLength(2);
      const renewed = sent[2]?.headers.get('x-auth-token');
      expect(renewed).toMatch(/^MII/);
      expect(renewed).not.toBe(token);
    } finally {
      await proxy.close();
    }
  });

  it('sends X-Project-Id only where the path has no project', async () => {
    const sent: Request[] = [];
    const proxy = await startProxy(passwordEnv(), { tap: (request) => sent.push(request) });
    try {
      expect((await fetch(`${proxy.url}/autopilot/v3/addontemplates`)).status).toBe(200);
      expect(sent[0]?.headers.get('x-project-id')).toBe(testProject);
      expect((await fetch(`${proxy.url}/autopilot/v3/projects/${testProject}/clusters`)).status).toBe(200);
      expect(sent[1]?.headers.get('x-project-id')).toBeNull();
    } finally {
      await proxy.close();
    }
  });

  it('answers 502 JSON naming IAM when the password is wrong, without asking IAM on every call', async () => {
    let iamCalls = 0;
    const proxy = await startProxy(passwordEnv('wrong-password-0000'), {
      iamFetch: (request) => {
        iamCalls += 1;
        return fetch(request);
      },
    });
    try {
      const path = `${proxy.url}/autopilot/v3/projects/${testProject}/clusters`;
      const res = await fetch(path);
      expect(res.status).toBe(502);
      const body = (await res.json()) as Record<string, string>;
      expect(body.errorCode).toBe('CONSOLE.502.IAM');
      expect(body.errorMessage).toMatch(/IAM refused the token exchange for user proxy-test-user \(HTTP 401/);
      expect((await fetch(path)).status).toBe(502);
      expect(iamCalls).toBe(1);
    } finally {
      await proxy.close();
    }
  });

  it('forwards CCE_AUTH_TOKEN as X-Auth-Token', async () => {
    const token = await issueEmulatorToken(emulator());
    expect(token).not.toBe('');
    const sent: Request[] = [];
    const proxy = await startProxy(
      { CCE_AUTH_TOKEN: token, CCE_REGION: testRegion, CCE_PROJECT_ID: testProject, CCE_ENDPOINT: emulator().url },
      { tap: (request) => sent.push(request) },
    );
    try {
      const res = await fetch(`${proxy.url}/autopilot/v3/projects/${testProject}/clusters`);
      expect(res.status).toBe(200);
      expect(sent[0]?.headers.get('x-auth-token')).toBe(token);
      expect(sent[0]?.headers.get('authorization')).toBeNull();
    } finally {
      await proxy.close();
    }
  });
});
