// The zh-CN catalog and the per-page parts (detail, wizard) load on demand: each page must still speak Chinese,
// with no message key showing through, on a deep link as well as after the switch.
import { expect, test } from './fixtures.ts';

const messageKey = /\b(?:overview|connection|delete|tags|jobs|settings|detail|wizard|common|rule|jobType|jobPhase|clusters|quota|quotas)\.[a-zA-Z.]+\b/;

test('a deep link to a cluster and the wizard speak Chinese when it is the chosen language', async ({ page, emulator: _ }) => {
  await page.addInitScript(() => localStorage.setItem('cce-console.locale', 'zh-CN'));
  await page.goto('/clusters');
  await page.getByRole('link', { name: 'legacy-portal', exact: true }).click();
  await expect(page.getByRole('tab')).toHaveText(['概览', '连接', '标签', '任务', '设置', '删除']);
  await expect(page.getByRole('main')).not.toContainText(messageKey);

  await page.getByRole('tab', { name: '标签' }).click();
  await expect(page).toHaveURL(/\/tags$/);
  await expect(page.getByRole('main')).not.toContainText(messageKey);

  await page.goto('/clusters/new');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('创建集群');
  await expect(page.getByRole('main')).not.toContainText(messageKey);
});
