import { describe, expect, it } from 'vitest';
import { CATALOGUES } from '@mekendesh/i18n';
import { DESKTOP_CATALOGUES, t } from './index.ts';

const keys = (o: object) => Object.keys(o).sort();

describe('desktop renderer catalogues', () => {
  it('have exactly the Kyrgyz keys in Russian and English, none empty', () => {
    for (const locale of ['ru', 'en'] as const) expect(keys(DESKTOP_CATALOGUES[locale])).toEqual(keys(DESKTOP_CATALOGUES.ky));
    for (const cat of Object.values(DESKTOP_CATALOGUES)) for (const v of Object.values(cat)) expect(v.trim()).not.toBe('');
  });

  it('use the same {arguments} in every language', () => {
    const args = (s: string) => [...new Set([...s.matchAll(/\{(\w+)[,}]/g)].map((m) => m[1]))].sort();
    for (const [key, ky] of Object.entries(DESKTOP_CATALOGUES.ky)) {
      for (const locale of ['ru', 'en'] as const) expect(args(DESKTOP_CATALOGUES[locale][key as keyof typeof DESKTOP_CATALOGUES.ky]), `${locale} ${key}`).toEqual(args(ky));
    }
  });

  it('do not shadow keys of the shared catalogue', () => {
    const shared = new Set(Object.keys(CATALOGUES.ky));
    expect(Object.keys(DESKTOP_CATALOGUES.ky).filter((k) => shared.has(k))).toEqual([]);
  });

  it('translate with arguments and plurals', () => {
    // Counts come preformatted as {n} (Kyrgyz with Russian conventions where Chromium lacks Kyrgyz data).
    expect(t('en', 'roster.selected', { count: 1, n: '1' })).toBe('1 selected');
    expect(t('en', 'roster.total', { count: 50001, n: '50,001' })).toBe('50,001 people');
    expect(t('ru', 'roster.total', { count: 5, n: '5' })).toBe('5 человек');
    expect(t('ru', 'roster.total', { count: 2, n: '2' })).toBe('2 человека');
    expect(t('ky', 'associations.pending', { count: 0, n: '0' })).toBe('өтүнмө жок');
    expect(t('ky', 'sync.idle')).toBe(t('ky', 'sync.idle'));
  });
});
