import { describe, expect, it } from 'vitest';
import { isKnownValue } from './common.ts';
import { quotaKeys, quotaOperations, quotasSchema } from './quotas.ts';

const cluster = { quotaKey: 'autopilot_cluster', quotaLimit: 20, used: 13, unit: 'count', regionId: 'cn-north-7' };

describe('getQuotas response (4.4.1)', () => {
  it('reads the documented array form', () => {
    expect(quotasSchema.parse({ quotas: [cluster] }).quotas).toEqual([cluster]);
  });

  it('normalises the published {quotas: {resources}} form to the same array (hold-19)', () => {
    const wrapped = { quotas: { resources: [{ quotaKey: 'cluster', quotaLimit: 20, used: 13, unit: 'count' }] } };
    expect(quotasSchema.parse(wrapped).quotas).toEqual([
      { quotaKey: 'cluster', quotaLimit: 20, used: 13, unit: 'count' },
    ]);
  });

  it('reads null, absent and empty-wrapped quotas as an empty list', () => {
    expect(quotasSchema.parse({ quotas: null }).quotas).toEqual([]);
    expect(quotasSchema.parse({}).quotas).toEqual([]);
    expect(quotasSchema.parse({ quotas: { resources: null } }).quotas).toEqual([]);
  });

  it('keeps unknown quota keys and fields, typed as unknown values', () => {
    const parsed = quotasSchema.parse({
      quotas: [{ quotaKey: 'autopilot_eip', quotaLimit: 5, used: 0, unit: 'count', availabilityZoneId: 'az1', x: 1 }],
    });
    const first = parsed.quotas[0];
    expect(first).toMatchObject({ quotaKey: 'autopilot_eip', availabilityZoneId: 'az1', x: 1 });
    expect(isKnownValue(quotaKeys, first?.quotaKey)).toBe(false);
    expect(isKnownValue(quotaKeys, 'autopilot_cluster')).toBe(true);
  });

  it('refuses a quota without numeric limit', () => {
    expect(quotasSchema.safeParse({ quotas: [{ ...cluster, quotaLimit: 'twenty' }] }).success).toBe(false);
  });

  it('validates the project id in the path', () => {
    const params = quotaOperations.getQuotas.pathParams;
    expect(params.safeParse({ project_id: '0abdd2dce980d4162f8ac006608ee02d' }).success).toBe(true);
    expect(params.safeParse({ project_id: '0abdd2dce980d4162f8ac006608ee02' }).success).toBe(false);
  });
});
