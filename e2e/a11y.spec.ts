// axe on the clusters area, in light and dark: any serious or critical violation fails (fixed in the UI, no rule
// is switched off).
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

const tabs = ['overview', 'connection', 'tags', 'jobs', 'settings', 'delete'] as const;
const tabNames: Record<(typeof tabs)[number], string> = {
  overview: 'Overview',
  connection: 'Connection',
  tags: 'Tags',
  jobs: 'Jobs',
  settings: 'Settings',
  delete: 'Delete',
};

async function expectNoSeriousViolations(page: Page, where: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  // one line per failing element: rule, element, and for contrast the colours axe measured
  const report = serious.flatMap((v) =>
    v.nodes.map((n) => `${v.id} (${v.impact}) ${n.target.join(' ')}: ${n.any[0]?.message ?? n.failureSummary ?? v.help}`),
  );
  expect(report, where).toEqual([]);
}

for (const scheme of ['light', 'dark'] as const) {
  test.describe(`${scheme} scheme`, () => {
    test.beforeEach(async ({ page }) => {
      await page.addInitScript((value) => localStorage.setItem('cce-console.color-scheme', value), scheme);
    });

    test('the cluster list and the quotas page', async ({ page, emulator: _ }) => {
      await page.goto('/clusters');
      await expect(page.getByRole('table', { name: 'Clusters' }).getByRole('link')).toHaveCount(4);
      await expect(page.getByText('Cluster quota: 4 of 5 used')).toBeVisible();
      await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', scheme);
      await expectNoSeriousViolations(page, `/clusters (${scheme})`);

      await page.goto('/quotas');
      await expect(page.getByRole('table', { name: 'Quotas' })).toBeVisible();
      await expectNoSeriousViolations(page, `/quotas (${scheme})`);
    });

    test('the list with its quota used up, filtered to nothing, and empty', async ({ page, request, emulator }) => {
      const settings = await request.put('/__emulator/settings', { data: { clusterQuota: 4 } });
      expect(settings.ok(), await settings.text()).toBe(true);
      await page.goto('/clusters?q=nothing-matches');
      await expect(page.getByText('The cluster quota is used up')).toBeVisible();
      await expect(page.getByRole('heading', { name: 'No cluster matches' })).toBeVisible();
      await expectNoSeriousViolations(page, `/clusters, quota used up, no match (${scheme})`);
      await emulator.reset('empty');
      await page.goto('/clusters');
      await expect(page.getByRole('heading', { name: 'No clusters yet' })).toBeVisible();
      await expectNoSeriousViolations(page, `/clusters, empty (${scheme})`);
    });

    for (const name of ['prod-payments', 'staging-api', 'analytics-batch']) {
      test(`every tab of ${name}`, async ({ page, emulator: _ }) => {
        await page.goto('/clusters');
        await page.getByRole('table', { name: 'Clusters' }).getByRole('link', { name, exact: true }).click();
        await expect(page).toHaveURL(/\/clusters\/[0-9a-f-]{36}$/);
        const path = new URL(page.url()).pathname;
        for (const tab of tabs) {
          await page.goto(tab === 'overview' ? path : `${path}/${tab}`);
          await expect(page.getByRole('tab', { name: tabNames[tab], selected: true })).toBeVisible();
          // the tab's content is there (not its skeleton) before axe looks
          await expect(page.locator('[role="tabpanel"] .mantine-Skeleton-root')).toHaveCount(0);
          await expectNoSeriousViolations(page, `${path}/${tab} (${scheme})`);
        }
      });
    }

    test('dialogs, field errors and a cluster being deleted', async ({ page, emulator: _ }) => {
      await page.goto('/clusters');
      await page.getByRole('table', { name: 'Clusters' }).getByRole('link', { name: 'prod-payments', exact: true }).click();
      await expect(page).toHaveURL(/\/clusters\/[0-9a-f-]{36}$/);
      const path = new URL(page.url()).pathname;

      await page.goto(`${path}/connection`);
      await page.getByRole('textbox', { name: 'EIP ID' }).fill('2c0a7d1e-5b3f-4e8a-9c61-7f2d4b8e1a90');
      await page.getByRole('button', { name: 'Bind EIP' }).click();
      const bind = page.getByRole('dialog', { name: 'Bind the EIP?' });
      await expect(bind).toBeVisible();
      await expectNoSeriousViolations(page, `${path}/connection with the bind dialog (${scheme})`);
      await bind.getByRole('button', { name: 'Bind EIP' }).click();
      // the dialog's closing fade would be measured too
      await expect(bind).toBeHidden();
      await expect(page.getByRole('button', { name: 'Unbind EIP' })).toBeVisible();
      await expectNoSeriousViolations(page, `${path}/connection with an EIP bound (${scheme})`);

      await page.goto(`${path}/tags`);
      await page.getByRole('textbox', { name: 'Key 1' }).fill('_sys_x');
      await page.getByRole('button', { name: 'Add tags' }).click();
      await expect(page.getByText('Must not start with _sys_ (reserved for the system)')).toBeVisible();
      await page.getByRole('checkbox', { name: 'Select tag env' }).check();
      await page.getByRole('button', { name: 'Delete selected (1)' }).click();
      await expect(page.getByRole('dialog', { name: 'Delete 1 tag(s)?' })).toBeVisible();
      await expectNoSeriousViolations(page, `${path}/tags with a field error and a dialog (${scheme})`);
      await page.getByRole('button', { name: 'Cancel' }).click();
      await expect(page.getByRole('dialog')).toBeHidden();

      await page.goto(`${path}/delete`);
      await page.getByRole('textbox', { name: /To confirm, type the cluster name/ }).fill('prod-payments');
      await page.getByRole('button', { name: 'Delete cluster' }).click();
      await expect(page.getByRole('region', { name: /^Job / }).getByRole('table')).toBeVisible();
      await expectNoSeriousViolations(page, `${path}/delete while Deleting (${scheme})`);
    });
  });
}
