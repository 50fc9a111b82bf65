/**
 * Per-field visibility of profiles. A viewer's relation to the profile's owner decides
 * which fields it receives; the server applies this before anything leaves it.
 */
export const VISIBILITY_LEVELS = ['public', 'members', 'associations', 'private'] as const;
export type Visibility = (typeof VISIBILITY_LEVELS)[number];

/**
 * How a viewer relates to a profile's owner, from the farthest to the nearest:
 * - `public`: anyone, signed in or not;
 * - `members`: any signed-in account of the platform;
 * - `associations`: shares an active association with the owner, or manages a roster the owner applied to;
 * - `self`: the owner.
 */
export type ViewerRelation = 'public' | 'members' | 'associations' | 'self';

const RELATION_RANK: Record<ViewerRelation, number> = { public: 0, members: 1, associations: 2, self: 3 };
const LEVEL_RANK: Record<Visibility, number> = { public: 0, members: 1, associations: 2, private: 3 };

/** True when a viewer with `relation` may see a field shared at `level`. */
export function canSee(level: Visibility, relation: ViewerRelation): boolean {
  return RELATION_RANK[relation] >= LEVEL_RANK[level];
}
