// The create-cluster wizard against the emulator (demo scenario: 4 clusters, quota 5, frozen clock).
import { expect, test } from './fixtures.ts';
import { AppShell } from './pages/app-shell.ts';
import { expectNoAxeViolations } from './pages/axe.ts';
import { ClusterDetailPage } from './pages/cluster-detail-page.ts';
import { ClusterListPage } from './pages/cluster-list-page.ts';
import { ClusterWizardPage } from './pages/cluster-wizard-page.ts';

test('create a cluster through every step, fix a bad name, then follow it until Available', async ({ page, context, emulator }) => {
  const wizard = new ClusterWizardPage(page);
  const list = new ClusterListPage(page);
  const detail = new ClusterDetailPage(page);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await list.goto();
  await list.createButton.click();
  await expect(page).toHaveURL(/\/clusters\/new$/);
  await expect(wizard.stepHeading('Basics')).toBeVisible();

  // Basics: the wrong name is reported as typed and blocks Next; corrected, it goes through
  const name = wizard.name;
  await name.fill('Bad_Name');
  await expect(page.getByText('Must start with a lower-case letter')).toBeVisible();
  await expect(name).toHaveAttribute('aria-invalid', 'true');
  await wizard.next.click();
  await expect(wizard.stepHeading('Basics')).toBeVisible();
  await expect(name).toBeFocused();
  await name.fill('shop-prod');
  await expect(page.getByText('Must start with a lower-case letter')).toHaveCount(0);
  await page.getByLabel('Alias').fill('shop');
  await wizard.description.fill('Shop, production');
  // the newest version the service offers is the default
  await expect(page.getByRole('combobox', { name: 'Kubernetes version' })).toHaveValue('v1.32 (latest)');
  await wizard.next.click();

  // Network: two ENI subnets, a CIDR that is not a network address, corrected
  await expect(wizard.stepHeading('Network')).toBeVisible();
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
  await wizard.next.click();

  // Add-ons: coredns with values
  await expect(wizard.stepHeading('Add-ons')).toBeVisible();
  await page.getByLabel('Install coredns').check();
  const values = page.getByLabel('Values for coredns (JSON)');
  await values.fill('{"replicas": ');
  await expect(page.getByText('The values must be a JSON object')).toBeVisible();
  await values.fill('{"replicas": 3}');
  await wizard.next.click();

  // Tags
  await expect(wizard.stepHeading('Tags')).toBeVisible();
  await page.getByRole('button', { name: 'Add tag' }).click();
  await page.getByLabel('Tag key 1').fill('env');
  await page.getByLabel('Tag value 1').fill('prod');
  await wizard.next.click();

  // Review: the exact body, copyable
  await expect(wizard.stepHeading('Review')).toBeVisible();
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
  expect((await wizard.submit()).status()).toBe(201);
  await expect(page).toHaveURL(/\/clusters\/[0-9a-f-]{36}(\/overview)?$/);
  await expect(detail.heading).toContainText('shop');
  await expect(page.getByText('Creating').first()).toBeVisible();
  // the creation job with its sub-jobs and a progress bar (the Overview has it while Creating, the Jobs tab always)
  await detail.openTab('Jobs');
  const progress = detail.jobProgress;
  const steps = detail.jobSteps;
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
  const wizard = new ClusterWizardPage(page);
  await wizard.goto();
  await wizard.name.fill('keep-me');
  await wizard.description.fill('typed once');
  await page.getByRole('combobox', { name: 'Kubernetes version' }).click();
  await page.getByRole('option', { name: 'v1.30', exact: true }).click();
  await wizard.next.click();
  await page.getByLabel('VPC ID').fill('vpc-keep');
  await page.getByLabel('ENI subnet ID 1').fill('subnet-keep');

  await page.getByRole('button', { name: 'Back' }).click();
  await expect(wizard.stepHeading('Basics')).toBeVisible();
  await expect(wizard.name).toHaveValue('keep-me');
  await expect(wizard.description).toHaveValue('typed once');
  await expect(page.getByRole('combobox', { name: 'Kubernetes version' })).toHaveValue('v1.30');

  await wizard.next.click();
  await expect(page.getByLabel('VPC ID')).toHaveValue('vpc-keep');
  await expect(page.getByLabel('ENI subnet ID 1')).toHaveValue('subnet-keep');
  await wizard.next.click();
  await expect(wizard.stepHeading('Add-ons')).toBeVisible();

  // the browser's Back button walks the steps too (the step is in the URL), without losing input
  await page.goBack();
  await expect(wizard.stepHeading('Network')).toBeVisible();
  await expect(page.getByLabel('VPC ID')).toHaveValue('vpc-keep');
  await page.goBack();
  await expect(wizard.name).toHaveValue('keep-me');

  // a completed step can be reopened from the stepper
  await page.goForward();
  await page.getByRole('button', { name: /Basics/ }).click();
  await expect(wizard.stepHeading('Basics')).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Kubernetes version' })).toHaveValue('v1.30');
});

test('the sixth cluster is refused for quota on the review step, with its CCE code, and nothing is lost', async ({ page, emulator: _ }) => {
  const wizard = new ClusterWizardPage(page);
  // the demo project has 4 clusters: the fifth fills the quota of 5
  await wizard.fillValidCluster('fifth-cluster');
  await wizard.createButton.click();
  await expect(page).toHaveURL(/\/clusters\/[0-9a-f-]{36}/);

  await wizard.fillValidCluster('sixth-cluster');
  expect((await wizard.submit()).status()).toBe(400);
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
  const wizard = new ClusterWizardPage(page);
  await wizard.goto();
  await wizard.name.fill('Bad_Name');
  await expect(page.getByText('Must start with a lower-case letter')).toBeVisible();
  await expectNoAxeViolations(page, 'basics with a bad name');
  await wizard.goto('?step=network');
  await wizard.next.click();
  await expect(page.getByText('spec.hostNetwork.vpc must not be empty')).toBeVisible();
  await expectNoAxeViolations(page, 'network with an empty VPC');
  await wizard.goto('?step=addons');
  await expect(page.getByLabel('Install coredns')).toBeVisible();
  await expectNoAxeViolations(page, 'add-ons');
  await wizard.goto('?step=review');
  await expect(page.getByRole('heading', { name: 'Request body' })).toBeVisible();
  await expectNoAxeViolations(page, 'review');
  await new AppShell(page).chooseColorScheme('dark');
  await wizard.createButton.click();
  await expect(page.getByText('problem(s) to fix before the cluster can be created')).toBeVisible();
  await expectNoAxeViolations(page, 'review with problems (dark)');
  await wizard.goto();
  await wizard.name.fill('Bad_Name');
  await expect(page.getByText('Must start with a lower-case letter')).toBeVisible();
  await expectNoAxeViolations(page, 'basics with a bad name (dark)');
});
