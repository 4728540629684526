import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  clusterAccessOperations,
  clusterEndpointsSchema,
  createClusterCertBodySchema,
  hasPublicEndpoint,
  kubeconfigSchema,
  updateClusterEipBodySchema,
  updateClusterEipResponseSchema,
} from './cluster-access.ts';

function messages(schema: z.ZodType, value: unknown): string[] {
  const result = schema.safeParse(value);
  return result.success ? [] : result.error.issues.map((issue) => issue.message);
}

const durationRule = 'duration must be a whole number of days from 1 to 1827, or -1 for the 5-year maximum';

describe('createClusterCert body (4.1.6, line 3242)', () => {
  it.each([1, 30, 1826, 1827, -1])('accepts %d days', (duration) => {
    expect(messages(createClusterCertBodySchema, { duration })).toEqual([]);
  });

  it.each([0, 1828, -2, 1.5, '30', null])('refuses %j', (duration) => {
    expect(messages(createClusterCertBodySchema, { duration })).toContain(durationRule);
  });

  it('requires duration and nothing else', () => {
    expect(messages(createClusterCertBodySchema, {})).toEqual([
      'duration is required: a whole number of days from 1 to 1827, or -1 for the 5-year maximum',
    ]);
    expect(messages(createClusterCertBodySchema, { duration: 30, format: 'yaml' })).toEqual([
      'body has unknown field(s): format; the API does not document them',
    ]);
  });
});

describe('kubeconfig response', () => {
  const external = {
    kind: 'Config',
    apiVersion: 'v1',
    preferences: {},
    clusters: [
      { name: 'internalCluster', cluster: { server: 'https://192.168.0.10:5443', 'certificate-authority-data': 'Q0E=' } },
      { name: 'externalCluster', cluster: { server: 'https://8.8.8.8:5443', 'insecure-skip-tls-verify': true } },
    ],
    users: [{ name: 'user', user: { 'client-certificate-data': 'Y2VydA==', 'client-key-data': 'a2V5' } }],
    contexts: [
      { name: 'internal', context: { cluster: 'internalCluster', user: 'user' } },
      { name: 'external', context: { cluster: 'externalCluster', user: 'user' } },
    ],
    'current-context': 'external',
  };

  it('keeps the hyphenated kubeconfig keys', () => {
    const config = kubeconfigSchema.parse(external);
    expect(config['current-context']).toBe('external');
    expect(config.clusters[1]?.cluster['insecure-skip-tls-verify']).toBe(true);
    expect(config.users[0]?.user['client-key-data']).toBe('a2V5');
    expect(config.contexts[0]?.context).toEqual({ cluster: 'internalCluster', user: 'user' });
  });

  it('reads null lists and preferences as empty', () => {
    const config = kubeconfigSchema.parse({ kind: 'Config', preferences: null, clusters: null, users: null, contexts: null });
    expect(config).toMatchObject({ preferences: {}, clusters: [], users: [], contexts: [] });
  });

  it('refuses a cluster entry without a server', () => {
    expect(kubeconfigSchema.safeParse({ ...external, clusters: [{ name: 'internalCluster', cluster: {} }] }).success).toBe(
      false,
    );
  });
});

describe('updateClusterEip body (4.1.8)', () => {
  it('accepts bind with an EIP id and unbind without one', () => {
    expect(messages(updateClusterEipBodySchema, { spec: { action: 'bind', spec: { id: 'eip-1' } } })).toEqual([]);
    expect(messages(updateClusterEipBodySchema, { spec: { action: 'unbind' } })).toEqual([]);
    expect(messages(updateClusterEipBodySchema, { spec: { action: 'unbind', spec: { id: 'ignored' } } })).toEqual([]);
  });

  it('requires spec.spec.id for bind, naming the field', () => {
    const result = updateClusterEipBodySchema.safeParse({ spec: { action: 'bind' } });
    expect(result.error?.issues).toEqual([
      expect.objectContaining({
        path: ['spec', 'spec', 'id'],
        message: 'spec.spec.id (the ID of the EIP to bind) is required when spec.action is "bind"',
      }),
    ]);
    expect(messages(updateClusterEipBodySchema, { spec: { action: 'bind', spec: { id: '' } } })).toContain(
      'spec.spec.id (the ID of the EIP to bind) is required when spec.action is "bind"',
    );
  });

  it.each([
    [{}, 'spec is required'],
    [{ spec: {} }, 'spec.action is required ("bind" or "unbind")'],
    [{ spec: { action: 'attach' } }, 'spec.action must be "bind" or "unbind"'],
    [{ spec: { action: 'unbind', spec: { eipId: 'x' } } }, 'spec.spec has unknown field(s): eipId'],
    [{ spec: { action: 'unbind', bandwidth: 5 } }, 'spec.bandwidth must be a string'],
  ])('refuses %j', (body, message) => {
    expect(messages(updateClusterEipBodySchema, body).join('\n')).toContain(message);
  });

  it('accepts the deprecated elasticIp spelling of the SDK and sends the table spelling elasticip', () => {
    const parsed = updateClusterEipBodySchema.parse({ spec: { action: 'unbind', elasticIp: '8.8.8.8' } });
    expect(parsed.spec).toEqual({ action: 'unbind', elasticip: '8.8.8.8' });
  });
});

describe('updateClusterEip response', () => {
  it('normalises IsDynamic (tables) to isDynamic and elasticip (table) to elasticIp', () => {
    const parsed = updateClusterEipResponseSchema.parse({
      metadata: {},
      spec: { action: 'bind', spec: { id: 'e1', eip: { bandwidth: { size: 5, sharetype: 'PER' } }, IsDynamic: true }, elasticip: '8.8.8.8' },
      status: { privateEndpoint: 'https://192.168.3.238:5443', publicEndpoint: 'https://8.8.8.8:5443' },
    });
    expect(parsed?.spec?.spec?.isDynamic).toBe(true);
    expect(parsed?.spec?.spec).not.toHaveProperty('IsDynamic');
    expect(parsed?.spec?.elasticIp).toBe('8.8.8.8');
    expect(parsed?.spec).not.toHaveProperty('elasticip');
  });

  it('keeps the example spellings isDynamic and elasticIp', () => {
    const parsed = updateClusterEipResponseSchema.parse({
      spec: { spec: { isDynamic: false }, elasticIp: '1.2.3.4' },
    });
    expect(parsed?.spec?.spec?.isDynamic).toBe(false);
    expect(parsed?.spec?.elasticIp).toBe('1.2.3.4');
  });

  it.each([undefined, null, ''])('reads the empty unbind answer %j as undefined', (body) => {
    expect(updateClusterEipResponseSchema.parse(body)).toBeUndefined();
  });

  it('refuses a body that is neither empty nor the object', () => {
    expect(updateClusterEipResponseSchema.safeParse('success').success).toBe(false);
  });
});

describe('getClusterEndpoints response (4.1.9)', () => {
  it('normalises IsDynamic and reads a missing public endpoint as ""', () => {
    const parsed = clusterEndpointsSchema.parse({
      metadata: {},
      spec: { spec: { eip: { bandwidth: {} }, IsDynamic: false } },
      status: { privateEndpoint: 'https://192.168.3.238:5443', publicEndpoint: null },
    });
    expect(parsed.spec?.spec?.isDynamic).toBe(false);
    expect(parsed.status?.publicEndpoint).toBe('');
    expect(hasPublicEndpoint(parsed.status)).toBe(false);
  });

  it('tells a bound EIP', () => {
    const parsed = clusterEndpointsSchema.parse({ status: { publicEndpoint: 'https://10.154.50.197:5443' } });
    expect(hasPublicEndpoint(parsed.status)).toBe(true);
    expect(hasPublicEndpoint(undefined)).toBe(false);
  });

  it('declares the three access operations', () => {
    expect(Object.keys(clusterAccessOperations).sort()).toEqual(['createClusterCert', 'getClusterEndpoints', 'updateClusterEip']);
    expect(clusterAccessOperations.updateClusterEip.response).toBe(updateClusterEipResponseSchema);
  });
});
