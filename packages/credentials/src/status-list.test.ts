/**
 * Bitstring Status List v1.0: the encoding is checked against the spec with Node's own
 * zlib (independent of fflate), and revocation is checked end to end: list → signed
 * status-list credential (verified by jose) → decoded → credential status.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import { compactVerify, importJWK } from 'jose';
import { describe, expect, it } from 'vitest';
import {
  CredentialError,
  MIN_STATUS_LIST_BITS,
  buildAwardCredential,
  buildStatusListCredential,
  createIssuerKeySet,
  createStatusList,
  decodeStatusList,
  encodeStatusList,
  getStatus,
  randomStatusIndex,
  rotateKey,
  setStatus,
  signCredential,
  statusListLength,
  verifyCredential,
  verifyStatusListCredential,
  type AwardInput,
} from './index.ts';

const issuer = { id: 'https://mekendesh.kg/issuer', name: 'Мекендеш' };
const { keySet, privateKeys } = createIssuerKeySet({ issuer, now: new Date('2026-01-01T00:00:00Z'), seed: new Uint8Array(32).fill(3) });
const key = privateKeys[0]!;
const listUrl = 'https://mekendesh.kg/status/1';
const now = new Date('2026-06-01T00:00:00Z');

const award = (id: string, index: number): AwardInput => ({
  id,
  issuer,
  subject: { id: 'urn:uuid:8a3b2c1d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', name: 'Айгүл Асанова' },
  cycle: { id: 'cycle2026', year: 2026 },
  category: { id: 'youth', name: { ky: 'Жаштар', ru: 'Молодёжь', en: 'Youth' } },
  awardedOn: '2026-04-30',
  issuedAt: '2026-05-01T10:00:00Z',
  verifyUrl: `https://mekendesh.kg/verify/${id.slice(9)}`,
  status: { listUrl, index },
});

describe('bitstring encoding (spec §2.2, §3.3, §3.4, §7.1)', () => {
  it('defaults to 131,072 entries = 16 KB, and refuses fewer', () => {
    const list = createStatusList();
    expect(statusListLength(list)).toBe(131_072);
    expect(list.bytes.length).toBe(16 * 1024);
    expect(() => createStatusList(131_064)).toThrow(CredentialError);
    expect(() => createStatusList(131_073)).toThrow(CredentialError);
  });

  it('index 0 is the most significant bit of the first byte; index 15 the least significant of the second', () => {
    const list = createStatusList();
    setStatus(list, 0, true);
    setStatus(list, 15, true);
    setStatus(list, MIN_STATUS_LIST_BITS - 1, true);
    expect(list.bytes[0]).toBe(0b1000_0000);
    expect(list.bytes[1]).toBe(0b0000_0001);
    expect(list.bytes[16 * 1024 - 1]).toBe(0b0000_0001);
    expect([getStatus(list, 0), getStatus(list, 1), getStatus(list, 15)]).toEqual([true, false, true]);
    setStatus(list, 0, false);
    expect(list.bytes[0]).toBe(0);
    expect(() => getStatus(list, MIN_STATUS_LIST_BITS)).toThrow(CredentialError);
    expect(() => setStatus(list, -1, true)).toThrow(CredentialError);
  });

  it('encodedList is "u" + base64url without padding of a GZIP stream that Node zlib expands to the same 16 KB', () => {
    const list = createStatusList();
    for (const i of [3, 42, 4242, 100_000]) setStatus(list, i, true);
    const encoded = encodeStatusList(list);
    expect(encoded[0]).toBe('u');
    expect(encoded).toMatch(/^u[A-Za-z0-9_-]+$/); // base64url alphabet, no '=' padding
    const gz = Buffer.from(encoded.slice(1), 'base64url');
    expect([gz[0], gz[1], gz[2]]).toEqual([0x1f, 0x8b, 8]); // RFC 1952 magic, deflate
    expect(gz.readUInt32LE(4)).toBe(0); // mtime 0: reveals no time, encodes deterministically
    const expanded = gunzipSync(gz);
    expect(expanded.length).toBe(16 * 1024);
    expect(new Uint8Array(expanded)).toEqual(list.bytes);
    expect(encoded.length).toBeLessThan(200); // a mostly-empty 16 KB list compresses to bytes
    expect(encodeStatusList(list)).toBe(encoded);
  });

  it('decodes the spec\'s own example encodedList (an all-clear 16 KB list)', () => {
    const list = decodeStatusList('uH4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA');
    expect(statusListLength(list)).toBe(131_072);
    expect(list.bytes.every((b) => b === 0)).toBe(true);
  });

  it('decodes a list compressed by Node zlib (another GZIP writer)', () => {
    const bytes = new Uint8Array(16 * 1024);
    bytes[5] = 0b0010_0000; // index 42
    const list = decodeStatusList(`u${gzipSync(bytes).toString('base64url')}`);
    expect(getStatus(list, 42)).toBe(true);
    expect(getStatus(list, 41)).toBe(false);
  });

  it('refuses lists that are not multibase base64url GZIP, too short (§3.2 step 9), or claim a huge size', () => {
    const short = gzipSync(new Uint8Array(1024)).toString('base64url');
    expect(() => decodeStatusList(short)).toThrow(/status_list_malformed/); // no 'u' prefix
    expect(() => decodeStatusList(`u${short}`)).toThrow(/status_list_too_short/);
    expect(() => decodeStatusList('u!!!!')).toThrow(/status_list_malformed/);
    expect(() => decodeStatusList(`u${Buffer.from('not gzip at all, really').toString('base64url')}`)).toThrow(/status_list_malformed/);
    // A trailer claiming 4 GiB must be refused before anything is allocated.
    const bomb = Buffer.from(gzipSync(new Uint8Array(16 * 1024)));
    bomb.writeUInt32LE(0xffffffff, bomb.length - 4);
    expect(() => decodeStatusList(`u${bomb.toString('base64url')}`)).toThrow(/status_list_too_large/);
  });

  it('randomStatusIndex draws free indexes across the whole list', () => {
    const taken = new Set<number>();
    for (let i = 0; i < 200; i++) {
      const index = randomStatusIndex(MIN_STATUS_LIST_BITS, (k) => taken.has(k));
      expect(taken.has(index)).toBe(false);
      taken.add(index);
    }
    expect(Math.max(...taken)).toBeGreaterThan(MIN_STATUS_LIST_BITS / 2);
    expect(randomStatusIndex(8, (k) => k !== 5)).toBe(5);
    expect(() => randomStatusIndex(8, () => true)).toThrow(CredentialError);
  });
});

describe('revocation round trip', () => {
  const revoked = signCredential(buildAwardCredential(award('urn:uuid:00000000-0000-4000-8000-000000000042', 42)), key);
  const kept = signCredential(buildAwardCredential(award('urn:uuid:00000000-0000-4000-8000-000000000043', 43)), key);

  const list = createStatusList();
  setStatus(list, 42, true);
  const statusListCredential = buildStatusListCredential({ id: listUrl, issuer: issuer.id, encodedList: encodeStatusList(list), validFrom: '2026-05-15T00:00:00Z' });
  const statusListJws = signCredential(statusListCredential, key);

  it('the status-list credential has the §2.2 shape and jose verifies its signature', async () => {
    expect(statusListCredential).toEqual({
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      id: listUrl,
      type: ['VerifiableCredential', 'BitstringStatusListCredential'],
      issuer: issuer.id,
      validFrom: '2026-05-15T00:00:00Z',
      credentialSubject: { id: `${listUrl}#list`, type: 'BitstringStatusList', statusPurpose: 'revocation', encodedList: statusListCredential.credentialSubject.encodedList },
    });
    const { payload } = await compactVerify(statusListJws, await importJWK({ ...keySet.keys[0]!.publicKeyJwk }, 'EdDSA'));
    const body = JSON.parse(new TextDecoder().decode(payload));
    expect(body).toMatchObject({ ...statusListCredential, iss: issuer.id, jti: listUrl, sub: `${listUrl}#list` });
  });

  it('the entry in a credential follows §2.1', () => {
    const parsed = buildAwardCredential(award('urn:uuid:00000000-0000-4000-8000-000000000042', 42));
    expect(parsed.credentialStatus).toEqual({
      id: `${listUrl}#42`,
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: '42',
      statusListCredential: listUrl,
    });
  });

  it('signed list → verified and decoded → index 42 revoked, 43 active', () => {
    const verified = verifyStatusListCredential(statusListJws, keySet, { now });
    expect(verified.ok).toBe(true);
    if (!verified.ok) return;
    const statusLists = new Map([[listUrl, verified.list]]);
    expect(verifyCredential(revoked, keySet, { now, statusLists })).toMatchObject({ ok: true, status: 'revoked' });
    expect(verifyCredential(kept, keySet, { now, statusLists })).toMatchObject({ ok: true, status: 'active' });
  });

  it('the signed list JWS, or the bare encodedList, can be passed directly', () => {
    expect(verifyCredential(revoked, keySet, { now, statusLists: new Map([[listUrl, statusListJws]]) })).toMatchObject({ status: 'revoked' });
    expect(verifyCredential(kept, keySet, { now, statusLists: new Map([[listUrl, statusListJws]]) })).toMatchObject({ status: 'active' });
    const encoded = statusListCredential.credentialSubject.encodedList;
    expect(verifyCredential(revoked, keySet, { now, statusLists: new Map([[listUrl, encoded]]) })).toMatchObject({ status: 'revoked' });
  });

  it('status is unknown, with a reason, when the list is missing, forged, for another URL or too small for the index', () => {
    expect(verifyCredential(revoked, keySet, { now })).toMatchObject({ ok: true, status: 'unknown', statusProblem: 'status_list_missing' });
    const [h, p] = statusListJws.split('.');
    const forged = signCredential(statusListCredential, createIssuerKeySet({ issuer, now: new Date('2026-01-01T00:00:00Z'), seed: new Uint8Array(32).fill(4) }).privateKeys[0]!);
    expect(verifyCredential(revoked, keySet, { now, statusLists: new Map([[listUrl, forged]]) })).toMatchObject({ status: 'unknown', statusProblem: 'status_list_invalid' });
    expect(verifyCredential(revoked, keySet, { now, statusLists: new Map([[listUrl, `${h}.${p}.AAAA`]]) })).toMatchObject({ status: 'unknown', statusProblem: 'status_list_invalid' });
    const otherList = signCredential(buildStatusListCredential({ ...statusListCredential, id: 'https://mekendesh.kg/status/2', encodedList: statusListCredential.credentialSubject.encodedList }), key);
    expect(verifyCredential(revoked, keySet, { now, statusLists: new Map([[listUrl, otherList]]) })).toMatchObject({ status: 'unknown', statusProblem: 'status_list_mismatch' });
    const far = signCredential(buildAwardCredential(award('urn:uuid:00000000-0000-4000-8000-000000000044', 200_000)), key);
    expect(verifyCredential(far, keySet, { now, statusLists: new Map([[listUrl, list]]) })).toMatchObject({ status: 'unknown', statusProblem: 'status_index_out_of_range' });
  });

  it('an expired status list does not count; a list re-signed after rotation by the new key does', () => {
    const expiring = signCredential(buildStatusListCredential({ id: listUrl, issuer: issuer.id, encodedList: encodeStatusList(list), validFrom: '2026-05-15T00:00:00Z', validUntil: '2026-05-16T00:00:00Z' }), key);
    expect(verifyStatusListCredential(expiring, keySet, { now })).toMatchObject({ ok: false, reason: 'expired' });
    expect(verifyCredential(revoked, keySet, { now, statusLists: new Map([[listUrl, expiring]]) })).toMatchObject({ status: 'unknown' });

    const rotated = rotateKey(keySet, new Date('2026-05-20T00:00:00Z'), { seed: new Uint8Array(32).fill(5) });
    const resigned = signCredential(buildStatusListCredential({ id: listUrl, issuer: issuer.id, encodedList: encodeStatusList(list), validFrom: '2026-05-25T00:00:00Z' }), rotated.privateKey);
    expect(verifyCredential(revoked, rotated.keySet, { now, statusLists: new Map([[listUrl, resigned]]) })).toMatchObject({ ok: true, status: 'revoked' });
    // A list signed by the retired key after it was retired is not trusted.
    const late = signCredential(buildStatusListCredential({ id: listUrl, issuer: issuer.id, encodedList: encodeStatusList(createStatusList()), validFrom: '2026-05-25T00:00:00Z' }), key);
    expect(verifyCredential(revoked, rotated.keySet, { now, statusLists: new Map([[listUrl, late]]) })).toMatchObject({ status: 'unknown', statusProblem: 'status_list_invalid' });
  });
});
