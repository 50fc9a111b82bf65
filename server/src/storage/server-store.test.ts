import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_VISIBILITY, EMPTY_PROFILE_FIELDS, EMPTY_ROSTER_FIELDS, PROFILE_FIELDS, TABLES, VISIBILITY_LEVELS, canReadRow, projectProfile, relationTo,
  type AccountRole, type AssociationRole, type MembershipStatus, type Profile, type RecordTypes, type TableName, type Viewer,
} from '@mekendesh/core';
import { betterSqlite3Driver, decodeTableRows, migrate, RECORD_MIGRATIONS, SERVER_MIGRATIONS } from '@mekendesh/store';
import { prng } from '../demo.ts';
import { ServerStore } from './server-store.ts';

const NOW = '2026-06-01T00:00:00.000Z';

/** A random little world: accounts, associations, memberships in every state, invitations, profiles, rosters. */
function world(seed: number) {
  const rnd = prng(seed);
  const db = betterSqlite3Driver(new Database(':memory:'));
  migrate(db, [RECORD_MIGRATIONS, SERVER_MIGRATIONS]);
  const store = new ServerStore(db);
  const accounts = Array.from({ length: 12 }, (_, i) => `account-${String(i).padStart(3, '0')}`);
  const associations = ['assoc-aaa1', 'assoc-bbb2', 'assoc-ccc3'];
  db.transaction(() => {
    for (const id of accounts) {
      const roles: AccountRole[] = ['member', ...(rnd.chance(0.15) ? (['coordinator'] as const) : [])];
      db.run('INSERT INTO credentials (account_id, email, created_at) VALUES (?, ?, ?)', [id, `${id}@example.org`, NOW]);
      store.records.put('accounts', { id, email: `${id}@example.org`, displayName: id, roles, locale: 'ky', createdAt: NOW, updatedAt: NOW });
      const visibility = Object.fromEntries(PROFILE_FIELDS.map((f) => [f, rnd.pick(VISIBILITY_LEVELS)])) as Profile['visibility'];
      store.records.put('profiles', {
        id, ...EMPTY_PROFILE_FIELDS, nameCyrillic: `Аты ${id}`, city: 'Ош', phone: '+996700000001', email: `${id}@example.org`,
        languages: ['ky'], gender: 'female', bio: 'bio', visibility: rnd.chance(0.1) ? DEFAULT_VISIBILITY : visibility, createdAt: NOW, updatedAt: NOW,
      });
    }
    for (const a of associations) {
      store.records.put('associations', {
        id: a, name: a, nameLatin: null, country: 'TR', city: 'Istanbul', description: null, contactEmail: null, verified: true,
        createdBy: accounts[0]!, createdAt: NOW, updatedAt: NOW,
      });
      store.records.put('needs', {
        id: `need-${a}`, postedBy: accounts[1]!, organisation: 'Кашкалдак айыл өкмөтү', title: 'Мектеп', description: null,
        sector: 'construction', region: 'osh', settlement: null, skills: [], formats: [], languages: [], duration: null,
        startDate: null, endDate: null, targetGroup: null, country: null, status: 'open', createdAt: NOW, updatedAt: NOW,
      });
      store.records.put('invitations', {
        id: `invite-${a}`, associationId: a, code: `CODE${a.slice(-1)}AAAAA`.slice(0, 10), createdBy: accounts[0]!, createdAt: NOW,
        expiresAt: '2030-01-01T00:00:00.000Z', maxUses: 5, uses: 0, requiresApproval: false, revokedAt: null,
      });
      // Roster entries: people without accounts, and one linked to an account; one import batch.
      store.records.put('roster_imports', {
        id: `batch-${a}`, associationId: a, fileName: 'members.xlsx', createdBy: accounts[0]!, createdAt: NOW, created: 2, merged: 0,
        mergedBefore: [], undoneAt: null, updatedAt: NOW,
      });
      for (let i = 0; i < 3; i++) {
        store.records.put('roster', {
          id: `roster-${a}-${i}`, associationId: a, accountId: i === 0 ? rnd.pick(accounts) : null, ...EMPTY_ROSTER_FIELDS,
          nameCyrillic: `Мүчө ${i}`, phone: '+996555000111', tags: ['2026'], importBatchId: i > 0 ? `batch-${a}` : null, createdAt: NOW, updatedAt: NOW,
        });
      }
      for (const acc of accounts) {
        if (rnd.chance(0.3)) {
          store.records.put('engagements', {
            id: `e-${a}-${acc}`, needId: `need-${a}`, offerId: null, memberId: acc, partnerId: rnd.pick(accounts), proposedBy: acc,
            status: 'proposed', message: null, hours: null, beneficiaries: null, createdAt: NOW, updatedAt: NOW, completedAt: null,
          });
          store.records.put('notifications', {
            id: `n-${a}-${acc}`, accountId: rnd.pick(accounts), kind: 'engagement_proposed', subjectId: `e-${a}-${acc}`,
            actorId: acc, createdAt: NOW, readAt: null,
          });
        }
        if (!rnd.chance(0.5)) continue;
        store.records.put('memberships', {
          id: `m-${a}-${acc}`, associationId: a, accountId: acc,
          status: rnd.pick(['pending', 'active', 'active', 'rejected', 'left'] as MembershipStatus[]),
          role: rnd.pick(['leader', 'secretary', 'member', 'member'] as AssociationRole[]),
          message: null, requestedAt: NOW, decidedAt: null, decidedBy: null, updatedAt: NOW,
        });
      }
    }
    // Projects: one per association, public or not, with members in every role and rows of each kind.
    for (const a of associations) {
      const projectId = `project-${a}`;
      store.records.put('projects', {
        id: projectId, title: `Долбоор ${a}`, summary: null, sector: 'construction', region: 'osh', settlement: null, organisation: null,
        status: 'active', budgetAmount: 100000, budgetCurrency: 'KGS', associationId: a, partnerId: null, isPublic: rnd.chance(0.5),
        createdBy: accounts[0]!, createdAt: NOW, updatedAt: NOW,
      });
      for (const acc of accounts) {
        if (!rnd.chance(0.35)) continue;
        store.records.put('project_members', {
          id: `pm-${a}-${acc}`, projectId, accountId: acc, role: rnd.pick(['owner', 'editor', 'viewer'] as const), addedBy: accounts[0]!, createdAt: NOW, updatedAt: NOW,
        });
      }
      for (let i = 0; i < 3; i++) {
        store.records.put('pledges', {
          id: `pledge-${a}-${i}`, projectId, pledgerId: rnd.chance(0.5) ? rnd.pick(accounts) : null, donorName: 'Донор', anonymous: rnd.chance(0.5),
          amount: 1000 * (i + 1), currency: rnd.pick(['KGS', 'USD'] as const), status: 'pledged', note: null, receivedOn: null, createdBy: accounts[0]!, createdAt: NOW, updatedAt: NOW,
        });
        store.records.put('expenses', {
          id: `expense-${a}-${i}`, projectId, amount: 500, currency: 'KGS', purpose: 'Цемент', spentOn: null, receiptUrl: null, receiptFileId: null,
          createdBy: accounts[0]!, createdAt: NOW, updatedAt: NOW,
        });
        store.records.put('milestones', { id: `ms-${a}-${i}`, projectId, title: 'Этап', dueDate: null, done: false, progress: 10 * i, createdAt: NOW, updatedAt: NOW });
        store.records.put('project_updates', {
          id: `upd-${a}-${i}`, projectId, text: 'Жаңылык', date: '2026-06-01', authorId: accounts[0]!, authorName: 'Автор', createdAt: NOW, updatedAt: NOW,
        });
      }
    }
    // The award: two cycles (one a draft), nominations in every status, assignments (some
    // recused), reviews (drafts and submitted) and votes.
    const T = (v: string) => ({ ky: v, ru: v, en: v });
    for (const [c, year] of [['cycle-aaa1', 2026], ['cycle-bbb2', 2028]] as const) {
      const committee = accounts.filter(() => rnd.chance(0.4));
      store.records.put('award_cycles', {
        id: c, year, title: T(`Мыкты Мекендеш ${year}`), categories: [{ id: 'youth', name: T('Жаштар') }], nominationsOpen: '2026-01-01',
        nominationsClose: '2026-12-01', reviewEnd: '2027-01-01', announcement: '2027-02-01',
        rubric: { scaleMin: 1, scaleMax: 10, criteria: [{ id: 'impact', name: T('Таасири'), weight: 1 }] }, committee: committee.length ? committee : [accounts[2]!],
        reviewersPerNomination: 1, quorum: 1, winnerCooldownCycles: 1, nominatorCap: 3, published: c === 'cycle-aaa1' || rnd.chance(0.5),
        createdBy: accounts[0]!, createdAt: NOW, updatedAt: NOW,
      });
      for (let i = 0; i < 8; i++) {
        const id = `nom-${c}-${i}`;
        store.records.put('nominations', {
          id, cycleId: c, categoryId: 'youth', nomineeAccountId: rnd.chance(0.5) ? rnd.pick(accounts) : null, nomineeName: 'Талапкер', nomineeCountry: null,
          nomineeCity: null, statement: 'Негиздеме', statementLang: 'ky', evidenceLinks: [], evidenceRefs: [], evidenceFiles: [], nominatorId: rnd.pick(accounts), associationId: null,
          status: rnd.pick(['draft', 'submitted', 'eligible', 'in_review', 'shortlisted', 'awarded', 'withdrawn'] as const), ineligibleReason: null, statusNote: null,
          consent: 'pending', consentAt: null, consentBy: null, decisions: [], submittedAt: null, createdAt: NOW, updatedAt: NOW,
        });
        if (rnd.chance(0.5)) {
          const n = store.records.get('nominations', id)!;
          store.records.put('endorsements', {
            id: `end-${id}`, nominationId: id, cycleId: c, nominatorId: n.nominatorId, invitedName: 'Мугалим', endorserName: null, endorserRelation: null,
            text: null, status: 'invited', createdAt: NOW, receivedAt: null, updatedAt: NOW,
          });
        }
        for (const acc of accounts) {
          if (!rnd.chance(0.3)) continue;
          const aid = `ra-${i}-${c}-${acc}`;
          store.records.put('review_assignments', {
            id: aid, cycleId: c, nominationId: id, reviewerId: acc, status: rnd.chance(0.25) ? 'recused' : 'assigned', conflictNote: null, assignedBy: 'auto', createdAt: NOW, updatedAt: NOW,
          });
          if (rnd.chance(0.7)) {
            const submitted = rnd.chance(0.6);
            store.records.put('reviews', {
              id: aid, assignmentId: aid, cycleId: c, nominationId: id, reviewerId: acc, scores: { impact: 5 }, comment: '', status: submitted ? 'submitted' : 'draft',
              submittedAt: submitted ? NOW : null, createdAt: NOW, updatedAt: NOW,
            });
          }
          if (rnd.chance(0.5)) {
            store.records.put('award_votes', { id: `v-${aid}`, cycleId: c, nominationId: id, stage: 'shortlist', voterId: acc, vote: 'yes', createdAt: NOW, updatedAt: NOW });
          }
        }
      }
    }
  });
  return { store, accounts };
}

/**
 * The sharing rule, written plainly as the oracle for the server's SQL: the viewer and the
 * owner are both active in one association, or the owner applied to one the viewer manages.
 */
function sharedAssociationOwners(store: ServerStore, viewer: Viewer): Set<string> {
  const out = new Set<string>();
  for (const m of store.records.where('memberships', '1=1')) {
    const mine = viewer.memberships.get(m.associationId);
    if (!mine || mine.status !== 'active') continue;
    const manages = mine.role === 'leader' || mine.role === 'secretary';
    if (m.status === 'active' || (m.status === 'pending' && manages)) out.add(m.accountId);
  }
  return out;
}

function pullAll(store: ServerStore, accountId: string, pageSize: number) {
  const got = new Map<TableName, Map<string, unknown>>(TABLES.map((t) => [t, new Map()]));
  let cursor: string | null = null;
  for (let i = 0; i < 1000; i++) {
    const page = store.pull(accountId, `client-for-${accountId}`, cursor, pageSize);
    for (const p of page.puts) for (const row of decodeTableRows(p)) got.get(p.table)!.set((row as { id: string }).id, row);
    cursor = page.cursor;
    if (!page.more) return got;
  }
  throw new Error('pull did not finish');
}

describe('pull sends exactly what the access rules allow', () => {
  for (const seed of [1, 2, 3, 4, 5, 6]) {
    it(`agrees with canReadRow and projectProfile for every viewer (seed ${seed}, small pages)`, () => {
      const { store, accounts } = world(seed);
      for (const viewerId of accounts) {
        const got = pullAll(store, viewerId, 7);
        const viewer = store.records.viewer(viewerId);
        const shared = sharedAssociationOwners(store, viewer);
        for (const table of TABLES) {
          const all = store.records.where(table, '1=1') as RecordTypes[TableName][];
          const expected = new Map<string, unknown>();
          for (const row of all) {
            const id = (row as { id: string }).id;
            if (table === 'profiles') {
              const view = projectProfile(row as Profile, relationTo(viewer, id, shared.has(id)));
              if (view) expected.set(id, view);
            } else if (canReadRow(table, row, viewer)) {
              expected.set(id, row);
            }
          }
          expect(got.get(table), `${table} for ${viewerId}`).toEqual(expected);
        }
      }
    });
  }

  it('an incremental pull sends changes once, and a deletion only to those who could see the row', () => {
    const { store, accounts } = world(9);
    const [a, b] = accounts as [string, string];
    let ca = store.pull(a, 'client-a-0000000001', null).cursor;
    let cb = store.pull(b, 'client-b-0000000001', null).cursor;
    store.db.transaction(() => store.records.del('invitations', 'invite-assoc-aaa1'));
    store.db.transaction(() => store.records.put('associations', { ...store.records.get('associations', 'assoc-bbb2')!, city: 'Ankara' }));
    const pa = store.pull(a, 'client-a-0000000001', ca);
    const pb = store.pull(b, 'client-b-0000000001', cb);
    for (const p of [pa, pb]) {
      expect(p.reset).toBe(false);
      expect(p.puts).toEqual([expect.objectContaining({ table: 'associations', rows: [expect.arrayContaining(['assoc-bbb2', 'Ankara'])] })]);
    }
    const viewerA = store.records.viewer(a);
    const sawInvite = canReadRow('invitations', { associationId: 'assoc-aaa1' }, viewerA);
    expect(pa.dels.some((d) => d.table === 'invitations')).toBe(sawInvite);
    ca = pa.cursor;
    cb = pb.cursor;
    expect(store.pull(a, 'client-a-0000000001', ca).puts).toEqual([]);
    expect(store.pull(b, 'client-b-0000000001', cb).dels).toEqual([]);
  });

  it('un-publishing a project tells non-members who had it to drop it; members keep it', () => {
    const { store, accounts } = world(21);
    const id = 'project-assoc-aaa1';
    store.db.transaction(() => {
      store.records.put('projects', { ...store.records.get('projects', id)!, isPublic: true });
      for (const m of store.records.where('project_members', 'project_id = ?', [id])) store.records.del('project_members', m.id);
      store.records.put('project_members', { id: 'pm-only-member', projectId: id, accountId: accounts[0]!, role: 'owner', addedBy: accounts[0]!, createdAt: NOW, updatedAt: NOW });
    });
    const outsider = accounts[1]!;
    const first = store.pull(outsider, 'client-out-000000001', null);
    expect(first.puts.find((p) => p.table === 'projects')?.rows.some((r) => r[0] === id)).toBe(true);
    // Nothing of the project but its description reaches the outsider.
    for (const t of ['project_members', 'expenses', 'milestones', 'project_updates'] as const) {
      expect(first.puts.find((p) => p.table === t)?.rows.some((r) => String(r[1]) === id) ?? false, t).toBe(false);
    }
    const memberCursor = store.pull(accounts[0]!, 'client-own-000000001', null).cursor;
    store.db.transaction(() => store.records.put('projects', { ...store.records.get('projects', id)!, isPublic: false }));
    const next = store.pull(outsider, 'client-out-000000001', first.cursor);
    expect(next.dels).toContainEqual({ table: 'projects', ids: [id] });
    const own = store.pull(accounts[0]!, 'client-own-000000001', memberCursor);
    expect(own.dels).toEqual([]);
    expect(own.puts.find((p) => p.table === 'projects')?.rows.map((r) => r[0])).toEqual([id]);
    // A project that was never public is never named to outsiders.
    store.db.transaction(() => store.records.put('projects', { ...store.records.get('projects', 'project-assoc-bbb2')!, isPublic: false, title: 'x' }));
    const ids = store.pull(outsider, 'client-out-000000001', next.cursor).dels.flatMap((d) => d.ids);
    expect(ids.includes('project-assoc-bbb2')).toBe(store.db.get<{ e: number }>("SELECT ever_public AS e FROM projects WHERE id = 'project-assoc-bbb2'")!.e === 1);
  });

  it('a cursor ahead of the server (restored from a backup) starts over', () => {
    const { store, accounts } = world(11);
    const a = accounts[0]!;
    const first = store.pull(a, 'client-a-0000000001', null);
    expect(store.pull(a, 'client-a-0000000001', first.cursor).reset).toBe(false);
    // As if the database were restored from a backup taken before the client's last pull.
    store.db.run('UPDATE sync_version SET version = version - 5');
    expect(store.pull(a, 'client-a-0000000001', first.cursor).reset).toBe(true);
  });

  it('rejects forged cursors by starting over, never by trusting them', () => {
    const { store, accounts } = world(12);
    for (const cursor of ['garbage', '0123456789abcdef.0.1-2-3.4', `${store.serverId}.0.99999999999999999999-0-0-0-0.0`]) {
      expect(store.pull(accounts[0]!, 'client-a-0000000001', cursor).reset).toBe(true);
    }
  });
});

describe('need matches', () => {
  it('tell the best 50 matching members of a new need, and nobody else', () => {
    const db = betterSqlite3Driver(new Database(':memory:'));
    migrate(db, [RECORD_MIGRATIONS, SERVER_MIGRATIONS]);
    const store = new ServerStore(db);
    db.transaction(() => {
      store.records.put('accounts', { id: 'partner-001', email: 'p@example.org', displayName: 'P', roles: ['member', 'home_partner'], locale: 'ky', createdAt: NOW, updatedAt: NOW });
      for (let i = 0; i < 70; i++) {
        const id = `member-${String(i).padStart(3, '0')}`;
        store.records.put('profiles', {
          id, ...EMPTY_PROFILE_FIELDS, visibility: DEFAULT_VISIBILITY, createdAt: NOW, updatedAt: NOW,
          // 60 share the sector; of those, the first 10 also come from Osh (a better match).
          sectors: i < 60 ? ['construction'] : ['health'],
          homeRegion: i < 10 ? 'osh' : 'naryn',
        });
      }
    });
    store.push('partner-001', 'partner-client-000001', [{
      id: 1, name: 'need.create', createdAt: NOW, args: {
        id: 'need-osh-0001', organisation: 'Ош', title: 'Мектеп', description: null, sector: 'construction', region: 'osh',
        settlement: null, skills: [], formats: [], languages: [], duration: null, startDate: null, endDate: null, targetGroup: null, country: null,
      },
    }]);
    const told = store.records.where('notifications', "kind = 'need_match'").map((n) => n.accountId).sort();
    expect(told).toHaveLength(50);
    for (let i = 0; i < 10; i++) expect(told).toContain(`member-${String(i).padStart(3, '0')}`);
    expect(told.some((id) => Number(id.slice(-3)) >= 60)).toBe(false);
  });
});
