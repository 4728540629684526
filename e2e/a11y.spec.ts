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
  });
}
