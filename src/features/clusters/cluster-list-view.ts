// The cluster list's view (search, phase filter, sort) as it lives in the URL, and the pure filtering and sorting
// behind the table. listClusters has no pagination (seed 4.1.3), so the whole list is filtered in the browser: the
// counts stay right and the one list query keeps polling while any cluster is transitional, shown or not.
import { clusterPhases, type Cluster, type ClusterPhase } from '../../contract/clusters.ts';
import { isKnownValue } from '../../contract/common.ts';
import { parseServiceTime } from '../../contract/time.ts';

export const clusterSortKeys = ['name', 'phase', 'version', 'platformVersion', 'created'] as const;
export type ClusterSortKey = (typeof clusterSortKeys)[number];
export type SortOrder = 'asc' | 'desc';

export type ClusterListView = {
  search: string;
  phase: ClusterPhase | null;
  sort: ClusterSortKey;
  order: SortOrder;
};

/** Newest first, as a console shows what was just created at the top. */
export const defaultClusterListView: ClusterListView = { search: '', phase: null, sort: 'created', order: 'desc' };

/** The URL parameters of the view: ?q=…&phase=…&sort=…&order=… (defaults are left out). */
export const clusterListParams = { search: 'q', phase: 'phase', sort: 'sort', order: 'order' } as const;

export function readClusterListView(params: URLSearchParams): ClusterListView {
  const phase = params.get(clusterListParams.phase);
  const sort = params.get(clusterListParams.sort);
  const order = params.get(clusterListParams.order);
  const sortKey = isKnownValue(clusterSortKeys, sort) ? sort : defaultClusterListView.sort;
  return {
    search: params.get(clusterListParams.search) ?? '',
    phase: isKnownValue(clusterPhases, phase) ? phase : null,
    sort: sortKey,
    order: order === 'asc' || order === 'desc' ? order : defaultOrder(sortKey),
  };
}

/** Dates read newest first by default, text A to Z. */
export function defaultOrder(sort: ClusterSortKey): SortOrder {
  return sort === 'created' ? 'desc' : 'asc';
}

/** Writes the view into a copy of `params`, leaving other parameters alone and defaults out. */
export function writeClusterListView(params: URLSearchParams, view: Partial<ClusterListView>): URLSearchParams {
  const next = new URLSearchParams(params);
  const merged = { ...readClusterListView(params), ...view };
  const set = (name: string, value: string | null) => (value ? next.set(name, value) : next.delete(name));
  set(clusterListParams.search, merged.search.trim() === '' ? null : merged.search);
  set(clusterListParams.phase, merged.phase);
  const isDefaultSort = merged.sort === defaultClusterListView.sort && merged.order === defaultClusterListView.order;
  set(clusterListParams.sort, isDefaultSort ? null : merged.sort);
  set(clusterListParams.order, isDefaultSort || merged.order === defaultOrder(merged.sort) ? null : merged.order);
  return next;
}

/** Clicking a column header: the same column flips the order, another column starts with its default order. */
export function nextSort(view: ClusterListView, sort: ClusterSortKey): Pick<ClusterListView, 'sort' | 'order'> {
  if (view.sort === sort) return { sort, order: view.order === 'asc' ? 'desc' : 'asc' };
  return { sort, order: defaultOrder(sort) };
}

/**
 * "v1.31" > "v1.28", "cce.10.0" > "cce.9.1": the numbers compare as numbers, the rest as text. A missing value
 * sorts before every value.
 */
export function compareVersions(a: string | null | undefined, b: string | null | undefined): number {
  if (!a || !b) return (a ? 1 : 0) - (b ? 1 : 0);
  const parts = (v: string) => v.split(/(\d+)/).filter((p) => p !== '');
  const pa = parts(a);
  const pb = parts(b);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i];
    const y = pb[i];
    if (x === undefined || y === undefined) return x === undefined ? -1 : 1;
    const nx = Number(x);
    const ny = Number(y);
    const diff = /^\d+$/.test(x) && /^\d+$/.test(y) ? nx - ny : x.localeCompare(y);
    if (diff !== 0) return Math.sign(diff);
  }
  return 0;
}

/** Position in the documented phase table (seed 4.1.1 table 4-16); unknown phases sort last. */
function phaseRank(phase: string | null | undefined): number {
  const index = (clusterPhases as readonly string[]).indexOf(phase ?? '');
  return index === -1 ? clusterPhases.length : index;
}

function createdAt(cluster: Cluster): number {
  const ms = parseServiceTime(cluster.metadata.creationTimestamp);
  return Number.isNaN(ms) ? 0 : ms;
}

const comparators: Record<ClusterSortKey, (a: Cluster, b: Cluster) => number> = {
  name: (a, b) => a.metadata.name.localeCompare(b.metadata.name),
  phase: (a, b) => phaseRank(a.status?.phase) - phaseRank(b.status?.phase),
  version: (a, b) => compareVersions(a.spec.version, b.spec.version),
  platformVersion: (a, b) => compareVersions(a.spec.platformVersion, b.spec.platformVersion),
  created: (a, b) => createdAt(a) - createdAt(b),
};

/** Name search: the name, the alias or the id contain the text, ignoring case and surrounding spaces. */
export function matchesSearch(cluster: Cluster, search: string): boolean {
  const needle = search.trim().toLowerCase();
  if (needle === '') return true;
  return [cluster.metadata.name, cluster.metadata.alias, cluster.metadata.uid].some((value) => value?.toLowerCase().includes(needle));
}

/** The rows of the table: filtered, then sorted (ties by name, so the order never depends on the server's). */
export function applyClusterListView(clusters: readonly Cluster[], view: ClusterListView): Cluster[] {
  const direction = view.order === 'asc' ? 1 : -1;
  const compare = comparators[view.sort];
  return clusters
    .filter((c) => matchesSearch(c, view.search) && (view.phase === null || c.status?.phase === view.phase))
    .sort((a, b) => direction * compare(a, b) || comparators.name(a, b));
}

/** True when the view narrows the list (the empty result then says "no match", not "no clusters"). */
export function isFiltered(view: ClusterListView): boolean {
  return view.search.trim() !== '' || view.phase !== null;
}
