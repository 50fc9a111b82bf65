import { describe, expect, it } from 'vitest';
import { CURRENCIES, PLEDGE_STATUSES, PROJECT_ROLES, PROJECT_STATUSES, MAX_RECEIPT_BYTES as CORE_MAX, RECEIPT_TYPES as CORE_TYPES, minorUnits, sniffReceiptType, toMinorUnits } from '@mekendesh/core';
import { amountText, digitsOf, parseAmount } from './money.ts';
import { MAX_RECEIPT_BYTES, RECEIPT_TYPES, checkReceipt, sniffType } from './receipt.ts';
import { PLEDGE_STATUSES_UI, PROJECT_ROLES_UI, PROJECT_STATUSES_UI } from './statuses.ts';

describe('the project screens’ money and receipt rules agree with core', () => {
  it('parse typed amounts as toMinorUnits does, for every currency', () => {
    const typed = ['0', '1', '1250', '1250.5', '1250.50', '1 250,50', '1\u00a0250,5', "1'250.5", '-5', '-0.01', '0.001', '12.345', 'abc', '', '1.2.3', '1e3', '.5', '5.', '9007199254740993', '  42 '];
    for (const c of CURRENCIES) {
      for (const s of typed) expect(parseAmount(s, minorUnits(c.code)), `${c.code} ${JSON.stringify(s)}`).toBe(toMinorUnits(s, c.code));
    }
  });

  it('list the statuses and roles core has', () => {
    expect([...PROJECT_STATUSES_UI]).toEqual([...PROJECT_STATUSES]);
    expect([...PROJECT_ROLES_UI]).toEqual([...PROJECT_ROLES]);
    expect([...PLEDGE_STATUSES_UI]).toEqual([...PLEDGE_STATUSES]);
  });

  it('write minor units back as text that parses to the same amount', () => {
    for (const [minor, digits, text] of [[125050, 2, '1250.50'], [5, 2, '0.05'], [0, 2, '0.00'], [-1, 2, '-0.01'], [1_000_000, 0, '1000000']] as const) {
      expect(amountText(minor, digits)).toBe(text);
      expect(parseAmount(text, digits)).toBe(minor);
    }
    expect(digitsOf([{ code: 'KRW', minorUnits: 0 }], 'KRW')).toBe(0);
    expect(digitsOf([], 'USD')).toBe(2);
  });

  it('check receipts by type, size and first bytes as the server does', async () => {
    expect([...RECEIPT_TYPES]).toEqual([...CORE_TYPES]);
    expect(MAX_RECEIPT_BYTES).toBe(CORE_MAX);
    const samples = [
      [0x25, 0x50, 0x44, 0x46, 0x2d, 0x31],
      [0xff, 0xd8, 0xff, 0xe0],
      [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
      [0x52, 0x49, 0x46, 0x46, 0, 0, 0, 0, 0x57, 0x45, 0x42, 0x50],
      [0x3c, 0x68, 0x74, 0x6d, 0x6c],
      [],
    ].map((b) => new Uint8Array(b));
    for (const s of samples) expect(sniffType(s)).toBe(sniffReceiptType(s));

    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    expect(await checkReceipt(new Blob([png], { type: 'image/png' }))).toBeNull();
    expect(await checkReceipt(new Blob([png], { type: 'image/jpeg' }))).toBe('receipt_bad_type');
    expect(await checkReceipt(new Blob(['<html>'], { type: 'text/html' }))).toBe('receipt_bad_type');
    expect(await checkReceipt(new Blob([new Uint8Array(MAX_RECEIPT_BYTES + 1)], { type: 'image/png' }))).toBe('receipt_too_large');
  });
});
