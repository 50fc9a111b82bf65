import { describe, expect, it } from 'vitest';
import { detectColumn, detectHeader, detectMapping, remap, type Target } from './mapping.ts';

const targets = (header: string[]) => detectMapping(header).columns.map((c) => c.target);

describe('detectMapping', () => {
  it('Russian headers, in any case, spacing and punctuation', () => {
    expect(
      targets(['ФИО', 'тел.', ' E-MAIL ', 'Почта', 'город', 'Страна', 'Дата вступления', 'Оплачено до', 'Теги', 'Группа', 'Роль', 'Примечание', 'Область', 'Родное село', 'Языки', 'Навыки']),
    ).toEqual(['name', 'phone', 'email', 'email', 'city', 'country', 'joinedOn', 'renewalDate', 'tags', 'groups', 'role', 'notes', 'homeRegion', 'homeSettlement', 'languages', 'skills']);
  });

  it('Kyrgyz headers', () => {
    expect(targets(['Аты-жөнү', 'Телефон', 'Электрондук почта', 'Өлкө', 'Шаар', 'Туулган облусу', 'Туулган айылы', 'Ролу', 'Белгилер', 'Топтор', 'Кошулган күнү', 'Эскертүү'])).toEqual([
      'name', 'phone', 'email', 'country', 'city', 'homeRegion', 'homeSettlement', 'role', 'tags', 'groups', 'joinedOn', 'notes',
    ]);
  });

  it('English headers', () => {
    expect(targets(['Full name', 'Name (Latin)', 'Mobile', 'E-mail', 'Country', 'City', 'Home region', 'Village', 'Member since', 'Paid until', 'Tags', 'Group', 'Role', 'Notes'])).toEqual([
      'name', 'nameLatin', 'phone', 'email', 'country', 'city', 'homeRegion', 'homeSettlement', 'joinedOn', 'renewalDate', 'tags', 'groups', 'role', 'notes',
    ]);
  });

  it('«Фамилия» + «Имя» (+ «Отчество») as parts to join', () => {
    expect(targets(['Фамилия', 'Имя', 'Отчество'])).toEqual(['lastName', 'firstName', 'middleName']);
    expect(targets(['Last name', 'First name'])).toEqual(['lastName', 'firstName']);
    expect(targets(['Фамилиясы', 'Аты'])).toEqual(['lastName', 'firstName']);
  });

  it('confidence: 1 for a known header, less for one containing a known word, 0 when ignored', () => {
    expect(detectColumn('Телефон')).toEqual({ target: 'phone', confidence: 1 });
    expect(detectColumn('Номер мобильного телефона (WhatsApp)')).toEqual({ target: 'phone', confidence: 0.7 });
    expect(detectColumn('Дата рождения')).toEqual({ target: null, confidence: 0 });
    expect(detectColumn('Почтовый адрес')).toEqual({ target: null, confidence: 0 });
    expect(detectColumn('№')).toEqual({ target: null, confidence: 0 });
    expect(detectColumn('Размер футболки')).toEqual({ target: null, confidence: 0 });
  });

  it('a field one column fills goes to the surest column; the other is left for the leader', () => {
    const m = detectMapping(['Город', 'Город проживания (уточнение)']);
    expect(m.columns.map((c) => c.target)).toEqual(['city', null]);
  });

  it('the headers our export writes map back in every language', () => {
    const all: Target[] = ['nameCyrillic', 'nameLatin', 'email', 'phone', 'country', 'city', 'homeRegion', 'homeSettlement', 'languages', 'skills', 'role', 'tags', 'groups', 'joinedOn', 'renewalDate', 'notes'];
    for (const header of [
      ['Аты-жөнү (кириллица)', 'Аты-жөнү (латынча)', 'Электрондук почта', 'Телефон', 'Жашаган өлкөсү', 'Жашаган шаары', 'Туулган облусу', 'Туулган айылы', 'Тилдер', 'Көндүмдөр', 'Ролу', 'Белгилер', 'Топтор', 'Кошулган күнү', 'Мүчөлүк төлөнгөн мөөнөтү', 'Эскертүү'],
      ['ФИО (кириллица)', 'ФИО (латиница)', 'Электронная почта', 'Телефон', 'Страна проживания', 'Город проживания', 'Родная область', 'Родное село', 'Языки', 'Навыки', 'Роль', 'Метки', 'Группы', 'Дата вступления', 'Оплачено до', 'Примечание'],
      ['Name (Cyrillic)', 'Name (Latin)', 'Email', 'Phone', 'Country of residence', 'City of residence', 'Home region', 'Home village', 'Languages', 'Skills', 'Role', 'Tags', 'Groups', 'Joined on', 'Paid until', 'Notes'],
    ]) {
      expect(targets(header)).toEqual(all);
    }
  });

  it('finds the header below a title line', () => {
    const rows = [['Список членов ассоциации «Мекен», 2025'], [], ['ФИО', 'Телефон', 'Город'], ['Маматов Эркин', '0555 121 212', 'Новосибирск']];
    const { headerRow, mapping } = detectHeader(rows);
    expect(headerRow).toBe(2);
    expect(mapping.columns.map((c) => c.target)).toEqual(['name', 'phone', 'city']);
  });

  it('the leader overrides a column', () => {
    const m = remap(detectMapping(['ФИО', 'Комментарий']), 1, 'tags');
    expect(m.columns[1]).toMatchObject({ target: 'tags', confidence: 1 });
    expect(remap(m, 0, null).columns[0]!.target).toBeNull();
  });
});
