/**
 * The shared catalogue's machinery with Kyrgyz only. `index.ts` adds Russian and English at
 * once (the server, tools, tests); the PWA imports this module and loads a language's
 * catalogue (`./ru`, `./en`) when the user picks it, so its first load carries Kyrgyz alone.
 */
import { ky, type MessageKey } from './ky.ts';

export type { MessageKey };
export const LOCALES = ['ky', 'ru', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'ky';

/**
 * Number formats per locale, cached. Kyrgyz falls back to Russian conventions (space-grouped
 * thousands, as used in Kyrgyzstan) where the runtime lacks Kyrgyz data (Debian's Chromium),
 * rather than to US English ("12,345").
 */
const numberFormats = new Map<string, Intl.NumberFormat>();
export function numberFormat(locale: string): Intl.NumberFormat {
  let f = numberFormats.get(locale);
  if (!f) {
    f = new Intl.NumberFormat(locale === 'ky' ? ['ky', 'ru'] : [locale]);
    numberFormats.set(locale, f);
  }
  return f;
}

const moneyFormats = new Map<string, Intl.NumberFormat>();
/**
 * Formats an amount kept in integer minor units (tyiyn, cents) as money in the locale's style:
 * "1 250,50 сом" in ky and ru, "KGS 1,250.50" in en. `minorUnits` is the currency's number of
 * decimals (2, or 0 for KRW and JPY; `minorUnits()` in @mekendesh/core). Kyrgyz falls back to
 * Russian conventions as {@link numberFormat} does.
 */
export function formatMoney(locale: string, minor: number, currency: string, minorUnits = 2): string {
  const key = `${locale}|${currency}|${minorUnits}`;
  let f = moneyFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale === 'ky' ? ['ky', 'ru'] : [locale], {
      style: 'currency',
      currency,
      minimumFractionDigits: minorUnits,
      maximumFractionDigits: minorUnits,
    });
    moneyFormats.set(key, f);
  }
  // Exact for every amount we accept: split rather than divide, so no float rounding shows.
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  const scale = 10 ** minorUnits;
  const decimal = minorUnits === 0 ? `${sign}${abs}` : `${sign}${Math.floor(abs / scale)}.${String(abs % scale).padStart(minorUnits, '0')}`;
  return f.format(decimal as unknown as number);
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();
/** Formats a calendar date (`YYYY-MM-DD`) for the locale, without a time or a time zone shift. */
export function formatDate(locale: string, date: string): string {
  let f = dateFormats.get(locale);
  if (!f) {
    f = new Intl.DateTimeFormat(locale === 'ky' ? ['ky', 'ru'] : [locale], { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' });
    dateFormats.set(locale, f);
  }
  return f.format(new Date(`${date.slice(0, 10)}T00:00:00Z`));
}

/**
 * The three catalogues. Kyrgyz is the reference; the others must have exactly its keys. Typed
 * as complete; at run time a language is present once registered (always, through `index.ts`).
 */
export const CATALOGUES = { ky } as unknown as Record<Locale, Record<MessageKey, string>>;

/** Adds a language's catalogue (the PWA does it when that language is first chosen). */
export function registerLocale(locale: Locale, catalogue: Record<MessageKey, string>): void {
  CATALOGUES[locale] = catalogue;
}

/** Whether a language's catalogue is present. */
/**
 * The key naming what a queued change does (`mutation.roster.update` → "Editing a member"), for
 * lists of changes the server refused; null for a name the catalogue does not know (an older or
 * newer client's), which the caller shows as it is.
 */
export function mutationKey(name: string): MessageKey | null {
  const key = `mutation.${name}`;
  return Object.hasOwn(ky, key) ? (key as MessageKey) : null;
}

export const hasLocale = (locale: Locale): boolean => Object.hasOwn(CATALOGUES, locale);

/**
 * Chooses a locale from an Accept-Language header: the first supported tag by quality, else
 * Kyrgyz.
 */
export function negotiateLocale(header: string | null | undefined): Locale {
  if (!header) return DEFAULT_LOCALE;
  const tags = header
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.find((p) => p.trim().startsWith('q='));
      return { lang: tag.toLowerCase().split('-')[0] ?? '', q: q ? Number(q.split('=')[1]) : 1 };
    })
    .filter((t) => t.lang && !Number.isNaN(t.q))
    .sort((a, b) => b.q - a.q);
  for (const t of tags) if ((LOCALES as readonly string[]).includes(t.lang)) return t.lang as Locale;
  return DEFAULT_LOCALE;
}

/**
 * Formats a message with ICU-style `{name}` arguments and `{n, plural, =0 {…} one {…} other {…}}`
 * blocks, where plural categories come from `Intl.PluralRules` of the locale and `#` is the
 * number formatted for it.
 */
export function t(locale: Locale, key: MessageKey, args: Record<string, string | number> = {}): string {
  const template = CATALOGUES[locale]?.[key] ?? CATALOGUES[DEFAULT_LOCALE][key] ?? key;
  return format(locale, template, args);
}

/** Formats a template as {@link t} does, for catalogues kept elsewhere (the PWA's own strings). */
export const formatMessage = (locale: Locale, template: string, args: Record<string, string | number> = {}): string => format(locale, template, args);

function format(locale: Locale, template: string, args: Record<string, string | number>): string {
  let out = '';
  let i = 0;
  while (i < template.length) {
    const open = template.indexOf('{', i);
    if (open < 0) {
      out += template.slice(i);
      break;
    }
    out += template.slice(i, open);
    const close = matchingBrace(template, open);
    const body = template.slice(open + 1, close);
    const plural = /^\s*(\w+)\s*,\s*plural\s*,(.*)$/s.exec(body);
    if (plural) {
      const n = Number(args[plural[1]!] ?? 0);
      out += formatPlural(locale, plural[2]!, n, args);
    } else {
      const v = args[body.trim()];
      out += v === undefined ? `{${body}}` : typeof v === 'number' ? numberFormat(locale).format(v) : v;
    }
    i = close + 1;
  }
  return out;
}

function formatPlural(locale: Locale, spec: string, n: number, args: Record<string, string | number>): string {
  const options = new Map<string, string>();
  const re = /\s*(=\d+|\w+)\s*\{/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(spec))) {
    const start = m.index + m[0].length - 1;
    const end = matchingBrace(spec, start);
    options.set(m[1]!, spec.slice(start + 1, end));
    re.lastIndex = end + 1;
  }
  const chosen = options.get(`=${n}`) ?? options.get(new Intl.PluralRules(locale).select(n)) ?? options.get('other') ?? '';
  return format(locale, chosen.replace(/#/g, numberFormat(locale).format(n)), args);
}

function matchingBrace(s: string, open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    if (s[i] === '{') depth++;
    else if (s[i] === '}' && --depth === 0) return i;
  }
  throw new Error(`unbalanced braces in message: ${s}`);
}
