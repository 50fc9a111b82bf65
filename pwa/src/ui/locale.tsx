import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { DEFAULT_LOCALE } from '@mekendesh/i18n';
import { isLocale, t, type Key, type Locale } from '../i18n/index.ts';

const STORAGE_KEY = 'mk.locale';

export interface LocaleState {
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

/**
 * Holds the UI language: Kyrgyz unless the user chose another (remembered on this device).
 * A host that keeps the language itself (the desktop, showing these screens inside its own)
 * passes `value`, and the provider only hands it down.
 */
export function LocaleProvider({ children, value: given }: { children: ReactNode; value?: LocaleState }) {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);
  useEffect(() => {
    if (given) return;
    document.documentElement.lang = locale;
    document.title = t(locale, 'app.name');
  }, [locale, given]);
  const setLocale = useCallback((next: Locale) => {
    setLocaleState(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // not remembered, still switched
    }
  }, []);
  const own = useMemo(() => ({ locale, setLocale }), [locale, setLocale]);
  return <LocaleContext.Provider value={given ?? own}>{children}</LocaleContext.Provider>;
}

export const useLocale = () => useContext(LocaleContext);

/** `tr(key, args)` in the current UI language. */
export function useT() {
  const { locale } = useLocale();
  return useCallback((key: Key, args?: Record<string, string | number>) => t(locale, key, args), [locale]);
}
