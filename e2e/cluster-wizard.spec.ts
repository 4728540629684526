// The create-cluster wizard against the emulator (demo scenario: 4 clusters, quota 5, frozen clock).
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

const stepHeading = (page: Page, n: number, step: string) =>
  page.getByRole('heading', { level: 2, name: `Step ${n} of 5: ${step}` });
const next = (page: Page) => page.getByRole('button', { name: 'Next', exact: true });

/** Fills every step with valid input (no add-ons, no tags) and stops on the Review step. */
async function fillValidCluster(page: Page, name: string) {
  await page.goto('/clusters/new');
  await page.getByLabel('Cluster name').fill(name);
  await next(page).click();
  await expect(stepHeading(page, 2, 'Network')).toBeVisible();
  await page.getByLabel('VPC ID').fill('vpc-0a1b2c3d');
  await page.getByLabel('ENI subnet ID 1').fill('subnet-eni-1');
  await next(page).click();
  await expect(stepHeading(page, 3, 'Add-ons')).toBeVisible();
  await next(page).click();
  await expect(stepHeading(page, 4, 'Tags')).toBeVisible();
  await next(page).click();
  await expect(stepHeading(page, 5, 'Review')).toBeVisible();
}

test('create a cluster through every step, fix a bad name, then follow it until Available', async ({ page, context, emulator }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/clusters');
  await page.getByRole('link', { name: 'Create cluster' }).click();
  await expect(page).toHaveURL(/\/clusters\/new$/);
  await expect(stepHeading(page, 1, 'Basics')).toBeVisible();

  // Basics: the wrong name is reported as typed and blocks Next; corrected, it goes through
  const name = page.getByLabel('Cluster name');
  await name.fill('Bad_Name');
  await expect(page.getByText('metadata.name must start with a lower-case letter')).toBeVisible();
  await expect(name).toHaveAttribute('aria-invalid', 'true');
  await next(page).click();
  await expect(stepHeading(page, 1, 'Basics')).toBeVisible();
  await expect(name).toBeFocused();
  await name.fill('shop-prod');
  await expect(page.getByText('metadata.name must start with a lower-case letter')).toHaveCount(0);
  await page.getByLabel('Alias').fill('shop');
  await page.getByLabel('Description').fill('Shop, production');
  // the newest version the service offers is the default
  await expect(page.getByRole('combobox', { name: 'Kubernetes version' })).toHaveValue('v1.32 (latest)');
  await next(page).click();

  // Network: two ENI subnets, a CIDR that is not a network address, corrected
  await expect(stepHeading(page, 2, 'Network')).toBeVisible();
  await expect(page).toHaveURL(/step=network/);
  await page.getByLabel('VPC ID').fill('vpc-0a1b2c3d');
  await page.getByLabel('ENI subnet ID 1').fill('subnet-eni-1');
  await page.getByRole('button', { name: 'Add ENI subnet' }).click();
  await page.getByLabel('ENI subnet ID 2').fill('subnet-eni-2');
  const cidr = page.getByLabel('Service CIDR');
  await expect(cidr).toHaveValue('10.247.0.0/16');
  await cidr.fill('10.248.1.0/16');
  await expect(page.getByText('spec.serviceNetwork.IPv4CIDR must be an IPv4 CIDR block')).toBeVisible();
  await cidr.fill('10.248.0.0/16');
  await page.getByRole('switch', { name: 'SNAT' }).uncheck();
  await expect(page.getByRole('switch', { name: 'SNAT' })).not.toBeChecked();
  await next(page).click();

  // Add-ons: coredns with values
  await expect(stepHeading(page, 3, 'Add-ons')).toBeVisible();
  await page.getByLabel('Install coredns').check();
  const values = page.getByLabel('Values for coredns (JSON)');
  await values.fill('{"replicas": ');
  await expect(page.getByText('The values must be a JSON object')).toBeVisible();
  await values.fill('{"replicas": 3}');
  await next(page).click();

  // Tags
  await expect(stepHeading(page, 4, 'Tags')).toBeVisible();
  await page.getByRole('button', { name: 'Add tag' }).click();
  await page.getByLabel('Tag key 1').fill('env');
  await page.getByLabel('Tag value 1').fill('prod');
  await next(page).click();

  // Review: the exact body, copyable
  await expect(stepHeading(page, 5, 'Review')).toBeVisible();
  await expect(page.getByRole('table', { name: 'Basics' })).toContainText('shop-prod');
  await expect(page.getByRole('table', { name: 'Add-ons' })).toContainText('coredns (');
  const body = page.locator('pre');
  await expect(body).toContainText('"name": "shop-prod"');
  await page.getByRole('button', { name: 'Copy JSON' }).click();
  await expect(page.getByRole('button', { name: 'Copied' })).toBeVisible();
  const copied: unknown = JSON.parse(await page.evaluate(() => navigator.clipboard.readText()));
  expect(copied).toEqual({
    kind: 'Cluster',
    apiVersion: 'v3',
    metadata: {
      name: 'shop-prod',
      alias: 'shop',
      annotations: { 'cluster.install.addons/install': '[{"addonTemplateName":"coredns","values":{"replicas":3}}]' },
    },
    spec: {
      category: 'Turbo',
      type: 'VirtualMachine',
      flavor: 'cce.autopilot.cluster',
      version: 'v1.32',
      description: 'Shop, production',
      hostNetwork: { vpc: 'vpc-0a1b2c3d' },
      containerNetwork: { mode: 'eni' },
      eniNetwork: { subnets: [{ subnetID: 'subnet-eni-1' }, { subnetID: 'subnet-eni-2' }] },
      serviceNetwork: { IPv4CIDR: '10.248.0.0/16' },
      enableSnat: false,
      enableSWRImageAccess: true,
      clusterTags: [{ key: 'env', value: 'prod' }],
    },
  });

  // Submit: the new cluster's page follows the creation job
  const created = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/clusters'));
  await page.getByRole('button', { name: 'Create cluster' }).click();
  expect((await created).status()).toBe(201);
  await expect(page).toHaveURL(/\/clusters\/[0-9a-f-]{36}(\/overview)?$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('shop');
  await expect(page.getByText('Creating').first()).toBeVisible();
  // the creation job with its sub-jobs and a progress bar (the Jobs tab always has it; the Overview may too)
  await page.getByRole('tab', { name: 'Jobs' }).click();
  const progress = page.getByRole('progressbar').first();
  const steps = page.getByRole('table', { name: /^Steps of/ }).first();
  await expect(progress).toHaveAttribute('aria-valuenow', '0');
  await expect(steps).toContainText(/control plane|master/i);
  await expect(steps).toContainText(/InstallAddons|add-ons/i);

  // 4.5 of the 6 virtual minutes: the control plane is up, the rest still runs
  await emulator.advance(4.5 * 60_000);
  await expect(steps).toContainText('Succeeded');
  await expect(steps).toContainText('Running');
  await expect(progress).toHaveAttribute('aria-valuenow', /^[1-9]\d?$/);

  // past the end: the cluster turns Available (and, its job done, no longer names it)
  await emulator.advance(10 * 60_000);
  await expect(page.getByText('Available', { exact: true }).first()).toBeVisible();
});

test('going back a step keeps everything typed, in the wizard and with the browser', async ({ page, emulator: _ }) => {
  await page.goto('/clusters/new');
  await page.getByLabel('Cluster name').fill('keep-me');
  await page.getByLabel('Description').fill('typed once');
  await page.getByRole('combobox', { name: 'Kubernetes version' }).click();
  await page.getByRole('option', { name: 'v1.30', exact: true }).click();
  await next(page).click();
  await page.getByLabel('VPC ID').fill('vpc-keep');
  await page.getByLabel('ENI subnet ID 1').fill('subnet-keep');

  await page.getByRole('button', { name: 'Back' }).click();
  await expect(stepHeading(page, 1, 'Basics')).toBeVisible();
  await expect(page.getByLabel('Cluster name')).toHaveValue('keep-me');
  await expect(page.getByLabel('Description')).toHaveValue('typed once');
  await expect(page.getByRole('combobox', { name: 'Kubernetes version' })).toHaveValue('v1.30');

  await next(page).click();
  await expect(page.getByLabel('VPC ID')).toHaveValue('vpc-keep');
  await expect(page.getByLabel('ENI subnet ID 1')).toHaveValue('subnet-keep');
  await next(page).click();
  await expect(stepHeading(page, 3, 'Add-ons')).toBeVisible();

  // the browser's Back button walks the steps too (the step is in the URL), without losing input
  await page.goBack();
  await expect(stepHeading(page, 2, 'Network')).toBeVisible();
  await expect(page.getByLabel('VPC ID')).toHaveValue('vpc-keep');
  await page.goBack();
  await expect(page.getByLabel('Cluster name')).toHaveValue('keep-me');

  // a completed step can be reopened from the stepper
  await page.goForward();
  await page.getByRole('button', { name: /Basics/ }).click();
  await expect(stepHeading(page, 1, 'Basics')).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Kubernetes version' })).toHaveValue('v1.30');
});

test('the sixth cluster is refused for quota on the review step, with its CCE code, and nothing is lost', async ({ page, emulator: _ }) => {
  // the demo project has 4 clusters: the fifth fills the quota of 5
  await fillValidCluster(page, 'fifth-cluster');
  await page.getByRole('button', { name: 'Create cluster' }).click();
  await expect(page).toHaveURL(/\/clusters\/[0-9a-f-]{36}/);

  await fillValidCluster(page, 'sixth-cluster');
  const refused = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/clusters'));
  await page.getByRole('button', { name: 'Create cluster' }).click();
  expect((await refused).status()).toBe(400);
  const alert = page.getByRole('alert').filter({ hasText: 'The cluster was not created' });
  await expect(alert).toBeVisible();
  await expect(alert).toContainText('CCE.01400007');
  await expect(alert).toContainText('HTTP 400');
  await expect(alert).toContainText('Insufficient cluster quota');
  await expect(alert).toContainText('Request ID');
  await expect(page).toHaveURL(/\/clusters\/new\?step=review$/);

  // the input is still there, on the review and on its step
  await expect(page.getByRole('table', { name: 'Basics' })).toContainText('sixth-cluster');
  await expect(page.locator('pre')).toContainText('"name": "sixth-cluster"');
  await page.getByRole('button', { name: 'Edit Network' }).click();
  await expect(page.getByLabel('VPC ID')).toHaveValue('vpc-0a1b2c3d');
});

test('the wizard steps pass axe, with errors shown', async ({ page, emulator: _ }) => {
  await page.goto('/clusters/new');
  await page.getByLabel('Cluster name').fill('Bad_Name');
  await expect(page.getByText('metadata.name must start with a lower-case letter')).toBeVisible();
  const scan = async () => {
    const result = await new AxeBuilder({ page }).analyze();
    expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  };
  await scan();
  await page.goto('/clusters/new?step=network');
  await next(page).click();
  await expect(page.getByText('spec.hostNetwork.vpc must not be empty')).toBeVisible();
  await scan();
  await page.goto('/clusters/new?step=addons');
  await expect(page.getByLabel('Install coredns')).toBeVisible();
  await scan();
  await page.goto('/clusters/new?step=review');
  await expect(page.getByRole('heading', { name: 'Request body' })).toBeVisible();
  await scan();
  await page.getByText('Dark', { exact: true }).click();
  await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'dark');
  await page.getByRole('button', { name: 'Create cluster' }).click();
  await expect(page.getByText('problem(s) to fix before the cluster can be created')).toBeVisible();
  await scan();
  await page.goto('/clusters/new');
  await page.getByLabel('Cluster name').fill('Bad_Name');
  await expect(page.getByText('metadata.name must start with a lower-case letter')).toBeVisible();
  await scan();
});
