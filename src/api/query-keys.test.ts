import { QueryClient, type QueryKey } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { addonQueries } from './addon-queries.ts';
import { chartQueries, releaseQueries } from './chart-queries.ts';
import { clusterQueries, quotaQueries } from './cluster-queries.ts';
import { fastPollMs, pollWhile } from './polling.ts';
import { upgradeQueries } from './upgrade-queries.ts';

const p = 'p1';

describe('query keys', () => {
  it('nest cluster-scoped resources under the cluster, so invalidating the cluster refreshes them', async () => {
    const client = new QueryClient();
    const keys: QueryKey[] = [
      clusterQueries.detail(p, 'c1').queryKey,
      addonQueries.list(p, 'c1').queryKey,
      upgradeQueries.workflows(p, 'c1').queryKey,
      releaseQueries.list(p, 'c1').queryKey,
      addonQueries.list(p, 'c2').queryKey,
      chartQueries.list(p).queryKey,
    ];
    for (const key of keys) client.setQueryData(key, {});
    await client.invalidateQueries({ queryKey: clusterQueries.scope(p, 'c1') });
    const stale = keys.map((key) => client.getQueryState(key)?.isInvalidated);
    expect(stale).toEqual([true, true, true, true, false, false]);
  });

  it('go from generic to specific', () => {
    expect(clusterQueries.list(p).queryKey.slice(0, 4)).toEqual(clusterQueries.lists(p));
    expect(clusterQueries.lists(p).slice(0, 3)).toEqual(clusterQueries.all(p));
    expect(quotaQueries.list(p).queryKey.slice(0, 3)).toEqual(quotaQueries.all(p));
    expect(releaseQueries.history(p, 'c1', 'ns', 'r').queryKey.slice(0, 6)).toEqual(releaseQueries.all(p, 'c1'));
  });
});

describe('polling policy', () => {
  const policy = pollWhile((data: { busy: boolean }) => data.busy);
  it('polls fast while transitional and stops when terminal, on error or without data', () => {
    expect(policy({ state: { data: { busy: true }, error: null } })).toBe(fastPollMs);
    expect(policy({ state: { data: { busy: false }, error: null } })).toBe(false);
    expect(policy({ state: { data: { busy: true }, error: new Error('x') } })).toBe(false);
    expect(policy({ state: { data: undefined, error: null } })).toBe(false);
  });
});
