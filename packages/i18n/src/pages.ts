/**
 * `@mekendesh/i18n/pages`: the server's pages and the CLI translate with this `t`, which knows
 * their own strings (`pages-{ky,ru,en}.ts`) and everything in the apps' catalogues (errors,
 * labels). The PWA never imports it, so these strings stay out of its first load.
 */
import { CATALOGUES, formatMessage, type Locale, type MessageKey } from './index.ts';
import { pagesKy, type PageKey } from './pages-ky.ts';
import { pagesRu } from './pages-ru.ts';
import { pagesEn } from './pages-en.ts';

export type { PageKey };
export type ServerKey = MessageKey | PageKey;

export const PAGE_CATALOGUES: Record<Locale, Record<PageKey, string>> = { ky: pagesKy, ru: pagesRu, en: pagesEn };

/** Every string the server may show, by locale: the apps' catalogue and the pages'. */
export const SERVER_CATALOGUES = {
  ky: { ...CATALOGUES.ky, ...pagesKy },
  ru: { ...CATALOGUES.ru, ...pagesRu },
  en: { ...CATALOGUES.en, ...pagesEn },
} as Record<Locale, Record<ServerKey, string>>;

export function t(locale: Locale, key: ServerKey, args: Record<string, string | number> = {}): string {
  return formatMessage(locale, SERVER_CATALOGUES[locale][key] ?? SERVER_CATALOGUES.ky[key] ?? key, args);
}
