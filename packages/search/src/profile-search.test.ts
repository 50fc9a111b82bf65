import { describe, expect, it } from 'vitest';
import { EMPTY_PROFILE_FIELDS, type ProfileView } from '@mekendesh/core';
import { ProfileSearch } from './profile-search.ts';

const NOW = '2026-06-01T00:00:00.000Z';
const p = (id: string, fields: Partial<ProfileView>): ProfileView => ({
  id, ...EMPTY_PROFILE_FIELDS, visibility: null, createdAt: NOW, updatedAt: NOW, ...fields,
});

const PROFILES = [
  p('p-aigul01', { nameCyrillic: 'Айгүл Асанова', nameLatin: 'Aigul Asanova', country: 'TR', city: 'Стамбул', homeRegion: 'osh', sectors: ['health'], skills: ['health.nursing'], languages: ['ky', 'ru', 'tr'], availability: 'short', formats: ['remote_mentoring'] }),
  p('p-bakyt01', { nameCyrillic: 'Бакыт Токтогулов', nameLatin: 'Bakyt Toktogulov', country: 'RU', city: 'Москва', homeRegion: 'bishkek_city', sectors: ['construction'], skills: ['construction.welding'], skillsAbroad: ['construction.welding'], languages: ['ky', 'ru'], availability: 'long', formats: ['onsite'] }),
  p('p-jypar01', { nameCyrillic: 'Жыпар Осмонова', country: 'US', city: 'Chicago', homeRegion: 'jalal_abad', sectors: ['education'], skills: ['education.school_teaching'], languages: ['ky', 'en'], availability: 'medium', formats: ['training', 'remote_mentoring'] }),
  p('p-nurlan1', { nameLatin: 'Nurlan Osmonov', country: 'RU', city: 'Novosibirsk', homeRegion: 'osh', homeSettlement: 'osh.kashkaldak', sectors: ['construction'], skills: ['construction.roofing'], languages: ['ru'], availability: 'short', formats: ['onsite', 'investment'] }),
  p('p-hidden1', { country: 'KR', sectors: ['it'], languages: ['ko'] }),
];

function index() {
  const s = new ProfileSearch();
  s.addAll(PROFILES);
  return s;
}
const ids = (r: { hits: { id: string }[] }) => r.hits.map((h) => h.id).sort();

describe('skills-bank search', () => {
  it('finds across scripts: Bishkek ↔ Бишкек, Ош ↔ Osh, Zhypar ↔ Жыпар', () => {
    const s = index();
    expect(ids(s.search({ text: 'Bishkek' }))).toEqual(['p-bakyt01']);
    expect(ids(s.search({ text: 'Ош' }))).toEqual(['p-aigul01', 'p-nurlan1']);
    expect(ids(s.search({ text: 'Osh' }))).toEqual(['p-aigul01', 'p-nurlan1']);
    expect(ids(s.search({ text: 'Zhypar' }))).toEqual(['p-jypar01']);
    expect(ids(s.search({ text: 'Nurlan' }))).toEqual(['p-nurlan1']);
    expect(ids(s.search({ text: 'Нурлан' }))).toEqual(['p-nurlan1']);
  });

  it('matches prefixes and tolerates typos', () => {
    const s = index();
    expect(ids(s.search({ text: 'Айг' }))).toEqual(['p-aigul01']);
    expect(ids(s.search({ text: 'Toktogulv' }))).toEqual(['p-bakyt01']);
    expect(ids(s.search({ text: 'Osmono' }))).toEqual(['p-jypar01', 'p-nurlan1']);
  });

  it('finds skills, sectors and places by their names in ky, ru and en', () => {
    const s = index();
    for (const q of ['welding', 'сварка', 'Ширетүү']) expect(ids(s.search({ text: q })), q).toEqual(['p-bakyt01']);
    expect(ids(s.search({ text: 'Kashkaldak' }))).toEqual(['p-nurlan1']);
    for (const q of ['Түркия', 'Турция', 'Türkiye', 'Turkiye']) expect(ids(s.search({ text: q })), q).toEqual(['p-aigul01']);
  });

  it('combines terms with AND', () => {
    const s = index();
    expect(ids(s.search({ text: 'Osmonov roofing' }))).toEqual(['p-nurlan1']);
    expect(ids(s.search({ text: 'Asanova roofing' }))).toEqual([]);
  });

  it('filters by facets and counts each facet over the filters of the others', () => {
    const s = index();
    const all = s.search();
    expect(all.total).toBe(5);
    expect(all.facets.country).toEqual({ TR: 1, RU: 2, US: 1, KR: 1 });
    expect(all.facets.sector.construction).toBe(2);
    const ru = s.search({ filters: { country: ['RU'] } });
    expect(ids(ru)).toEqual(['p-bakyt01', 'p-nurlan1']);
    // Country counts ignore the country filter itself, so the other countries stay visible.
    expect(ru.facets.country).toEqual(all.facets.country);
    expect(ru.facets.availability).toEqual({ long: 1, short: 1 });
    const narrow = s.search({ filters: { country: ['RU', 'TR'], availability: ['short'], format: ['onsite'] } });
    expect(ids(narrow)).toEqual(['p-nurlan1']);
    expect(narrow.facets.format).toEqual({ onsite: 1, investment: 1, remote_mentoring: 1 });
    const text = s.search({ text: 'Osh', filters: { language: ['tr'] } });
    expect(ids(text)).toEqual(['p-aigul01']);
    expect(text.facets.language).toEqual({ ky: 1, ru: 2, tr: 1 });
  });

  it('keeps up with changes and survives a round trip through JSON', () => {
    const s = index();
    s.upsert({ ...PROFILES[1]!, city: 'Бишкек', updatedAt: '2026-06-02T00:00:00.000Z' });
    s.remove('p-aigul01');
    expect(ids(s.search({ text: 'Айгүл' }))).toEqual([]);
    expect(s.search({ text: 'Москва' }).total).toBe(0);
    expect(s.size).toBe(4);
    const restored = ProfileSearch.fromJSON(s.toJSON());
    for (const q of [{ text: 'Bishkek' }, { text: 'Osh' }, { filters: { country: ['RU'] } }, {}]) {
      expect(restored.search(q)).toEqual(s.search(q));
    }
    expect([...restored.entries()].find(([id]) => id === 'p-bakyt01')![1]).toBe('2026-06-02T00:00:00.000Z');
    restored.upsert(PROFILES[0]!);
    expect(ids(restored.search({ text: 'Aigul' }))).toEqual(['p-aigul01']);
  });
});
