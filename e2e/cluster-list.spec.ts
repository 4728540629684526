import { expect, test } from './fixtures.ts';

test('the cluster list shows the demo clusters with their phases', async ({ page, emulator: _ }) => {
  const listCall = page.waitForResponse((r) => r.url().includes('/autopilot/v3/projects/') && r.url().endsWith('/clusters'));
  await page.goto('/');
  await expect(page).toHaveURL(/\/clusters$/);
  // the proxy signed the call and the emulator verified the signature: an unsigned call gets 401
  expect((await listCall).status()).toBe(200);

  await expect(page.getByRole('heading', { level: 1, name: 'Clusters' })).toBeVisible();
  const table = page.getByRole('table', { name: 'Clusters' });
  await expect(table.getByRole('row')).toHaveCount(5);
  const row = (name: string) => table.getByRole('row').filter({ has: page.getByRole('link', { name, exact: true }) });
  await expect(row('prod-payments')).toContainText('Available');
  await expect(row('prod-payments')).toContainText('payments-prod');
  await expect(row('staging-api')).toContainText('Creating');
  await expect(row('analytics-batch')).toContainText('Unavailable');
  await expect(row('legacy-portal')).toContainText('v1.28');
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
  await page.goto('/clusters');
  await expect(page.getByRole('heading', { name: 'No clusters yet' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Create cluster' })).toBeVisible();
});

test('the colour scheme choice persists', async ({ page, emulator: _ }) => {
  await page.goto('/clusters');
  await page.getByText('Dark', { exact: true }).click();
  await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'dark');
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'dark');
});
