import { describe, expect, it } from 'vitest';
import { EMPTY_PROFILE_FIELDS, rankNeedsForProfile, rankProfilesForNeed, matchProfileToNeed, type Need, type ProfileView } from './index.ts';

const NOW = '2026-06-01T00:00:00.000Z';
const need: Need = {
  id: 'need-0001', postedBy: 'partner-01', organisation: 'Кашкалдак айыл өкмөтү', title: 'Мектептин чатырын оңдоо',
  description: null, sector: 'construction', region: 'osh', settlement: null, skills: [], formats: ['onsite'],
  languages: ['ky'], duration: 'short', startDate: null, endDate: null, targetGroup: 'мектеп окуучулары', country: null,
  status: 'open', createdAt: NOW, updatedAt: NOW,
};
const profile = (id: string, p: Partial<ProfileView>): ProfileView => ({
  id, ...EMPTY_PROFILE_FIELDS, visibility: null, createdAt: NOW, updatedAt: NOW, ...p,
});

describe('matching', () => {
  const skill = 'construction.roofing';
  const n = { ...need, skills: [skill] };

  it('needs a wanted skill or the sector, and says why it matched', () => {
    expect(matchProfileToNeed(n, profile('a-000001', { sectors: ['food'] }))).toBeNull();
    const m = matchProfileToNeed(n, profile('a-000002', {
      skillsAbroad: [skill], homeRegion: 'osh', languages: ['ru', 'ky'], availability: 'medium', formats: ['onsite', 'training'],
    }))!;
    expect(m.reasons.map((r) => r.kind)).toEqual(['skills', 'home_region', 'languages', 'availability', 'formats']);
    expect(m.reasons[0]).toEqual({ kind: 'skills', skills: [skill], acquiredAbroad: [skill] });
    expect(m.score).toBe(30 + 10 + 15 + 5 + 10 + 10);
  });

  it('ranks skills first, then home ties; availability must cover the need', () => {
    const ranked = rankProfilesForNeed(n, [
      profile('b-sector1', { sectors: ['construction'] }),
      profile('c-skill01', { skills: [skill] }),
      profile('d-skillho', { skills: [skill], homeRegion: 'osh' }),
      profile('e-short01', { sectors: ['construction'], availability: 'short' }),
      profile('partner-01', { skills: [skill] }),
    ]);
    expect(ranked.map((r) => r.profile.id)).toEqual(['d-skillho', 'c-skill01', 'e-short01', 'b-sector1']);
    const longNeed = { ...n, duration: 'long' as const };
    expect(matchProfileToNeed(longNeed, profile('f', { skills: [skill], availability: 'short' }))!.reasons.map((r) => r.kind)).not.toContain('availability');
  });

  it('prefers the home settlement over the region', () => {
    const withSettlement = { ...n, settlement: 'osh.kashkaldak' };
    const m = matchProfileToNeed(withSettlement, profile('g-000001', { skills: [skill], homeRegion: 'osh', homeSettlement: 'osh.kashkaldak' }))!;
    expect(m.reasons.map((r) => r.kind)).toContain('home_settlement');
    expect(m.reasons.map((r) => r.kind)).not.toContain('home_region');
  });

  it('lists open needs for a member, best first, not their own', () => {
    const me = profile('h-000001', { skills: [skill], homeRegion: 'osh' });
    const needs = [
      { ...n, id: 'need-aaaa', region: 'naryn' },
      { ...n, id: 'need-bbbb' },
      { ...n, id: 'need-cccc', status: 'closed' as const },
      { ...n, id: 'need-dddd', postedBy: 'h-000001' },
      { ...n, id: 'need-eeee', sector: 'health', skills: [] },
    ];
    expect(rankNeedsForProfile(me, needs).map((r) => r.need.id)).toEqual(['need-bbbb', 'need-aaaa']);
  });
});
