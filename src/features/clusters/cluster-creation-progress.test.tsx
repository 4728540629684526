// @vitest-environment jsdom
import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { jobSchema } from '../../contract/jobs.ts';
import { ClusterCreationProgress, jobProgressPercent } from './cluster-creation-progress.tsx';
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

describe('jobProgressPercent', () => {
  it('counts finished sub-jobs whole and a running one half', () => {
    expect(jobProgressPercent(jobSchema.parse(job('Running', [sub('InstallMaster', 'Success'), sub('CreatePSMCert', 'Running')])))).toBe(75);
    expect(jobProgressPercent(jobSchema.parse(job('Initializing', [sub('InstallMaster', 'Initializing')])))).toBe(0);
    expect(jobProgressPercent(jobSchema.parse(job('Success', [])))).toBe(100);
    expect(jobProgressPercent(jobSchema.parse(job('Running', [])))).toBe(0);
  });
});

describe('ClusterCreationProgress', () => {
  it('shows the creation job with its sub-jobs and a progress bar', async () => {
    stubApi({
      'GET ~/jobs/job-1': () => ({
        body: job('Running', [sub('InstallMaster', 'Success'), sub('CreatePSMCert', 'Running'), sub('InstallAddons', 'Initializing'), sub('Mystery', 'Initializing')]),
      }),
    });
    renderRoute(<ClusterCreationProgress projectId={testProjectId} jobId="job-1" />, { path: '/', url: '/' });
    const bar = await screen.findByRole('progressbar', { name: 'Creation progress' });
    expect(bar).toHaveAttribute('aria-valuenow', '38');
    expect(screen.getByText('1 of 4 steps finished (38%)')).toBeInTheDocument();
    const rows = within(screen.getByRole('table', { name: 'Steps of the creation job' })).getAllByRole('row').slice(1);
    expect(rows.map((row) => within(row).getAllByRole('cell').map((cell) => cell.textContent))).toEqual([
      ['Install the control plane', 'Succeeded', '—'],
      ['Create the certificates', 'Running', '—'],
      ['Install the add-ons', 'Initializing', '—'],
      ['unknown: Mystery', 'Initializing', '—'],
    ]);
    expect(screen.getByRole('heading', { level: 2, name: 'Creation job' })).toBeInTheDocument();
  });

  it('says why the creation failed', async () => {
    stubApi({
      'GET ~/jobs/job-1': () => ({
        body: job('Failed', [sub('InstallMaster', 'Failed', 'quota of ENIs exhausted'), sub('CreatePSMCert', 'Initializing')], 'InstallMaster failed'),
      }),
    });
    renderRoute(<ClusterCreationProgress projectId={testProjectId} jobId="job-1" />, { path: '/', url: '/' });
    expect(await screen.findByText('The creation failed')).toBeInTheDocument();
    expect(screen.getByText('InstallMaster failed')).toBeInTheDocument();
    expect(screen.getByText('quota of ENIs exhausted')).toBeInTheDocument();
    expect(screen.getByRole('progressbar', { name: 'Creation progress' })).toHaveAttribute('aria-valuenow', '100');
  });

  it('shows a job that cannot be read with its status, code and a retry', async () => {
    stubApi({
      'GET ~/jobs/job-1': () => ({ status: 404, body: { errorCode: 'CCE.01404001', errorMessage: 'job job-1 does not exist', request_id: 'r-1' } }),
    });
    renderRoute(<ClusterCreationProgress projectId={testProjectId} jobId="job-1" />, { path: '/', url: '/' });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('HTTP 404');
    expect(alert).toHaveTextContent('CCE.01404001');
    expect(within(alert).getByRole('button', { name: 'Retry' })).toBeInTheDocument();
  });
});
