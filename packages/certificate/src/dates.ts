import type { Locale } from './labels.ts';

/**
 * Kyrgyz month names in the possessive form official documents use after the day:
 * "2026-жылдын 5-декабры" (compare "24-октябрындагы", "23-августундагы" in decrees).
 * ICU's own `ky` pattern gives "2026-ж., 5-декабрь", and some ICU builds have no `ky` at all,
 * so Kyrgyz never goes through Intl.
 */
const KY_MONTHS = [
  'январы', 'февралы', 'марты', 'апрели', 'майы', 'июну',
  'июлу', 'августу', 'сентябры', 'октябры', 'ноябры', 'декабры',
] as const;

/** Genitive month names, for an ICU without Russian data ("5 декабря 2026 г."). */
const RU_MONTHS = [
  'января', 'февраля', 'марта', 'апреля', 'мая', 'июня',
  'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря',
] as const;

const EN_MONTHS = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
] as const;

/** Parses a calendar date `YYYY-MM-DD`; throws on anything else, including 2026-02-30. */
export function parseIsoDate(value: string): { year: number; month: number; day: number } {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) throw new RangeError(`not a YYYY-MM-DD date: ${value}`);
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) {
    throw new RangeError(`not a calendar date: ${value}`);
  }
  return { year, month, day };
}

/** The award date as the certificate prints it in `locale`. */
export function formatCertificateDate(value: string, locale: Locale): string {
  const { year, month, day } = parseIsoDate(value);
  if (locale === 'ky') return `${year}-жылдын ${day}-${KY_MONTHS[month - 1]}`;
  // UTC both ways: the date is a calendar date, not an instant, so no zone may shift it.
  const fmt = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' });
  if (fmt.resolvedOptions().locale.split('-')[0] === locale) return fmt.format(new Date(Date.UTC(year, month - 1, day)));
  // A small-ICU build resolves every locale to English; fall back to our own tables.
  return locale === 'ru' ? `${day} ${RU_MONTHS[month - 1]} ${year} г.` : `${EN_MONTHS[month - 1]} ${day}, ${year}`;
}
