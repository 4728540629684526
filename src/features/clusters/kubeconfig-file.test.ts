import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { kubeconfigSchema } from '../../contract/cluster-access.ts';
import { certRequestBody, kubeconfigFileName, kubeconfigYaml, kubectlCommand } from './kubeconfig-file.ts';

const answer = kubeconfigSchema.parse({
  kind: 'Config',
  apiVersion: 'v1',
  preferences: {},
  clusters: [
    { name: 'internalCluster', cluster: { server: 'https://192.168.0.10:5443', 'certificate-authority-data': 'Q0E='.repeat(40) } },
    { name: 'externalCluster', cluster: { server: 'https://121.36.1.2:5443', 'insecure-skip-tls-verify': true } },
  ],
  users: [{ name: 'user', user: { 'client-certificate-data': 'Y2VydA==', 'client-key-data': 'a2V5' } }],
  contexts: [
    { name: 'internal', context: { cluster: 'internalCluster', user: 'user' } },
    { name: 'external', context: { cluster: 'externalCluster', user: 'user' } },
  ],
  'current-context': 'external',
});

describe('kubeconfig file', () => {
  it('is YAML that reads back as the same kubeconfig, hyphenated keys kept', () => {
    const text = kubeconfigYaml(answer);
    const back = parse(text) as Record<string, unknown>;
    expect(back).toEqual({ ...answer });
    expect(text.startsWith('apiVersion: v1\nkind: Config\n')).toBe(true);
    expect(text).toContain('current-context: external');
    expect(text).toContain('insecure-skip-tls-verify: true');
    // long base64 stays on one line
    expect(text).toContain(`certificate-authority-data: ${'Q0E='.repeat(40)}\n`);
  });

  it('writes empty lists as lists, never null', () => {
    const back = parse(kubeconfigYaml(kubeconfigSchema.parse({ kind: 'Config', apiVersion: 'v1', clusters: null }))) as Record<string, unknown>;
    expect(back.clusters).toEqual([]);
    expect(back.users).toEqual([]);
  });

  it('names the file after the cluster and gives the command that uses it', () => {
    expect(kubeconfigFileName('prod-payments')).toBe('prod-payments-kubeconfig.yaml');
    expect(kubectlCommand('prod-payments-kubeconfig.yaml')).toBe('kubectl --kubeconfig prod-payments-kubeconfig.yaml get nodes');
  });
});

describe('certificate validity', () => {
  it('accepts 1 to 1827 whole days and the 5-year maximum as -1', () => {
    expect(certRequestBody({ kind: 'days', days: '1' })).toEqual({ ok: true, body: { duration: 1 } });
    expect(certRequestBody({ kind: 'days', days: ' 1827 ' })).toEqual({ ok: true, body: { duration: 1827 } });
    expect(certRequestBody({ kind: 'maximum' })).toEqual({ ok: true, body: { duration: -1 } });
  });

  it('refuses what the contract refuses, with its sentence', () => {
    for (const days of ['0', '1828', '1.5', '', 'abc', '-1']) {
      const result = certRequestBody({ kind: 'days', days });
      expect(result.ok, days).toBe(days === '-1');
      if (!result.ok) expect(result.message).toMatch(/^duration must be a whole number of days from 1 to 1827/);
    }
  });
});
