/** base64url against Node's Buffer, and the strictness the verifier relies on. */
import { describe, expect, it } from 'vitest';
import { base64urlDecode, base64urlEncode } from './index.ts';

describe('base64url', () => {
  it('matches Buffer for every length 0–64 and random bytes', () => {
    for (let len = 0; len <= 64; len++) {
      const bytes = new Uint8Array(len).map((_, i) => (i * 73 + len * 31) & 255);
      const encoded = base64urlEncode(bytes);
      expect(encoded).toBe(Buffer.from(bytes).toString('base64url'));
      expect(base64urlDecode(encoded)).toEqual(bytes);
    }
  });

  it('refuses padding, foreign characters, impossible lengths and non-canonical trailing bits', () => {
    expect(base64urlDecode('AA==')).toBeNull();
    expect(base64urlDecode('A+/A')).toBeNull();
    expect(base64urlDecode('AAAAA')).toBeNull();
    expect(base64urlDecode('AB')).toBeNull(); // 'B' leaves a set bit beyond the last byte
    expect(base64urlDecode('AAB')).toBeNull();
    expect(base64urlDecode('AA')).toEqual(new Uint8Array([0]));
    expect(base64urlDecode('ЖЖЖЖ')).toBeNull();
  });
});
