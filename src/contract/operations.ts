// THE operation table: one entry per id of ../shared/api/inventory.json (copied to fixtures/inventory.json).
// Each resource file owns its entries; this module only joins them.
import { addonOperations } from './addons.ts';
import { chartOperations } from './charts.ts';
import { clusterAccessOperations } from './cluster-access.ts';
import { clusterOperations } from './clusters.ts';
import { jobOperations } from './jobs.ts';
import type { AnyOperation } from './operation.ts';
import { quotaOperations } from './quotas.ts';
import { releaseOperations } from './releases.ts';
import { tagOperations } from './tags.ts';
import { upgradeOperations } from './upgrade.ts';

export const operations = {
  ...clusterOperations,
  ...jobOperations,
  ...clusterAccessOperations,
  ...addonOperations,
  ...upgradeOperations,
  ...quotaOperations,
  ...tagOperations,
  ...chartOperations,
  ...releaseOperations,
} satisfies Record<string, AnyOperation>;

export type Operations = typeof operations;
export type OperationId = keyof Operations;

export const operationList: readonly AnyOperation[] = Object.values(operations);
