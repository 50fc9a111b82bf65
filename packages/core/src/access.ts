import type { AccountRole, AssociationRole, MembershipStatus } from './roles.ts';
import { ROSTER_MANAGERS } from './roles.ts';
import type { Invitation, Membership, ProfileField, ProfileView, Profile, TableName } from './schemas.ts';
import type { Engagement, Notification } from './skills-transfer.ts';
import type { RosterEntry, RosterImport } from './roster.ts';
import type { Pledge, Project, ProjectRole } from './projects.ts';
import type { AwardCycle, AwardVote, Endorsement, Nomination, Review, ReviewAssignment } from './awards.ts';
import { EMPTY_PROFILE_FIELDS, FIXED_VISIBILITY, PROFILE_FIELDS } from './schemas.ts';
import { canSee, type ViewerRelation } from './visibility.ts';

/** What the server knows about whoever asks: the basis of every read and write decision. */
export interface Viewer {
  /** null for an anonymous visitor. */
  accountId: string | null;
  roles: readonly AccountRole[];
  /** The viewer's own memberships, by association id. */
  memberships: ReadonlyMap<string, { status: MembershipStatus; role: AssociationRole }>;
  /** The viewer's roles in projects, by project id (absent: member of none). */
  projects?: ReadonlyMap<string, ProjectRole>;
  /** Award cycles whose committee the viewer sits on. */
  committee?: ReadonlySet<string>;
  /** Nominations the viewer is recused from (a declared conflict of interest). */
  recused?: ReadonlySet<string>;
  /** Nominations whose review the viewer has submitted: only then are other reviews shown. */
  reviewed?: ReadonlySet<string>;
}

/** True when the viewer sits on the nomination's committee and is not recused from it. */
export function onCommitteeFor(viewer: Viewer, n: { id: string; cycleId: string }): boolean {
  return !!viewer.committee?.has(n.cycleId) && !viewer.recused?.has(n.id);
}

/** The viewer's role in a project, or null when not a member. */
export function projectRole(viewer: Viewer, projectId: string): ProjectRole | null {
  return viewer.projects?.get(projectId) ?? null;
}

export const ANONYMOUS: Viewer = { accountId: null, roles: [], memberships: new Map() };

export function hasRole(viewer: Viewer, role: AccountRole): boolean {
  return viewer.roles.includes(role);
}

/** True when the viewer is an active leader or secretary of the association. */
export function managesAssociation(viewer: Viewer, associationId: string): boolean {
  const m = viewer.memberships.get(associationId);
  return !!m && m.status === 'active' && ROSTER_MANAGERS.includes(m.role);
}

/** True when the viewer is an active leader (not secretary) of the association. */
export function leadsAssociation(viewer: Viewer, associationId: string): boolean {
  const m = viewer.memberships.get(associationId);
  return !!m && m.status === 'active' && m.role === 'leader';
}

/** Associations in which the viewer is an active member (any role). */
export function activeAssociations(viewer: Viewer): string[] {
  return [...viewer.memberships].filter(([, m]) => m.status === 'active').map(([id]) => id);
}

/** Accounts that may post needs: home partners, embassy staff, coordinators. */
export function canPostNeeds(viewer: Viewer): boolean {
  return hasRole(viewer, 'home_partner') || hasRole(viewer, 'embassy_staff') || hasRole(viewer, 'coordinator');
}

/** Associations whose roster the viewer manages. */
export function managedAssociations(viewer: Viewer): string[] {
  return [...viewer.memberships.keys()].filter((id) => managesAssociation(viewer, id));
}

/**
 * Whether a row of a table other than profiles may be sent to the viewer at all. Deny by
 * default: a table not named here is never sent. Profiles go through {@link projectProfile}.
 */
export function canReadRow(table: Exclude<TableName, 'profiles'>, row: unknown, viewer: Viewer): boolean {
  if (viewer.accountId === null) return table === 'associations';
  switch (table) {
    case 'accounts':
      return (row as { id: string }).id === viewer.accountId;
    case 'associations':
      return true;
    case 'memberships': {
      const m = row as Membership;
      return m.accountId === viewer.accountId || managesAssociation(viewer, m.associationId) || hasRole(viewer, 'coordinator');
    }
    case 'invitations':
      return managesAssociation(viewer, (row as Invitation).associationId);
    case 'offers':
    case 'needs':
      return true;
    case 'engagements': {
      const e = row as Engagement;
      return e.memberId === viewer.accountId || e.partnerId === viewer.accountId || hasRole(viewer, 'coordinator');
    }
    case 'notifications':
      return (row as Notification).accountId === viewer.accountId;
    // Personal data an association keeps: its leaders and secretaries only.
    case 'roster':
      return managesAssociation(viewer, (row as RosterEntry).associationId);
    case 'roster_imports':
      return managesAssociation(viewer, (row as RosterImport).associationId);
    // Projects: members see everything of their project; others the description of a public
    // one (its page shows the rest, without personal data); a pledger sees their own pledge.
    case 'projects':
      return projectRole(viewer, (row as Project).id) !== null || (row as Project).isPublic;
    case 'pledges':
      return projectRole(viewer, (row as Pledge).projectId) !== null || (row as Pledge).pledgerId === viewer.accountId;
    case 'project_members':
    case 'expenses':
    case 'milestones':
    case 'project_updates':
      return projectRole(viewer, (row as { projectId: string }).projectId) !== null;
    // The award. A cycle is public once published. A nomination goes to its nominator (drafts
    // to no one else), to coordinators, and to the cycle's committee except those recused.
    // The nominee consents through a link, so nothing of the review reaches them early.
    case 'award_cycles':
      return (row as AwardCycle).published || hasRole(viewer, 'coordinator');
    case 'nominations': {
      const n = row as Nomination;
      if (n.nominatorId === viewer.accountId) return true;
      if (n.status === 'draft') return false;
      return hasRole(viewer, 'coordinator') || onCommitteeFor(viewer, n);
    }
    case 'review_assignments':
      return (row as ReviewAssignment).reviewerId === viewer.accountId || hasRole(viewer, 'coordinator');
    // No anchoring: others' scores only after one's own are submitted, and never while recused.
    case 'reviews': {
      const r = row as Review;
      if (r.reviewerId === viewer.accountId) return true;
      if (r.status !== 'submitted') return false;
      return hasRole(viewer, 'coordinator') || (onCommitteeFor(viewer, { id: r.nominationId, cycleId: r.cycleId }) && !!viewer.reviewed?.has(r.nominationId));
    }
    case 'award_votes':
      return (row as AwardVote).voterId === viewer.accountId || hasRole(viewer, 'coordinator');
    // Endorsements exist for submitted nominations only: whoever sees the nomination sees them.
    case 'endorsements': {
      const e = row as Endorsement;
      return e.nominatorId === viewer.accountId || hasRole(viewer, 'coordinator') || onCommitteeFor(viewer, { id: e.nominationId, cycleId: e.cycleId });
    }
    default:
      return false;
  }
}

/** The owner's visibility of a field, after fixed rules (gender is always private). */
export function effectiveVisibility(profile: Pick<Profile, 'visibility'>, field: ProfileField) {
  return FIXED_VISIBILITY[field] ?? profile.visibility[field] ?? 'private';
}

/** The profile fields a viewer with `relation` may receive, given the owner's visibility settings. */
export function visibleProfileFields(visibility: Profile['visibility'], relation: ViewerRelation): ProfileField[] {
  if (relation === 'self') return [...PROFILE_FIELDS];
  return PROFILE_FIELDS.filter((field) => canSee(effectiveVisibility({ visibility }, field), relation));
}

/**
 * The part of a profile a viewer with `relation` may receive, or null when nothing but its
 * existence would be left (then the viewer does not learn that the profile exists).
 */
export function projectProfile(profile: Profile, relation: ViewerRelation): ProfileView | null {
  if (relation === 'self') return profile;
  const fields = visibleProfileFields(profile.visibility, relation);
  if (fields.length === 0) return null;
  const out: ProfileView = { ...profile, ...EMPTY_PROFILE_FIELDS, visibility: null };
  for (const field of fields) (out as Record<string, unknown>)[field] = profile[field];
  return out;
}

/**
 * The viewer's relation to a profile owner. `sharesAssociation` is true when both are active
 * in one association, or the viewer manages a roster the owner has applied to.
 */
export function relationTo(viewer: Viewer, ownerId: string, sharesAssociation: boolean): ViewerRelation {
  if (viewer.accountId === null) return 'public';
  if (viewer.accountId === ownerId) return 'self';
  return sharesAssociation ? 'associations' : 'members';
}
