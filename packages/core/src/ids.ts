/** Alphabet of invitation codes: no 0/O, 1/I, so codes read aloud at meetings are unambiguous. */
export const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** Makes an invitation code from 10 random bytes (the host supplies the randomness). */
export function invitationCodeFrom(bytes: Uint8Array): string {
  if (bytes.length < 10) throw new Error('need 10 random bytes');
  let out = '';
  for (let i = 0; i < 10; i++) out += CODE_ALPHABET[bytes[i]! % CODE_ALPHABET.length];
  return out;
}
