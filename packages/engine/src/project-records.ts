/**
 * A project's records in the engine: its description, members, money, milestones and updates
 * from the local store, and every project mutation through the sync client (applied at once,
 * offline too, checked by the same mutator the server runs, queued). The workspace document is
 * in `workspaces.ts`.
 */
import {
  CURRENCIES,
  DomainError,
  MUTATION_ARGS,
  projectTotals,
  type CurrencyTotals,
  type Expense,
  type Milestone,
  type Pledge,
  type Project,
  type ProjectRole,
  type ProjectUpdate,
} from '@mekendesh/core';
import type { SyncClient } from '@mekendesh/sync';

/** The mutations a project screen may send (all of them are checked by their mutators). */
export const PROJECT_MUTATIONS = [
  'project.create',
  'project.update',
  'project.setPublic',
  'project.delete',
  'projectMember.add',
  'projectMember.setRole',
  'projectMember.remove',
  'pledge.create',
  'pledge.update',
  'pledge.setAnonymous',
  'pledge.delete',
  'expense.create',
  'expense.update',
  'expense.delete',
  'milestone.create',
  'milestone.update',
  'milestone.delete',
  'projectUpdate.create',
  'projectUpdate.update',
  'projectUpdate.delete',
] as const;
export type ProjectMutation = (typeof PROJECT_MUTATIONS)[number];

/** A member of a project with its member row id (for `projectMember.setRole` and `.remove`). */
export interface ProjectRecordMember {
  /** The `project_members` row id. */
  id: string;
  accountId: string;
  role: ProjectRole;
  /** The name the viewer may see (from the synced profile, else the account), or null. */
  name: string | null;
}

/** Everything a member's device holds of one project, for its overview. */
export interface ProjectRecords {
  /** The signed-in account (to tell its own member row and pledges). */
  accountId: string;
  /** The project's row: its description, status, budget and public flag. */
  project: Project;
  role: ProjectRole;
  members: ProjectRecordMember[];
  totals: CurrencyTotals[];
  pledges: (Pledge & { pledgerName: string | null })[];
  expenses: Expense[];
  milestones: Milestone[];
  updates: ProjectUpdate[];
}

/** Where the account may create a project: associations it manages, and itself as a home partner. */
export interface ProjectOwners {
  /** The signed-in account (the `partnerId` of a home partner's own project). */
  accountId: string;
  associations: { id: string; name: string }[];
  partner: boolean;
}

/** Why a field of a project mutation was refused (the screens' `transfer.issue.<code>` words). */
export interface ProjectIssue {
  field: string;
  code: 'required' | 'too_long' | 'invalid';
}

interface RecordsAccount {
  accountId: string;
  client: SyncClient;
}

/**
 * One issue per field (the first) from a schema failure: the field is the first key of the
 * path other than `patch` (so an update's `patch.title` is `title`, as a create's `title`).
 */
function schemaIssues(issues: readonly { path: readonly PropertyKey[]; code: string; origin?: string }[], args: unknown): ProjectIssue[] {
  const out = new Map<string, ProjectIssue['code']>();
  for (const i of issues) {
    const field = i.path.find((p): p is string => typeof p === 'string' && p !== 'patch') ?? '';
    if (out.has(field)) continue;
    let input: unknown = args;
    for (const key of i.path) input = (input as Record<PropertyKey, unknown> | null | undefined)?.[key];
    let code: ProjectIssue['code'] = 'invalid';
    if (i.code === 'too_big' && i.origin === 'string') code = 'too_long';
    else if ((i.code === 'too_small' && i.origin === 'string') || (i.code === 'invalid_type' && (input === undefined || input === null))) code = 'required';
    out.set(field, code);
  }
  return [...out].map(([field, code]) => ({ field, code }));
}

/** A mutator's own `invalid_args` ([{ path, message }], e.g. a pledge with no donor) in the same shape. */
function mutatorIssues(err: unknown): unknown {
  if (!(err instanceof DomainError) || err.code !== 'invalid_args' || !Array.isArray(err.detail)) return err;
  const issues: ProjectIssue[] = (err.detail as { path?: unknown; message?: unknown }[]).map((d) => ({
    field: String(d.path ?? ''),
    code: d.message === 'required' ? 'required' : 'invalid',
  }));
  return new DomainError('invalid_args', { issues });
}

const byDate = <T extends { createdAt: string }>(a: T, b: T) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0);

export function projectRecordHandlers(engine: () => Promise<RecordsAccount>) {
  return {
    /** The project's money, milestones and updates as this device holds them (members only). */
    async 'projects.records'({ id }: { id: string }): Promise<ProjectRecords | null> {
      const { client, accountId } = await engine();
      const me = client.records.where('project_members', 'project_id = ? AND account_id = ?', [id, accountId])[0];
      const project = client.get('projects', id);
      if (!me || !project) return null;
      const pledges = client.records.where('pledges', 'project_id = ?', [id]).sort(byDate);
      const expenses = client.records.where('expenses', 'project_id = ?', [id]).sort(byDate);
      // As members are named elsewhere: the profile's name (members see it by default), else the account's.
      const name = (acc: string | null) => {
        if (!acc) return null;
        const p = client.get('profiles', acc);
        return p?.nameCyrillic || p?.nameLatin || client.get('accounts', acc)?.displayName || null;
      };
      return {
        accountId,
        project,
        role: me.role,
        members: client.records
          .where('project_members', 'project_id = ?', [id])
          .map((m) => ({ id: m.id, accountId: m.accountId, role: m.role, name: name(m.accountId) }))
          .sort((a, b) => (a.name ?? '\uffff').localeCompare(b.name ?? '\uffff')),
        totals: projectTotals(pledges, expenses),
        pledges: pledges.map((p) => ({ ...p, pledgerName: name(p.pledgerId) })),
        expenses,
        milestones: client.records
          .where('milestones', 'project_id = ?', [id])
          .sort((a, b) => (a.dueDate ?? '9999') .localeCompare(b.dueDate ?? '9999') || (a.createdAt < b.createdAt ? -1 : 1)),
        updates: client.records.where('project_updates', 'project_id = ?', [id]).sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : byDate(a, b))),
      };
    },
    /** Where the account may create a project (the "new project" form's owner choices). */
    async 'projects.owners'(): Promise<ProjectOwners> {
      const { client, accountId } = await engine();
      const account = client.get('accounts', accountId);
      const roles = account?.roles ?? [];
      const associations = client.records
        .where('memberships', "account_id = ? AND status = 'active' AND role IN ('leader', 'secretary')", [accountId])
        .map((m) => ({ id: m.associationId, name: client.get('associations', m.associationId)?.name ?? m.associationId }))
        .sort((a, b) => a.name.localeCompare(b.name));
      return { accountId, associations, partner: roles.includes('home_partner') || roles.includes('coordinator') };
    },
    /**
     * Runs one project mutation locally and queues it. Arguments failing the schema come back
     * as `invalid_args` with `detail.issues` ({ field, code }); a mutator's refusal as its reason
     * code (`forbidden`, `amount_not_positive`, `unknown_currency`, `purpose_required`…).
     */
    async 'projects.mutate'({ name, args }: { name: ProjectMutation; args: Record<string, unknown> }): Promise<{ mutationId: number }> {
      if (!(PROJECT_MUTATIONS as readonly string[]).includes(name)) throw new DomainError('unknown_mutation', { name });
      const { client } = await engine();
      const parsed = MUTATION_ARGS[name].safeParse(args);
      if (!parsed.success) throw new DomainError('invalid_args', { issues: schemaIssues(parsed.error.issues as never, args) });
      try {
        return { mutationId: client.mutate(name, parsed.data as never) };
      } catch (err) {
        throw mutatorIssues(err);
      }
    },
    /** The currencies amounts may be in, with their decimals (reference data: works before `open`). */
    'projects.currencies'(): { code: string; minorUnits: number }[] {
      return CURRENCIES.map((c) => ({ code: c.code, minorUnits: c.minorUnits }));
    },
  };
}
