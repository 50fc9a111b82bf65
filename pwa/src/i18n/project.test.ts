import { describe, expect, it } from 'vitest';
import { CATALOGUES } from '@mekendesh/i18n';
import { PWA_CATALOGUES, loadAllLocales, t } from './index.ts';

// Russian and English load on demand in the app; the tests read all three.
await loadAllLocales();
import { PROJECT_CATALOGUES } from './project.ts';
import { WORKSPACE_CATALOGUES } from './workspace.ts';

const keys = (o: object) => Object.keys(o).sort();

describe('the project screens’ catalogues (loaded with those screens)', () => {
  it('have exactly the Kyrgyz keys in Russian and English, none empty, all under project.', () => {
    for (const locale of ['ru', 'en'] as const) expect(keys(PROJECT_CATALOGUES[locale])).toEqual(keys(PROJECT_CATALOGUES.ky));
    for (const cat of Object.values(PROJECT_CATALOGUES)) for (const v of Object.values(cat)) expect(v.trim()).not.toBe('');
    for (const k of Object.keys(PROJECT_CATALOGUES.ky)) expect(k.startsWith('project.')).toBe(true);
  });

  it('use the same {arguments} in every language', () => {
    const args = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const [key, ky] of Object.entries(PROJECT_CATALOGUES.ky)) {
      for (const locale of ['ru', 'en'] as const) expect(args(PROJECT_CATALOGUES[locale][key as keyof typeof PROJECT_CATALOGUES.ky]), `${locale} ${key}`).toEqual(args(ky));
    }
  });

  it('do not shadow keys of the PWA, the workspace or the shared catalogue', () => {
    const taken = new Set([...Object.keys(CATALOGUES.ky), ...Object.keys(PWA_CATALOGUES.ky), ...Object.keys(WORKSPACE_CATALOGUES.ky)]);
    expect(Object.keys(PROJECT_CATALOGUES.ky).filter((k) => taken.has(k))).toEqual([]);
  });

  it('translate through t once registered, with arguments, beside the PWA and shared keys', () => {
    expect(t('en', 'project.members.added', { name: 'Aibek' })).toBe('Aibek was added to the project.');
    expect(t('ru', 'project.money.pledged')).toBe('Обещано');
    expect(t('ky', 'project.loading')).toBe('Долбоор ачылууда…');
    expect(t('en', 'project.status.active')).toBe(CATALOGUES.en['project.status.active']);
  });
});
