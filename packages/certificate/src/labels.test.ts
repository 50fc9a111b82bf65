import { describe, expect, it } from 'vitest';
import { formatCertificateDate, parseIsoDate } from './dates.ts';
import { LOCALES, labels } from './labels.ts';

describe('certificate labels', () => {
  it('has ky first, then ru and en, with the same keys, none empty', () => {
    expect(Object.keys(labels)).toEqual(['ky', 'ru', 'en']);
    expect(LOCALES).toEqual(['ky', 'ru', 'en']);
    const reference = Object.keys(labels.ky).sort();
    for (const locale of LOCALES) {
      expect(Object.keys(labels[locale]).sort(), locale).toEqual(reference);
      for (const [key, value] of Object.entries(labels[locale])) {
        expect(value.trim(), `${locale}.${key}`).not.toBe('');
        expect(value, `${locale}.${key}`).toBe(value.trim());
      }
    }
  });

  it('is Kyrgyz in ky, not a copy of the Russian', () => {
    const ky = Object.values(labels.ky).join(' ');
    expect(ky).toMatch(/[ңөүҢӨҮ]/);
    for (const key of ['awardName', 'lead', 'tail', 'cycle', 'awardedOn', 'verifyAt', 'scanToVerify'] as const) {
      expect(labels.ky[key], key).not.toBe(labels.ru[key]);
    }
  });
});

describe('certificate dates', () => {
  it('writes Kyrgyz dates as documents do, month in the possessive', () => {
    expect(formatCertificateDate('2026-12-05', 'ky')).toBe('2026-жылдын 5-декабры');
    const months = Array.from({ length: 12 }, (_, i) => formatCertificateDate(`2026-${String(i + 1).padStart(2, '0')}-01`, 'ky'));
    expect(months).toEqual([
      '2026-жылдын 1-январы', '2026-жылдын 1-февралы', '2026-жылдын 1-марты', '2026-жылдын 1-апрели',
      '2026-жылдын 1-майы', '2026-жылдын 1-июну', '2026-жылдын 1-июлу', '2026-жылдын 1-августу',
      '2026-жылдын 1-сентябры', '2026-жылдын 1-октябры', '2026-жылдын 1-ноябры', '2026-жылдын 1-декабры',
    ]);
  });

  it('writes Russian and English dates the locale’s way, whatever the host time zone', () => {
    expect(formatCertificateDate('2026-12-05', 'ru')).toBe('5 декабря 2026 г.');
    expect(formatCertificateDate('2026-12-05', 'en')).toBe('December 5, 2026');
    expect(formatCertificateDate('2027-01-01', 'en')).toBe('January 1, 2027');
  });

  it('refuses what is not a calendar date', () => {
    expect(() => parseIsoDate('2026-02-30')).toThrow(RangeError);
    expect(() => parseIsoDate('5.12.2026')).toThrow(RangeError);
    expect(() => parseIsoDate('2026-12-05T00:00:00Z')).toThrow(RangeError);
    expect(parseIsoDate('2028-02-29')).toEqual({ year: 2028, month: 2, day: 29 });
  });
});
