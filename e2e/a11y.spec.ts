// axe on the clusters area, in light and dark: any serious or critical violation fails (fixed in the UI, no rule
// is switched off).
import { expect, test } from './fixtures.ts';
import { expectNoAxeViolations } from './pages/axe.ts';
import { ClusterDetailPage, clusterTabs } from './pages/cluster-detail-page.ts';
import { ClusterListPage } from './pages/cluster-list-page.ts';

for (const scheme of ['light', 'dark'] as const) {
  test.describe(`${scheme} scheme`, () => {
    test.beforeEach(async ({ page }) => {
      await page.addInitScript((value) => localStorage.setItem('cce-console.color-scheme', value), scheme);
    });

    test('the cluster list and the quotas page', async ({ page, emulator: _ }) => {
      const list = new ClusterListPage(page);
      await list.goto();
      await expect(list.links).toHaveCount(4);
      await expect(page.getByText('Cluster quota: 4 of 5 used')).toBeVisible();
      await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', scheme);
      await expectNoAxeViolations(page, `/clusters (${scheme})`, { seriousOnly: true });

      await page.goto('/quotas');
      await expect(page.getByRole('table', { name: 'Quotas' })).toBeVisible();
      await expectNoAxeViolations(page, `/quotas (${scheme})`, { seriousOnly: true });
    });

    test('the list with its quota used up, filtered to nothing, and empty', async ({ page, request, emulator }) => {
      const settings = await request.put('/__emulator/settings', { data: { clusterQuota: 4 } });
      expect(settings.ok(), await settings.text()).toBe(true);
      await page.goto('/clusters?q=nothing-matches');
      await expect(page.getByText('The cluster quota is used up')).toBeVisible();
      await expect(page.getByRole('heading', { name: 'No cluster matches' })).toBeVisible();
      await expectNoAxeViolations(page, `/clusters, quota used up, no match (${scheme})`, { seriousOnly: true });
      await emulator.reset('empty');
      await page.goto('/clusters');
      await expect(page.getByRole('heading', { name: 'No clusters yet' })).toBeVisible();
      await expectNoAxeViolations(page, `/clusters, empty (${scheme})`, { seriousOnly: true });
    });

    for (const name of ['prod-payments', 'staging-api', 'analytics-batch']) {
      test(`every tab of ${name}`, async ({ page, emulator: _ }) => {
        const detail = new ClusterDetailPage(page);
        const path = await new ClusterListPage(page).open(name);
        for (const tab of clusterTabs) {
          await page.goto(tab === 'Overview' ? path : `${path}/${tab.toLowerCase()}`);
          await expect(detail.tab(tab)).toHaveAttribute('aria-selected', 'true');
          // the tab's content is there (not its skeleton) before axe looks
          await expect(page.locator('[role="tabpanel"] .mantine-Skeleton-root')).toHaveCount(0);
          await expectNoAxeViolations(page, `${path}/${tab} (${scheme})`, { seriousOnly: true });
        }
      });
    }

    test('dialogs, field errors and a cluster being deleted', async ({ page, emulator: _ }) => {
      const detail = new ClusterDetailPage(page);
      const path = await new ClusterListPage(page).open('prod-payments');

      await page.goto(`${path}/connection`);
      await detail.eipId.fill('2c0a7d1e-5b3f-4e8a-9c61-7f2d4b8e1a90');
      await page.getByRole('button', { name: 'Bind EIP' }).click();
      const bind = page.getByRole('dialog', { name: 'Bind the EIP?' });
      await expect(bind).toBeVisible();
      await expectNoAxeViolations(page, `${path}/connection with the bind dialog (${scheme})`, { seriousOnly: true });
      await bind.getByRole('button', { name: 'Bind EIP' }).click();
      // the dialog's closing fade would be measured too
      await expect(bind).toBeHidden();
      await expect(page.getByRole('button', { name: 'Unbind EIP' })).toBeVisible();
      await expectNoAxeViolations(page, `${path}/connection with an EIP bound (${scheme})`, { seriousOnly: true });

      await page.goto(`${path}/tags`);
      await detail.tagKey(1).fill('_sys_x');
      await page.getByRole('button', { name: 'Add tags' }).click();
      await expect(page.getByText('Must not start with _sys_ (reserved for the system)')).toBeVisible();
      await page.getByRole('checkbox', { name: 'Select tag env' }).check();
      await page.getByRole('button', { name: 'Delete selected (1)' }).click();
      await expect(page.getByRole('dialog', { name: 'Delete 1 tag(s)?' })).toBeVisible();
      await expectNoAxeViolations(page, `${path}/tags with a field error and a dialog (${scheme})`, { seriousOnly: true });
      await page.getByRole('button', { name: 'Cancel' }).click();
      await expect(page.getByRole('dialog')).toBeHidden();

      await page.goto(`${path}/delete`);
      await detail.deleteWithConfirmation('prod-payments');
      await expect(detail.jobSteps).toBeVisible();
      await expectNoAxeViolations(page, `${path}/delete while Deleting (${scheme})`, { seriousOnly: true });
    });
  });
}
