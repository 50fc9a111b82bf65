/** Open Badges 3.0 shape of what the builders produce. */
import { describe, expect, it } from 'vitest';
import {
  LANGUAGE_MAP_CONTEXT,
  OB_V3_CONTEXT,
  VC_V2_CONTEXT,
  buildAwardCredential,
  buildBadgeCredential,
  buildStatusListCredential,
  type AwardInput,
  type BadgeInput,
} from './index.ts';

const issuer = { id: 'https://mekendesh.kg/issuer', name: 'Мекендеш', url: 'https://mekendesh.kg' };
const awardInput: AwardInput = {
  id: 'urn:uuid:0f6d1f7e-6c2a-4f7b-9d0e-2b1c3a4d5e6f',
  issuer,
  subject: { id: 'urn:uuid:8a3b2c1d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', name: '  Айгүл   Асанова ' },
  cycle: { id: 'cycle2026', year: 2026 },
  category: { id: 'skills_transfer', name: { ky: 'Тажрыйба алмашуу', ru: 'Передача опыта', en: 'Skills transfer' } },
  awardedOn: '2026-04-30',
  issuedAt: new Date('2026-05-01T10:00:00.456Z'),
  verifyUrl: 'https://mekendesh.kg/verify/0f6d1f7e',
  status: { listUrl: 'https://mekendesh.kg/status/1', index: 9 },
};
const badgeInput: BadgeInput = {
  id: 'urn:uuid:11111111-2222-4333-8444-555555555555',
  issuer,
  subject: { id: 'https://mekendesh.kg/p/Xk3Qz9Lp2', name: 'Бакыт Осмонов' },
  engagement: { id: 'eng_001', needTitle: 'Бухгалтерия для НКО', hours: 21, beneficiaries: 4, completedOn: '2026-05-20' },
  issuedAt: '2026-05-21T08:00:00Z',
  verifyUrl: 'https://mekendesh.kg/verify/11111111',
  status: { listUrl: 'https://mekendesh.kg/status/1', index: 17 },
};

describe('OpenBadgeCredential shape (OB 3.0, VCDM 2.0)', () => {
  const c = buildAwardCredential(awardInput);

  it('contexts: VCDM 2.0 first, the OB 3.0.3 context, then the inline language-map terms', () => {
    expect(c['@context']).toEqual([VC_V2_CONTEXT, OB_V3_CONTEXT, LANGUAGE_MAP_CONTEXT]);
    expect(VC_V2_CONTEXT).toBe('https://www.w3.org/ns/credentials/v2');
    expect(OB_V3_CONTEXT).toBe('https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json');
    expect(LANGUAGE_MAP_CONTEXT.nameMap).toEqual({ '@id': 'https://schema.org/name', '@container': '@language' });
  });

  it('types and required fields of AchievementCredential, Profile, AchievementSubject, Achievement, Criteria', () => {
    expect(c.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
    expect(c.id).toBe(awardInput.id);
    expect(c.name).toBe('Мыкты Мекендеш 2026 — Тажрыйба алмашуу');
    expect(c.issuer).toEqual({ id: issuer.id, type: ['Profile'], name: 'Мекендеш', url: 'https://mekendesh.kg' });
    expect(c.validFrom).toBe('2026-05-01T10:00:00Z'); // whole seconds: equals the JWT nbf
    expect(c.awardedDate).toBe('2026-04-30T00:00:00Z');
    expect(c).not.toHaveProperty('validUntil');
    expect(c.url).toBe(awardInput.verifyUrl);
    expect(c.credentialSchema).toEqual([{ id: 'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json', type: '1EdTechJsonSchemaValidator2019' }]);
    const s = c.credentialSubject;
    expect(s.id).toBe(awardInput.subject.id);
    expect(s.type).toEqual(['AchievementSubject']);
    expect(s.identifier).toEqual([{ type: 'IdentityObject', identityType: 'name', hashed: false, identityHash: 'Айгүл Асанова' }]);
    const a = s.achievement;
    expect(a.id).toBe('https://mekendesh.kg/issuer/achievements/mykty-mekendesh/cycle2026/skills_transfer');
    expect(a.type).toEqual(['Achievement']);
    expect(a.achievementType).toBe('Award');
    expect(typeof a.name).toBe('string');
    expect(typeof a.description).toBe('string');
    expect(typeof a.criteria.narrative).toBe('string');
    expect(a.inLanguage).toBe('ky');
  });

  it('names and descriptions in ky (plain, the reference) and in ky, ru, en (language maps)', () => {
    const a = c.credentialSubject.achievement;
    expect(a.nameMap).toEqual({
      ky: 'Мыкты Мекендеш 2026 — Тажрыйба алмашуу',
      ru: 'Мыкты Мекендеш 2026 — Передача опыта',
      en: 'Mykty Mekendesh 2026 — Skills transfer',
    });
    expect(a.name).toBe(a.nameMap.ky);
    expect(a.description).toBe(a.descriptionMap.ky);
    expect(a.criteria.narrative).toBe(a.criteria.narrativeMap.ky);
    expect(a.descriptionMap.ru).toContain('«Передача опыта»');
    expect(a.descriptionMap.en).toContain('Best Compatriot');
    expect(c.nameMap).toEqual(a.nameMap);
  });

  it('the badge: need title, hours and beneficiaries in text and as OB 3.0 Results', () => {
    const b = buildBadgeCredential(badgeInput);
    const a = b.credentialSubject.achievement;
    expect(a.achievementType).toBe('Badge');
    expect(a.id).toBe('https://mekendesh.kg/issuer/achievements/skills-transfer/eng_001');
    expect(a.nameMap).toEqual({ ky: 'Тажрыйба алмашуу: Бухгалтерия для НКО', ru: 'Передача опыта: Бухгалтерия для НКО', en: 'Skills transfer: Бухгалтерия для НКО' });
    expect(a.descriptionMap.ky).toContain('21 саат, 4 адам');
    expect(a.descriptionMap.ru).toContain('21 час, 4 благополучателя');
    expect(a.descriptionMap.en).toContain('21 hours, 4 beneficiaries');
    expect(a.resultDescription).toEqual([
      { id: `${a.id}#hours`, type: ['ResultDescription'], name: 'Сааттар', resultType: 'ext:Hours' },
      { id: `${a.id}#beneficiaries`, type: ['ResultDescription'], name: 'Пайда алгандар', resultType: 'ext:Beneficiaries' },
    ]);
    expect(b.credentialSubject.result).toEqual([
      { type: ['Result'], resultDescription: `${a.id}#hours`, value: '21' },
      { type: ['Result'], resultDescription: `${a.id}#beneficiaries`, value: '4' },
    ]);
    expect(b.awardedDate).toBe('2026-05-20T00:00:00Z');
    const one = buildBadgeCredential({ ...badgeInput, engagement: { ...badgeInput.engagement, hours: 1, beneficiaries: 1 } });
    expect(one.credentialSubject.achievement.descriptionMap.en).toContain('1 hour, 1 beneficiary');
    expect(one.credentialSubject.achievement.descriptionMap.ru).toContain('1 час, 1 благополучатель');
    const many = buildBadgeCredential({ ...badgeInput, engagement: { ...badgeInput.engagement, hours: 5, beneficiaries: 11 } });
    expect(many.credentialSubject.achievement.descriptionMap.ru).toContain('5 часов, 11 благополучателей');
  });

  it('refuses bad input with invalid_input', () => {
    const bad: Partial<AwardInput>[] = [
      { id: 'not a uri' },
      { subject: { id: 'urn:uuid:1', name: '' } },
      { status: { listUrl: 'https://mekendesh.kg/status/1', index: -1 } },
      { status: { listUrl: 'https://mekendesh.kg/status/1', index: 1.5 } },
      { cycle: { id: 'c', year: 26 } },
      { category: { id: 'x', name: { ky: 'Ж', ru: '', en: 'Y' } } },
      { awardedOn: '30.04.2026' },
      { validUntil: '2026-04-01T00:00:00Z' },
    ];
    for (const patch of bad) expect(() => buildAwardCredential({ ...awardInput, ...patch }), JSON.stringify(patch)).toThrow(/invalid_input/);
    expect(() => buildBadgeCredential({ ...badgeInput, engagement: { ...badgeInput.engagement, hours: 0 } })).toThrow(/invalid_input/);
    expect(() => buildBadgeCredential({ ...badgeInput, engagement: { ...badgeInput.engagement, beneficiaries: 2.5 } })).toThrow(/invalid_input/);
  });

  it('a status-list credential refuses an encodedList that is not multibase base64url', () => {
    expect(() => buildStatusListCredential({ id: 'https://mekendesh.kg/status/1', issuer: issuer.id, encodedList: 'H4sI', validFrom: '2026-05-01' })).toThrow(/status_list_malformed/);
  });
});
