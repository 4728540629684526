// The tabs of /clusters/:clusterId/:tab? — the tab is part of the path, so a link opens the same tab.
import { isKnownValue } from '../../contract/common.ts';

export const clusterDetailTabs = ['overview', 'connection', 'tags', 'jobs', 'settings', 'delete'] as const;
export type ClusterDetailTab = (typeof clusterDetailTabs)[number];

/** No segment = overview; an unknown segment = null (the page then goes to the overview). */
export function resolveClusterTab(segment: string | undefined): ClusterDetailTab | null {
  if (segment === undefined || segment === '') return 'overview';
  return isKnownValue(clusterDetailTabs, segment) ? segment : null;
}

/** /clusters/<id> for the overview, /clusters/<id>/<tab> for the others. */
export function clusterPath(clusterId: string, tab: ClusterDetailTab = 'overview'): string {
  const base = `/clusters/${encodeURIComponent(clusterId)}`;
  return tab === 'overview' ? base : `${base}/${tab}`;
}

/** The id a cluster is addressed by in paths: its uid (prepaid clusters have none, line 779: then the name). */
export function clusterIdOf(cluster: { metadata: { uid?: string | null; name: string } }): string {
  return cluster.metadata.uid ?? cluster.metadata.name;
}
