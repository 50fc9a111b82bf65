/**
 * Roster mutators: an association's leaders and secretaries keep the people on its books.
 * The same code runs optimistically in the desktop app and authoritatively on the server.
 */
import {
  EMPTY_ROSTER_FIELDS,
  fail,
  managesAssociation,
  rosterFieldsDiffer,
  type MutationName,
  type Membership,
  type ParsedMutationArgs,
  type RosterEntry,
  type RosterFields,
  type RosterPatch,
} from '@mekendesh/core';
import type { Records } from './records.ts';
import type { MutatorContext } from './mutators.ts';

type Mutator<N extends MutationName> = (records: Records, args: ParsedMutationArgs<N>, ctx: MutatorContext) => void;
type RosterMutation = 'roster.create' | 'roster.update' | 'roster.delete' | 'roster.bulk' | 'roster.import' | 'roster.undoImport';

function manager(ctx: MutatorContext, associationId: string): string {
  const me = ctx.viewer.accountId;
  if (!me) fail('unauthenticated');
  if (!managesAssociation(ctx.viewer, associationId)) fail('forbidden');
  return me;
}

/** The entry, if the viewer manages its association; `not_found` otherwise (no probing of ids). */
function managedEntry(records: Records, ctx: MutatorContext, id: string): RosterEntry {
  const entry = records.get('roster', id);
  if (!entry || !managesAssociation(ctx.viewer, entry.associationId)) fail('not_found', { table: 'roster', id });
  return entry;
}

const FIELD_KEYS = Object.keys(EMPTY_ROSTER_FIELDS) as (keyof RosterFields)[];

/** The current values of the fields a patch touches. */
function valuesOf(entry: RosterFields, patch: RosterPatch): RosterPatch {
  const out: Record<string, unknown> = {};
  for (const key of FIELD_KEYS) if (key in patch) out[key] = entry[key];
  return out as RosterPatch;
}

/**
 * Fills only the fields the existing entry lacks, and unions tags, groups, languages and skills:
 * an import never overwrites what a leader typed (nor the role, which always has a value).
 */
export function mergeRosterFields(existing: RosterFields, incoming: RosterPatch): RosterPatch {
  const patch: Record<string, unknown> = {};
  for (const key of FIELD_KEYS) {
    const value = incoming[key];
    if (value === undefined || value === null) continue;
    const current = existing[key];
    if (Array.isArray(value)) {
      const union = [...new Set([...(current as string[]), ...value])];
      if (union.length !== (current as string[]).length) patch[key] = union;
    } else if (current === null) {
      patch[key] = value;
    }
  }
  return patch as RosterPatch;
}

/**
 * Creates the roster entry of an account whose membership became active (approved, invited,
 * or the founder), unless the roster already has one. The person's details stay in their own
 * profile, shown to the association as they chose; the entry holds the association's own
 * fields (role, tags, groups, dates).
 */
export function linkRosterEntry(records: Records, membership: Membership, now: string): void {
  if (membership.status !== 'active') return;
  const existing = records.where('roster', 'association_id = ? AND account_id = ?', [membership.associationId, membership.accountId]);
  if (existing.length > 0) return;
  records.put('roster', {
    id: `r-${membership.id}`.slice(0, 80),
    associationId: membership.associationId,
    accountId: membership.accountId,
    ...EMPTY_ROSTER_FIELDS,
    role: membership.role,
    joinedOn: now.slice(0, 10),
    importBatchId: null,
    createdAt: now,
    updatedAt: now,
  });
}

export const ROSTER_MUTATORS: { [N in RosterMutation]: Mutator<N> } = {
  'roster.create'(records, args, ctx) {
    manager(ctx, args.associationId);
    if (!records.get('associations', args.associationId)) fail('not_found', { table: 'associations', id: args.associationId });
    if (records.get('roster', args.id)) fail('conflict');
    records.put('roster', {
      id: args.id,
      associationId: args.associationId,
      accountId: null,
      ...args.fields,
      importBatchId: null,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    });
  },

  'roster.update'(records, args, ctx) {
    const entry = managedEntry(records, ctx, args.id);
    if (args.base) {
      // A field changed elsewhere since the editor saw it, to something other than this edit.
      const conflicts = FIELD_KEYS.filter(
        (key) =>
          key in args.patch &&
          key in args.base! &&
          rosterFieldsDiffer(entry[key], args.base![key]) &&
          rosterFieldsDiffer(entry[key], args.patch[key]),
      ).map((field) => ({ field, theirs: entry[field] ?? null, yours: args.patch[field] ?? null }));
      if (conflicts.length > 0) fail('conflict', { conflicts });
    }
    const next = { ...entry, ...args.patch, updatedAt: ctx.now };
    if (next.nameCyrillic === null && next.nameLatin === null && next.accountId === null) fail('invalid_args', { field: 'nameCyrillic', reason: 'name_required' });
    records.put('roster', next);
  },

  'roster.delete'(records, args, ctx) {
    const entry = managedEntry(records, ctx, args.id);
    // A member with an account leaves through their membership; the roster keeps them until then.
    if (entry.accountId && records.openMembership(entry.associationId, entry.accountId)) fail('conflict', { reason: 'has_membership' });
    records.del('roster', args.id);
  },

  'roster.bulk'(records, args, ctx) {
    manager(ctx, args.associationId);
    for (const id of args.ids) {
      const entry = records.get('roster', id);
      // Entries deleted meanwhile, or of another roster, are skipped rather than failing the batch.
      if (!entry || entry.associationId !== args.associationId) continue;
      const tags = [...new Set([...entry.tags.filter((t) => !args.removeTags.includes(t)), ...args.addTags])].slice(0, 20);
      const groups = [...new Set([...entry.groups.filter((g) => !args.removeGroups.includes(g)), ...args.addGroups])].slice(0, 10);
      records.put('roster', {
        ...entry,
        tags,
        groups,
        ...(args.role ? { role: args.role } : {}),
        ...(args.renewalDate !== undefined ? { renewalDate: args.renewalDate } : {}),
        updatedAt: ctx.now,
      });
    }
  },

  'roster.import'(records, args, ctx) {
    const me = manager(ctx, args.associationId);
    if (!records.get('associations', args.associationId)) fail('not_found', { table: 'associations', id: args.associationId });
    let batch = records.get('roster_imports', args.batchId);
    if (batch && (batch.associationId !== args.associationId || batch.undoneAt)) fail('conflict', { batchId: args.batchId });
    batch ??= {
      id: args.batchId,
      associationId: args.associationId,
      fileName: args.fileName,
      createdBy: me,
      createdAt: ctx.now,
      created: 0,
      merged: 0,
      mergedBefore: [],
      undoneAt: null,
      updatedAt: ctx.now,
    };
    let created = 0;
    for (const c of args.creates) {
      if (records.get('roster', c.id)) fail('conflict', { id: c.id });
      records.put('roster', {
        id: c.id,
        associationId: args.associationId,
        accountId: null,
        ...c.fields,
        importBatchId: args.batchId,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      });
      created++;
    }
    const mergedBefore = [...batch.mergedBefore];
    for (const m of args.merges) {
      const entry = records.get('roster', m.id);
      if (!entry || entry.associationId !== args.associationId) fail('not_found', { table: 'roster', id: m.id });
      const patch = mergeRosterFields(entry, m.patch);
      if (Object.keys(patch).length === 0) continue;
      mergedBefore.push({ id: m.id, before: valuesOf(entry, patch) });
      records.put('roster', { ...entry, ...patch, updatedAt: ctx.now });
    }
    records.put('roster_imports', {
      ...batch,
      created: batch.created + created,
      merged: mergedBefore.length,
      mergedBefore,
      updatedAt: ctx.now,
    });
  },

  'roster.undoImport'(records, args, ctx) {
    const batch = records.get('roster_imports', args.batchId);
    if (!batch || !managesAssociation(ctx.viewer, batch.associationId)) fail('not_found', { table: 'roster_imports', id: args.batchId });
    manager(ctx, batch.associationId);
    if (batch.undoneAt) return;
    for (const entry of records.where('roster', 'import_batch_id = ?', [batch.id])) {
      // Linked to an account since (the person joined): keep the entry, only forget the batch.
      if (entry.accountId) records.put('roster', { ...entry, importBatchId: null, updatedAt: ctx.now });
      else records.del('roster', entry.id);
    }
    // Merged fields go back to their values before the import, newest merge first.
    for (const { id, before } of [...batch.mergedBefore].reverse()) {
      const entry = records.get('roster', id);
      if (!entry) continue;
      records.put('roster', { ...entry, ...before, updatedAt: ctx.now });
    }
    records.put('roster_imports', { ...batch, undoneAt: ctx.now, updatedAt: ctx.now });
  },
};
