// A small typed i18n: catalogs are plain objects, t() interpolates {name} placeholders, the choice persists.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { en, type MessageKey } from './en.ts';
import { zhCN } from './zh-cn.ts';

export const locales = ['en', 'zh-CN'] as const;
export type Locale = (typeof locales)[number];

const catalogs: Record<Locale, Record<MessageKey, string>> = { en, 'zh-CN': zhCN };
export const localeNames: Record<Locale, string> = { en: 'English', 'zh-CN': '简体中文' };
const storageKey = 'cce-console.locale';

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

export function translate(locale: Locale, key: MessageKey, vars?: Record<string, string | number>): string {
  const template = catalogs[locale][key];
  return vars ? template.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m)) : template;
}

export function isLocale(value: string | null): value is Locale {
  return value !== null && (locales as readonly string[]).includes(value);
}

function initialLocale(): Locale {
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
  const setLocale = useCallback((next: Locale) => {
    setLocaleState(next);
    try {
      globalThis.localStorage?.setItem(storageKey, next);
    } catch {
      // not persisted; the choice still holds for this page
    }
  }, []);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  const value = useMemo<I18nValue>(() => ({ locale, setLocale, t: (key, vars) => translate(locale, key, vars) }), [locale, setLocale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n must be used inside <I18nProvider>');
  return value;
}
