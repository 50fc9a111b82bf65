/**
 * A project's records in the engine: its description, members, money, milestones and updates
 * from the local store, and every project mutation through the sync client (applied at once,
 * offline too, checked by the same mutator the server runs, queued). The workspace document is
 * in `workspaces.ts`.
 */
import {
  DomainError,
  MUTATION_ARGS,
  projectTotals,
  type CurrencyTotals,
  type Expense,
  type Milestone,
  type Pledge,
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

/** Everything a member's device holds of one project, for its overview. */
export interface ProjectRecords {
  role: ProjectRole;
  totals: CurrencyTotals[];
  pledges: (Pledge & { pledgerName: string | null })[];
  expenses: Expense[];
  milestones: Milestone[];
  updates: ProjectUpdate[];
}

/** Where the account may create a project: associations it manages, and itself as a home partner. */
export interface ProjectOwners {
  associations: { id: string; name: string }[];
  partner: boolean;
}

interface RecordsAccount {
  accountId: string;
  client: SyncClient;
}

const byDate = <T extends { createdAt: string }>(a: T, b: T) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0);

export function projectRecordHandlers(engine: () => Promise<RecordsAccount>) {
  return {
    /** The project's money, milestones and updates as this device holds them (members only). */
    async 'projects.records'({ id }: { id: string }): Promise<ProjectRecords | null> {
      const { client, accountId } = await engine();
      const me = client.records.where('project_members', 'project_id = ? AND account_id = ?', [id, accountId])[0];
      if (!me) return null;
      const pledges = client.records.where('pledges', 'project_id = ?', [id]).sort(byDate);
      const expenses = client.records.where('expenses', 'project_id = ?', [id]).sort(byDate);
      const name = (acc: string | null) => (acc ? ((client.get('profiles', acc) as { displayName?: string | null } | undefined)?.displayName ?? null) : null);
      return {
        role: me.role,
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
      return { associations, partner: roles.includes('home_partner') || roles.includes('coordinator') };
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
      if (!parsed.success) {
        const issues = parsed.error.issues.map((i) => ({ field: String(i.path[0] ?? ''), code: i.code === 'too_big' ? 'too_long' : 'invalid' }));
        throw new DomainError('invalid_args', { issues });
      }
      return { mutationId: client.mutate(name, parsed.data as never) };
    },
  };
}
