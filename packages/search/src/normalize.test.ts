import { describe, expect, it } from 'vitest';
import { normalizeTerm, tokenize } from './normalize.ts';

describe('normalizeTerm', () => {
  it.each([
    ['Бишкек', 'Bishkek'],
    ['Ош', 'Osh'],
    ['Жалал', 'Jalal'],
    ['Жыпар', 'Zhypar'],
    ['Джалал', 'Dzhalal'],
    ['Айбек', 'Aybek'],
    ['Чүй', 'Chui'],
    ['Кыргызстан', 'Kyrgyzstan'],
    ['Хасан', 'Khasan'],
    ['Цой', 'Tsoy'],
    ['Токтогул', 'Toktogul'],
    ['Көл', 'Köl'],
  ])('%s and %s meet', (cyrillic, latin) => {
    expect(normalizeTerm(cyrillic)).toBe(normalizeTerm(latin));
  });

  it('keeps distinct words distinct', () => {
    expect(normalizeTerm('Ош')).not.toBe(normalizeTerm('Нарын'));
    expect(normalizeTerm('Chyngyz')).toBe('chyngyz');
  });

  it('tokenizes on punctuation, keeping Cyrillic letters and digits', () => {
    expect(tokenize('Жалал-Абад, №3 мектеп')).toEqual(['Жалал', 'Абад', '3', 'мектеп']);
  });
});
