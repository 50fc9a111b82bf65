/**
 * Signing is checked by `jose` (an independent JOSE implementation over Node's OpenSSL), not
 * by our own verifier; then tampering must fail in both.
 */
import { compactVerify, createLocalJWKSet, decodeProtectedHeader, importJWK, jwtVerify } from 'jose';
import { ed25519 } from '@noble/curves/ed25519.js';
import { describe, expect, it } from 'vitest';
import {
  base64urlDecode,
  base64urlEncode,
  buildAwardCredential,
  buildBadgeCredential,
  createIssuerKeySet,
  keySetToJwks,
  parseCredentialUnverified,
  rotateKey,
  signCredential,
  verifyCredential,
  type AwardInput,
} from './index.ts';

const issuer = { id: 'https://mekendesh.kg/issuer', name: 'Мекендеш' };
const { keySet, privateKeys } = createIssuerKeySet({ issuer, now: new Date('2026-01-01T00:00:00Z'), seed: new Uint8Array(32).fill(7) });
const key = privateKeys[0]!;
const now = new Date('2026-06-01T00:00:00Z');

const awardInput: AwardInput = {
  id: 'urn:uuid:0f6d1f7e-6c2a-4f7b-9d0e-2b1c3a4d5e6f',
  issuer,
  subject: { id: 'urn:uuid:8a3b2c1d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', name: 'Айгүл Асанова' },
  cycle: { id: 'cycle2026', year: 2026 },
  category: { id: 'philanthropy', name: { ky: 'Кайрымдуулук', ru: 'Благотворительность', en: 'Philanthropy' } },
  awardedOn: '2026-04-30',
  issuedAt: '2026-05-01T10:00:00Z',
  verifyUrl: 'https://mekendesh.kg/verify/0f6d1f7e-6c2a-4f7b-9d0e-2b1c3a4d5e6f',
  status: { listUrl: 'https://mekendesh.kg/status/1', index: 4242 },
};
const credential = buildAwardCredential(awardInput);
const jws = signCredential(credential, key);

const decodeJson = (bytes: Uint8Array) => JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
const joseKey = () => importJWK({ ...keySet.keys[0]!.publicKeyJwk }, 'EdDSA');

async function joseAccepts(token: string): Promise<boolean> {
  try {
    await compactVerify(token, await joseKey());
    return true;
  } catch {
    return false;
  }
}

describe('VC-JWT signing, checked by jose', () => {
  it('jose verifies the signature with the public OKP JWK, and the payload is exactly the credential plus the OB 3.0 claims', async () => {
    const { payload, protectedHeader } = await compactVerify(jws, await joseKey());
    expect(protectedHeader).toEqual({ alg: 'EdDSA', kid: keySet.keys[0]!.kid, typ: 'JWT' });
    const body = decodeJson(payload);
    const { iss, jti, nbf, sub, exp, ...rest } = body;
    expect(rest).toEqual(credential);
    expect(iss).toBe(issuer.id);
    expect(jti).toBe(credential.id);
    expect(sub).toBe(credential.credentialSubject.id);
    expect(nbf).toBe(Date.parse('2026-05-01T10:00:00Z') / 1000);
    expect(exp).toBeUndefined();
    expect(body).not.toHaveProperty('vc'); // OB 3.0 on VCDM 2.0: no VCDM 1.1 `vc` wrapper
    expect(body).not.toHaveProperty('iat');
  });

  it('jose jwtVerify accepts it against the published JWKS, with issuer, typ and time checks', async () => {
    const jwks = createLocalJWKSet(keySetToJwks(keySet));
    const { payload } = await jwtVerify(jws, jwks, { issuer: issuer.id, subject: credential.credentialSubject.id, typ: 'JWT', algorithms: ['EdDSA'], currentDate: now });
    expect(payload.jti).toBe(credential.id);
    // …and refuses it before nbf, as ours does.
    await expect(jwtVerify(jws, jwks, { currentDate: new Date('2026-04-01T00:00:00Z') })).rejects.toThrow();
  });

  it('a badge is signed the same way and jose accepts it', async () => {
    const badge = buildBadgeCredential({
      id: 'urn:uuid:11111111-2222-4333-8444-555555555555',
      issuer,
      subject: { id: 'https://mekendesh.kg/p/Xk3-Qz9Lp2', name: 'Бакыт Осмонов' },
      engagement: { id: 'eng_001', needTitle: 'Бухгалтерия для НКО', hours: 12, beneficiaries: 3, completedOn: '2026-05-20' },
      issuedAt: '2026-05-21T08:00:00Z',
      verifyUrl: 'https://mekendesh.kg/verify/11111111-2222-4333-8444-555555555555',
      status: { listUrl: 'https://mekendesh.kg/status/1', index: 17 },
    });
    const token = signCredential(badge, key);
    const { payload } = await compactVerify(token, await joseKey());
    const { iss: _i, jti: _j, nbf: _n, sub: _s, ...rest } = decodeJson(payload);
    expect(rest).toEqual(badge);
    expect(verifyCredential(token, keySet, { now })).toMatchObject({ ok: true, credential: badge });
  });

  it('our verifier accepts what jose accepts and returns the credential without the JWT claims', () => {
    const result = verifyCredential(jws, keySet, { now });
    expect(result).toEqual({
      ok: true,
      credential,
      kid: keySet.keys[0]!.kid,
      issuedAt: new Date('2026-05-01T10:00:00Z'),
      status: 'unknown',
      statusProblem: 'status_list_missing',
    });
  });

  it('signing is deterministic (Ed25519) and the signature is 64 bytes', () => {
    expect(signCredential(credential, key)).toBe(jws);
    expect(base64urlDecode(jws.split('.')[2]!)!.length).toBe(64);
  });
});

describe('tampering fails in jose and in ours', () => {
  const [h, p, s] = jws.split('.') as [string, string, string];

  it('any single character changed in the payload', async () => {
    const positions = Array.from({ length: 24 }, (_, i) => Math.floor(((i + 0.5) * p.length) / 24));
    for (const at of positions) {
      const c = p[at]!;
      const replacement = c === 'A' ? 'B' : 'A';
      const token = `${h}.${p.slice(0, at)}${replacement}${p.slice(at + 1)}.${s}`;
      expect(await joseAccepts(token), `jose at ${at}`).toBe(false);
      const ours = verifyCredential(token, keySet, { now });
      expect(ours.ok, `ours at ${at}`).toBe(false);
      if (!ours.ok) expect(['bad_signature', 'malformed']).toContain(ours.reason);
    }
  });

  it('the recipient name changed and the payload re-encoded', async () => {
    const body = decodeJson(base64urlDecode(p)!);
    (body.credentialSubject as { identifier: { identityHash: string }[] }).identifier[0]!.identityHash = 'Айгул Асанова';
    const token = `${h}.${base64urlEncode(new TextEncoder().encode(JSON.stringify(body)))}.${s}`;
    expect(await joseAccepts(token)).toBe(false);
    expect(verifyCredential(token, keySet, { now })).toEqual({ ok: false, reason: 'bad_signature', kid: keySet.keys[0]!.kid });
  });

  it('the signature swapped for that of another credential by the same key', async () => {
    const other = signCredential(buildAwardCredential({ ...awardInput, id: 'urn:uuid:99999999-8888-4777-8666-555555555555' }), key);
    const token = `${h}.${p}.${other.split('.')[2]}`;
    expect(await joseAccepts(token)).toBe(false);
    expect(verifyCredential(token, keySet, { now })).toMatchObject({ ok: false, reason: 'bad_signature' });
  });

  it('the header kid changed, to another key of the set or to an unknown one', async () => {
    const rotated = rotateKey(keySet, new Date('2026-07-01T00:00:00Z'), { seed: new Uint8Array(32).fill(8) });
    const newKid = rotated.keySet.keys[1]!.kid;
    const header = (kid: string) => base64urlEncode(new TextEncoder().encode(JSON.stringify({ alg: 'EdDSA', kid, typ: 'JWT' })));
    const moved = `${header(newKid)}.${p}.${s}`;
    expect(await joseAccepts(moved)).toBe(false);
    await expect(compactVerify(moved, await importJWK({ ...rotated.keySet.keys[1]!.publicKeyJwk }, 'EdDSA'))).rejects.toThrow();
    expect(verifyCredential(moved, rotated.keySet, { now })).toEqual({ ok: false, reason: 'bad_signature', kid: newKid });
    const unknown = `${header('https://evil.example/keys#1')}.${p}.${s}`;
    expect(verifyCredential(unknown, keySet, { now })).toEqual({ ok: false, reason: 'unknown_key', kid: 'https://evil.example/keys#1' });
  });

  it('a token signed by a key outside the pinned set fails unknown_key even though it is well formed', () => {
    const stranger = createIssuerKeySet({ issuer, now: new Date('2026-01-01T00:00:00Z'), seed: new Uint8Array(32).fill(9) });
    const token = signCredential(credential, stranger.privateKeys[0]!);
    expect(verifyCredential(token, keySet, { now })).toMatchObject({ ok: false, reason: 'unknown_key' });
  });

  it('malformed tokens: wrong part count, other alg, extra header, bad base64url, non-JSON', () => {
    const enc = (o: unknown) => base64urlEncode(new TextEncoder().encode(JSON.stringify(o)));
    const kid = keySet.keys[0]!.kid;
    for (const token of [
      '',
      'a.b',
      `${h}.${p}.${s}.x`,
      `${enc({ alg: 'none', kid })}.${p}.`,
      `${enc({ alg: 'ES256', kid, typ: 'JWT' })}.${p}.${s}`,
      `${enc({ alg: 'EdDSA', kid, typ: 'vc+jwt' })}.${p}.${s}`,
      `${enc({ alg: 'EdDSA', kid, typ: 'JWT', jwk: { kty: 'OKP' } })}.${p}.${s}`,
      `${h}.${p}=.${s}`,
      `${h}.${p}.${s}A`,
      `${h}.${enc('just a string')}.${s}`,
    ]) {
      expect(verifyCredential(token, keySet, { now }), token.slice(0, 40)).toMatchObject({ ok: false, reason: 'malformed' });
    }
  });

  it('a validly signed token whose claims contradict the credential is refused (OB 3.0 "Verify a Credential VC-JWT Signature")', () => {
    // Our signer cannot produce such a token, so sign raw JSON with the issuer key directly.
    const enc = (o: unknown) => base64urlEncode(new TextEncoder().encode(JSON.stringify(o)));
    const kid = keySet.keys[0]!.kid;
    const signRaw = (payload: unknown) => {
      const input = `${enc({ alg: 'EdDSA', kid, typ: 'JWT' })}.${enc(payload)}`;
      return `${input}.${base64urlEncode(ed25519.sign(new TextEncoder().encode(input), key.seed))}`;
    };
    const good = decodeJson(base64urlDecode(p)!);
    expect(verifyCredential(signRaw(good), keySet, { now })).toMatchObject({ ok: true });
    expect(verifyCredential(signRaw({ ...good, sub: 'urn:uuid:00000000-0000-4000-8000-000000000000' }), keySet, { now })).toMatchObject({ ok: false, reason: 'malformed' });
    expect(verifyCredential(signRaw({ ...good, jti: 'urn:uuid:00000000-0000-4000-8000-000000000000' }), keySet, { now })).toMatchObject({ ok: false, reason: 'malformed' });
    expect(verifyCredential(signRaw({ ...good, nbf: (good.nbf as number) - 1 }), keySet, { now })).toMatchObject({ ok: false, reason: 'malformed' });
    expect(verifyCredential(signRaw({ ...good, exp: 1_900_000_000 }), keySet, { now })).toMatchObject({ ok: false, reason: 'malformed' });
    expect(verifyCredential(signRaw({ ...good, iss: 'https://other.example/issuer' }), keySet, { now })).toMatchObject({ ok: false, reason: 'wrong_issuer' });
    expect(verifyCredential(signRaw({ ...good, issuer: { ...credential.issuer, id: 'https://other.example/issuer' } }), keySet, { now })).toMatchObject({ ok: false, reason: 'wrong_issuer' });
    // The VCDM 1.1 `vc` wrapper is not what we issue; it is refused rather than half-read.
    const { iss, jti, nbf, sub } = good;
    expect(verifyCredential(signRaw({ iss, jti, nbf, sub, vc: credential }), keySet, { now })).toMatchObject({ ok: false });
    // Not an OpenBadgeCredential (e.g. a status-list credential presented as a certificate).
    expect(verifyCredential(signRaw({ ...good, type: ['VerifiableCredential'] }), keySet, { now })).toMatchObject({ ok: false, reason: 'malformed' });
  });
});

describe('parseCredentialUnverified', () => {
  it('reads header, claims and credential for display, and returns null for junk', () => {
    const parsed = parseCredentialUnverified(jws)!;
    expect(parsed.header.kid).toBe(keySet.keys[0]!.kid);
    expect(decodeProtectedHeader(jws)).toEqual(parsed.header);
    expect(parsed.credential).toEqual(credential);
    expect(parsed.claims).toEqual({ iss: issuer.id, jti: credential.id, nbf: Date.parse('2026-05-01T10:00:00Z') / 1000, sub: credential.credentialSubject.id });
    expect(parseCredentialUnverified('nope')).toBeNull();
  });
});
