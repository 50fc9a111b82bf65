import { describe, expect, it } from 'vitest';
import { CATALOGUES } from '@mekendesh/i18n';
import { PWA_CATALOGUES, loadAllLocales, t } from './index.ts';

// Russian and English load on demand in the app; the tests read all three.
await loadAllLocales();

const keys = (o: object) => Object.keys(o).sort();

describe('PWA catalogues', () => {
  it('have exactly the Kyrgyz keys in Russian and English, none empty', () => {
    for (const locale of ['ru', 'en'] as const) expect(keys(PWA_CATALOGUES[locale])).toEqual(keys(PWA_CATALOGUES.ky));
    for (const cat of Object.values(PWA_CATALOGUES)) for (const v of Object.values(cat)) expect(v.trim()).not.toBe('');
  });

  it('use the same {arguments} in every language', () => {
    const args = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const [key, ky] of Object.entries(PWA_CATALOGUES.ky)) {
      for (const locale of ['ru', 'en'] as const) expect(args(PWA_CATALOGUES[locale][key as keyof typeof PWA_CATALOGUES.ky]), `${locale} ${key}`).toEqual(args(ky));
    }
  });

  it('do not shadow keys of the shared catalogue', () => {
    const shared = new Set(Object.keys(CATALOGUES.ky));
    expect(Object.keys(PWA_CATALOGUES.ky).filter((k) => shared.has(k))).toEqual([]);
  });

  it('translate own and shared keys, with arguments and plurals', () => {
    expect(t('ky', 'profile.title')).toBe('Менин профилим');
    expect(t('en', 'status.lastSync', { time: '10:05' })).toBe('Last synced: 10:05');
    expect(t('ky', 'sync.offline')).toBe('Ушул түзмөктө гана сакталды');
    expect(t('en', 'sync.pending', { count: 1 })).toBe('1 unsent change');
    expect(t('ru', 'search.results', { count: 3 })).toMatch(/3/);
  });
});
