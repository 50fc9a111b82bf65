/** No email address or phone number anywhere in a credential. */
import { describe, expect, it } from 'vitest';
import {
  CredentialError,
  buildAwardCredential,
  buildBadgeCredential,
  createIssuerKeySet,
  findContactDetails,
  looksLikeEmail,
  looksLikePhone,
  signCredential,
  type AwardInput,
  type BadgeInput,
} from './index.ts';

const issuer = { id: 'https://mekendesh.kg/issuer', name: 'Мекендеш' };
const awardInput: AwardInput = {
  id: 'urn:uuid:0f6d1f7e-6c2a-4f7b-9d0e-2b1c3a4d5e6f',
  issuer,
  subject: { id: 'urn:uuid:8a3b2c1d-4e5f-4a6b-8c7d-426614174000', name: 'Айгүл Асанова' },
  cycle: { id: 'cycle2026', year: 2026 },
  category: { id: 'philanthropy', name: { ky: 'Кайрымдуулук', ru: 'Благотворительность', en: 'Philanthropy' } },
  awardedOn: '2026-04-30',
  issuedAt: '2026-05-01T10:00:00Z',
  verifyUrl: 'https://mekendesh.kg/verify/0f6d1f7e-6c2a-4f7b-9d0e-2b1c3a4d5e6f',
  status: { listUrl: 'https://mekendesh.kg/status/1', index: 123_456 },
};
const badgeInput: BadgeInput = {
  id: 'urn:uuid:11111111-2222-4333-8444-555555555555',
  issuer,
  subject: { id: 'https://mekendesh.kg/p/Xk3-392817465-a', name: 'Бакыт Осмонов' },
  engagement: { id: 'eng_2026-0001', needTitle: 'Бухгалтерия для НКО, 2025–2026', hours: 12.5, beneficiaries: 1200, completedOn: '2026-05-20' },
  issuedAt: '2026-05-21T08:00:00Z',
  verifyUrl: 'https://mekendesh.kg/verify/11111111-2222-4333-8444-555555555555',
  status: { listUrl: 'https://mekendesh.kg/status/1', index: 17 },
};

const smuggled = [
  'Айгүл aigul@mail.kg',
  'Aigul (aigul.asanova+cert@gmail.com)',
  'Айгүл aigul [at] mail [dot] ru',
  'Айгүл +996 555 123 456',
  'Айгүл +996555123456',
  'Айгүл 0555 12-34-56',
  'Айгүл 0(555) 12 34 56',
  'Асанова, тел. 8-912-345-67-89',
  'Aigul +7 (912) 345-67-89',
  'Aigul +1 415.555.0123',
];

describe('privacy guard', () => {
  it('the built award and badge hold no email or phone anywhere', () => {
    expect(findContactDetails(buildAwardCredential(awardInput))).toEqual([]);
    expect(findContactDetails(buildBadgeCredential(badgeInput))).toEqual([]);
    // With the JSON-LD keywords (@context, @id…) taken out, no '@' is left at all.
    const json = JSON.stringify(buildAwardCredential(awardInput)).replace(/"@(?:context|id|container|language)"/g, '');
    expect(json).not.toMatch(/@|"email"|"phone"|emailAddress|phoneNumber/);
  });

  it('refuses an email or phone smuggled into the recipient name', () => {
    for (const name of smuggled) {
      expect(() => buildAwardCredential({ ...awardInput, subject: { ...awardInput.subject, name } }), name).toThrow(/contact_details_present/);
    }
  });

  it('refuses them in a need title, a category name and the issuer name too', () => {
    expect(() => buildBadgeCredential({ ...badgeInput, engagement: { ...badgeInput.engagement, needTitle: 'Бухгалтерия, звоните +996 700 11 22 33' } })).toThrow(CredentialError);
    expect(() => buildAwardCredential({ ...awardInput, category: { ...awardInput.category, name: { ...awardInput.category.name, en: 'write to jury@mekendesh.kg' } } })).toThrow(/contact_details_present/);
    expect(() => buildAwardCredential({ ...awardInput, issuer: { ...issuer, name: 'Мекендеш, 0312 62 00 00' } })).toThrow(/contact_details_present/);
  });

  it('refuses contact URIs as the subject id: mailto:, tel:, a phone number as a path segment', () => {
    for (const id of ['mailto:aigul@mail.kg', 'tel:+996555123456', 'https://mekendesh.kg/u/996555123456', 'https://mekendesh.kg/u/+996555123456']) {
      expect(() => buildAwardCredential({ ...awardInput, subject: { ...awardInput.subject, id } }), id).toThrow(/contact_details_present/);
    }
  });

  it('the error names where, never what', () => {
    try {
      buildAwardCredential({ ...awardInput, subject: { ...awardInput.subject, name: 'Айгүл +996 555 123 456' } });
      expect.unreachable();
    } catch (e) {
      expect((e as CredentialError).code).toBe('contact_details_present');
      expect((e as Error).message).toContain('$.credentialSubject.identifier[0].identityHash (phone)');
      expect((e as Error).message).not.toContain('555');
    }
  });

  it('signCredential refuses a credential that gained a contact detail after building, including OB 3.0 Profile email/phone fields', () => {
    const { privateKeys } = createIssuerKeySet({ issuer, now: new Date('2026-01-01T00:00:00Z'), seed: new Uint8Array(32).fill(1) });
    const built = buildAwardCredential(awardInput);
    const withEmail = { ...built, issuer: { ...built.issuer, email: 'office@mekendesh.kg' } };
    expect(() => signCredential(withEmail, privateKeys[0]!)).toThrow(/contact_details_present/);
    const withField = { ...built, issuer: { ...built.issuer, phone: 'hidden' } };
    expect(() => signCredential(withField, privateKeys[0]!)).toThrow(/contact_field/);
    const withIdentity = structuredClone(built);
    (withIdentity.credentialSubject.identifier[0] as { identityType: string }).identityType = 'emailAddress';
    expect(() => signCredential(withIdentity, privateKeys[0]!)).toThrow(/contact_details_present/);
    expect(() => signCredential(built, privateKeys[0]!)).not.toThrow();
  });

  it('does not mistake identifiers, dates and counts for phone numbers', () => {
    for (const s of [
      'urn:uuid:123e4567-e89b-12d3-a456-426614174000',
      '123e4567-e89b-12d3-a456-426614174000',
      '2026-05-01T10:00:00Z',
      'Присуждена в цикле 2026 года, 2025-12-31 — 2026-01-15',
      'https://mekendesh.kg/p/Xk3-392817465-a',
      'https://mekendesh.kg/status/1#123456',
      '12 саат, 1200 адам',
      'Мыкты Мекендеш 2026 — Кайрымдуулук',
    ]) {
      expect(looksLikePhone(s), s).toBe(false);
      expect(looksLikeEmail(s), s).toBe(false);
    }
  });

  it('the builder input type has no contact fields (compile-time check)', () => {
    // @ts-expect-error: SubjectInput is { id, name } only
    const input: AwardInput = { ...awardInput, subject: { id: 'urn:uuid:1', name: 'A', email: 'a@b.kg' } };
    expect(() => buildAwardCredential(input)).not.toThrow(); // extra runtime fields are not copied
    expect(JSON.stringify(buildAwardCredential(input))).not.toContain('a@b.kg');
  });
});
