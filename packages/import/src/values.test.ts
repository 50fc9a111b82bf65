import { describe, expect, it } from 'vitest';
import { parseCountry, parseDate, parseLanguages, parsePhone, parseRegion, parseRole, parseSettlement, parseSkills, parseLabels } from './values.ts';

const value = <T>(r: { ok: true; value: T } | { ok: false; reason: string }) => (r.ok ? r.value : `!${r.reason}`);

describe('parsePhone → E.164', () => {
  it.each([
    ['0555 123 456', {}, '+996555123456'],
    ['+996 (555) 12-34-56', {}, '+996555123456'],
    ['996555123456', {}, '+996555123456'],
    ['996555123456.0', {}, '+996555123456'],
    ['9.96555123456E+11', {}, '+996555123456'],
    ['555 12 34 56', {}, '+996555123456'],
    ['00996 555 123 456', {}, '+996555123456'],
    ['8 916 123-45-67', { country: 'RU' }, '+79161234567'],
    ['8 916 123-45-67', {}, '+79161234567'], // no country on the row: Russia is the fallback
    ['+7 916 123 45 67', {}, '+79161234567'],
    ['79161234567', { country: 'KG' }, '+79161234567'],
    ['8 701 123 45 67', { country: 'KZ' }, '+77011234567'],
    ['+1 (212) 555-0123', {}, '+12125550123'],
    ['+44 (0)20 7946 0958', {}, '+442079460958'], // "(0)" after the code: the parser's job, not the fast path's
    ['010-1234-5678', { country: 'KR' }, '+821012345678'],
    ['0 (312) 62-00-00', {}, '+996312620000'],
    ["'+996555123456", {}, '+996555123456'],
    ['0555 123 456', { country: 'RU' }, '+996555123456'], // a Kyrgyz number kept by someone in Moscow
    ['0555 123 456', { defaultCountry: 'RU', fallbackCountries: [] }, '!bad_phone'],
  ])('%s %j → %s', (text, options, expected) => {
    expect(value(parsePhone(text, options))).toBe(expected);
  });

  it('refuses what is not a number, and says when Excel cut the digits', () => {
    expect(value(parsePhone('9.96555E+11'))).toBe('!phone_truncated');
    expect(value(parsePhone('0555 123'))).toBe('!bad_phone');
    expect(value(parsePhone('нет'))).toBe('!bad_phone');
    expect(value(parsePhone('12345'))).toBe('!bad_phone');
    expect(value(parsePhone('+996 123'))).toBe('!bad_phone');
  });
});

describe('parseDate', () => {
  it.each([
    ['05.03.2021', '2021-03-05'],
    ['5.3.2021', '2021-03-05'],
    ['05.03.21', '2021-03-05'],
    ['2021-03-05', '2021-03-05'],
    ['2021-03-05T00:00:00.000Z', '2021-03-05'],
    ['05/03/2021', '2021-03-05'],
    ['12/31/2021', '2021-12-31'], // day cannot be 31 in the month slot: US order
    ['44197', '2021-01-01'], // Excel day number
    ['44197.0', '2021-01-01'],
    ['05.03.2021 г.', '2021-03-05'],
    ['31.02.2020', '!bad_date'],
    ['99.99.9999', '!bad_date'],
    ['2021', '!bad_date'],
    ['вчера', '!bad_date'],
    ['123', '!bad_date'],
  ])('%s → %s', (text, expected) => {
    expect(value(parseDate(text))).toBe(expected);
  });
});

describe('places, languages, skills, roles, labels', () => {
  it('countries by name in ky, ru, en, by code and by common short names', () => {
    for (const [text, id] of [['Россия', 'RU'], ['Russia', 'RU'], ['РФ', 'RU'], ['ru', 'RU'], ['Түркия', 'TR'], ['Турция', 'TR'], ['Turkey', 'TR'], ['США', 'US'], ['United States', 'US'], ['Америка Кошмо Штаттары', 'US'], ['Кыргызстан', 'KG'], ['Kyrgyzstan', 'KG'], ['Киргизия', 'KG'], ['южная корея', 'KR'], ['ОАЭ', 'AE'], ['UK', 'GB']] as [string, string][]) {
      expect(value(parseCountry(text)), text).toBe(id);
    }
    expect(value(parseCountry('Атлантида'))).toBe('!unknown_country');
  });

  it('regions by label or short form, in any language and script', () => {
    for (const [text, id] of [['Ош облусу', 'osh'], ['Ошская область', 'osh'], ['Osh Region', 'osh'], ['Ош', 'osh'], ['Ош шаары', 'osh_city'], ['город Ош', 'osh_city'], ['Чүй', 'chui'], ['Чуйская', 'chui'], ['Chui', 'chui'], ['Иссык-Куль', 'issyk_kul'], ['Бишкек', 'bishkek_city'], ['Naryn', 'naryn'], ['Нарын облусу', 'naryn']] as [string, string][]) {
      expect(value(parseRegion(text)), text).toBe(id);
    }
    expect(value(parseRegion('Северная область'))).toBe('!unknown_region');
  });

  it('settlements by label, within the region when one is known', () => {
    expect(value(parseSettlement('Кашкалдак', null))).toBe('osh.kashkaldak');
    expect(value(parseSettlement('Kashkaldak', 'osh'))).toBe('osh.kashkaldak');
    expect(value(parseSettlement('Кашкалдак', 'naryn'))).toBe('!unknown_settlement');
    expect(value(parseSettlement('Токмок', null))).toBe('chui.tokmok');
  });

  it('languages and skills by label, including labels that contain a comma', () => {
    expect(value(parseLanguages('Кыргыз тили, русский; English'))).toEqual(['ky', 'ru', 'en']);
    expect(value(parseLanguages('кыргызча'))).toEqual(['ky']);
    expect(value(parseLanguages('клингонский'))).toBe('!unknown_language');
    expect(value(parseSkills('Импорт, экспорт жана тышкы соода, Import, export and foreign trade'))).toEqual(['trade.import_export']);
  });

  it('role words', () => {
    for (const [text, role] of [['лидер', 'leader'], ['Руководитель', 'leader'], ['leader', 'leader'], ['жетекчи', 'leader'], ['секретарь', 'secretary'], ['катчы', 'secretary'], ['member', 'member'], ['мүчө', 'member'], ['участник', 'member']] as [string, string][]) {
      expect(value(parseRole(text)), text).toBe(role);
    }
    expect(value(parseRole('император'))).toBe('!unknown_role');
  });

  it('tags split on , or ; and deduplicated', () => {
    expect(value(parseLabels('волонтёр, спонсор; Волонтёр ;;', 20))).toEqual(['волонтёр', 'спонсор']);
    expect(value(parseLabels('x'.repeat(41), 20))).toBe('!label_too_long');
    expect(value(parseLabels('a,b,c', 2))).toBe('!too_many_items');
  });
});
