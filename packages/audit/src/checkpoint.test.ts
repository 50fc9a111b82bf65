import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkpointMessage, ed25519Signer, parseCheckpoint, publicKeyJwk, signCheckpoint, verifyCheckpoint, type Checkpoint } from './checkpoint.ts';
import { base64url, fromBase64url } from './encoding.ts';
import { AuditError, GENESIS_HASH } from './event.ts';

const hex = (s: string) => Uint8Array.from(Buffer.from(s, 'hex'));
const AT = '2026-06-01T10:00:00.000Z';
const HEAD = { seq: 42, hash: 'ab'.repeat(32) };

describe('base64url', () => {
  it('round-trips every length and matches Node', () => {
    for (let n = 0; n < 70; n++) {
      const bytes = new Uint8Array(randomBytes(n));
      const text = base64url(bytes);
      expect(text).toBe(Buffer.from(bytes).toString('base64url'));
      expect(fromBase64url(text)).toEqual(bytes);
    }
  });

  it('refuses padding, foreign characters and non-zero trailing bits (one spelling per byte string)', () => {
    expect(fromBase64url('QQ==')).toBeUndefined();
    expect(fromBase64url('Q+8')).toBeUndefined();
    expect(fromBase64url('Q')).toBeUndefined();
    expect(fromBase64url('QQ')).toEqual(new Uint8Array([0x41]));
    expect(fromBase64url('QR')).toBeUndefined();
  });
});

describe('signed checkpoints', () => {
  // RFC 8032 §7.1, test 1.
  const seed = hex('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60');
  const signer = ed25519Signer('award-2026', seed);
  const keys = new Map([['award-2026', signer.publicKey]]);

  it('derives the RFC 8032 public key and signs the documented bytes', () => {
    expect(Buffer.from(signer.publicKey).toString('hex')).toBe('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a');
    const cp = signCheckpoint(HEAD, AT, signer);
    expect(cp).toMatchObject({ seq: 42, hash: HEAD.hash, at: AT, kid: 'award-2026' });
    expect(cp.signature).toHaveLength(86);
    expect(new TextDecoder().decode(checkpointMessage(cp))).toBe(
      `mekendesh-audit-checkpoint-v1\n{"at":"${AT}","hash":"${HEAD.hash}","kid":"award-2026","seq":42}`,
    );
    expect(signCheckpoint(HEAD, AT, signer)).toEqual(cp); // Ed25519 is deterministic.
  });

  it('verifies under a raw key or a JWK, and refuses unknown kids, other keys and any changed field', () => {
    const cp = signCheckpoint(HEAD, AT, signer);
    expect(verifyCheckpoint(cp, keys)).toBe(true);
    expect(verifyCheckpoint(cp, new Map([['award-2026', publicKeyJwk(signer.publicKey, 'award-2026')]]))).toBe(true);
    expect(verifyCheckpoint(cp, new Map())).toBe(false);
    const other = ed25519Signer('award-2026', new Uint8Array(randomBytes(32)));
    expect(verifyCheckpoint(cp, new Map([['award-2026', other.publicKey]]))).toBe(false);
    expect(verifyCheckpoint(signCheckpoint(HEAD, AT, other), keys)).toBe(false);
    for (const change of [{ seq: 41 }, { hash: 'cd'.repeat(32) }, { at: '2026-06-01T10:00:01.000Z' }, { kid: 'award-2027' }]) {
      expect(verifyCheckpoint({ ...cp, ...change }, new Map([...keys, ['award-2027', signer.publicKey]]))).toBe(false);
    }
  });

  it('refuses malformed checkpoints and keys without throwing', () => {
    const cp = signCheckpoint(HEAD, AT, signer);
    const sig = fromBase64url(cp.signature)!;
    sig[0]! ^= 1;
    expect(verifyCheckpoint({ ...cp, signature: base64url(sig) }, keys)).toBe(false);
    expect(verifyCheckpoint({ ...cp, signature: 'x'.repeat(86) }, keys)).toBe(false);
    expect(verifyCheckpoint({ ...cp, signature: cp.signature.slice(1) }, keys)).toBe(false);
    expect(verifyCheckpoint({ ...cp, hash: HEAD.hash.toUpperCase() }, keys)).toBe(false);
    expect(verifyCheckpoint(null, keys)).toBe(false);
    expect(verifyCheckpoint('checkpoint', keys)).toBe(false);
    expect(verifyCheckpoint(cp, new Map([['award-2026', new Uint8Array(31)]]))).toBe(false);
    expect(verifyCheckpoint(cp, new Map([['award-2026', { kty: 'OKP', crv: 'Ed25519', x: '!!' } as const]]))).toBe(false);
    expect(parseCheckpoint({ ...cp, seq: 0 })).toBeUndefined();
    expect(parseCheckpoint(JSON.parse(JSON.stringify(cp)))).toEqual(cp satisfies Checkpoint);
  });

  it('refuses bad signers and nothing to sign', () => {
    expect(() => ed25519Signer('award', new Uint8Array(31))).toThrow(AuditError);
    expect(() => ed25519Signer('a key with spaces', seed)).toThrow(AuditError);
    expect(() => signCheckpoint({ seq: 0, hash: GENESIS_HASH }, AT, signer)).toThrow(expect.objectContaining({ code: 'audit_empty' }));
    expect(() => signCheckpoint(HEAD, 'yesterday', signer)).toThrow(AuditError);
    expect(() => signCheckpoint(HEAD, AT, { ...signer, sign: () => new Uint8Array(10) })).toThrow(expect.objectContaining({ code: 'audit_invalid_signer' }));
  });
});
