// How full a quota is, for the list's cluster-quota line and the quotas page: a warning comes before the limit, so
// the user learns it while one more cluster still fits, not from a failed create (CCE.01400007).
import type { QuotaResource } from '../../contract/quotas.ts';

export type QuotaLevel = 'ok' | 'warning' | 'full';

/** From this share of the limit on, the quota warns (and always when only one is left). */
export const quotaWarningRatio = 0.8;

export function quotaLevel(quota: Pick<QuotaResource, 'used' | 'quotaLimit'>): QuotaLevel {
  const { used, quotaLimit: limit } = quota;
  if (used >= limit) return 'full';
  if (limit - used <= 1 || used / limit >= quotaWarningRatio) return 'warning';
  return 'ok';
}

/** Used share in percent, 0-100 (a limit of 0 counts as full). */
export function quotaPercent(quota: Pick<QuotaResource, 'used' | 'quotaLimit'>): number {
  if (quota.quotaLimit <= 0) return 100;
  return Math.min(100, Math.max(0, Math.round((quota.used / quota.quotaLimit) * 100)));
}

/**
 * The cluster quota among all quotas: `autopilot_cluster` (seed 4.4.1 example, line 14052), else the key the
 * published CCE twin uses, `cluster`.
 */
export function clusterQuotaOf(quotas: readonly QuotaResource[]): QuotaResource | null {
  return quotas.find((q) => q.quotaKey === 'autopilot_cluster') ?? quotas.find((q) => q.quotaKey === 'cluster') ?? null;
}
