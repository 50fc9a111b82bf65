/** Key rotation, compromise and the pinned key set. */
import { calculateJwkThumbprint, compactVerify, exportJWK, importJWK } from 'jose';
import { describe, expect, it } from 'vitest';
import {
  CredentialError,
  buildAwardCredential,
  createIssuerKeySet,
  currentSigningKey,
  exportPublicJwk,
  generateIssuerKey,
  jwkThumbprint,
  keySetToJwks,
  markKeyCompromised,
  publicJwkFromSeed,
  rotateKey,
  signCredential,
  verifyCredential,
  type AwardInput,
} from './index.ts';

const issuer = { id: 'https://mekendesh.kg/issuer', name: 'Мекендеш' };
const t = (iso: string) => new Date(iso);
const award = (issuedAt: string, extra: Partial<AwardInput> = {}): AwardInput => ({
  id: `urn:uuid:00000000-0000-4000-8000-${String(Date.parse(issuedAt) / 1000).padStart(12, '0')}`,
  issuer,
  subject: { id: 'urn:uuid:8a3b2c1d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', name: 'Айгүл Асанова' },
  cycle: { id: 'cycle2026', year: 2026 },
  category: { id: 'investment', name: { ky: 'Инвестициялык долбоор', ru: 'Инвестиционный проект', en: 'Investment project' } },
  awardedOn: '2026-04-30',
  issuedAt,
  verifyUrl: 'https://mekendesh.kg/verify/x1',
  status: { listUrl: 'https://mekendesh.kg/status/1', index: 1 },
  ...extra,
});

const first = createIssuerKeySet({ issuer, now: t('2026-01-01T00:00:00Z'), seed: new Uint8Array(32).fill(1) });
const oldJws = signCredential(buildAwardCredential(award('2026-03-01T12:00:00Z')), currentSigningKey(first.keySet, first.privateKeys));
const rotated = rotateKey(first.keySet, t('2026-06-01T00:00:00Z'), { seed: new Uint8Array(32).fill(2) });
const [oldKey, newKey] = rotated.keySet.keys as [typeof rotated.keySet.keys[0], typeof rotated.keySet.keys[0]];
const later = t('2026-09-01T00:00:00Z');

describe('issuer keys', () => {
  it('public keys are OKP/Ed25519 JWKs that jose imports; kid = issuer URI # RFC 7638 thumbprint (same as jose computes)', async () => {
    const key = first.keySet.keys[0]!;
    expect(key.publicKeyJwk).toEqual({ kty: 'OKP', crv: 'Ed25519', x: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) });
    expect(await calculateJwkThumbprint(key.publicKeyJwk)).toBe(jwkThumbprint(key.publicKeyJwk));
    expect(key.kid).toBe(`${issuer.id}#key-${jwkThumbprint(key.publicKeyJwk)}`);
    const imported = await importJWK(exportPublicJwk(key), 'EdDSA');
    expect(await exportJWK(imported)).toMatchObject({ kty: 'OKP', crv: 'Ed25519', x: key.publicKeyJwk.x });
    expect(exportPublicJwk(key)).toEqual({ ...key.publicKeyJwk, kid: key.kid, alg: 'EdDSA', use: 'sig' });
  });

  it('the key set carries no private material, in memory or serialised', () => {
    const json = JSON.stringify(rotated.keySet) + JSON.stringify(keySetToJwks(rotated.keySet));
    expect(json).not.toMatch(/"d"|seed/);
    expect(Object.keys(rotated.keySet)).toEqual(['issuer', 'keys']);
    for (const k of rotated.keySet.keys) expect(Object.keys(k).sort()).toEqual(['kid', 'publicKeyJwk', 'validFrom', 'validUntil']);
  });

  it('seeds are 32 bytes; the JWK is derived from the seed', () => {
    expect(first.privateKeys[0]!.seed).toEqual(new Uint8Array(32).fill(1));
    expect(publicJwkFromSeed(new Uint8Array(32).fill(1))).toEqual(first.keySet.keys[0]!.publicKeyJwk);
    expect(() => publicJwkFromSeed(new Uint8Array(31))).toThrow(CredentialError);
    const random = generateIssuerKey({ issuerId: issuer.id, now: t('2026-01-01T00:00:00.750Z') });
    expect(random.privateKey.seed.length).toBe(32);
    expect(random.key.validFrom).toBe('2026-01-01T00:00:00Z'); // whole seconds, like nbf
  });
});

describe('rotation', () => {
  it('closes the old key at the rotation instant and opens a new current one; the input is not changed', () => {
    expect(oldKey.validUntil).toBe('2026-06-01T00:00:00Z');
    expect(newKey).toMatchObject({ validFrom: '2026-06-01T00:00:00Z', validUntil: null });
    expect(rotated.retired).toEqual([oldKey.kid]);
    expect(first.keySet.keys[0]!.validUntil).toBeNull();
    expect(currentSigningKey(rotated.keySet, [rotated.privateKey]).kid).toBe(newKey.kid);
    expect(() => currentSigningKey(rotated.keySet, first.privateKeys)).toThrow(/no_current_key/);
    expect(() => rotateKey(rotated.keySet, t('2026-05-01T00:00:00Z'))).toThrow(CredentialError);
  });

  it('an old credential still verifies with the old kid after rotation', () => {
    expect(verifyCredential(oldJws, rotated.keySet, { now: later })).toMatchObject({ ok: true, kid: oldKey.kid });
  });

  it('a new credential uses the new kid, and jose verifies it with the new key only', async () => {
    const newJws = signCredential(buildAwardCredential(award('2026-07-01T09:00:00Z')), currentSigningKey(rotated.keySet, [rotated.privateKey]));
    expect(verifyCredential(newJws, rotated.keySet, { now: later })).toMatchObject({ ok: true, kid: newKey.kid });
    expect((await compactVerify(newJws, await importJWK({ ...newKey.publicKeyJwk }, 'EdDSA'))).protectedHeader.kid).toBe(newKey.kid);
    await expect(compactVerify(newJws, await importJWK({ ...oldKey.publicKeyJwk }, 'EdDSA'))).rejects.toThrow();
  });

  it('a credential whose kid is not in the pinned set fails unknown_key (an app pinned before the rotation)', () => {
    const newJws = signCredential(buildAwardCredential(award('2026-07-01T09:00:00Z')), rotated.privateKey);
    expect(verifyCredential(newJws, first.keySet, { now: later })).toEqual({ ok: false, reason: 'unknown_key', kid: newKey.kid });
  });

  it('the retired key cannot issue after its validUntil, nor any key before its validFrom', () => {
    const afterRetirement = signCredential(buildAwardCredential(award('2026-07-01T09:00:00Z')), first.privateKeys[0]!);
    expect(verifyCredential(afterRetirement, rotated.keySet, { now: later })).toEqual({ ok: false, reason: 'key_not_valid_at_issue', kid: oldKey.kid });
    const atBoundary = signCredential(buildAwardCredential(award('2026-06-01T00:00:00Z')), first.privateKeys[0]!);
    expect(verifyCredential(atBoundary, rotated.keySet, { now: later })).toMatchObject({ ok: false, reason: 'key_not_valid_at_issue' });
    const backdated = signCredential(buildAwardCredential(award('2026-05-31T23:59:59Z')), rotated.privateKey);
    expect(verifyCredential(backdated, rotated.keySet, { now: later })).toMatchObject({ ok: false, reason: 'key_not_valid_at_issue' });
  });
});

describe('compromise', () => {
  const compromised = markKeyCompromised(rotated.keySet, oldKey.kid, '2026-04-01T00:00:00Z');

  it('a credential signed by a key at or after its compromisedAt fails key_compromised; earlier ones still verify', () => {
    const forged = signCredential(buildAwardCredential(award('2026-04-15T00:00:00Z')), first.privateKeys[0]!);
    expect(verifyCredential(forged, compromised, { now: later })).toEqual({ ok: false, reason: 'key_compromised', kid: oldKey.kid });
    // Even when the forger also steps outside the key's window, the compromise is the reason given.
    const forgedLate = signCredential(buildAwardCredential(award('2026-08-01T00:00:00Z')), first.privateKeys[0]!);
    expect(verifyCredential(forgedLate, compromised, { now: later })).toMatchObject({ ok: false, reason: 'key_compromised' });
    expect(verifyCredential(oldJws, compromised, { now: later })).toMatchObject({ ok: true });
    expect(compromised.keys[0]!.compromisedAt).toBe('2026-04-01T00:00:00Z');
    expect(rotated.keySet.keys[0]!.compromisedAt).toBeUndefined();
  });

  it('a compromised key is never the current signing key', () => {
    const ks = markKeyCompromised(first.keySet, first.keySet.keys[0]!.kid, '2026-02-01T00:00:00Z');
    expect(() => currentSigningKey(ks, first.privateKeys)).toThrow(/no_current_key/);
    expect(() => markKeyCompromised(first.keySet, 'https://nope#k', '2026-02-01T00:00:00Z')).toThrow(CredentialError);
  });
});

describe('time', () => {
  const keySet = first.keySet;
  const key = first.privateKeys[0]!;

  it('not yet valid before nbf (with optional clock tolerance), expired at exp', () => {
    const future = signCredential(buildAwardCredential(award('2026-03-01T12:00:00Z')), key);
    expect(verifyCredential(future, keySet, { now: t('2026-03-01T11:59:00Z') })).toMatchObject({ ok: false, reason: 'not_yet_valid' });
    expect(verifyCredential(future, keySet, { now: t('2026-03-01T11:59:00Z'), clockToleranceSeconds: 120 })).toMatchObject({ ok: true });
    const expiring = signCredential(buildAwardCredential(award('2026-03-01T12:00:00Z', { validUntil: '2027-03-01T00:00:00Z' })), key);
    expect(verifyCredential(expiring, keySet, { now: t('2027-02-28T23:59:59Z') })).toMatchObject({ ok: true });
    expect(verifyCredential(expiring, keySet, { now: t('2027-03-01T00:00:00Z') })).toMatchObject({ ok: false, reason: 'expired' });
  });
});
