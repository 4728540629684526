// @vitest-environment jsdom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent, { type UserEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ClusterWizardPage } from './cluster-wizard-page.tsx';
import { renderRoute, stubApi, type StubAnswer, type StubCall, type StubRoutes } from './cluster-test-kit.tsx';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const supports = (clusterVersion: string[]) => [{ clusterType: 'VirtualMachine', clusterVersion, category: ['Autopilot'] }];

const routes = (create: (call: StubCall) => StubAnswer = () => ({ status: 201, body: created })): StubRoutes => ({
  'GET /autopilot/v3/clusterupgradepaths': () => ({
    body: {
      upgradePaths: [
        { version: 'v1.30', platformVersion: 'cce.4.1', targetVersions: ['v1.31'] },
        { version: 'v1.31', platformVersion: 'cce.3.0', targetVersions: ['v1.32'] },
      ],
    },
  }),
  'GET /autopilot/v3/addontemplates': () => ({
    body: {
      items: [
        { metadata: { name: 'coredns' }, spec: { versions: [{ version: '1.31.3', supportVersions: supports(['v1.(30|31|32).*']) }] } },
        { metadata: { name: 'legacy-dns' }, spec: { versions: [{ version: '1.0.0', supportVersions: supports(['v1.(27|28).*']) }] } },
      ],
    },
  }),
  'GET ~/clusters': () => ({ body: { items: [{ metadata: { name: 'prod-payments', uid: 'p1' }, spec: {} }] } }),
  'POST ~/clusters': create,
});

const created = {
  kind: 'Cluster',
  metadata: { name: 'shop-prod', uid: 'new-uid' },
  spec: { version: 'v1.32' },
  status: { phase: 'Creating', jobID: 'job-1' },
};

const heading = (step: string) => screen.findByRole('heading', { level: 2, name: new RegExp(`: ${step}$`) });
const next = (user: UserEvent) => user.click(screen.getByRole('button', { name: 'Next' }));
const location = () => screen.getByTestId('location').textContent;
/** One input event for the whole text: each keystroke re-validates the whole form, which is slow in jsdom. */
const enter = async (user: UserEvent, input: HTMLElement, text: string) => {
  await user.click(input);
  await user.paste(text);
};

async function fillToReview(user: UserEvent, name = 'shop-prod') {
  await enter(user, screen.getByRole('textbox', { name: 'Cluster name' }), name);
  await next(user);
  await heading('Network');
  await enter(user, screen.getByRole('textbox', { name: 'VPC ID' }), 'vpc-1');
  await enter(user, screen.getByRole('textbox', { name: 'ENI subnet ID 1' }), 'eni-1');
  await next(user);
  await heading('Add-ons');
  await next(user);
  await heading('Tags');
  await next(user);
  await heading('Review');
}

describe('ClusterWizardPage', { timeout: 20_000 }, () => {
  it('checks the name as it is typed and keeps Next from leaving a step with problems', async () => {
    stubApi(routes());
    const user = userEvent.setup();
    renderRoute(<ClusterWizardPage />, { path: '/clusters/new', url: '/clusters/new' });
    const name = await screen.findByRole('textbox', { name: 'Cluster name' });
    expect(name).not.toHaveAttribute('aria-invalid');

    await user.type(name, 'Bad_Name');
    expect(name).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByText(/Must start with a lower-case letter/)).toBeInTheDocument();
    await next(user);
    expect(await heading('Basics')).toBeInTheDocument();
    expect(name).toHaveFocus();
    expect(screen.getByText(/2 problem\(s\) on this step/)).toBeInTheDocument();

    await user.clear(name);
    await enter(user, name, 'prod-payments');
    expect(screen.getByText('A cluster named "prod-payments" already exists in this project.')).toBeInTheDocument();
    await user.type(name, '-2');
    expect(name).not.toHaveAttribute('aria-invalid');
    await next(user);
    expect(await heading('Network')).toBeInTheDocument();
    expect(location()).toBe('/clusters/new?step=network');
  });

  it('offers the versions of the upgrade paths, newest first and chosen by default', async () => {
    stubApi(routes());
    const user = userEvent.setup();
    renderRoute(<ClusterWizardPage />, { path: '/clusters/new', url: '/clusters/new' });
    const version = await screen.findByRole('combobox', { name: 'Kubernetes version' });
    await waitFor(() => expect(version).toHaveValue('v1.32 (latest)'));
    await user.click(version);
    const listbox = await screen.findByRole('listbox', { name: 'Kubernetes version', hidden: true });
    const options = within(listbox).getAllByRole('option', { hidden: true });
    expect(options.map((o) => o.textContent)).toEqual(['v1.32 (latest)', 'v1.31', 'v1.30']);
  });

  it('keeps every input when going back and forth, and offers only add-ons for the chosen version', async () => {
    stubApi(routes());
    const user = userEvent.setup();
    renderRoute(<ClusterWizardPage />, { path: '/clusters/new', url: '/clusters/new' });
    await enter(user, await screen.findByRole('textbox', { name: 'Cluster name' }), 'shop-prod');
    await enter(user, screen.getByRole('textbox', { name: 'Description' }), 'kept');
    await next(user);
    await heading('Network');
    await enter(user, screen.getByRole('textbox', { name: 'VPC ID' }), 'vpc-1');
    await user.click(screen.getByRole('button', { name: 'Add ENI subnet' }));
    await enter(user, screen.getByRole('textbox', { name: 'ENI subnet ID 2' }), 'eni-2');
    await user.click(screen.getByRole('button', { name: 'Back' }));
    await heading('Basics');
    expect(screen.getByRole('textbox', { name: 'Cluster name' })).toHaveValue('shop-prod');
    expect(screen.getByRole('textbox', { name: 'Description' })).toHaveValue('kept');
    await next(user);
    await heading('Network');
    expect(screen.getByRole('textbox', { name: 'VPC ID' })).toHaveValue('vpc-1');
    expect(screen.getByRole('textbox', { name: 'ENI subnet ID 2' })).toHaveValue('eni-2');
    // the first ENI row is still empty: Next stops here and says so at the row
    await next(user);
    await heading('Network');
    expect(screen.getByRole('textbox', { name: 'ENI subnet ID 1' })).toHaveAttribute('aria-invalid', 'true');
    await enter(user, screen.getByRole('textbox', { name: 'ENI subnet ID 1' }), 'eni-1');
    await next(user);
    await heading('Add-ons');
    expect(await screen.findByRole('checkbox', { name: 'Install coredns' })).toBeEnabled();
    expect(screen.getByRole('checkbox', { name: 'Install legacy-dns' })).toBeDisabled();
    expect(screen.getByText('Not available for v1.32')).toBeInTheDocument();
  });

  it('sends the body shown on the review step and opens the new cluster', async () => {
    const calls = stubApi(routes());
    const user = userEvent.setup();
    renderRoute(<ClusterWizardPage />, { path: '/clusters/new', url: '/clusters/new' });
    await screen.findByRole('textbox', { name: 'Cluster name' });
    await waitFor(() => expect(screen.getByRole('combobox', { name: 'Kubernetes version' })).toHaveValue('v1.32 (latest)'));
    await fillToReview(user);
    const shown: unknown = JSON.parse(screen.getByText(/"kind": "Cluster"/).textContent ?? '');
    await user.click(screen.getByRole('button', { name: 'Create cluster' }));
    await waitFor(() => expect(location()).toBe('/clusters/new-uid'));
    const post = calls.find((call) => call.method === 'POST');
    expect(post?.body).toEqual(shown);
    expect(post?.body).toMatchObject({ metadata: { name: 'shop-prod' }, spec: { version: 'v1.32', hostNetwork: { vpc: 'vpc-1' } } });
  });

  it('shows a refusal on the review step and takes the user to the field it names, input intact', async () => {
    stubApi(
      routes(() => ({
        status: 409,
        body: { errorCode: 'CCE.01409001', errorMessage: 'The resource already exists: "shop-prod" is the name of cluster x', request_id: 'req-42' },
      })),
    );
    const user = userEvent.setup();
    renderRoute(<ClusterWizardPage />, { path: '/clusters/new', url: '/clusters/new' });
    await screen.findByRole('textbox', { name: 'Cluster name' });
    await fillToReview(user);
    await user.click(screen.getByRole('button', { name: 'Create cluster' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('HTTP 409');
    expect(alert).toHaveTextContent('CCE.01409001');
    expect(alert).toHaveTextContent('req-42');
    expect(screen.getByText('The service\'s answer is about "Cluster name" on the Basics step.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Go to Cluster name' }));
    await heading('Basics');
    const name = screen.getByRole('textbox', { name: 'Cluster name' });
    expect(name).toHaveValue('shop-prod');
    expect(name).toHaveFocus();
    expect(name).toHaveAccessibleDescription(expect.stringContaining('is the name of cluster x'));
    // once changed, the server's sentence no longer applies
    await user.type(name, '-b');
    expect(name).not.toHaveAccessibleDescription(expect.stringContaining('is the name of cluster x'));
  });

  it('lists what is still wrong on the review step and blocks the submit', async () => {
    const calls = stubApi(routes());
    const user = userEvent.setup();
    renderRoute(<ClusterWizardPage />, { path: '/clusters/new', url: '/clusters/new?step=review' });
    const issues = await screen.findByText(/problem\(s\) to fix before the cluster can be created/);
    const list = within(issues.closest('[role="alert"], #cluster-wizard-issues') ?? document.body);
    expect(list.getAllByRole('button', { name: 'Basics › Cluster name' }).length).toBeGreaterThan(0);
    expect(list.getByRole('button', { name: 'Network › VPC ID' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Create cluster' }));
    expect(calls.some((call) => call.method === 'POST')).toBe(false);
    await user.click(list.getByRole('button', { name: 'Network › VPC ID' }));
    await heading('Network');
    expect(screen.getByRole('textbox', { name: 'VPC ID' })).toHaveFocus();
  });
});
