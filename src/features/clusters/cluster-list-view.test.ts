import { describe, expect, it } from 'vitest';
import { clusterSchema, type Cluster } from '../../contract/clusters.ts';
import {
  applyClusterListView,
  compareVersions,
  defaultClusterListView,
  isFiltered,
  nextSort,
  readClusterListView,
  writeClusterListView,
} from './cluster-list-view.ts';

function cluster(name: string, extra: { alias?: string; phase?: string; version?: string; platformVersion?: string; created?: string; uid?: string } = {}): Cluster {
  return clusterSchema.parse({
    metadata: { name, uid: extra.uid ?? `uid-${name}`, alias: extra.alias, creationTimestamp: extra.created ?? '2024-06-04 12:49:28.773718231 +0000 UTC' },
    spec: { version: extra.version ?? 'v1.31', platformVersion: extra.platformVersion ?? 'cce.3.0' },
    status: { phase: extra.phase ?? 'Available' },
  });
}

const clusters = [
  cluster('prod-payments', { alias: 'payments-prod', version: 'v1.31', created: '2024-05-01T00:00:00Z' }),
  cluster('legacy-portal', { version: 'v1.28', platformVersion: 'cce.10.0', created: '2023-12-01T00:00:00Z' }),
  cluster('staging-api', { phase: 'Creating', version: 'v1.31', created: '2024-06-01T00:00:00Z' }),
  cluster('analytics-batch', { phase: 'Unavailable', version: 'v1.30', platformVersion: 'cce.9.1', created: '2024-05-20T00:00:00Z' }),
];
const names = (list: Cluster[]) => list.map((c) => c.metadata.name);

describe('cluster list view in the URL', () => {
  it('reads the defaults from an empty query and ignores values it does not know', () => {
    expect(readClusterListView(new URLSearchParams())).toEqual(defaultClusterListView);
    expect(readClusterListView(new URLSearchParams('phase=Sleeping&sort=colour&order=up'))).toEqual(defaultClusterListView);
  });

  it('round-trips a view and leaves defaults and foreign parameters as they were', () => {
    const params = writeClusterListView(new URLSearchParams('tab=x'), { search: 'pay', phase: 'Available', sort: 'name', order: 'desc' });
    expect(params.toString()).toBe('tab=x&q=pay&phase=Available&sort=name&order=desc');
    expect(readClusterListView(params)).toEqual({ search: 'pay', phase: 'Available', sort: 'name', order: 'desc' });
    expect(writeClusterListView(params, { search: '', phase: null, sort: 'created', order: 'desc' }).toString()).toBe('tab=x');
  });

  it('leaves the order out when it is the column default', () => {
    expect(writeClusterListView(new URLSearchParams(), { sort: 'name', order: 'asc' }).toString()).toBe('sort=name');
    expect(readClusterListView(new URLSearchParams('sort=name'))).toMatchObject({ sort: 'name', order: 'asc' });
  });

  it('keeps the search as typed, spaces included, so typing is never undone', () => {
    expect(readClusterListView(writeClusterListView(new URLSearchParams(), { search: 'pay ' })).search).toBe('pay ');
  });

  it('flips the order on the same column and starts a new column with its default', () => {
    expect(nextSort({ ...defaultClusterListView, sort: 'name', order: 'asc' }, 'name')).toEqual({ sort: 'name', order: 'desc' });
    expect(nextSort({ ...defaultClusterListView, sort: 'name', order: 'desc' }, 'created')).toEqual({ sort: 'created', order: 'desc' });
    expect(nextSort(defaultClusterListView, 'version')).toEqual({ sort: 'version', order: 'asc' });
  });
});

describe('filtering and sorting', () => {
  it('sorts newest first by default', () => {
    expect(names(applyClusterListView(clusters, defaultClusterListView))).toEqual(['staging-api', 'analytics-batch', 'prod-payments', 'legacy-portal']);
  });

  it('searches name, alias and id without regard to case or surrounding spaces', () => {
    expect(names(applyClusterListView(clusters, { ...defaultClusterListView, search: '  PAYMENTS-PROD ' }))).toEqual(['prod-payments']);
    expect(names(applyClusterListView(clusters, { ...defaultClusterListView, search: 'uid-legacy' }))).toEqual(['legacy-portal']);
    expect(applyClusterListView(clusters, { ...defaultClusterListView, search: 'nothing' })).toEqual([]);
  });

  it('filters by phase', () => {
    expect(names(applyClusterListView(clusters, { ...defaultClusterListView, phase: 'Creating' }))).toEqual(['staging-api']);
    expect(names(applyClusterListView(clusters, { ...defaultClusterListView, phase: 'Available', search: 'legacy' }))).toEqual(['legacy-portal']);
  });

  it('sorts versions as numbers and breaks ties by name', () => {
    const byVersion = applyClusterListView(clusters, { ...defaultClusterListView, sort: 'version', order: 'asc' });
    expect(names(byVersion)).toEqual(['legacy-portal', 'analytics-batch', 'prod-payments', 'staging-api']);
    const byPlatform = applyClusterListView(clusters, { ...defaultClusterListView, sort: 'platformVersion', order: 'desc' });
    expect(names(byPlatform)[0]).toBe('legacy-portal');
  });

  it('sorts phases in the documented order', () => {
    expect(names(applyClusterListView(clusters, { ...defaultClusterListView, sort: 'phase', order: 'asc' }))).toEqual([
      'legacy-portal',
      'prod-payments',
      'analytics-batch',
      'staging-api',
    ]);
  });

  it('knows when the view narrows the list', () => {
    expect(isFiltered(defaultClusterListView)).toBe(false);
    expect(isFiltered({ ...defaultClusterListView, search: ' ' })).toBe(false);
    expect(isFiltered({ ...defaultClusterListView, phase: 'Error' })).toBe(true);
  });
});

describe('compareVersions', () => {
  it('compares the numeric parts as numbers', () => {
    expect(compareVersions('v1.31', 'v1.28')).toBe(1);
    expect(compareVersions('cce.10.0', 'cce.9.1')).toBe(1);
    expect(compareVersions('v1.28', 'v1.28')).toBe(0);
    expect(compareVersions('v1.28', 'v1.28.1')).toBe(-1);
    expect(compareVersions(null, 'v1.28')).toBe(-1);
  });
});
