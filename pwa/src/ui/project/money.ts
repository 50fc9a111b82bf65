/**
 * Money in the project screens: amounts as typed turned into integer minor units, and back
 * into text for an edit form. The rules are core's `toMinorUnits`; they are repeated here (and
 * checked against core in `money.test.ts`) because the UI bundle imports no value from core.
 * Currencies and their decimals come from the engine (`projects.currencies`).
 */

/** A currency amounts may be in, with its decimals (2 for KGS, 0 for KRW). */
export interface Currency {
  code: string;
  minorUnits: number;
}

/** The currency a new amount starts in. */
export const DEFAULT_CURRENCY = 'KGS';

/**
 * A decimal amount as a person types it ("1 250,50", "1250.5", "-5") in minor units of a
 * currency with `digits` decimals, without floating point; null when it is not a number with
 * at most that many decimals. Negative amounts parse, so the engine can say why they are refused.
 */
export function parseAmount(input: string, digits: number): number | null {
  const cleaned = input.replace(/[\s\u00a0\u202f']/g, '').replace(',', '.');
  const m = /^(-?)(\d+)(?:\.(\d*))?$/.exec(cleaned);
  if (!m) return null;
  const fraction = m[3] ?? '';
  if (fraction.length > digits) return null;
  const value = Number(m[2]! + fraction.padEnd(digits, '0'));
  if (!Number.isSafeInteger(value)) return null;
  return m[1] ? -value : value;
}

/** Minor units as plain text for an input ("1250.50"), the inverse of {@link parseAmount}. */
export function amountText(minor: number, digits: number): string {
  const sign = minor < 0 ? '-' : '';
  const abs = String(Math.abs(minor)).padStart(digits + 1, '0');
  return digits === 0 ? `${sign}${abs}` : `${sign}${abs.slice(0, -digits)}.${abs.slice(-digits)}`;
}

/** The decimals of a currency code (2 when the list does not know it yet). */
export const digitsOf = (currencies: readonly Currency[], code: string): number => currencies.find((c) => c.code === code)?.minorUnits ?? 2;
