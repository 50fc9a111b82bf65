import { LOCALES, formatMessage, t as sharedT, type Locale, type MessageKey } from '@mekendesh/i18n';
import { en } from './en.ts';
import { ky, type PwaKey } from './ky.ts';
import { ru } from './ru.ts';
import type { ProjectKey } from './project-ky.ts';
import type { WorkspaceKey } from './workspace-ky.ts';
import type { AwardKey } from './award-ky.ts';

export { LOCALES, type Locale, type PwaKey, type ProjectKey, type WorkspaceKey, type AwardKey };
/** Every key the PWA can show: the shared catalogue's, its own, and those of screens loaded later. */
export type Key = MessageKey | PwaKey | ProjectKey | WorkspaceKey | AwardKey;

export const PWA_CATALOGUES: Record<Locale, Record<PwaKey, string>> = { ky, ru, en };

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
  return formatMessage(locale, PWA_CATALOGUES[locale][key] ?? ky[key], args);
}

export const isLocale = (v: unknown): v is Locale => typeof v === 'string' && (LOCALES as readonly string[]).includes(v);
