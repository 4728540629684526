// @vitest-environment jsdom
import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ClusterJobCard } from './cluster-job-card.tsx';
import { renderRoute, stubApi, testProjectId } from './cluster-test-kit.tsx';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const sub = (type: string, phase: string, reason?: string) => ({ metadata: { uid: `sub-${type}` }, spec: { type }, status: { phase, reason } });
const job = (phase: string, subJobs: unknown[], reason = '') => ({
  kind: 'Job',
  metadata: { uid: 'job-1' },
  spec: { type: 'CreateCluster', subJobs },
  status: { phase, reason },
});

const renderCard = (heading?: string) =>
  renderRoute(<ClusterJobCard projectId={testProjectId} jobId="job-1" heading={heading} />, { path: '/', url: '/' });

describe('ClusterJobCard', () => {
  it('shows the job with a labelled progress bar and its steps with translated status', async () => {
    stubApi({
      'GET ~/jobs/job-1': () => ({
        body: job('Running', [sub('InstallMaster', 'Success'), sub('CreatePSMCert', 'Running'), sub('InstallAddons', 'Initializing'), sub('Mystery', 'Initializing')]),
      }),
    });
    renderCard('Creation job');
    const bar = await screen.findByRole('progressbar', { name: 'Progress of Create cluster' });
    expect(bar).toHaveAttribute('aria-valuenow', '25');
    expect(screen.getByText('1 of 4 steps finished (25%)')).toBeInTheDocument();
    const card = screen.getByRole('region', { name: 'Job job-1' });
    expect(within(card).getByRole('heading', { level: 2, name: 'Creation job' })).toBeInTheDocument();
    const rows = within(screen.getByRole('table', { name: 'Steps of Create cluster' })).getAllByRole('row').slice(1);
    expect(rows.map((row) => within(row).getAllByRole('cell').slice(0, 3).map((cell) => cell.textContent))).toEqual([
      ['Install master', 'Succeeded', '—'],
      ['Create PSM certificate', 'Running', '—'],
      ['Install add-ons', 'Initializing', '—'],
      ['unknown: Mystery', 'Initializing', '—'],
    ]);
  });

  it('says why the job failed, step by step', async () => {
    stubApi({
      'GET ~/jobs/job-1': () => ({
        body: job('Failed', [sub('InstallMaster', 'Failed', 'quota of ENIs exhausted'), sub('CreatePSMCert', 'Initializing')], 'InstallMaster failed'),
      }),
    });
    renderCard();
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The job failed');
    expect(alert).toHaveTextContent('InstallMaster failed');
    const failedStep = within(screen.getByRole('table', { name: 'Steps of Create cluster' })).getByRole('row', { name: /Install master/ });
    expect(failedStep).toHaveTextContent('Failed');
    expect(failedStep).toHaveTextContent('quota of ENIs exhausted');
    expect(screen.getByRole('progressbar', { name: 'Progress of Create cluster' })).toHaveAttribute('aria-valuenow', '100');
    // without a heading the job type names the card
    expect(screen.getByRole('heading', { level: 2, name: 'Create cluster' })).toBeInTheDocument();
  });

  it('says when the service gave no reason for a failure', async () => {
    stubApi({ 'GET ~/jobs/job-1': () => ({ body: job('Failed', []) }) });
    renderCard();
    expect(await screen.findByRole('alert')).toHaveTextContent('The service gave no reason.');
  });

  it('says a job that is gone is no longer available', async () => {
    stubApi({ 'GET ~/jobs/job-1': () => ({ status: 404, body: { errorCode: 'CCE.01404001', errorMessage: 'job job-1 does not exist' } }) });
    renderCard();
    expect(await screen.findByText(/This job is no longer available/)).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('shows a job that cannot be read with its status, code and a retry', async () => {
    stubApi({
      'GET ~/jobs/job-1': () => ({ status: 500, body: { errorCode: 'CCE.01500001', errorMessage: 'internal error', request_id: 'r-1' } }),
    });
    renderCard();
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The job could not be loaded');
    expect(alert).toHaveTextContent('HTTP 500');
    expect(alert).toHaveTextContent('CCE.01500001');
    expect(within(alert).getByRole('button', { name: 'Retry' })).toBeInTheDocument();
  });
});
