import { z } from 'zod';
import {
  AccountRoleSchema,
  AssociationRoleSchema,
  AssociationSchema,
  CountryCode,
  Email,
  Id,
  InvitationCode,
  Locale,
  ProfileFieldsSchema,
  ProfileVisibilitySchema,
  Timestamp,
} from './schemas.ts';

const text = (max: number) => z.string().trim().min(1).max(max);

/** The fields of an association its leaders edit. */
const ASSOCIATION_FIELDS = AssociationSchema.pick({
  name: true, nameLatin: true, country: true, city: true, description: true, contactEmail: true,
}).strict();

/**
 * Argument schemas of every record mutation. The client validates before it queues; the
 * server validates again before it runs the same mutator. Unknown keys are rejected.
 */
export const MUTATION_ARGS = {
  'account.update': z.strictObject({
    displayName: text(120).optional(),
    locale: Locale.optional(),
  }),
  'account.setRoles': z.strictObject({ accountId: Id, roles: z.array(AccountRoleSchema).max(6) }),
  'profile.update': z.strictObject({
    id: Id,
    patch: ProfileFieldsSchema.partial(),
    visibility: ProfileVisibilitySchema.partial().optional(),
  }),
  'association.create': z.strictObject({
    id: Id,
    /** Id of the creator's leader membership, made in the same mutation. */
    membershipId: Id,
    name: text(160),
    nameLatin: text(160).nullable().default(null),
    country: CountryCode,
    city: text(100),
    description: text(4000).nullable().default(null),
    contactEmail: Email.nullable().default(null),
  }),
  'association.update': z.strictObject({ id: Id, patch: ASSOCIATION_FIELDS.partial() }),
  'association.verify': z.strictObject({ id: Id, verified: z.boolean() }),
  'membership.request': z.strictObject({
    id: Id,
    associationId: Id,
    message: text(1000).nullable().default(null),
  }),
  'membership.decide': z.strictObject({ id: Id, decision: z.enum(['approve', 'reject']) }),
  'membership.leave': z.strictObject({ id: Id }),
  'membership.setRole': z.strictObject({ id: Id, role: AssociationRoleSchema }),
  'invitation.create': z.strictObject({
    id: Id,
    associationId: Id,
    code: InvitationCode,
    expiresAt: Timestamp,
    maxUses: z.number().int().min(1).max(100_000),
    requiresApproval: z.boolean().default(false),
  }),
  'invitation.revoke': z.strictObject({ id: Id }),
} as const;

export type MutationName = keyof typeof MUTATION_ARGS;
export type MutationArgs<N extends MutationName> = z.input<(typeof MUTATION_ARGS)[N]>;
export type ParsedMutationArgs<N extends MutationName> = z.output<(typeof MUTATION_ARGS)[N]>;
export const MUTATION_NAMES = Object.keys(MUTATION_ARGS) as MutationName[];

export function isMutationName(name: unknown): name is MutationName {
  return typeof name === 'string' && Object.hasOwn(MUTATION_ARGS, name);
}
