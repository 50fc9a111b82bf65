import { describe, expect, it } from 'vitest';
import { createIssuerKeySet, markKeyCompromised, rotateKey } from './keys.ts';
import { acceptKeySet } from './pinning.ts';

const issuer = { id: 'https://mekendesh.example/api/public/issuer', name: 'Мекендеш' };
const t0 = new Date('2026-01-01T00:00:00Z');
const t1 = new Date('2026-06-01T00:00:00Z');

describe('pinning the issuer key set', () => {
  it('pins the first set, then accepts a rotation and a compromise, but not a swap, a removal or a rollback', () => {
    const { keySet: first } = createIssuerKeySet({ issuer, now: t0 });
    expect(acceptKeySet(null, first)).toMatchObject({ ok: true, changed: true });
    expect(acceptKeySet(first, first)).toMatchObject({ ok: true, changed: false });

    const { keySet: rotated } = rotateKey(first, t1);
    expect(acceptKeySet(first, rotated)).toMatchObject({ ok: true, changed: true });
    // Rolling the rotation back (the old key current again) is refused.
    expect(acceptKeySet(rotated, first)).toMatchObject({ ok: false, reason: 'validity_extended' });
    expect(acceptKeySet(rotated, { ...rotated, keys: [rotated.keys[0]!] })).toMatchObject({ ok: false, reason: 'key_removed' });

    const leaked = markKeyCompromised(rotated, rotated.keys[0]!.kid, '2026-03-01T00:00:00Z');
    expect(acceptKeySet(rotated, leaked)).toMatchObject({ ok: true, changed: true });
    expect(acceptKeySet(leaked, rotated)).toMatchObject({ ok: false, reason: 'compromise_withdrawn' });

    const { keySet: other } = createIssuerKeySet({ issuer, now: t0 });
    expect(acceptKeySet(first, { ...first, keys: [{ ...first.keys[0]!, publicKeyJwk: other.keys[0]!.publicKeyJwk }] })).toMatchObject({ ok: false, reason: 'key_changed' });
    expect(acceptKeySet(first, { ...other, issuer: { id: 'https://evil.example/issuer', name: 'x' } })).toMatchObject({ ok: false, reason: 'issuer_changed' });
    const reopened = { ...rotated, keys: rotated.keys.map((k, i) => (i === 0 ? { ...k, validUntil: null } : k)) };
    expect(acceptKeySet(rotated, reopened)).toMatchObject({ ok: false, reason: 'validity_extended' });
  });
});
