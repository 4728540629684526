// @vitest-environment jsdom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ClusterListPage } from './cluster-list-page.tsx';
import { renderRoute, stubApi, type StubRoutes } from './cluster-test-kit.tsx';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const cluster = (name: string, phase: string, created: string, extra: Record<string, unknown> = {}) => ({
  kind: 'Cluster',
  apiVersion: 'v3',
  metadata: { name, uid: `uid-${name}`, creationTimestamp: created, ...extra },
  spec: { version: 'v1.31', platformVersion: 'cce.3.0' },
  status: { phase, endpoints: [{ url: `https://${name}.example:5443`, type: 'Internal' }] },
});

const demo = [
  cluster('prod-payments', 'Available', '2024-05-01T00:00:00Z', { alias: 'payments-prod' }),
  cluster('legacy-portal', 'Available', '2023-12-01T00:00:00Z'),
  cluster('staging-api', 'Creating', '2024-06-01T00:00:00Z'),
  cluster('analytics-batch', 'Unavailable', '2024-05-20T00:00:00Z'),
];

const routes = (overrides: Partial<StubRoutes> = {}): StubRoutes => ({
  'GET ~/clusters': () => ({ body: { kind: 'Cluster', apiVersion: 'v3', items: demo } }),
  'GET ~/quotas': () => ({ body: { quotas: [{ quotaKey: 'autopilot_cluster', quotaLimit: 5, used: 4, unit: 'count' }] } }),
  ...overrides,
});

const rowNames = () =>
  within(screen.getByRole('table', { name: 'Clusters' }))
    .getAllByRole('row')
    .slice(1)
    .map((row) => within(row).getByRole('link').textContent);

const location = () => screen.getByTestId('location').textContent;

describe('ClusterListPage', () => {
  it('opens with the view in the URL: search, phase and sort', async () => {
    stubApi(routes());
    renderRoute(<ClusterListPage />, { path: '/clusters', url: '/clusters?phase=Available&sort=name' });
    await waitFor(() => expect(rowNames()).toEqual(['legacy-portal', 'prod-payments']));
    expect(screen.getByRole('combobox', { name: 'Status' })).toHaveValue('Available');
    expect(screen.getByRole('columnheader', { name: /Name/ })).toHaveAttribute('aria-sort', 'ascending');
    expect(screen.getByText('Showing 2 of 4 clusters')).toBeInTheDocument();
  });

  it('searches by name or alias and writes the search into the URL', async () => {
    stubApi(routes());
    const user = userEvent.setup();
    renderRoute(<ClusterListPage />, { path: '/clusters', url: '/clusters' });
    await waitFor(() => expect(rowNames()).toHaveLength(4));
    await user.type(screen.getByRole('searchbox', { name: 'Search by name' }), 'payments');
    expect(rowNames()).toEqual(['prod-payments']);
    expect(location()).toBe('/clusters?q=payments');
    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(rowNames()).toHaveLength(4);
    expect(screen.getByRole('searchbox', { name: 'Search by name' })).toHaveValue('');
  });

  it('sorts by a column header, flipping on the second click', async () => {
    stubApi(routes());
    const user = userEvent.setup();
    renderRoute(<ClusterListPage />, { path: '/clusters', url: '/clusters' });
    await waitFor(() => expect(rowNames()).toEqual(['staging-api', 'analytics-batch', 'prod-payments', 'legacy-portal']));
    await user.click(screen.getByRole('button', { name: /Name/ }));
    expect(rowNames()).toEqual(['analytics-batch', 'legacy-portal', 'prod-payments', 'staging-api']);
    await user.click(screen.getByRole('button', { name: /Name/ }));
    expect(rowNames()[0]).toBe('staging-api');
    expect(location()).toBe('/clusters?sort=name&order=desc');
  });

  it('filters by phase and says when nothing matches', async () => {
    stubApi(routes());
    const user = userEvent.setup();
    renderRoute(<ClusterListPage />, { path: '/clusters', url: '/clusters' });
    await waitFor(() => expect(rowNames()).toHaveLength(4));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Status' }), 'Creating');
    expect(rowNames()).toEqual(['staging-api']);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Status' }), 'Frozen');
    expect(screen.getByRole('heading', { name: 'No cluster matches' })).toBeInTheDocument();
    expect(location()).toBe('/clusters?phase=Frozen');
  });

  it('warns while one more cluster fits in the quota, and when it is used up', async () => {
    stubApi(routes());
    renderRoute(<ClusterListPage />, { path: '/clusters', url: '/clusters' });
    expect(await screen.findByText('Cluster quota: 4 of 5 used')).toBeInTheDocument();
    expect(screen.getByText('The cluster quota is almost used up')).toBeInTheDocument();
    cleanup();
    stubApi(routes({ 'GET ~/quotas': () => ({ body: { quotas: [{ quotaKey: 'autopilot_cluster', quotaLimit: 5, used: 5 }] } }) }));
    renderRoute(<ClusterListPage />, { path: '/clusters', url: '/clusters' });
    expect(await screen.findByText('The cluster quota is used up')).toBeInTheDocument();
  });

  it('shows a failure with status, code and request id, and retries', async () => {
    let fail = true;
    const calls = stubApi(
      routes({
        'GET ~/clusters': () =>
          fail
            ? { status: 500, body: { error_code: 'CCE.01500001', error_msg: 'Internal error.', request_id: 'req-42' } }
            : { body: { items: demo } },
      }),
    );
    const user = userEvent.setup();
    renderRoute(<ClusterListPage />, { path: '/clusters', url: '/clusters' });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Internal error.');
    expect(alert).toHaveTextContent('HTTP 500');
    expect(alert).toHaveTextContent('CCE.01500001');
    expect(alert).toHaveTextContent('req-42');
    fail = false;
    await user.click(within(alert).getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(rowNames()).toHaveLength(4));
    expect(calls.filter((c) => c.path === '~/clusters')).toHaveLength(2);
  });

  it('invites to create the first cluster when there is none', async () => {
    stubApi(routes({ 'GET ~/clusters': () => ({ body: { items: [] } }) }));
    renderRoute(<ClusterListPage />, { path: '/clusters', url: '/clusters' });
    expect(await screen.findByRole('heading', { name: 'No clusters yet' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Create cluster' })).toHaveAttribute('href', '/clusters/new');
  });
});
