import { describe, expect, it } from 'vitest';
import { quotasSchema } from '../../contract/quotas.ts';
import { clusterQuotaOf, quotaLevel, quotaPercent } from './quota-usage.ts';

describe('quota usage', () => {
  it('warns before the limit: from 80 % on, and whenever only one is left', () => {
    expect(quotaLevel({ used: 3, quotaLimit: 5 })).toBe('ok');
    expect(quotaLevel({ used: 4, quotaLimit: 5 })).toBe('warning');
    expect(quotaLevel({ used: 16, quotaLimit: 20 })).toBe('warning');
    expect(quotaLevel({ used: 15, quotaLimit: 20 })).toBe('ok');
    expect(quotaLevel({ used: 1, quotaLimit: 2 })).toBe('warning');
    expect(quotaLevel({ used: 5, quotaLimit: 5 })).toBe('full');
    expect(quotaLevel({ used: 0, quotaLimit: 0 })).toBe('full');
  });

  it('gives the used share in whole percent, clamped', () => {
    expect(quotaPercent({ used: 13, quotaLimit: 20 })).toBe(65);
    expect(quotaPercent({ used: 7, quotaLimit: 5 })).toBe(100);
    expect(quotaPercent({ used: 0, quotaLimit: 0 })).toBe(100);
  });

  it('finds the cluster quota under either documented key', () => {
    const seed = quotasSchema.parse({ quotas: [{ quotaKey: 'autopilot_cluster', quotaLimit: 20, used: 13, unit: 'count' }] });
    expect(clusterQuotaOf(seed.quotas)).toMatchObject({ used: 13 });
    const twin = quotasSchema.parse({ quotas: { resources: [{ quotaKey: 'cluster', quotaLimit: 5, used: 1 }] } });
    expect(clusterQuotaOf(twin.quotas)).toMatchObject({ quotaKey: 'cluster' });
    expect(clusterQuotaOf([])).toBeNull();
  });
});
