// A small typed i18n: catalogs are plain objects, t() interpolates {name} placeholders, the choice persists.
// Only English's base part is in the first load; the other locale and the parts of other areas (the wizard …) are
// fetched when needed: the provider re-renders when one arrives, and useCatalogArea() suspends a page until its part
// is there.
import { createContext, use, useCallback, useContext, useEffect, useMemo, useState, useSyncExternalStore, type ReactNode } from 'react';
import { baseEn, type MessageKey } from './en.ts';

export const locales = ['en', 'zh-CN'] as const;
export type Locale = (typeof locales)[number];
export const localeNames: Record<Locale, string> = { en: 'English', 'zh-CN': '简体中文' };
const storageKey = 'cce-console.locale';

/** Parts of the catalogs that load on demand. `base` is what every page needs. */
export type CatalogArea = 'base' | 'wizard' | 'clusterDetail';
type Catalog = Partial<Record<MessageKey, string>>;

const loaders: Record<Locale, Record<CatalogArea, () => Promise<Catalog>>> = {
  en: {
    base: () => Promise.resolve(baseEn),
    wizard: async () => (await import('./en-cluster-wizard.ts')).clusterWizardEn,
    clusterDetail: async () => (await import('./en-cluster-detail.ts')).clusterDetailEn,
  },
  'zh-CN': {
    base: async () => (await import('./zh-cn.ts')).baseZhCN,
    wizard: async () => (await import('./zh-cn-cluster-wizard.ts')).clusterWizardZhCN,
    clusterDetail: async () => (await import('./zh-cn-cluster-detail.ts')).clusterDetailZhCN,
  },
};

const loaded: Record<Locale, Catalog> = { en: { ...baseEn }, 'zh-CN': {} };
const loads = new Map<string, Promise<void>>([['en:base', Promise.resolve()]]);
const listeners = new Set<() => void>();
let version = 0;

/** Loads one part of one locale's catalog (once); resolves when t() can use it. */
export function loadCatalog(locale: Locale, area: CatalogArea): Promise<void> {
  const key = `${locale}:${area}`;
  let pending = loads.get(key);
  if (!pending) {
    pending = loaders[locale][area]().then((part) => {
      Object.assign(loaded[locale], part);
      version += 1;
      for (const listener of listeners) listener();
    });
    loads.set(key, pending);
  }
  return pending;
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

/** The message in the locale, else in English, else the key itself (a part that has not arrived yet). */
export function translate(locale: Locale, key: MessageKey, vars?: Record<string, string | number>): string {
  const template = loaded[locale][key] ?? loaded.en[key] ?? key;
  return vars ? template.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m)) : template;
}

export function isLocale(value: string | null): value is Locale {
  return value !== null && (locales as readonly string[]).includes(value);
}

export function initialLocale(): Locale {
  try {
    const stored = globalThis.localStorage?.getItem(storageKey) ?? null;
    if (isLocale(stored)) return stored;
  } catch {
    // storage may be unavailable (privacy mode): fall back to the browser language
  }
  const lang = globalThis.navigator?.language ?? 'en';
  return lang.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

type I18nValue = { locale: Locale; setLocale: (locale: Locale) => void; t: Translate };
const I18nContext = createContext<I18nValue | null>(null);

export function I18nProvider({ children, locale: fixed }: { children: ReactNode; locale?: Locale }) {
  const [locale, setLocaleState] = useState<Locale>(() => fixed ?? initialLocale());
  const catalogVersion = useSyncExternalStore(subscribe, () => version, () => version);
  const setLocale = useCallback((next: Locale) => {
    // switch once the base part is there, so the page never flashes message keys
    void loadCatalog(next, 'base').then(() => setLocaleState(next));
    try {
      globalThis.localStorage?.setItem(storageKey, next);
    } catch {
      // not persisted; the choice still holds for this page
    }
  }, []);
  useEffect(() => {
    document.documentElement.lang = locale;
    void loadCatalog(locale, 'base');
  }, [locale]);
  const value = useMemo<I18nValue>(
    // catalogVersion: a newly arrived part must give a new t()
    () => ({ locale, setLocale, t: (key, vars) => (catalogVersion >= 0 ? translate(locale, key, vars) : key) }),
    [locale, setLocale, catalogVersion],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n must be used inside <I18nProvider>');
  return value;
}

/** Suspends the calling page until its catalog part is loaded for the current locale. */
export function useCatalogArea(area: CatalogArea): void {
  const { locale } = useI18n();
  use(loadCatalog(locale, area));
}
