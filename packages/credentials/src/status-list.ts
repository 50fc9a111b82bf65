/**
 * W3C Bitstring Status List v1.0 (Recommendation, 2025): revocation without a network
 * round trip per credential. The issuer publishes one signed list; the apps cache it and look
 * up a bit.
 *
 * - One bit per credential (`statusSize` 1, the default of §2.1); set = revoked.
 * - At least 131,072 bits, i.e. 16 KB uncompressed (§2.2 `encodedList`, §3.2 step 2), which
 *   is the group-privacy floor: a verifier fetching the list learns nothing about which
 *   credential it checks.
 * - Bit 0 is the left-most bit, i.e. the most significant bit of the first byte (§2.2,
 *   §7.1 "Bitstring Encoding").
 * - `encodedList` = multibase base64url, no padding (prefix `u`), of the GZIP (RFC 1952)
 *   compressed bitstring (§2.2, §3.3 "Bitstring Generation Algorithm"); decoding is §3.4
 *   "Bitstring Expansion Algorithm".
 */
import { gunzipSync, gzipSync } from 'fflate';
import { base64urlDecode, base64urlEncode } from './encoding.ts';
import { CredentialError } from './errors.ts';

/** §3.2 step 2: the minimum number of entries. */
export const MIN_STATUS_LIST_BITS = 131_072;
/**
 * Largest uncompressed list we accept when decoding (16 MiB, 134 million entries). GZIP's
 * trailer states the size, and fflate allocates that much up front: an unbounded value
 * would let a hostile list exhaust memory.
 */
export const MAX_STATUS_LIST_BYTES = 16 * 1024 * 1024;

/** A decoded bitstring. Mutable on purpose: `setStatus` flips bits in place (16 KB+). */
export interface StatusList {
  readonly bytes: Uint8Array;
}

/** Number of entries (bits) in the list. */
export const statusListLength = (list: StatusList): number => list.bytes.length * 8;

export function createStatusList(bits: number = MIN_STATUS_LIST_BITS): StatusList {
  if (!Number.isSafeInteger(bits) || bits % 8 !== 0) throw new CredentialError('invalid_input', 'bits must be a whole number of bytes');
  if (bits < MIN_STATUS_LIST_BITS) throw new CredentialError('status_list_too_short', `${bits} < ${MIN_STATUS_LIST_BITS}`);
  if (bits / 8 > MAX_STATUS_LIST_BYTES) throw new CredentialError('status_list_too_large');
  return { bytes: new Uint8Array(bits / 8) };
}

function checkIndex(list: StatusList, index: number): void {
  if (!Number.isSafeInteger(index) || index < 0 || index >= statusListLength(list)) {
    throw new CredentialError('status_index_out_of_range', String(index));
  }
}

/** Sets (revoked) or clears the bit at `index`, in place. */
export function setStatus(list: StatusList, index: number, revoked: boolean): void {
  checkIndex(list, index);
  const mask = 0x80 >> (index & 7);
  if (revoked) list.bytes[index >> 3]! |= mask;
  else list.bytes[index >> 3]! &= ~mask;
}

/** Whether the bit at `index` is set (revoked). */
export function getStatus(list: StatusList, index: number): boolean {
  checkIndex(list, index);
  return (list.bytes[index >> 3]! & (0x80 >> (index & 7))) !== 0;
}

/** §3.3: GZIP, then multibase base64url (`u` prefix, no padding). */
export function encodeStatusList(list: StatusList): string {
  if (statusListLength(list) < MIN_STATUS_LIST_BITS) throw new CredentialError('status_list_too_short');
  // mtime 0: the same list always encodes to the same string, and reveals no time (RFC 1952 §2.3.1).
  return `u${base64urlEncode(gzipSync(list.bytes, { mtime: 0 }))}`;
}

/** §3.4, plus the length check of §3.2 step 9. Throws `status_list_*` codes. */
export function decodeStatusList(encoded: string): StatusList {
  if (typeof encoded !== 'string' || !encoded.startsWith('u')) throw new CredentialError('status_list_malformed', 'not multibase base64url');
  const gz = base64urlDecode(encoded.slice(1));
  // RFC 1952: ID1 ID2 = 1f 8b, CM = 8 (deflate); header 10 bytes + trailer 8.
  if (!gz || gz.length < 18 || gz[0] !== 0x1f || gz[1] !== 0x8b || gz[2] !== 8) throw new CredentialError('status_list_malformed', 'not gzip');
  const l = gz.length;
  const isize = (gz[l - 4]! | (gz[l - 3]! << 8) | (gz[l - 2]! << 16) | (gz[l - 1]! << 24)) >>> 0;
  if (isize > MAX_STATUS_LIST_BYTES) throw new CredentialError('status_list_too_large');
  if (isize * 8 < MIN_STATUS_LIST_BITS) throw new CredentialError('status_list_too_short');
  let bytes: Uint8Array;
  try {
    bytes = gunzipSync(gz);
  } catch {
    throw new CredentialError('status_list_malformed', 'bad deflate data');
  }
  if (bytes.length !== isize) throw new CredentialError('status_list_malformed', 'length differs from the gzip trailer');
  return { bytes };
}

/**
 * A free index chosen at random: §2.1 says indexes SHOULD be assigned randomly so that an
 * index reveals neither when a credential was issued nor how many there are.
 * `isTaken` reports indexes already given out. The randomness is the host's
 * `crypto.getRandomValues` (present in Node 20, browsers, workers and Electron).
 */
export function randomStatusIndex(size: number, isTaken: (index: number) => boolean): number {
  const words = new Uint32Array(64);
  globalThis.crypto.getRandomValues(words);
  for (const w of words) {
    const i = w % size;
    if (!isTaken(i)) return i;
  }
  // A nearly full list: walk from a random start instead of drawing forever.
  const start = words[0]! % size;
  for (let k = 1; k < size; k++) {
    const i = (start + k) % size;
    if (!isTaken(i)) return i;
  }
  throw new CredentialError('status_index_out_of_range', 'status list is full');
}
