/** Platform-wide roles an account can hold. Every account is a member. */
export const ACCOUNT_ROLES = [
  'member',
  'association_leader',
  'embassy_staff',
  'home_partner',
  'committee_member',
  'coordinator',
] as const;
export type AccountRole = (typeof ACCOUNT_ROLES)[number];

/** Roles granted only by a coordinator (staff and organisation accounts are verified). */
export const VERIFIED_ROLES: readonly AccountRole[] = [
  'association_leader',
  'embassy_staff',
  'home_partner',
  'committee_member',
  'coordinator',
];

/** Membership states. */
export const MEMBERSHIP_STATUSES = ['pending', 'active', 'rejected', 'left'] as const;
export type MembershipStatus = (typeof MEMBERSHIP_STATUSES)[number];

/** Roles inside one association. */
export const ASSOCIATION_ROLES = ['leader', 'secretary', 'member'] as const;
export type AssociationRole = (typeof ASSOCIATION_ROLES)[number];

/** Association roles that may manage the roster (approve, invite). */
export const ROSTER_MANAGERS: readonly AssociationRole[] = ['leader', 'secretary'];
