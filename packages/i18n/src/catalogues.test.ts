import { describe, expect, it } from 'vitest';
import { MUTATION_NAMES, AVAILABILITY, ENGAGEMENT_STATUSES, FORMATS, NOTIFICATION_KINDS, PLEDGE_STATUSES, PROJECT_ROLES, PROJECT_STATUSES, REASON_CODES } from '@mekendesh/core';
import { CATALOGUES, LOCALES, mutationKey, negotiateLocale, numberFormat, t } from './index.ts';

describe('catalogues', () => {
  it('every key exists, non-empty, in ky, ru and en', () => {
    const reference = Object.keys(CATALOGUES.ky).sort();
    for (const locale of LOCALES) {
      const keys = Object.keys(CATALOGUES[locale]).sort();
      expect(keys, locale).toEqual(reference);
      for (const k of keys) expect(CATALOGUES[locale][k as keyof typeof CATALOGUES.ky].trim(), `${locale}:${k}`).not.toBe('');
    }
  });

  it('every domain value the UI shows has a label: engagement statuses, notifications, match reasons, facets', () => {
    const keys = Object.keys(CATALOGUES.ky);
    const wanted = [
      ...ENGAGEMENT_STATUSES.map((s) => `engagement.status.${s}`),
      ...NOTIFICATION_KINDS.map((k) => `notification.${k}`),
      ...['skills', 'skills_abroad', 'sector', 'home_settlement', 'home_region', 'languages', 'availability', 'formats'].map((k) => `match.${k}`),
      ...['country', 'homeRegion', 'sector', 'language', 'availability', 'format'].map((f) => `facet.${f}`),
      ...AVAILABILITY.map((a) => `availability.${a}`),
      ...FORMATS.map((f) => `format.${f}`),
      ...PROJECT_STATUSES.map((s) => `project.status.${s}`),
      ...PROJECT_ROLES.map((r) => `project.role.${r}`),
      ...PLEDGE_STATUSES.map((s) => `pledge.status.${s}`),
    ];
    expect(wanted.filter((k) => !keys.includes(k))).toEqual([]);
    expect(t('ru', 'search.results', { count: 21 })).toBe('Найден 21 человек');
    expect(t('ru', 'search.results', { count: 3 })).toBe('Найдено 3 человека');
    expect(t('en', 'search.results', { count: 1 })).toBe('1 person found');
    expect(t('ky', 'notification.engagement_accepted', { name: 'Айгүл' })).toBe('Айгүл сунушуңузду кабыл алды');
  });

  it('every kind of queued change has a name, for the list of changes the server refused', () => {
    expect(MUTATION_NAMES.filter((n) => mutationKey(n) === null)).toEqual([]);
    expect(t('ky', mutationKey('roster.update')!)).toBe('Мүчөнүн маалыматын өзгөртүү');
    expect(t('en', mutationKey('nomination.submit')!)).toBe('Submitting a nomination');
    expect(mutationKey('future.thing')).toBeNull();
    // Only names, not every key that starts like one.
    expect(mutationKey('__proto__')).toBeNull();
  });

  it('every error reason code has a message', () => {
    for (const code of REASON_CODES) expect(Object.keys(CATALOGUES.ky)).toContain(`errors.${code}`);
  });

  it('plurals and numbers follow the locale', () => {
    expect(t('ru', 'sync.pending', { count: 1 })).toBe('1 неотправленное изменение');
    expect(t('ru', 'sync.pending', { count: 3 })).toBe('3 неотправленных изменения');
    expect(t('ru', 'sync.pending', { count: 5 })).toBe('5 неотправленных изменений');
    expect(t('ru', 'sync.pending', { count: 0 })).toBe('Нет неотправленных изменений');
    expect(t('en', 'sync.pending', { count: 1 })).toBe('1 unsent change');
    expect(t('en', 'sync.pending', { count: 12345 })).toBe('12,345 unsent changes');
    expect(t('ky', 'sync.pending', { count: 12345 })).toBe(`Жөнөтүлө элек ${new Intl.NumberFormat('ky').format(12345)} өзгөрүү`);
  });

  it('negotiates the language from Accept-Language, Kyrgyz by default', () => {
    expect(negotiateLocale(undefined)).toBe('ky');
    expect(negotiateLocale('de-DE,de;q=0.9')).toBe('ky');
    expect(negotiateLocale('de-DE,ru;q=0.5,en;q=0.8')).toBe('en');
    expect(negotiateLocale('ru-RU')).toBe('ru');
  });
});

describe('money and dates', () => {
  it('formats minor units per locale and currency, exactly, never as one sum', async () => {
    const { formatMoney, formatDate } = await import('./index.ts');
    const nb = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
    expect(nb(formatMoney('en', 125050, 'KGS'))).toBe('KGS 1,250.50');
    expect(nb(formatMoney('ru', 125050, 'KGS'))).toBe('1 250,50 KGS');
    expect(nb(formatMoney('en', 1_000_000, 'KRW', 0))).toBe('₩1,000,000');
    expect(nb(formatMoney('en', 1, 'USD'))).toBe('$0.01');
    expect(nb(formatMoney('en', 900_719_925_474_099, 'USD'))).toBe('$9,007,199,254,740.99');
    expect(formatMoney('ky', 100, 'KGS')).not.toContain('KGS 1.00');
    expect(formatDate('en', '2026-05-12')).toBe('May 12, 2026');
    expect(formatDate('ru', '2026-05-12')).toBe('12 мая 2026 г.');
  });
});

describe('numbers in Kyrgyz', () => {
  it('use Kyrgyz data when the runtime has it, else Russian conventions (never US English grouping)', () => {
    const f = numberFormat('ky');
    expect(['ky', 'ru']).toContain(f.resolvedOptions().locale);
    expect(f.format(12345)).not.toBe('12,345');
    expect(numberFormat('en').format(12345)).toBe('12,345');
  });
});

describe('the server pages’ catalogue', () => {
  it('every key exists, non-empty, in ky, ru and en, and none repeats an app key', async () => {
    const { PAGE_CATALOGUES } = await import('./pages.ts');
    const reference = Object.keys(PAGE_CATALOGUES.ky).sort();
    for (const locale of LOCALES) {
      expect(Object.keys(PAGE_CATALOGUES[locale]).sort(), locale).toEqual(reference);
      for (const [k, v] of Object.entries(PAGE_CATALOGUES[locale])) expect(v.trim(), `${locale}:${k}`).not.toBe('');
    }
    expect(reference.filter((k) => k in CATALOGUES.ky)).toEqual([]);
  });
});
