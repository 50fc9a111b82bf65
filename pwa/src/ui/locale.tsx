import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { DEFAULT_LOCALE } from '@mekendesh/i18n/base';
import { isLocale, isLocaleLoaded, loadLocale, t, type Key, type Locale } from '../i18n/index.ts';

const STORAGE_KEY = 'mk.locale';

export interface LocaleState {
  locale: Locale;
  setLocale(locale: Locale): void;
}
const LocaleContext = createContext<LocaleState>({ locale: DEFAULT_LOCALE, setLocale: () => {} });

/** The language this device chose (Kyrgyz unless another was picked); load it before the first render. */
export const initialLocale = (): Locale => {
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
  // A language whose strings are not here yet (the entry loads the chosen one first) shows in
  // Kyrgyz until they arrive, rather than as keys.
  const [locale, setLocaleState] = useState<Locale>(() => {
    const chosen = initialLocale();
    return isLocaleLoaded(chosen) ? chosen : 'ky';
  });
  useEffect(() => {
    if (given) return;
    document.documentElement.lang = locale;
    document.title = t(locale, 'app.name');
  }, [locale, given]);
  const setLocale = useCallback((next: Locale) => {
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // not remembered, still switched
    }
    // Russian and English come in their own chunks (precached, so this works offline too).
    // If the chunk cannot load (an old cache), the page stays in the language it shows.
    loadLocale(next).then(() => setLocaleState(next), () => {});
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
