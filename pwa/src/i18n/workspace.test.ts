import { describe, expect, it } from 'vitest';
import { CATALOGUES } from '@mekendesh/i18n';
import { PWA_CATALOGUES, loadAllLocales, t } from './index.ts';

// Russian and English load on demand in the app; the tests read all three.
await loadAllLocales();
import { PROJECT_CATALOGUES } from './project.ts';
import { WORKSPACE_CATALOGUES } from './workspace.ts';

const keys = (o: object) => Object.keys(o).sort();

describe('the workspace screens’ catalogues (loaded with those screens)', () => {
  it('have exactly the Kyrgyz keys in Russian and English, none empty', () => {
    for (const locale of ['ru', 'en'] as const) expect(keys(WORKSPACE_CATALOGUES[locale])).toEqual(keys(WORKSPACE_CATALOGUES.ky));
    for (const cat of Object.values(WORKSPACE_CATALOGUES)) for (const v of Object.values(cat)) expect(v.trim()).not.toBe('');
    for (const k of Object.keys(WORKSPACE_CATALOGUES.ky)) expect(k).toMatch(/^(workspace|notes|board|history)\./);
  });

  it('use the same {arguments} in every language', () => {
    const args = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const [key, ky] of Object.entries(WORKSPACE_CATALOGUES.ky)) {
      for (const locale of ['ru', 'en'] as const) expect(args(WORKSPACE_CATALOGUES[locale][key as keyof typeof WORKSPACE_CATALOGUES.ky]), `${locale} ${key}`).toEqual(args(ky));
    }
  });

  it('do not shadow keys of another catalogue', () => {
    const taken = new Set([...Object.keys(CATALOGUES.ky), ...Object.keys(PWA_CATALOGUES.ky), ...Object.keys(PROJECT_CATALOGUES.ky)]);
    expect(Object.keys(WORKSPACE_CATALOGUES.ky).filter((k) => taken.has(k))).toEqual([]);
  });

  it('translate through t once registered, with arguments', () => {
    expect(t('en', 'board.moveTo', { column: 'Done', task: 'Slate' })).toBe('Move to “Done”: Slate');
    expect(t('ky', 'workspace.you', { name: 'Айгүл' })).toBe('Айгүл (сиз)');
    expect(t('ru', 'history.restore')).toBe('Восстановить эту версию');
  });
});
