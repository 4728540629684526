// Issue 6 "Done when": one cluster's whole life against the emulator with a driven clock, on the cluster the test
// creates — the wizard (a refused name corrected), Creating with the creation job on the Overview, Available, an EIP
// bound and unbound, a kubeconfig that parses with the cluster's server, tags added and removed, the description
// edited, then deleted with its name typed until it is gone from the list.
import { expect, test } from './fixtures.ts';
import { ClusterDetailPage } from './pages/cluster-detail-page.ts';
import { ClusterListPage } from './pages/cluster-list-page.ts';
import { ClusterWizardPage } from './pages/cluster-wizard-page.ts';

const clusterName = 'lifecycle-demo';
const eipId = '6f1e2d3c-4b5a-4978-8c6d-5e4f3a2b1c0d';

test('a cluster from the wizard to its deletion', async ({ page, emulator }) => {
  test.slow();
  const list = new ClusterListPage(page);
  const wizard = new ClusterWizardPage(page);
  const detail = new ClusterDetailPage(page);

  // the wizard: a name the contract refuses blocks Next and keeps what was typed; corrected, it goes through
  await list.goto();
  await list.createButton.click();
  await expect(wizard.stepHeading('Basics')).toBeVisible();
  await wizard.name.fill('Lifecycle_Demo');
  const nameRule = page.getByText('Must start with a lower-case letter');
  await expect(nameRule).toBeVisible();
  await wizard.next.click();
  await expect(wizard.stepHeading('Basics')).toBeVisible();
  await expect(wizard.name).toHaveValue('Lifecycle_Demo');
  await wizard.name.fill(clusterName);
  await expect(nameRule).toHaveCount(0);
  await wizard.description.fill('Walked from creation to deletion');
  await wizard.completeFromBasics();
  expect((await wizard.submit()).status()).toBe(201);

  // Creating: the Overview follows the creation job, its progress and steps
  await expect(page).toHaveURL(/\/clusters\/[0-9a-f-]{36}$/);
  const path = new URL(page.url()).pathname;
  await expect(detail.heading).toHaveText(clusterName);
  await expect(detail.tab('Overview')).toHaveAttribute('aria-selected', 'true');
  await expect(detail.overviewSection('Status')).toContainText('Creating');
  await expect(detail.jobCard.getByRole('heading', { name: 'Creation job' })).toBeVisible();
  const progress = detail.jobCard.getByRole('progressbar', { name: 'Progress of Create cluster' });
  await expect(progress).toHaveAttribute('aria-valuenow', '0');
  await expect(detail.jobSteps).toContainText('Install master');
  await expect(detail.jobSteps).toContainText('Create PSM certificate');

  // 5.5 of the 6 virtual minutes: the control plane (7 of 8 parts of the time) is up, the certificate still runs
  await emulator.advance(5.5 * 60_000);
  await expect(progress).toHaveAttribute('aria-valuenow', '50');
  await expect(detail.jobCard).toContainText('1 of 2 steps finished (50%)');
  await expect(detail.jobSteps.getByRole('row', { name: /Install master/ })).toContainText('Succeeded');
  await expect(detail.jobSteps.getByRole('row', { name: /Create PSM certificate/ })).toContainText('Running');

  // past the end: Available, and with the job done the cluster no longer names it
  await emulator.advance(60_000);
  await expect(detail.overviewSection('Status')).toContainText('Available');
  await expect(detail.jobCard).toHaveCount(0);
  await expect(detail.overviewSection('Specification')).toContainText('Walked from creation to deletion');

  // Connection: bind an EIP, then unbind it
  await detail.openTab('Connection');
  await expect(page).toHaveURL(`${path}/connection`);
  await expect(detail.addresses).toContainText('Public address (EIP)None');
  await detail.bindEip(eipId);
  await expect(page.getByText(/The API server is reachable at https:\/\/[\d.]+:5443\./)).toBeVisible();
  await expect(detail.address('Public address (EIP)')).toHaveText(/^https:\/\/[\d.]+:5443$/);
  await detail.unbindEip();
  await expect(detail.addresses).toContainText('Public address (EIP)None');
  await expect(detail.eipId).toBeVisible();

  // a kubeconfig: a YAML file whose cluster server is the private address the page shows
  const server = (await detail.address('Private address (in the VPC)').textContent()) ?? '';
  expect(server).toMatch(/^https:\/\/[\d.]+:5443$/);
  const { fileName, config } = await detail.downloadKubeconfig(30);
  expect(fileName).toBe(`${clusterName}-kubeconfig.yaml`);
  expect(config.kind).toBe('Config');
  expect(config.clusters.map((c) => c.cluster.server)).toEqual([server]);
  await expect(page.getByText(`Downloaded ${clusterName}-kubeconfig.yaml`)).toBeVisible();

  // Tags: add two in one batch, then remove them
  await detail.openTab('Tags');
  await expect(page.getByRole('heading', { name: 'Tags (0 of 20)' })).toBeVisible();
  await detail.addTags([
    { key: 'owner', value: 'platform-team' },
    { key: 'tier', value: 'gold' },
  ]);
  await expect(detail.tagsTable.getByRole('row')).toHaveCount(3);
  await expect(page.getByRole('heading', { name: 'Tags (2 of 20)' })).toBeVisible();
  await detail.deleteTags(['owner', 'tier']);
  await expect(page.getByRole('heading', { name: 'Tags (0 of 20)' })).toBeVisible();
  await expect(detail.tagsTable).toHaveCount(0);

  // Settings: edit the description; the Overview shows the new one
  await detail.openTab('Settings');
  await expect(detail.description).toHaveValue('Walked from creation to deletion');
  await detail.saveDescription('Walked from creation to deletion, edited once');
  await expect(page.getByText('Saved.')).toBeVisible();
  await detail.openTab('Overview');
  await expect(detail.overviewSection('Specification')).toContainText('Walked from creation to deletion, edited once');

  // Delete: only with the name typed; the Overview follows the delete job; the cluster leaves the list
  await detail.openTab('Delete');
  await detail.deleteWithConfirmation(clusterName);
  await expect(page.getByText(`${clusterName} is being deleted`)).toBeVisible();
  await detail.openTab('Overview');
  await expect(detail.jobCard.getByRole('heading', { name: 'Delete job' })).toBeVisible();
  await expect(detail.jobCard.getByRole('progressbar', { name: 'Progress of Delete cluster' })).toHaveAttribute('aria-valuenow', '0');
  await expect(detail.jobSteps).toContainText('Uninstall master');

  await emulator.advance(3 * 60_000);
  await expect(page).toHaveURL(/\/clusters$/);
  await expect(page.getByText(`${clusterName} has been deleted.`)).toBeVisible();
  await expect(list.links).toHaveCount(4);
  await expect(list.link(clusterName)).toHaveCount(0);
});
