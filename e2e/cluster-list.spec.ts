import { expect, test } from './fixtures.ts';
import { AppShell } from './pages/app-shell.ts';
import { ClusterListPage } from './pages/cluster-list-page.ts';

test('the cluster list shows the demo clusters with their phases', async ({ page, emulator: _ }) => {
  const listCall = page.waitForResponse((r) => r.url().includes('/autopilot/v3/projects/') && r.url().endsWith('/clusters'));
  await page.goto('/');
  await expect(page).toHaveURL(/\/clusters$/);
  // the proxy signed the call and the emulator verified the signature: an unsigned call gets 401
  expect((await listCall).status()).toBe(200);

  await expect(page.getByRole('heading', { level: 1, name: 'Clusters' })).toBeVisible();
  const list = new ClusterListPage(page);
  await expect(list.table.getByRole('row')).toHaveCount(5);
  await expect(list.row('prod-payments')).toContainText('Available');
  await expect(list.row('prod-payments')).toContainText('payments-prod');
  await expect(list.row('staging-api')).toContainText('Creating');
  await expect(list.row('analytics-batch')).toContainText('Unavailable');
  await expect(list.row('legacy-portal')).toContainText('v1.28');
  await expect(page.getByText('Emulator · cn-north-4')).toBeVisible();
});

test('the language switch turns the console Chinese and the choice survives a reload', async ({ page, emulator: _ }) => {
  await page.goto('/clusters');
  await expect(page.getByRole('heading', { level: 1, name: 'Clusters' })).toBeVisible();
  await page.getByRole('combobox', { name: 'Language' }).selectOption({ label: '简体中文' });
  await expect(page.getByRole('heading', { level: 1, name: '集群' })).toBeVisible();
  await expect(page.getByRole('table', { name: '集群' })).toContainText('运行中');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: '集群' })).toBeVisible();
  await page.getByRole('combobox', { name: '语言' }).selectOption({ label: 'English' });
  await expect(page.getByRole('heading', { level: 1, name: 'Clusters' })).toBeVisible();
});

test('an empty project shows the call to create a cluster', async ({ page, emulator }) => {
  await emulator.reset('empty');
  const list = new ClusterListPage(page);
  await list.goto();
  await expect(page.getByRole('heading', { name: 'No clusters yet' })).toBeVisible();
  await expect(list.createButton).toBeVisible();
});

test('the colour scheme choice persists', async ({ page, emulator: _ }) => {
  const shell = new AppShell(page);
  await page.goto('/clusters');
  await shell.chooseColorScheme('dark');
  await page.reload();
  await expect(shell.html).toHaveAttribute('data-mantine-color-scheme', 'dark');
  await expect(shell.colorScheme).toHaveValue('dark');
});

test('search, phase filter and sort narrow the list and live in the URL', async ({ page, emulator: _ }) => {
  const list = new ClusterListPage(page);
  await list.goto();
  await expect(list.links).toHaveCount(4);
  await page.getByRole('searchbox', { name: 'Search by name' }).fill('payments');
  await expect(list.links).toHaveText(['prod-payments']);
  await expect(page).toHaveURL(/\/clusters\?q=payments$/);
  await expect(page.getByText('Showing 1 of 4 clusters')).toBeVisible();

  await page.getByRole('button', { name: 'Clear filters' }).click();
  await page.getByRole('combobox', { name: 'Status' }).selectOption({ label: 'Available' });
  await expect(list.links).toHaveText(['prod-payments', 'legacy-portal']);
  await page.getByRole('button', { name: 'Name' }).click();
  await expect(list.links).toHaveText(['legacy-portal', 'prod-payments']);
  await expect(page.getByRole('columnheader', { name: 'Name' })).toHaveAttribute('aria-sort', 'ascending');
  await page.getByRole('button', { name: 'Version', exact: true }).click();
  await expect(list.links).toHaveText(['legacy-portal', 'prod-payments']);
  await page.getByRole('button', { name: 'Version', exact: true }).click();
  await expect(list.links).toHaveText(['prod-payments', 'legacy-portal']);
  await expect(page).toHaveURL(/phase=Available&sort=version&order=desc$/);
});

test('a deep link opens the same search, filter and sort', async ({ page, emulator: _ }) => {
  const list = new ClusterListPage(page);
  await list.goto('?phase=Available&sort=name&order=desc');
  await expect(list.links).toHaveText(['prod-payments', 'legacy-portal']);
  await expect(page.getByRole('combobox', { name: 'Status' })).toHaveValue('Available');
  await expect(page.getByRole('columnheader', { name: 'Name' })).toHaveAttribute('aria-sort', 'descending');
  await list.goto('?q=nothing-like-this');
  await expect(page.getByRole('heading', { name: 'No cluster matches' })).toBeVisible();
  await expect(page.getByRole('searchbox', { name: 'Search by name' })).toHaveValue('nothing-like-this');
});

test('the cluster quota warns while one more cluster still fits', async ({ page, emulator: _ }) => {
  await page.goto('/clusters');
  // demo: 4 clusters, quota 5
  await expect(page.getByText('Cluster quota: 4 of 5 used')).toBeVisible();
  await expect(page.getByText('The cluster quota is almost used up')).toBeVisible();
  await expect(page.getByRole('progressbar', { name: 'Cluster quota used' })).toHaveAttribute('aria-valuenow', '80');
  await page.getByRole('link', { name: 'All quotas' }).click();
  await expect(page).toHaveURL(/\/quotas$/);
  const row = page.getByRole('table', { name: 'Quotas' }).getByRole('row', { name: /Autopilot clusters/ });
  await expect(row).toContainText('4');
  await expect(row).toContainText('5');
  await expect(row).toContainText('Almost used up');
});

test('a failing list shows status, code and request id, and Retry recovers', async ({ page, request, emulator: _ }) => {
  const fault = await request.post('/__emulator/faults', { data: { pathPattern: 'GET /autopilot/v3/projects/*/clusters', errorRate: 1 } });
  expect(fault.ok(), await fault.text()).toBe(true);
  const list = new ClusterListPage(page);
  await list.goto();
  const alert = page.getByRole('alert').filter({ hasText: 'Request failed' });
  await expect(alert).toContainText('HTTP 500');
  await expect(alert).toContainText('CCE.');
  await expect(alert).toContainText('Request ID');
  const cleared = await request.delete('/__emulator/faults');
  expect(cleared.ok()).toBe(true);
  await alert.getByRole('button', { name: 'Retry' }).click();
  await expect(list.links).toHaveCount(4);
});
