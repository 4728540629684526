// Cluster resource tags (seed 4.5.1-4.5.2): batch create (add or overwrite by key) and batch delete, both 204
// without a body. The tags are the cluster's spec.clusterTags, the same list create accepts (table 4-12).
import { cceErrorCodes } from '../../../contract/errors.ts';
import { maxTagsPerCluster } from '../../../contract/tags.ts';
import { EmulatorError, invalid } from '../errors.ts';
import type { Handlers } from '../handler.ts';
import type { StoredCluster } from '../state.ts';
import { goUtcTime } from '../time-format.ts';
import { findCluster } from './clusters.ts';

/** A cluster on its way out takes no new metadata [inferred]: its delete job holds the lock (seed 7.2 line 18721). */
function assertNotDeleting(cluster: StoredCluster): void {
  if (cluster.status?.phase !== 'Deleting') return;
  throw new EmulatorError(
    429,
    cceErrorCodes.resourceLocked,
    `Resource locked by other requests: cluster ${cluster.metadata.name} is being deleted (job ${cluster.status.jobID ?? 'unknown'})`,
  );
}

/** The tag list after a batch create: same key → the value is overwritten, identical tag → no-op (line 14229). */
export function mergeTags(
  existing: readonly { key: string; value?: string | null }[],
  requested: readonly { key: string; value: string }[],
): { key: string; value: string }[] {
  const merged = existing.map((tag) => ({ key: tag.key, value: tag.value ?? '' }));
  for (const tag of requested) {
    const index = merged.findIndex((t) => t.key === tag.key);
    if (index >= 0) merged[index] = { key: tag.key, value: tag.value };
    else merged.push({ key: tag.key, value: tag.value });
  }
  return merged;
}

export const tagHandlers: Handlers = {
  batchCreateClusterTags: ({ state, projectId, params, body, now }) => {
    const cluster = findCluster(state, projectId, params.cluster_id);
    assertNotDeleting(cluster);
    const existing = cluster.spec.clusterTags;
    const merged = mergeTags(existing, body.tags);
    // Lines 14228, 14256: at most 20 tags per cluster in total → 400 CCE.01400001 (digest §9).
    if (merged.length > maxTagsPerCluster) {
      const added = body.tags.filter((tag) => !existing.some((t) => t.key === tag.key)).map((tag) => tag.key);
      throw invalid(
        `Invalid request: a cluster can have at most ${maxTagsPerCluster} tags; cluster ${cluster.metadata.name} has ${existing.length} and the request adds ${added.length} new key(s) (${added.join(', ')})`,
      );
    }
    const changed = merged.length !== existing.length || merged.some((tag, i) => tag.value !== (existing[i]?.value ?? ''));
    cluster.spec.clusterTags = merged;
    if (changed) cluster.metadata.updateTimestamp = goUtcTime(now);
    return { status: 204 };
  },

  batchDeleteClusterTags: ({ state, projectId, params, body, now }) => {
    const cluster = findCluster(state, projectId, params.cluster_id);
    assertNotDeleting(cluster);
    // Line 14517: a key the cluster does not have counts as deleted.
    const keys = new Set(body.tags.map((tag) => tag.key));
    const kept = cluster.spec.clusterTags.filter((tag) => !keys.has(tag.key));
    if (kept.length !== cluster.spec.clusterTags.length) cluster.metadata.updateTimestamp = goUtcTime(now);
    cluster.spec.clusterTags = kept;
    return { status: 204 };
  },
};
