import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { composeServer } from '../compose.ts';
import { ConfigError, loadConfig, publicConfig } from './config.ts';
import { consoleRequest } from './test-console.ts';
import { proxyTestSecrets as s, testProject as project } from './test-servers.ts';

const load = (env: Record<string, string>) => loadConfig(env, { version: 'test' });
const aksk = { CLOUD_SDK_AK: s.ak, CLOUD_SDK_SK: s.sk, CCE_REGION: 'cn-north-4', CCE_PROJECT_ID: project };
const password = { IAM_USERNAME: s.iamUser, IAM_PASSWORD: s.iamPassword, IAM_DOMAIN: s.iamDomain, CCE_REGION: 'cn-north-4', CCE_PROJECT_ID: project };

function refusal(env: Record<string, string>): string {
  try {
    load(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error('the configuration was accepted');
}

describe('modes chosen from the environment', () => {
  it('runs the embedded emulator when no variable is set', () => {
    const config = load({});
    expect(config.mode).toBe('emulator');
    expect(config.host).toBe('127.0.0.1');
    expect(publicConfig(config)).toMatchObject({ mode: 'emulator', authMode: 'emulator', loginRequired: false, csrfHeader: 'X-Console-Csrf' });
  });

  it('signs with AK/SK against https://cce.{region}.myhuaweicloud.com by default', () => {
    const config = load(aksk);
    expect(config).toMatchObject({ mode: 'cloud', endpoint: 'https://cce.cn-north-4.myhuaweicloud.com', credentials: { kind: 'aksk', ak: s.ak, sk: s.sk } });
    expect(publicConfig(config)).toMatchObject({ mode: 'cloud', authMode: 'aksk', temporaryCredentials: false, endpoint: 'https://cce.cn-north-4.myhuaweicloud.com' });
  });

  it('takes CCE_ENDPOINT, also http://127.0.0.1:… for a standalone emulator, and the temporary security token', () => {
    const config = load({ ...aksk, CCE_ENDPOINT: 'http://127.0.0.1:9443/', CLOUD_SDK_SECURITY_TOKEN: s.securityToken });
    expect(config.endpoint).toBe('http://127.0.0.1:9443');
    expect(config.credentials).toMatchObject({ kind: 'aksk', securityToken: s.securityToken });
    expect(publicConfig(config).temporaryCredentials).toBe(true);
  });

  it('forwards CCE_AUTH_TOKEN in token mode', () => {
    const config = load({ CCE_AUTH_TOKEN: s.cceToken, CCE_REGION: 'cn-north-4', CCE_PROJECT_ID: project });
    expect(config.credentials).toEqual({ kind: 'token', token: s.cceToken });
    expect(publicConfig(config).authMode).toBe('token');
  });

  it('exchanges IAM_USERNAME/IAM_PASSWORD/IAM_DOMAIN at https://iam.{region}.myhuaweicloud.com unless IAM_ENDPOINT says otherwise', () => {
    expect(load(password).credentials).toMatchObject({ kind: 'password', iamEndpoint: 'https://iam.cn-north-4.myhuaweicloud.com' });
    expect(load({ ...password, IAM_ENDPOINT: 'http://127.0.0.1:9443' }).credentials).toMatchObject({ iamEndpoint: 'http://127.0.0.1:9443' });
    expect(publicConfig(load(password)).authMode).toBe('password');
  });

  it('never shows a secret in GET /console/api/config', async () => {
    const envs: Array<Record<string, string>> = [
      { ...aksk, CLOUD_SDK_SECURITY_TOKEN: s.securityToken },
      { CCE_AUTH_TOKEN: s.cceToken, CCE_REGION: 'cn-north-4', CCE_PROJECT_ID: project },
      password,
    ];
    for (const env of envs) {
      const config = load({ ...env, HOST: '0.0.0.0', CONSOLE_AUTH_TOKEN: s.consoleToken });
      const text = JSON.stringify(publicConfig(config));
      for (const secret of [s.ak, s.sk, s.securityToken, s.cceToken, s.iamPassword, s.consoleToken, config.sessionSecret]) {
        expect(text).not.toContain(secret);
      }
    }
    const request = await consoleRequest(composeServer(load({ ...aksk, CCE_ENDPOINT: 'http://127.0.0.1:9' }), { quiet: true, staticRoot: '/nonexistent' }));
    const text = await (await request('/console/api/config')).text();
    expect(JSON.parse(text)).toMatchObject({ mode: 'cloud', authMode: 'aksk', region: 'cn-north-4', projectId: project, endpoint: 'http://127.0.0.1:9' });
    expect(text).not.toContain(s.sk);
    expect(text).not.toContain(s.ak);
  });
});

describe('a missing or contradictory variable stops the start with a message naming it', () => {
  it.each([
    [{ CLOUD_SDK_AK: s.ak, CCE_REGION: 'cn-north-4', CCE_PROJECT_ID: project }, /Missing CLOUD_SDK_SK/],
    [{ CLOUD_SDK_SK: s.sk, CCE_REGION: 'cn-north-4', CCE_PROJECT_ID: project }, /Missing CLOUD_SDK_AK/],
    [{ CLOUD_SDK_AK: s.ak, CLOUD_SDK_SK: s.sk }, /Missing CCE_REGION, CCE_PROJECT_ID/],
    [{ ...aksk, CCE_PROJECT_ID: 'nope' }, /CCE_PROJECT_ID must be the 32-hex-character project id/],
    [{ ...aksk, CCE_REGION: 'north 4' }, /CCE_REGION must look like cn-north-4/],
    [{ IAM_USERNAME: 'u', CCE_REGION: 'cn-north-4', CCE_PROJECT_ID: project }, /Missing IAM_PASSWORD, IAM_DOMAIN/],
    [{ ...aksk, CCE_AUTH_TOKEN: s.cceToken }, /Choose one way to authenticate; found CLOUD_SDK_AK\/CLOUD_SDK_SK and CCE_AUTH_TOKEN/],
    [{ ...password, CCE_AUTH_TOKEN: s.cceToken }, /found CCE_AUTH_TOKEN and IAM_USERNAME\/IAM_PASSWORD\/IAM_DOMAIN/],
    [{ CCE_AUTH_TOKEN: s.cceToken, CLOUD_SDK_SECURITY_TOKEN: 'x', CCE_REGION: 'cn-north-4', CCE_PROJECT_ID: project }, /CLOUD_SDK_SECURITY_TOKEN goes with CLOUD_SDK_AK/],
    [{ ...aksk, IAM_ENDPOINT: 'https://iam.example.com' }, /IAM_ENDPOINT is only used with IAM_USERNAME/],
    [{ CCE_ENDPOINT: 'http://127.0.0.1:9443' }, /CCE_ENDPOINT is set but no credentials/],
    [{ ...aksk, EMULATOR_SCENARIO: 'empty' }, /EMULATOR_SCENARIO only apply to the embedded emulator/],
    [{ HOST: '0.0.0.0' }, /HOST=0\.0\.0\.0 is not a loopback address: set CONSOLE_AUTH_TOKEN/],
    [{ CONSOLE_SESSION_SECRET: 'x'.repeat(40) }, /CONSOLE_SESSION_SECRET is only used with CONSOLE_AUTH_TOKEN/],
    [{ HOST: '0.0.0.0', CONSOLE_AUTH_TOKEN: 'short' }, /CONSOLE_AUTH_TOKEN must be at least 16 characters/],
    [{ ...aksk, CCE_ENDPOINT: 'https://cce.example.com/v3' }, /CCE_ENDPOINT must be scheme:\/\/host\[:port\] without a path/],
    [{ ...aksk, CCE_ENDPOINT: 'https://user:pw@cce.example.com' }, /CCE_ENDPOINT must not carry a user name or password/],
    [{ ...aksk, CCE_ENDPOINT: 'http://cce.example.com' }, /CCE_ENDPOINT must use https unless it is a loopback address/],
    [{ ...password, IAM_ENDPOINT: 'http://iam.example.com' }, /IAM_ENDPOINT must use https unless it is a loopback address/],
    [{ ...aksk, CCE_ENDPOINT: 'ftp://cce.example.com' }, /CCE_ENDPOINT must be an http\(s\) URL/],
    [{ ...aksk, PROXY_TIMEOUT_MS: '5' }, /PROXY_TIMEOUT_MS/],
  ])('%j', (env, message) => {
    expect(refusal(env as Record<string, string>)).toMatch(message);
  });

  it('treats an empty variable as unset', () => {
    expect(refusal({ ...aksk, CLOUD_SDK_SK: '' })).toMatch(/Missing CLOUD_SDK_SK/);
    expect(load({ CLOUD_SDK_AK: '', CCE_AUTH_TOKEN: '' }).mode).toBe('emulator');
  });

  it('npm start exits with status 2 and the message', () => {
    const root = resolve(import.meta.dirname, '../../..');
    const result = spawnSync(resolve(root, 'node_modules/.bin/tsx'), ['src/server/main.ts'], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', CLOUD_SDK_AK: s.ak, CCE_REGION: 'cn-north-4', CCE_PROJECT_ID: project },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('Cannot start: Missing CLOUD_SDK_SK');
  });
});
