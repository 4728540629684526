import { describe, expect, it, vi } from 'vitest';

describe('lazy catalogs', () => {
  it('answers in English until the zh-CN base part is loaded, then in Chinese', async () => {
    vi.resetModules();
    const i18n = await import('./i18n.tsx');
    expect(i18n.translate('zh-CN', 'clusters.title')).toBe('Clusters');
    await i18n.loadCatalog('zh-CN', 'base');
    expect(i18n.translate('zh-CN', 'clusters.title')).toBe('集群');
    expect(i18n.translate('en', 'clusters.title')).toBe('Clusters');
  });

  it('loads an area part on demand, once', async () => {
    vi.resetModules();
    const i18n = await import('./i18n.tsx');
    expect(i18n.translate('en', 'wizard.title')).toBe('wizard.title');
    const first = i18n.loadCatalog('en', 'wizard');
    expect(i18n.loadCatalog('en', 'wizard')).toBe(first);
    await first;
    expect(i18n.translate('en', 'wizard.title')).toBe('Create cluster');
  });

  it('interpolates placeholders and leaves unknown ones', async () => {
    const i18n = await import('./i18n.tsx');
    expect(i18n.translate('en', 'clusters.description', { region: 'cn-north-4' })).toContain('cn-north-4');
  });
});
