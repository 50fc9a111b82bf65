import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  AccountSchema, AssociationSchema, ExpenseSchema, MembershipSchema, MilestoneSchema, NeedSchema, OfferSchema, PledgeSchema, ProfileSchema, ProjectMemberSchema,
  ProjectSchema, ProjectUpdateSchema, isCurrency, rankProfilesForNeed,
} from '@mekendesh/core';
import { betterSqlite3Driver, migrate, RECORD_MIGRATIONS, SERVER_MIGRATIONS } from '@mekendesh/store';
import * as Y from 'yjs';
import { board, loadYDoc, notesText, workspaceDocName } from '@mekendesh/sync';
import { AuthService } from './auth.ts';
import { DEMO_LOGINS, DEMO_PASSWORD, generateDemo } from './demo.ts';
import { ServerStore } from './storage/server-store.ts';

function store() {
  const db = betterSqlite3Driver(new Database(':memory:'));
  migrate(db, [RECORD_MIGRATIONS, SERVER_MIGRATIONS]);
  return new ServerStore(db);
}

const digest = (s: ServerStore) =>
  createHash('sha256')
    .update(JSON.stringify(s.db.all('SELECT * FROM profiles ORDER BY id')))
    .update(JSON.stringify(s.db.all('SELECT * FROM memberships ORDER BY id')))
    .update(JSON.stringify(s.db.all('SELECT * FROM associations ORDER BY id')))
    .digest('hex');

describe('demo data', () => {
  it('is deterministic: the same seed gives the same data', async () => {
    const a = store();
    const b = store();
    await generateDemo(a, { members: 300, seed: 7, logN: 10 });
    await generateDemo(b, { members: 300, seed: 7, logN: 10 });
    expect(digest(a)).toBe(digest(b));
    const c = store();
    await generateDemo(c, { members: 300, seed: 8, logN: 10 });
    expect(digest(c)).not.toBe(digest(a));
  });

  it('is valid and realistic: schemas pass, sectors follow the returnee assessment, annex cities have associations', async () => {
    const s = store();
    const summary = await generateDemo(s, { members: 2000, logN: 10 });
    expect(summary.members).toBe(2000);
    const profiles = s.records.where('profiles', '1=1');
    expect(profiles.length).toBe(2000 + DEMO_LOGINS.length);
    for (const p of profiles) expect(ProfileSchema.safeParse(p).success, p.id).toBe(true);
    for (const a of s.records.where('associations', '1=1')) expect(AssociationSchema.safeParse(a).success).toBe(true);
    for (const m of s.records.where('memberships', '1=1')) expect(MembershipSchema.safeParse(m).success).toBe(true);
    for (const a of s.records.where('accounts', '1=1')) expect(AccountSchema.safeParse(a).success).toBe(true);
    const needs = s.records.where('needs', '1=1');
    const offers = s.records.where('offers', '1=1');
    expect(needs.length).toBe(summary.needs);
    expect(offers.length).toBe(summary.offers);
    expect(offers.length).toBeGreaterThan(100);
    for (const n of needs) expect(NeedSchema.safeParse(n).error?.issues ?? [], n.id).toEqual([]);
    for (const o of offers) expect(OfferSchema.safeParse(o).error?.issues ?? [], o.id).toEqual([]);
    expect(needs.find((n) => n.settlement === 'osh.kashkaldak')?.organisation).toBe('Кашкалдак айыл өкмөтү');
    expect(new Set(needs.map((n) => n.region)).size).toBeGreaterThanOrEqual(5);
    // Demo needs find matching members.
    const open = needs.filter((n) => n.status === 'open');
    const withMatches = open.filter((n) => rankProfilesForNeed(n, profiles, 1).length > 0);
    expect(withMatches.length).toBe(open.length);
    const members = profiles.filter((p) => p.id.startsWith('demo-m-'));
    const share = (sector: string) => members.filter((p) => p.sectors[0] === sector).length / members.length;
    expect(share('construction')).toBeGreaterThan(0.12);
    expect(share('construction')).toBeLessThan(0.28);
    expect(share('food')).toBeGreaterThan(0.12);
    const women = members.filter((p) => p.gender === 'female').length / members.length;
    expect(women).toBeGreaterThan(0.38);
    expect(women).toBeLessThan(0.52);
    const countries = new Set(members.map((p) => p.country));
    expect(countries.has('RU') && countries.has('TR') && countries.has('US') && countries.has('KR')).toBe(true);
    const cities = s.records.where('associations', '1=1').map((a) => a.nameLatin ?? '');
    for (const city of ['Istanbul', 'Chicago', 'Philadelphia']) expect(cities.some((c) => c.includes(city)), city).toBe(true);
    // Every row is versioned, so it syncs.
    const unversioned = s.db.get<{ n: number }>('SELECT count(*) AS n FROM profiles WHERE _version = 0')!.n;
    expect(unversioned).toBe(0);
    expect(s.db.get<{ v: number }>('SELECT version AS v FROM sync_version')!.v).toBeGreaterThanOrEqual(profiles.length * 2);
  });

  it('has projects: two public with money in several currencies, one private draft; every row valid', async () => {
    const s = store();
    const summary = await generateDemo(s, { members: 10, logN: 10 });
    expect(summary.projects).toBe(3);
    const schemas = { projects: ProjectSchema, project_members: ProjectMemberSchema, pledges: PledgeSchema, expenses: ExpenseSchema, milestones: MilestoneSchema, project_updates: ProjectUpdateSchema } as const;
    for (const [table, schema] of Object.entries(schemas)) {
      const rows = s.records.where(table as keyof typeof schemas, '1=1');
      expect(rows.length, table).toBeGreaterThan(0);
      for (const r of rows) expect(schema.safeParse(r).error?.issues ?? [], `${table} ${(r as { id: string }).id}`).toEqual([]);
    }
    for (const p of [...s.records.where('pledges', '1=1'), ...s.records.where('expenses', '1=1')]) {
      expect(p.amount).toBeGreaterThan(0);
      expect(isCurrency(p.currency)).toBe(true);
    }
    expect(s.records.where('projects', 'is_public = 1').length).toBe(2);
    const page = s.publicProject('demo-project-01')!;
    expect(page.totals.map((t) => t.currency)).toEqual(['KGS', 'RUB', 'USD']);
    expect(s.publicProject('demo-project-03')).toBeNull();
    for (const p of s.records.where('projects', '1=1')) expect(s.records.ownerCount(p.id)).toBeGreaterThan(0);
  });

  it('has workspaces for the two public projects: notes, a board with assigned tasks, a version', async () => {
    const s = store();
    await generateDemo(s, { members: 50, logN: 10 });
    for (const id of ['demo-project-01', 'demo-project-02']) {
      const doc = new Y.Doc();
      const { failed } = loadYDoc(s.ydocs, workspaceDocName(id), doc);
      expect(failed).toBe(0);
      expect(notesText(doc).length).toBeGreaterThan(20);
      const view = board.readBoard(doc);
      expect(view.columns.map((c) => c.id)).toEqual(['todo', 'doing', 'done']);
      const tasks = view.columns.flatMap((c) => c.tasks);
      expect(tasks.length).toBeGreaterThanOrEqual(2);
      const members = new Set(s.records.where('project_members', 'project_id = ?', [id]).map((m) => m.accountId));
      for (const t of tasks) expect(members.has(t.assignee!)).toBe(true);
      expect(s.ydocs.versions(workspaceDocName(id))).toHaveLength(1);
    }
    expect(s.ydocs.has(workspaceDocName('demo-project-03'))).toBe(false);
  });

  it('has one sign-in account per role, with the documented password', async () => {
    const s = store();
    await generateDemo(s, { members: 10, logN: 10 });
    const auth = new AuthService(s, { sessionTtlMs: 60_000, scryptLogN: 10 });
    for (const login of DEMO_LOGINS) {
      const account = await auth.signIn(login.email, DEMO_PASSWORD);
      for (const role of login.roles) expect(account.roles).toContain(role);
    }
  });
});
