import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { DEFAULT_LOCALE } from '@mekendesh/i18n';
import { isLocale, t, type Key, type Locale } from '../i18n/index.ts';

const STORAGE_KEY = 'mk.locale';

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

/** Holds the UI language: Kyrgyz unless the user chose another (remembered on this device). */
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
