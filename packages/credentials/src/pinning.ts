/**
 * Pinning the issuer's key set on a device, so certificates verify offline.
 *
 * The first key set comes from the app's own server over its authenticated connection (trust
 * on first use). After that a device accepts only a set that keeps every pinned key as it was
 * (same kid, same public key) and the same issuer: a rotation adds a key and closes the old
 * one's validity, a compromise adds a date, and nothing can quietly replace or drop a key. A
 * set that tries is refused with a reason the app shows; the pinned one stays.
 */
import type { IssuerKey, IssuerKeySet } from './keys.ts';

export type PinRefusal = 'issuer_changed' | 'key_removed' | 'key_changed' | 'validity_extended' | 'compromise_withdrawn';

export type PinDecision = { ok: true; keySet: IssuerKeySet; changed: boolean } | { ok: false; reason: PinRefusal; kid?: string };

/** Whether a device that pinned `pinned` (or nothing) may pin `offered` instead. */
export function acceptKeySet(pinned: IssuerKeySet | null, offered: IssuerKeySet): PinDecision {
  if (!pinned) return { ok: true, keySet: offered, changed: true };
  if (pinned.issuer.id !== offered.issuer.id) return { ok: false, reason: 'issuer_changed' };
  const byKid = new Map(offered.keys.map((k) => [k.kid, k] as const));
  let changed = offered.keys.length !== pinned.keys.length || pinned.issuer.name !== offered.issuer.name;
  for (const old of pinned.keys) {
    const now: IssuerKey | undefined = byKid.get(old.kid);
    if (!now) return { ok: false, reason: 'key_removed', kid: old.kid };
    if (now.publicKeyJwk.x !== old.publicKeyJwk.x || now.publicKeyJwk.crv !== old.publicKeyJwk.crv || now.validFrom !== old.validFrom) {
      return { ok: false, reason: 'key_changed', kid: old.kid };
    }
    // A key's validity may end (rotation), never be extended again.
    if (old.validUntil !== null && (now.validUntil === null || Date.parse(now.validUntil) > Date.parse(old.validUntil))) {
      return { ok: false, reason: 'validity_extended', kid: old.kid };
    }
    // A compromise may be recorded or moved earlier, never withdrawn or moved later.
    if (old.compromisedAt && (!now.compromisedAt || Date.parse(now.compromisedAt) > Date.parse(old.compromisedAt))) {
      return { ok: false, reason: 'compromise_withdrawn', kid: old.kid };
    }
    if (now.validUntil !== old.validUntil || now.compromisedAt !== old.compromisedAt) changed = true;
  }
  return { ok: true, keySet: offered, changed };
}
