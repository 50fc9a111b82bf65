import { LOCALES, formatMessage, t as sharedT, type Locale, type MessageKey } from '@mekendesh/i18n';
import { en } from './en.ts';
import { ky, type DesktopKey } from './ky.ts';
import { ru } from './ru.ts';

export { LOCALES, type Locale, type DesktopKey };
/** Every key the desktop renderer can show: the shared catalogue's and its own. */
export type Key = MessageKey | DesktopKey;

export const DESKTOP_CATALOGUES: Record<Locale, Record<DesktopKey, string>> = { ky, ru, en };

const isOwnKey = (key: string): key is DesktopKey => Object.hasOwn(ky, key);

/** Translates a key from the renderer's catalogue or, failing that, the shared one (ICU plurals, `{name}` arguments). */
export function t(locale: Locale, key: Key, args: Record<string, string | number> = {}): string {
  if (!isOwnKey(key)) return sharedT(locale, key, args);
  return formatMessage(locale, DESKTOP_CATALOGUES[locale][key] ?? ky[key], args);
}

export const isLocale = (v: unknown): v is Locale => typeof v === 'string' && (LOCALES as readonly string[]).includes(v);
