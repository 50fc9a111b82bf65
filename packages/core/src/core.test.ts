import { describe, expect, it } from 'vitest';
import {
  COUNTRIES, DEFAULT_VISIBILITY, DISTRICTS, EMPTY_PROFILE_FIELDS, LANGUAGES, PROFILE_FIELDS, REGIONS, SECTORS, SETTLEMENTS, SKILLS,
  ProfileSchema, canReadRow, canSee, projectProfile, relationTo, type Profile, type Viewer,
} from './index.ts';

const NOW = '2026-06-01T00:00:00.000Z';
const profile: Profile = {
  id: 'owner-0001', ...EMPTY_PROFILE_FIELDS, nameCyrillic: 'Айбек', phone: '+996700000000', email: 'a@example.org', city: 'Seoul',
  country: 'KR', gender: 'male', homeSettlement: null,
  visibility: { ...DEFAULT_VISIBILITY, city: 'associations', gender: 'public' }, createdAt: NOW, updatedAt: NOW,
};
const viewer = (id: string | null, memberships: [string, 'active' | 'pending', 'leader' | 'member'][] = []): Viewer => ({
  accountId: id, roles: id ? ['member'] : [], memberships: new Map(memberships.map(([a, status, role]) => [a, { status, role }])),
});

describe('visibility', () => {
  it('orders levels from public to private', () => {
    expect(canSee('public', 'public')).toBe(true);
    expect(canSee('members', 'public')).toBe(false);
    expect(canSee('associations', 'members')).toBe(false);
    expect(canSee('associations', 'associations')).toBe(true);
    expect(canSee('private', 'associations')).toBe(false);
    expect(canSee('private', 'self')).toBe(true);
  });

  it('projects a profile per relation; gender stays private whatever the owner set', () => {
    expect(projectProfile(profile, 'self')).toBe(profile);
    const pub = projectProfile(profile, 'public')!;
    expect(pub.country).toBe('KR');
    expect(pub.nameCyrillic).toBeNull();
    expect(pub.visibility).toBeNull();
    const member = projectProfile(profile, 'members')!;
    expect(member.nameCyrillic).toBe('Айбек');
    expect(member.city).toBeNull();
    const assoc = projectProfile(profile, 'associations')!;
    expect(assoc.city).toBe('Seoul');
    for (const p of [pub, member, assoc]) {
      expect(p.phone).toBeNull();
      expect(p.email).toBeNull();
      expect(p.gender).toBeNull();
    }
  });

  it('hides a profile entirely when nothing is visible', () => {
    const hidden = { ...profile, visibility: Object.fromEntries(PROFILE_FIELDS.map((f) => [f, 'private'])) as Profile['visibility'] };
    expect(projectProfile(hidden, 'associations')).toBeNull();
  });

  it('relations: anonymous, self, members, sharing an association', () => {
    expect(relationTo(viewer(null), 'x', true)).toBe('public');
    expect(relationTo(viewer('x'), 'x', false)).toBe('self');
    expect(relationTo(viewer('y'), 'x', false)).toBe('members');
    expect(relationTo(viewer('y'), 'x', true)).toBe('associations');
  });

  it('row access is denied by default', () => {
    const m = { id: 'm1', associationId: 'a1', accountId: 'someone', status: 'pending' };
    expect(canReadRow('memberships', m, viewer('stranger'))).toBe(false);
    expect(canReadRow('memberships', m, viewer('someone'))).toBe(true);
    expect(canReadRow('memberships', m, viewer('boss', [['a1', 'active', 'leader']]))).toBe(true);
    expect(canReadRow('memberships', m, viewer('boss', [['a1', 'pending', 'leader']]))).toBe(false);
    expect(canReadRow('memberships', m, viewer('peer', [['a1', 'active', 'member']]))).toBe(false);
    expect(canReadRow('invitations', { associationId: 'a1' }, viewer('peer', [['a1', 'active', 'member']]))).toBe(false);
    expect(canReadRow('accounts', { id: 'other' }, viewer('me'))).toBe(false);
    expect(canReadRow('associations', {}, viewer(null))).toBe(true);
    expect(canReadRow('accounts', { id: 'x' }, viewer(null))).toBe(false);
  });

  it('the profile schema accepts a valid profile and rejects unknown references', () => {
    expect(ProfileSchema.safeParse(profile).success).toBe(true);
    expect(ProfileSchema.safeParse({ ...profile, skills: ['nope.nope'] }).success).toBe(false);
    expect(ProfileSchema.safeParse({ ...profile, phone: '0700 123' }).success).toBe(false);
  });
});

describe('reference data', () => {
  const all = { SECTORS, SKILLS, REGIONS, DISTRICTS, SETTLEMENTS, COUNTRIES, LANGUAGES };
  it('ids are unique and every label exists in ky, ru and en', () => {
    for (const [name, rows] of Object.entries(all)) {
      const ids = rows.map((r) => r.id);
      expect(new Set(ids).size, name).toBe(ids.length);
      for (const r of rows) for (const l of ['ky', 'ru', 'en'] as const) expect(r.labels[l].trim(), `${name}:${r.id}:${l}`).not.toBe('');
    }
  });

  it('references resolve: skills to sectors, settlements to regions and districts', () => {
    const sectors = new Set(SECTORS.map((s) => s.id));
    const regions = new Set(REGIONS.map((r) => r.id));
    const districts = new Set(DISTRICTS.map((d) => d.id));
    for (const s of SKILLS) expect(sectors.has(s.sector), s.id).toBe(true);
    for (const s of SETTLEMENTS) {
      expect(regions.has(s.region), s.id).toBe(true);
      if (s.district) expect(districts.has(s.district), s.id).toBe(true);
    }
    expect(REGIONS.filter((r) => r.kind === 'oblast')).toHaveLength(7);
    expect(SETTLEMENTS.find((s) => s.labels.en.includes('Kashkaldak'))).toBeTruthy();
  });
});
