/**
 * base64url (RFC 4648 §5, no padding) and UTF-8, written out here rather than taken from
 * Buffer or atob so the same code runs in Node, a browser worker and Electron's renderer.
 */
import { CredentialError } from './errors.ts';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const LOOKUP = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) LOOKUP[ALPHABET.charCodeAt(i)] = i;

const CODES = Uint8Array.from(ALPHABET, (c) => c.charCodeAt(0));
const ascii = new TextDecoder();

export function base64urlEncode(bytes: Uint8Array): string {
  // Character codes into a byte array, decoded once: much faster than string concatenation
  // for the few-kilobyte payloads signed here.
  const out = new Uint8Array(Math.ceil((bytes.length * 4) / 3));
  let o = 0;
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out[o++] = CODES[n >> 18]!;
    out[o++] = CODES[(n >> 12) & 63]!;
    out[o++] = CODES[(n >> 6) & 63]!;
    out[o++] = CODES[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i]! << 16;
    out[o++] = CODES[n >> 18]!;
    out[o++] = CODES[(n >> 12) & 63]!;
  } else if (rest === 2) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    out[o++] = CODES[n >> 18]!;
    out[o++] = CODES[(n >> 12) & 63]!;
    out[o++] = CODES[(n >> 6) & 63]!;
  }
  return ascii.decode(out.subarray(0, o));
}

/**
 * Strict decoding: no padding, no characters outside the alphabet, and the unused low bits
 * of the last character must be zero, so every byte string has exactly one spelling.
 * Returns null on any deviation.
 */
export function base64urlDecode(text: string): Uint8Array | null {
  const len = text.length;
  if (len % 4 === 1) return null;
  const out = new Uint8Array(Math.floor((len * 3) / 4));
  let o = 0;
  let i = 0;
  const at = (k: number) => {
    const c = text.charCodeAt(k);
    return c < 128 ? LOOKUP[c]! : -1;
  };
  for (; i + 3 < len; i += 4) {
    const a = at(i), b = at(i + 1), c = at(i + 2), d = at(i + 3);
    if ((a | b | c | d) < 0) return null;
    const n = (a << 18) | (b << 12) | (c << 6) | d;
    out[o++] = n >> 16;
    out[o++] = (n >> 8) & 255;
    out[o++] = n & 255;
  }
  const rest = len - i;
  if (rest === 2) {
    const a = at(i), b = at(i + 1);
    if ((a | b) < 0 || (b & 15) !== 0) return null;
    out[o++] = (a << 2) | (b >> 4);
  } else if (rest === 3) {
    const a = at(i), b = at(i + 1), c = at(i + 2);
    if ((a | b | c) < 0 || (c & 3) !== 0) return null;
    const n = (a << 18) | (b << 12) | (c << 6);
    out[o++] = n >> 16;
    out[o++] = (n >> 8) & 255;
  }
  return out;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

export const utf8 = (text: string): Uint8Array => encoder.encode(text);

/** UTF-8 decoding that refuses invalid sequences (returns null) instead of inserting U+FFFD. */
export function fromUtf8(bytes: Uint8Array): string | null {
  try {
    return decoder.decode(bytes);
  } catch {
    return null;
  }
}

/**
 * Normalises a date or date-time to a VCDM 2.0 dateTimeStamp in UTC with whole seconds
 * (`2026-05-01T10:00:00Z`). Whole seconds because OB 3.0 requires the JWT `nbf` (a
 * NumericDate in seconds) to equal `validFrom` exactly. A bare date means midnight UTC.
 */
export function toTimestamp(value: string | Date, field: string): string {
  let ms: number;
  if (value instanceof Date) ms = value.getTime();
  else if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) ms = Date.parse(`${value}T00:00:00Z`);
  else if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/.test(value)) ms = Date.parse(value);
  else throw new CredentialError('invalid_input', `${field} is not a date`);
  if (!Number.isFinite(ms)) throw new CredentialError('invalid_input', `${field} is not a date`);
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}
