import { describe, expect, it } from 'vitest';
import { CATALOGUES } from '@mekendesh/i18n';
import { PWA_CATALOGUES, loadAllLocales, t } from './index.ts';

// Russian and English load on demand in the app; the tests read all three.
await loadAllLocales();
import { AWARD_CATALOGUES } from './award.ts';
import { PROJECT_CATALOGUES } from './project.ts';
import { WORKSPACE_CATALOGUES } from './workspace.ts';

const keys = (o: object) => Object.keys(o).sort();

describe('the award screens’ catalogues (loaded with those screens)', () => {
  it('have exactly the Kyrgyz keys in Russian and English, none empty, all under award.', () => {
    for (const locale of ['ru', 'en'] as const) expect(keys(AWARD_CATALOGUES[locale])).toEqual(keys(AWARD_CATALOGUES.ky));
    for (const cat of Object.values(AWARD_CATALOGUES)) for (const v of Object.values(cat)) expect(v.trim()).not.toBe('');
    for (const k of Object.keys(AWARD_CATALOGUES.ky)) expect(k.startsWith('award.')).toBe(true);
  });

  it('use the same {arguments} and plural arguments in every language', () => {
    const args = (s: string) => [...s.matchAll(/\{(\w+)(?:\}|\s*,\s*plural)/g)].map((m) => m[1]).sort();
    for (const [key, ky] of Object.entries(AWARD_CATALOGUES.ky)) {
      for (const locale of ['ru', 'en'] as const) expect(args(AWARD_CATALOGUES[locale][key as keyof typeof AWARD_CATALOGUES.ky]), `${locale} ${key}`).toEqual(args(ky));
    }
  });

  it('do not shadow keys of the PWA, the project screens, the workspace or the shared catalogue', () => {
    const taken = new Set([...Object.keys(CATALOGUES.ky), ...Object.keys(PWA_CATALOGUES.ky), ...Object.keys(PROJECT_CATALOGUES.ky), ...Object.keys(WORKSPACE_CATALOGUES.ky)]);
    expect(Object.keys(AWARD_CATALOGUES.ky).filter((k) => taken.has(k))).toEqual([]);
  });

  it('translate through t once registered, with plurals and dates of the locale', () => {
    expect(t('ky', 'nav.award')).toBe('Сыйлык');
    expect(t('en', 'award.window.closesIn', { count: 0 })).toBe('closes today');
    expect(t('en', 'award.window.closesIn', { count: 12 })).toBe('closes in 12 days');
    expect(t('ru', 'award.window.closesIn', { count: 21 })).toBe('до закрытия 21 день');
    expect(t('ru', 'award.window.closesIn', { count: 3 })).toBe('до закрытия 3 дня');
    expect(t('ru', 'award.window.closesIn', { count: 11 })).toBe('до закрытия 11 дней');
    expect(t('ky', 'award.window.opensIn', { count: 5 })).toBe('5 күндөн кийин ачылат');
    expect(t('ru', 'award.count.nominations', { count: 1500 })).toMatch(/^1\s500 заявок$/);
    expect(t('en', 'award.review.othersLater')).toBe('Other reviewers’ scores appear after you submit yours.');
    expect(t('en', 'award.cycle.rulesLine', { reviewers: 1, quorum: 3, cap: 2, cooldown: 1 })).toBe('1 reviewer per nomination · quorum 3 · up to 2 nominations per nominator and category · winners wait 1 cycle');
  });
});
