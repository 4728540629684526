// @vitest-environment jsdom
import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { clusterSchema } from '../../contract/clusters.ts';
import { ClusterOverviewTab } from './cluster-overview-tab.tsx';
import { renderRoute, stubApi, testProjectId } from './cluster-test-kit.tsx';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const cluster = (phase: string, jobID?: string) =>
  clusterSchema.parse({
    kind: 'Cluster',
    metadata: { name: 'shop-prod', uid: 'c1' },
    spec: { description: 'Shop' },
    status: { phase, ...(jobID ? { jobID } : {}) },
  });

const runningJob = (type: string, subTypes: string[]) => ({
  metadata: { uid: 'job-1' },
  spec: { type, subJobs: subTypes.map((sub, i) => ({ metadata: { uid: `s${i}` }, spec: { type: sub }, status: { phase: i === 0 ? 'Success' : 'Running' } })) },
  status: { phase: 'Running' },
});

const renderOverview = (value: ReturnType<typeof cluster>) =>
  renderRoute(<ClusterOverviewTab cluster={value} projectId={testProjectId} />, { path: '/', url: '/' });

describe('ClusterOverviewTab', () => {
  it('follows the creation job while the cluster is Creating', async () => {
    stubApi({ 'GET ~/jobs/job-1': () => ({ body: runningJob('CreateCluster', ['InstallMaster', 'CreatePSMCert']) }) });
    renderOverview(cluster('Creating', 'job-1'));
    const card = await screen.findByRole('region', { name: 'Job job-1' });
    expect(within(card).getByRole('heading', { name: 'Creation job' })).toBeInTheDocument();
    expect(await within(card).findByRole('progressbar', { name: 'Progress of Create cluster' })).toHaveAttribute('aria-valuenow', '50');
    expect(within(card).getByRole('table', { name: 'Steps of Create cluster' })).toHaveTextContent('Install master');
  });

  it('follows the delete job while the cluster is Deleting', async () => {
    stubApi({ 'GET ~/jobs/job-1': () => ({ body: runningJob('DeleteCluster', ['DeleteAddons', 'UninstallMaster']) }) });
    renderOverview(cluster('Deleting', 'job-1'));
    const card = await screen.findByRole('region', { name: 'Job job-1' });
    expect(within(card).getByRole('heading', { name: 'Delete job' })).toBeInTheDocument();
    expect(await within(card).findByRole('table', { name: 'Steps of Delete cluster' })).toHaveTextContent('Uninstall master');
  });

  it('shows no job once the cluster settled', () => {
    const calls = stubApi({});
    renderOverview(cluster('Available'));
    expect(screen.getByRole('region', { name: 'Specification' })).toHaveTextContent('Shop');
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();
    expect(calls).toEqual([]);
  });
});
