// @vitest-environment jsdom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { parse } from 'yaml';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ClusterDetailPage } from './cluster-detail-page.tsx';
import { renderRoute, stubApi, type StubRoutes } from './cluster-test-kit.tsx';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

type Tag = { key: string; value: string };

function clusterObject(phase: string, tags: Tag[], jobID?: string) {
  return {
    kind: 'Cluster',
    apiVersion: 'v3',
    metadata: { name: 'legacy-portal', uid: 'c1', creationTimestamp: '2024-01-01T00:00:00Z' },
    spec: { version: 'v1.28', description: 'Portal', clusterTags: tags, eniNetwork: { subnets: [{ subnetID: 's1' }] } },
    status: { phase, endpoints: [{ url: 'https://c1.example:5443', type: 'Internal' }], ...(jobID ? { jobID } : {}) },
  };
}

function detailRoutes(state: { phase: string; tags: Tag[]; jobID?: string }, extra: StubRoutes = {}): StubRoutes {
  return {
    'GET ~/clusters/c1': () => ({ body: clusterObject(state.phase, state.tags, state.jobID) }),
    'GET ~/clusters': () => ({ body: { items: [clusterObject(state.phase, state.tags)] } }),
    'GET ~/clusters/c1/openapi': () => ({ body: { status: { privateEndpoint: 'https://192.168.0.5:5443', publicEndpoint: '' } } }),
    ...extra,
  };
}

const open = (tab: string) => renderRoute(<ClusterDetailPage />, { path: '/clusters/:clusterId/:tab?', url: `/clusters/c1/${tab}` });

describe('cluster detail: tabs', () => {
  it('opens the tab named in the path and puts the chosen tab into the path', async () => {
    stubApi(detailRoutes({ phase: 'Available', tags: [] }));
    const user = userEvent.setup();
    open('settings');
    expect(await screen.findByRole('tab', { name: 'Settings', selected: true })).toBeInTheDocument();
    await user.click(screen.getByRole('tab', { name: 'Tags' }));
    expect(screen.getByTestId('location')).toHaveTextContent('/clusters/c1/tags');
    expect(screen.getByRole('navigation', { name: 'Breadcrumb' })).toHaveTextContent('Clusters›legacy-portal›Tags');
  });

  it('says when the cluster does not exist', async () => {
    stubApi({});
    open('');
    expect(await screen.findByRole('heading', { name: 'Cluster not found' })).toBeInTheDocument();
  });
});

describe('cluster detail: tags', () => {
  it('refuses a bad key next to its field and sends nothing, keeping what was typed', async () => {
    const calls = stubApi(detailRoutes({ phase: 'Available', tags: [] }));
    const user = userEvent.setup();
    open('tags');
    await user.type(await screen.findByRole('textbox', { name: 'Key 1' }), '_sys_owner');
    await user.click(screen.getByRole('button', { name: 'Add tags' }));
    expect(screen.getByRole('textbox', { name: 'Key 1' })).toHaveAccessibleDescription(/Must not start with _sys_/);
    expect(screen.getByRole('textbox', { name: 'Key 1' })).toHaveValue('_sys_owner');
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
  });

  it('adds several tags in one batch and deletes a selection after confirmation', async () => {
    const state = { phase: 'Available', tags: [{ key: 'env', value: 'prod' }] };
    const calls = stubApi(
      detailRoutes(state, {
        'POST ~/clusters/c1/tags/create': ({ body }) => {
          state.tags = [...state.tags, ...(body as { tags: Tag[] }).tags];
          return { status: 204 };
        },
        'POST ~/clusters/c1/tags/delete': ({ body }) => {
          const keys = (body as { tags: Array<{ key: string }> }).tags.map((t) => t.key);
          state.tags = state.tags.filter((t) => !keys.includes(t.key));
          return { status: 204 };
        },
      }),
    );
    const user = userEvent.setup();
    open('tags');
    await user.type(await screen.findByRole('textbox', { name: 'Key 1' }), 'owner');
    await user.type(screen.getByRole('textbox', { name: 'Value 1' }), 'ops');
    await user.click(screen.getByRole('button', { name: 'Add another tag' }));
    await user.type(screen.getByRole('textbox', { name: 'Key 2' }), 'tier');
    await user.click(screen.getByRole('button', { name: 'Add tags' }));
    await screen.findByText('2 tag(s) added');
    expect(calls.find((c) => c.path === '~/clusters/c1/tags/create')?.body).toEqual({ tags: [{ key: 'owner', value: 'ops' }, { key: 'tier', value: '' }] });
    const table = await screen.findByRole('table', { name: 'Tags of the cluster' });
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(4));

    await user.click(screen.getByRole('checkbox', { name: 'Select tag env' }));
    await user.click(screen.getByRole('checkbox', { name: 'Select tag tier' }));
    await user.click(screen.getByRole('button', { name: 'Delete selected (2)' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete 2 tag(s)?' });
    await user.click(within(dialog).getByRole('button', { name: 'Delete tags' }));
    await waitFor(() => expect(within(screen.getByRole('table', { name: 'Tags of the cluster' })).getAllByRole('row')).toHaveLength(2));
    expect(calls.find((c) => c.path === '~/clusters/c1/tags/delete')?.body).toEqual({ tags: [{ key: 'env' }, { key: 'tier' }] });
  });
});

describe('cluster detail: kubeconfig', () => {
  it('checks the validity, then downloads the YAML file named after the cluster', async () => {
    const calls = stubApi(
      detailRoutes(
        { phase: 'Available', tags: [] },
        {
          'POST ~/clusters/c1/clustercert': () => ({
            body: {
              kind: 'Config',
              apiVersion: 'v1',
              clusters: [{ name: 'internalCluster', cluster: { server: 'https://192.168.0.5:5443', 'certificate-authority-data': 'Q0E=' } }],
              users: [{ name: 'user', user: { 'client-certificate-data': 'Yw==', 'client-key-data': 'aw==' } }],
              contexts: [{ name: 'internal', context: { cluster: 'internalCluster', user: 'user' } }],
              'current-context': 'internal',
            },
          }),
        },
      ),
    );
    const blobs: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      blobs.push(blob as Blob);
      return 'blob:kubeconfig';
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    const clicked: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this.download);
    });
    const user = userEvent.setup();
    open('connection');
    const days = await screen.findByRole('textbox', { name: 'Days' });
    await user.clear(days);
    await user.type(days, '2000');
    await user.click(screen.getByRole('button', { name: 'Download kubeconfig' }));
    expect(days).toHaveAccessibleDescription(/from 1 to 1827/);
    expect(calls.some((c) => c.path.endsWith('/clustercert'))).toBe(false);

    await user.click(screen.getByRole('radio', { name: 'Maximum (5 years)' }));
    await user.click(screen.getByRole('button', { name: 'Download kubeconfig' }));
    await screen.findByText('Downloaded legacy-portal-kubeconfig.yaml');
    expect(calls.find((c) => c.path.endsWith('/clustercert'))?.body).toEqual({ duration: -1 });
    expect(clicked).toEqual(['legacy-portal-kubeconfig.yaml']);
    const config = parse(await blobs[0]!.text()) as { clusters: Array<{ cluster: { server: string } }> };
    expect(config.clusters[0]?.cluster.server).toBe('https://192.168.0.5:5443');
    expect(screen.getByText('kubectl --kubeconfig legacy-portal-kubeconfig.yaml get nodes')).toBeInTheDocument();
  });
});

describe('cluster detail: delete', () => {
  it('unlocks only when the name is typed exactly, then follows the delete job', async () => {
    const state: { phase: string; tags: Tag[]; jobID?: string } = { phase: 'Available', tags: [] };
    const calls = stubApi(
      detailRoutes(state, {
        'DELETE ~/clusters/c1': () => {
          state.phase = 'Deleting';
          state.jobID = 'job-9';
          return { body: clusterObject('Deleting', [], 'job-9') };
        },
        'GET ~/jobs/job-9': () => ({
          body: {
            metadata: { uid: 'job-9' },
            spec: { type: 'DeleteCluster', subJobs: [{ spec: { type: 'DeleteAddons' }, status: { phase: 'Success' } }, { spec: { type: 'UninstallMaster' }, status: { phase: 'Running' } }] },
            status: { phase: 'Running' },
          },
        }),
      }),
    );
    const user = userEvent.setup();
    open('delete');
    const button = await screen.findByRole('button', { name: 'Delete cluster' });
    expect(button).toBeDisabled();
    const confirm = screen.getByRole('textbox', { name: /To confirm, type the cluster name/ });
    await user.type(confirm, 'legacy-porta');
    expect(button).toBeDisabled();
    await user.type(confirm, 'l');
    expect(button).toBeEnabled();
    await user.selectOptions(screen.getByRole('combobox', { name: 'OBS volumes' }), 'try');
    await user.click(button);
    expect(await screen.findByText('1 of 2 steps finished (50%)')).toBeInTheDocument();
    const deleteCall = calls.find((c) => c.method === 'DELETE');
    expect(Object.fromEntries(deleteCall?.query ?? [])).toEqual({ delete_obs: 'try' });
  });
});
