import { LOCALES, formatMessage, t as sharedT, type Locale, type MessageKey } from '@mekendesh/i18n';
import { en } from './en.ts';
import { ky, type PwaKey } from './ky.ts';
import { ru } from './ru.ts';

export { LOCALES, type Locale, type PwaKey };
/** Every key the PWA can show: the shared catalogue's and its own. */
export type Key = MessageKey | PwaKey;

export const PWA_CATALOGUES: Record<Locale, Record<PwaKey, string>> = { ky, ru, en };

const isPwaKey = (key: string): key is PwaKey => Object.hasOwn(ky, key);

/**
 * Translates a key from the PWA's catalogue or, failing that, the shared one. Both take
 * `{name}` arguments and ICU plurals (`{count, plural, one {…} other {…}}`), formatted for the
 * locale.
 */
export function t(locale: Locale, key: Key, args: Record<string, string | number> = {}): string {
  if (!isPwaKey(key)) return sharedT(locale, key, args);
  return formatMessage(locale, PWA_CATALOGUES[locale][key] ?? ky[key], args);
}

export const isLocale = (v: unknown): v is Locale => typeof v === 'string' && (LOCALES as readonly string[]).includes(v);
