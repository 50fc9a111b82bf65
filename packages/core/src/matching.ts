import type { Availability, Format, ProfileView } from './schemas.ts';
import type { Need } from './skills-transfer.ts';

/** Why a profile matches a need; the UI turns each into a sentence in the user's language. */
export type MatchReason =
  | { kind: 'skills'; skills: string[]; acquiredAbroad: string[] }
  | { kind: 'sector'; sector: string }
  | { kind: 'home_settlement'; settlement: string }
  | { kind: 'home_region'; region: string }
  | { kind: 'languages'; languages: string[] }
  | { kind: 'availability'; availability: Availability }
  | { kind: 'formats'; formats: Format[] };

export interface Match {
  score: number;
  reasons: MatchReason[];
}

const AVAILABILITY_RANK: Record<Availability, number> = { short: 0, medium: 1, long: 2 };

/** Points per reason. Skills weigh most; ties to the home place come next, as the reports ask. */
export const MATCH_WEIGHTS = {
  skill: 30,
  maxSkills: 3,
  acquiredAbroad: 10,
  sector: 20,
  homeSettlement: 25,
  homeRegion: 15,
  language: 5,
  maxLanguages: 2,
  availability: 10,
  formats: 10,
} as const;

/**
 * How well a profile (as the viewer sees it) fits a need, or null when it does not: a match
 * needs at least one wanted skill or the need's sector. Pure and deterministic.
 */
export function matchProfileToNeed(need: Need, profile: ProfileView): Match | null {
  const held = new Set([...profile.skills, ...profile.skillsAbroad]);
  const abroad = new Set(profile.skillsAbroad);
  const skills = need.skills.filter((s) => held.has(s));
  const sector = profile.sectors.includes(need.sector);
  if (skills.length === 0 && !sector) return null;

  const W = MATCH_WEIGHTS;
  const reasons: MatchReason[] = [];
  let score = 0;
  if (skills.length > 0) {
    const acquiredAbroad = skills.filter((s) => abroad.has(s));
    score += Math.min(skills.length, W.maxSkills) * W.skill + (acquiredAbroad.length > 0 ? W.acquiredAbroad : 0);
    reasons.push({ kind: 'skills', skills, acquiredAbroad });
  }
  if (sector) {
    score += W.sector;
    reasons.push({ kind: 'sector', sector: need.sector });
  }
  if (need.settlement && profile.homeSettlement === need.settlement) {
    score += W.homeSettlement;
    reasons.push({ kind: 'home_settlement', settlement: need.settlement });
  } else if (profile.homeRegion === need.region) {
    score += W.homeRegion;
    reasons.push({ kind: 'home_region', region: need.region });
  }
  const languages = need.languages.filter((l) => profile.languages.includes(l));
  if (languages.length > 0) {
    score += Math.min(languages.length, W.maxLanguages) * W.language;
    reasons.push({ kind: 'languages', languages });
  }
  if (profile.availability && (!need.duration || AVAILABILITY_RANK[profile.availability] >= AVAILABILITY_RANK[need.duration])) {
    score += W.availability;
    reasons.push({ kind: 'availability', availability: profile.availability });
  }
  const formats = need.formats.filter((f) => profile.formats.includes(f));
  if (formats.length > 0) {
    score += W.formats;
    reasons.push({ kind: 'formats', formats });
  }
  return { score, reasons };
}

/** Profiles that match a need, best first (ties by id, so the order is stable). */
export function rankProfilesForNeed(need: Need, profiles: Iterable<ProfileView>, limit = 50) {
  const out: { profile: ProfileView; match: Match }[] = [];
  for (const profile of profiles) {
    if (profile.id === need.postedBy) continue;
    const match = matchProfileToNeed(need, profile);
    if (match) out.push({ profile, match });
  }
  out.sort((a, b) => b.match.score - a.match.score || (a.profile.id < b.profile.id ? -1 : 1));
  return out.slice(0, limit);
}

/** Open needs that match a member's profile, best first. */
export function rankNeedsForProfile(profile: ProfileView, needs: Iterable<Need>, limit = 50) {
  const out: { need: Need; match: Match }[] = [];
  for (const need of needs) {
    if (need.status !== 'open' || need.postedBy === profile.id) continue;
    const match = matchProfileToNeed(need, profile);
    if (match) out.push({ need, match });
  }
  out.sort((a, b) => b.match.score - a.match.score || (a.need.id < b.need.id ? -1 : 1));
  return out.slice(0, limit);
}
