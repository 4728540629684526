import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { parse } from 'yaml';
import { expect, test } from './fixtures.ts';

/** Opens a demo cluster from the list (its uid is random per reset) and returns its detail path. */
async function openCluster(page: Page, name: string): Promise<string> {
  await page.goto('/clusters');
  await page.getByRole('table', { name: 'Clusters' }).getByRole('link', { name, exact: true }).click();
  await expect(page).toHaveURL(/\/clusters\/[0-9a-f-]{36}$/);
  return new URL(page.url()).pathname;
}

const eipId = '2c0a7d1e-5b3f-4e8a-9c61-7f2d4b8e1a90';

test('prod-payments: bind and unbind a public EIP, then download a kubeconfig that kubectl can read', async ({ page, emulator: _ }) => {
  const path = await openCluster(page, 'prod-payments');
  await page.getByRole('tab', { name: 'Connection' }).click();
  await expect(page).toHaveURL(`${path}/connection`);
  const addresses = page.getByRole('region', { name: 'API server addresses' });
  await expect(addresses).toContainText('Public address (EIP)None');

  await page.getByRole('textbox', { name: 'EIP ID' }).fill(eipId);
  await page.getByRole('button', { name: 'Bind EIP' }).click();
  const bind = page.getByRole('dialog', { name: 'Bind the EIP?' });
  await expect(bind).toContainText(eipId);
  await bind.getByRole('button', { name: 'Bind EIP' }).click();
  await expect(bind).toBeHidden();
  await expect(page.getByText(/The API server is reachable at https:\/\/[\d.]+:5443\./)).toBeVisible();
  await expect(addresses).not.toContainText('Public address (EIP)None');

  await page.getByRole('button', { name: 'Unbind EIP' }).click();
  const unbind = page.getByRole('dialog', { name: 'Unbind the EIP?' });
  await unbind.getByRole('button', { name: 'Unbind EIP' }).click();
  await expect(unbind).toBeHidden();
  await expect(addresses).toContainText('Public address (EIP)None');
  await expect(page.getByRole('textbox', { name: 'EIP ID' })).toBeVisible();

  const privateAddress = (await addresses.getByText(/^https:\/\/192\.168\./).textContent()) ?? '';
  await page.getByRole('textbox', { name: 'Days' }).fill('30');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download kubeconfig' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('prod-payments-kubeconfig.yaml');
  const config = parse(await readFile(await file.path(), 'utf8')) as {
    kind: string;
    clusters: Array<{ name: string; cluster: { server: string } }>;
    'current-context': string;
  };
  expect(config.kind).toBe('Config');
  expect(config.clusters.map((c) => c.name)).toEqual(['internalCluster']);
  expect(config.clusters[0]?.cluster.server).toBe(privateAddress);
  expect(config['current-context']).toBe('internal');
  await expect(page.getByText('Downloaded prod-payments-kubeconfig.yaml')).toBeVisible();
  await expect(page.getByText('kubectl --kubeconfig prod-payments-kubeconfig.yaml get nodes')).toBeVisible();
});

test('prod-payments: add tags in one batch and delete them again', async ({ page, emulator: _ }) => {
  const path = await openCluster(page, 'prod-payments');
  await page.goto(`${path}/tags`);
  const table = page.getByRole('table', { name: 'Tags of the cluster' });
  await expect(table.getByRole('row')).toHaveCount(4);
  await expect(page.getByRole('heading', { name: 'Tags (3 of 20)' })).toBeVisible();

  await page.getByRole('textbox', { name: 'Key 1' }).fill('_sys_owner');
  await page.getByRole('button', { name: 'Add tags' }).click();
  await expect(page.getByText('Must not start with _sys_ (reserved for the system)')).toBeVisible();
  await page.getByRole('textbox', { name: 'Key 1' }).fill('owner');
  await page.getByRole('textbox', { name: 'Value 1' }).fill('platform-team');
  await page.getByRole('button', { name: 'Add another tag' }).click();
  await page.getByRole('textbox', { name: 'Key 2' }).fill('tier');
  await page.getByRole('textbox', { name: 'Value 2' }).fill('gold');
  await page.getByRole('button', { name: 'Add tags' }).click();
  await expect(page.getByText('2 tag(s) added')).toBeVisible();
  await expect(table.getByRole('row')).toHaveCount(6);
  await expect(page.getByRole('heading', { name: 'Tags (5 of 20)' })).toBeVisible();

  await page.getByRole('checkbox', { name: 'Select tag owner' }).check();
  await page.getByRole('checkbox', { name: 'Select tag tier' }).check();
  await page.getByRole('button', { name: 'Delete selected (2)' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete 2 tag(s)?' });
  await expect(dialog).toContainText('owner, tier');
  await dialog.getByRole('button', { name: 'Delete tags' }).click();
  await expect(dialog).toBeHidden();
  await expect(table.getByRole('row')).toHaveCount(4);
  await expect(table).not.toContainText('platform-team');
});

test('prod-payments: edit the description', async ({ page, emulator: _ }) => {
  const path = await openCluster(page, 'prod-payments');
  await page.goto(`${path}/settings`);
  const description = page.getByRole('textbox', { name: 'Description' });
  await expect(description).toHaveValue('Payments API, production');
  await description.fill('Payments API (production) <eu>');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Must not contain any of')).toBeVisible();
  await expect(description).toHaveValue('Payments API (production) <eu>');
  await description.fill('Payments API, production, EU traffic');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Saved.')).toBeVisible();
  await page.getByRole('tab', { name: 'Overview' }).click();
  await expect(page).toHaveURL(path);
  await expect(page.getByRole('region', { name: 'Specification' })).toContainText('Payments API, production, EU traffic');
  await page.reload();
  await expect(page.getByRole('region', { name: 'Specification' })).toContainText('Payments API, production, EU traffic');
});

test('legacy-portal: delete with the name confirmation; it disappears once the delete job finishes', async ({ page, emulator }) => {
  const path = await openCluster(page, 'legacy-portal');
  await page.goto(`${path}/delete`);
  const submit = page.getByRole('button', { name: 'Delete cluster' });
  await expect(submit).toBeDisabled();
  const confirm = page.getByRole('textbox', { name: /To confirm, type the cluster name/ });
  await confirm.fill('legacy-porta');
  await expect(submit).toBeDisabled();
  await confirm.fill('legacy-portal');
  await expect(submit).toBeEnabled();
  await submit.click();

  await expect(page.getByText('legacy-portal is being deleted')).toBeVisible();
  const job = page.getByRole('region', { name: /^Job / });
  await expect(job).toContainText('Delete job');
  await expect(job.getByRole('table', { name: /Steps of Delete cluster/ })).toBeVisible();
  await expect(page.getByText('Deleting', { exact: true }).first()).toBeVisible();

  await emulator.advance(3 * 60_000);
  await expect(page).toHaveURL(/\/clusters$/);
  await expect(page.getByText('legacy-portal has been deleted.')).toBeVisible();
  const links = page.getByRole('table', { name: 'Clusters' }).getByRole('link');
  await expect(links).toHaveCount(3);
  await expect(links.filter({ hasText: 'legacy-portal' })).toHaveCount(0);
  await expect(page.getByText('Cluster quota: 3 of 5 used')).toBeVisible();
});
