import { LOCALES, formatMessage, hasLocale, registerLocale, t as sharedT, type Locale, type MessageKey } from '@mekendesh/i18n/base';
import { ky, type PwaKey } from './ky.ts';
import type { ProjectKey } from './project-ky.ts';
import type { WorkspaceKey } from './workspace-ky.ts';
import type { AwardKey } from './award-ky.ts';

export { LOCALES, type Locale, type PwaKey, type ProjectKey, type WorkspaceKey, type AwardKey };
/** Every key the PWA can show: the shared catalogue's, its own, and those of screens loaded later. */
export type Key = MessageKey | PwaKey | ProjectKey | WorkspaceKey | AwardKey;

/**
 * The PWA's own strings. Kyrgyz is always here; Russian and English arrive with
 * {@link loadLocale} (their own chunks, precached for offline use like every asset), so the
 * first load carries one language.
 */
export const PWA_CATALOGUES = { ky } as unknown as Record<Locale, Record<PwaKey, string>>;

/** Loads a language's catalogues (the shared one and the PWA's) before it is shown. */
export async function loadLocale(locale: Locale): Promise<void> {
  if (locale === 'ky' || (hasLocale(locale) && Object.hasOwn(PWA_CATALOGUES, locale))) return;
  if (locale === 'ru') {
    const [shared, own] = await Promise.all([import('@mekendesh/i18n/ru'), import('./ru.ts')]);
    registerLocale('ru', shared.ru);
    PWA_CATALOGUES.ru = own.ru;
  } else {
    const [shared, own] = await Promise.all([import('@mekendesh/i18n/en'), import('./en.ts')]);
    registerLocale('en', shared.en);
    PWA_CATALOGUES.en = own.en;
  }
}

/** Whether a language can be shown without waiting. */
export const isLocaleLoaded = (locale: Locale): boolean => locale === 'ky' || (hasLocale(locale) && Object.hasOwn(PWA_CATALOGUES, locale));

/** Every language (tests; the desktop, which does not count bytes). */
export const loadAllLocales = (): Promise<void> => Promise.all(LOCALES.map(loadLocale)).then(() => undefined);

const isPwaKey = (key: string): key is PwaKey => Object.hasOwn(ky, key);

/**
 * Catalogues that arrive with a lazily loaded screen (the project overview's, `project.ts`; the
 * workspace's, `workspace.ts`; the award's, `award.ts`):
 * registered when their chunk loads, so their strings stay out of the first load.
 */
const later: Partial<Record<Locale, Record<string, string>>>[] = [];
export function registerCatalogue(catalogue: Record<Locale, Record<string, string>>): void {
  if (!later.includes(catalogue)) later.push(catalogue);
}

/**
 * Translates a key from the PWA's catalogue or, failing that, the shared one. Both take
 * `{name}` arguments and ICU plurals (`{count, plural, one {…} other {…}}`), formatted for the
 * locale.
 */
export function t(locale: Locale, key: Key, args: Record<string, string | number> = {}): string {
  if (!isPwaKey(key)) {
    for (const c of later) {
      const template = c[locale]?.[key] ?? c.ky?.[key];
      if (template !== undefined) return formatMessage(locale, template, args);
    }
    return sharedT(locale, key as MessageKey, args);
  }
  return formatMessage(locale, PWA_CATALOGUES[locale]?.[key] ?? ky[key], args);
}

export const isLocale = (v: unknown): v is Locale => typeof v === 'string' && (LOCALES as readonly string[]).includes(v);
