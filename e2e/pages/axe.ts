// axe on the current page: one line per failing element (rule, impact, element, and for contrast the colours axe
// measured), so a failure names what to fix. No rule is switched off.
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** Fails on every violation, or with `seriousOnly` on the serious and critical ones only. */
export async function expectNoAxeViolations(page: Page, where: string, { seriousOnly = false } = {}) {
  const results = await new AxeBuilder({ page }).analyze();
  const failing = seriousOnly ? results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical') : results.violations;
  const report = failing.flatMap((v) =>
    v.nodes.map((n) => `${v.id} (${v.impact ?? 'unknown'}) ${n.target.join(' ')}: ${n.any[0]?.message ?? n.failureSummary ?? v.help}`),
  );
  expect(report, where).toEqual([]);
}
