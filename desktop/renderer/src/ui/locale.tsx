import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { DEFAULT_LOCALE } from '@mekendesh/i18n';
import { isLocale, t, type Key, type Locale } from '../i18n/index.ts';

const STORAGE_KEY = 'mk.desktop.locale';

interface LocaleState {
  locale: Locale;
  setLocale(locale: Locale): void;
}
const LocaleContext = createContext<LocaleState>({ locale: DEFAULT_LOCALE, setLocale: () => {} });

const initialLocale = (): Locale => {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (isLocale(saved)) return saved;
  } catch {
    // storage blocked: Kyrgyz it is
  }
  return DEFAULT_LOCALE;
};

/** The UI language: Kyrgyz unless the leader chose another (remembered on this computer). */
export function LocaleProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);
  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = t(locale, 'app.name');
  }, [locale]);
  const setLocale = useCallback((next: Locale) => {
    setLocaleState(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // not remembered, still switched
    }
  }, []);
  const value = useMemo(() => ({ locale, setLocale }), [locale, setLocale]);
  return <LocaleContext.Provider value={value}>{children}</LocaleContext.Provider>;
}

export const useLocale = () => useContext(LocaleContext);

/** `tr(key, args)` in the current UI language. */
export function useT() {
  const { locale } = useLocale();
  return useCallback((key: Key, args?: Record<string, string | number>) => t(locale, key, args), [locale]);
}

/** Intl locales for a UI language: Chromium builds without Kyrgyz data get Russian conventions, as used in Kyrgyzstan. */
export const intlLocales = (locale: Locale): string[] => (locale === 'ky' ? ['ky', 'ru'] : [locale]);

/** Formats dates (`YYYY-MM-DD` calendar dates or ISO timestamps) and numbers in the UI language. */
export function useFormat() {
  const { locale } = useLocale();
  return useMemo(() => {
    const locales = intlLocales(locale);
    const day = new Intl.DateTimeFormat(locales, { dateStyle: 'medium', timeZone: 'UTC' });
    const stamp = new Intl.DateTimeFormat(locales, { dateStyle: 'medium', timeStyle: 'short' });
    const time = new Intl.DateTimeFormat(locales, { timeStyle: 'medium' });
    const num = new Intl.NumberFormat(locales);
    return {
      date: (d: string | null) => (d ? day.format(new Date(`${d.slice(0, 10)}T00:00:00Z`)) : ''),
      stamp: (iso: string) => stamp.format(new Date(iso)),
      /** Time only for today, date and time otherwise. */
      when: (iso: string) => (new Date(iso).toDateString() === new Date().toDateString() ? time : stamp).format(new Date(iso)),
      num: (n: number) => num.format(n),
    };
  }, [locale]);
}
