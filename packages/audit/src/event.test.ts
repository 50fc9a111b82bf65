import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalize } from './canonical-json.ts';
import { checkedPreimage, EVENT_DOMAIN, eventPreimage, EventHasher, GENESIS_HASH, hashEvent, invalidField } from './event.ts';

const AT = '2026-06-01T10:00:00.000Z';

describe('event hashing', () => {
  it('is SHA-256 over the domain line, the previous hash and the JCS body, as documented (checked against node:crypto)', () => {
    const e = { seq: 1, at: AT, actor: 'acct-01', kind: 'nomination.submitted', subject: 'nom-01' };
    const data = '{"title":"Мыкты Мекендеш"}';
    const text = `mekendesh-audit-event-v1\n${GENESIS_HASH}\n{"actor":"acct-01","at":"${AT}","data":${data},"kind":"nomination.submitted","seq":1,"subject":"nom-01"}`;
    expect(eventPreimage(GENESIS_HASH, e, data)).toBe(text);
    expect(hashEvent(GENESIS_HASH, e, data)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
    // An injected digest gives the same hash.
    expect(hashEvent(GENESIS_HASH, e, data, (b) => createHash('sha256').update(b).digest())).toBe(hashEvent(GENESIS_HASH, e, data));
    expect(eventPreimage(GENESIS_HASH, { ...e, actor: null, subject: null }, '{}')).toContain('{"actor":null,');
  });

  it('splices the same body as canonicalising the whole event, on both paths', () => {
    const data = { 'өлкө': 'Кыргызстан', b: [1, { z: null, a: 'x"y\\z\n' }] };
    for (const e of [
      { seq: 7, at: AT, actor: 'acct "quoted" ñ', kind: 'decision.made', subject: 'nom-01' },
      { seq: 123456, at: '2026-06-01T10:00:00Z', actor: null, kind: 'system', subject: null },
    ]) {
      const whole = `${EVENT_DOMAIN}\n${'ab'.repeat(32)}\n${canonicalize({ ...e, data })}`;
      expect(eventPreimage('ab'.repeat(32), e, canonicalize(data))).toBe(whole);
      expect(checkedPreimage('ab'.repeat(32), e, canonicalize(data))).toBe(whole);
      expect(new EventHasher().hash('ab'.repeat(32), e, canonicalize(data))).toBe(createHash('sha256').update(whole).digest('hex'));
    }
  });

  it('checks fields as append and verify need them', () => {
    const ok = { at: AT, actor: 'acct-01', kind: 'nomination.submitted', subject: 'nom-01' };
    expect(invalidField(ok)).toBeUndefined();
    expect(invalidField({ ...ok, actor: null, subject: null, kind: 'system' })).toBeUndefined();
    expect(invalidField({ ...ok, at: '2026-06-01T10:00:00+06:00' })).toBe('at');
    expect(invalidField({ ...ok, at: '2026-02-30T10:00:00.000Z' })).toBe('at');
    expect(invalidField({ ...ok, at: '2028-02-29T23:59:59.999Z' })).toBeUndefined();
    expect(invalidField({ ...ok, at: '2000-02-29T00:00:00Z' })).toBeUndefined();
    expect(invalidField({ ...ok, at: '2100-02-29T00:00:00Z' })).toBe('at');
    expect(invalidField({ ...ok, at: '2026-04-31T00:00:00Z' })).toBe('at');
    expect(invalidField({ ...ok, at: '2026-12-31T00:00:00Z' })).toBeUndefined();
    expect(invalidField({ ...ok, at: '2026-06-01T24:00:00.000Z' })).toBe('at');
    expect(invalidField({ ...ok, at: '2026-00-10T10:00:00.000Z' })).toBe('at');
    expect(invalidField({ ...ok, kind: 'Nomination.submitted' })).toBe('kind');
    expect(invalidField({ ...ok, kind: 'nomination..submitted' })).toBe('kind');
    expect(invalidField({ ...ok, actor: 'x'.repeat(201) })).toBe('actor');
    expect(invalidField({ ...ok, subject: '\ud800' })).toBe('subject');
  });
});

