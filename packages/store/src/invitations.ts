import { linkRosterEntry } from './roster-mutators.ts';
import { fail, type Membership, type Viewer } from '@mekendesh/core';
import type { Records } from './records.ts';

/**
 * Redeems an invitation code for the viewer. Runs only on the server: clients never hold
 * codes of associations they do not manage. Returns the new membership.
 */
export function redeemInvitation(
  records: Records,
  code: string,
  viewer: Viewer,
  now: string,
  membershipId: string,
): Membership {
  if (!viewer.accountId) fail('unauthenticated');
  const inv = records.where('invitations', 'code = ?', [code])[0];
  if (!inv || inv.revokedAt) fail('invitation_invalid');
  if (inv.expiresAt <= now) fail('invitation_expired');
  if (inv.uses >= inv.maxUses) fail('invitation_exhausted');
  if (records.openMembership(inv.associationId, viewer.accountId)) fail('already_member');
  const membership: Membership = {
    id: membershipId,
    associationId: inv.associationId,
    accountId: viewer.accountId,
    status: inv.requiresApproval ? 'pending' : 'active',
    role: 'member',
    message: null,
    requestedAt: now,
    decidedAt: inv.requiresApproval ? null : now,
    decidedBy: inv.requiresApproval ? null : inv.createdBy,
    updatedAt: now,
  };
  records.put('invitations', { ...inv, uses: inv.uses + 1 });
  records.put('memberships', membership);
  linkRosterEntry(records, membership, now);
  records.accessChanged(viewer.accountId);
  records.touch('profiles', viewer.accountId);
  return membership;
}
