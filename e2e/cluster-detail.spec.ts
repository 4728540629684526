// The detail tabs on the demo clusters: Connection (EIP, kubeconfig), Tags, Settings, Delete.
import { expect, test } from './fixtures.ts';
import { ClusterDetailPage } from './pages/cluster-detail-page.ts';
import { ClusterListPage } from './pages/cluster-list-page.ts';

const eipId = '2c0a7d1e-5b3f-4e8a-9c61-7f2d4b8e1a90';

test('prod-payments: bind and unbind a public EIP, then download a kubeconfig that kubectl can read', async ({ page, emulator: _ }) => {
  const detail = new ClusterDetailPage(page);
  const path = await new ClusterListPage(page).open('prod-payments');
  await detail.openTab('Connection');
  await expect(page).toHaveURL(`${path}/connection`);
  await expect(detail.addresses).toContainText('Public address (EIP)None');

  await detail.bindEip(eipId);
  await expect(page.getByText(/The API server is reachable at https:\/\/[\d.]+:5443\./)).toBeVisible();
  await expect(detail.addresses).not.toContainText('Public address (EIP)None');

  await detail.unbindEip();
  await expect(detail.addresses).toContainText('Public address (EIP)None');
  await expect(detail.eipId).toBeVisible();

  const privateAddress = (await detail.address('Private address (in the VPC)').textContent()) ?? '';
  expect(privateAddress).toMatch(/^https:\/\/192\.168\./);
  const { fileName, config } = await detail.downloadKubeconfig(30);
  expect(fileName).toBe('prod-payments-kubeconfig.yaml');
  expect(config.kind).toBe('Config');
  expect(config.clusters.map((c) => c.name)).toEqual(['internalCluster']);
  expect(config.clusters[0]?.cluster.server).toBe(privateAddress);
  expect(config['current-context']).toBe('internal');
  await expect(page.getByText('Downloaded prod-payments-kubeconfig.yaml')).toBeVisible();
  await expect(page.getByText('kubectl --kubeconfig prod-payments-kubeconfig.yaml get nodes')).toBeVisible();
});

test('prod-payments: add tags in one batch and delete them again', async ({ page, emulator: _ }) => {
  const detail = new ClusterDetailPage(page);
  const path = await new ClusterListPage(page).open('prod-payments');
  await page.goto(`${path}/tags`);
  await expect(detail.tagsTable.getByRole('row')).toHaveCount(4);
  await expect(page.getByRole('heading', { name: 'Tags (3 of 20)' })).toBeVisible();

  await detail.tagKey(1).fill('_sys_owner');
  await page.getByRole('button', { name: 'Add tags' }).click();
  await expect(page.getByText('Must not start with _sys_ (reserved for the system)')).toBeVisible();
  await detail.addTags([
    { key: 'owner', value: 'platform-team' },
    { key: 'tier', value: 'gold' },
  ]);
  await expect(detail.tagsTable.getByRole('row')).toHaveCount(6);
  await expect(page.getByRole('heading', { name: 'Tags (5 of 20)' })).toBeVisible();

  await detail.deleteTags(['owner', 'tier']);
  await expect(detail.tagsTable.getByRole('row')).toHaveCount(4);
  await expect(detail.tagsTable).not.toContainText('platform-team');
});

test('prod-payments: edit the description', async ({ page, emulator: _ }) => {
  const detail = new ClusterDetailPage(page);
  const path = await new ClusterListPage(page).open('prod-payments');
  await page.goto(`${path}/settings`);
  await expect(detail.description).toHaveValue('Payments API, production');
  await detail.saveDescription('Payments API (production) <eu>');
  await expect(page.getByText('Must not contain any of')).toBeVisible();
  await expect(detail.description).toHaveValue('Payments API (production) <eu>');
  await detail.saveDescription('Payments API, production, EU traffic');
  await expect(page.getByText('Saved.')).toBeVisible();
  await detail.openTab('Overview');
  await expect(page).toHaveURL(path);
  await expect(detail.overviewSection('Specification')).toContainText('Payments API, production, EU traffic');
  await page.reload();
  await expect(detail.overviewSection('Specification')).toContainText('Payments API, production, EU traffic');
});

test('legacy-portal: delete with the name confirmation; it disappears once the delete job finishes', async ({ page, emulator }) => {
  const list = new ClusterListPage(page);
  const detail = new ClusterDetailPage(page);
  const path = await list.open('legacy-portal');
  await page.goto(`${path}/delete`);
  await detail.deleteWithConfirmation('legacy-portal');

  await expect(page.getByText('legacy-portal is being deleted')).toBeVisible();
  await expect(detail.jobCard).toContainText('Delete job');
  await expect(detail.jobCard.getByRole('table', { name: /Steps of Delete cluster/ })).toBeVisible();
  await expect(page.getByText('Deleting', { exact: true }).first()).toBeVisible();

  await emulator.advance(3 * 60_000);
  await expect(page).toHaveURL(/\/clusters$/);
  await expect(page.getByText('legacy-portal has been deleted.')).toBeVisible();
  await expect(list.links).toHaveCount(3);
  await expect(list.link('legacy-portal')).toHaveCount(0);
  await expect(page.getByText('Cluster quota: 3 of 5 used')).toBeVisible();
});
