import { LOCALES, t as sharedT, type Locale, type MessageKey } from '@mekendesh/i18n';
import { en } from './en.ts';
import { ky, type PwaKey } from './ky.ts';
import { ru } from './ru.ts';

export { LOCALES, type Locale, type PwaKey };
/** Every key the PWA can show: the shared catalogue's and its own. */
export type Key = MessageKey | PwaKey;

export const PWA_CATALOGUES: Record<Locale, Record<PwaKey, string>> = { ky, ru, en };

const isPwaKey = (key: string): key is PwaKey => Object.hasOwn(ky, key);

/**
 * Translates a key from the PWA's catalogue or, failing that, the shared one. The PWA's own
 * strings take only `{name}` arguments (no plurals: those belong in the shared catalogue).
 */
export function t(locale: Locale, key: Key, args: Record<string, string | number> = {}): string {
  if (!isPwaKey(key)) return sharedT(locale, key, args);
  const template = PWA_CATALOGUES[locale][key] ?? ky[key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = args[name];
    return v === undefined ? whole : typeof v === 'number' ? new Intl.NumberFormat(locale).format(v) : v;
  });
}

export const isLocale = (v: unknown): v is Locale => typeof v === 'string' && (LOCALES as readonly string[]).includes(v);
