/**
 * The award's engine handlers on real SQLite files (better-sqlite3, as the desktop hosts the
 * engine) against the real server on loopback: a nomination drafted and submitted offline with
 * its refusals, the coordinator's ruling and assignment, reviews without anchoring, a conflict
 * of interest that hides the nomination at once, votes against the quorum, and the online-only
 * links and evidence files with the server's own refusals.
 */
import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { betterSqlite3Driver } from '@mekendesh/store';
import { httpTransport } from '@mekendesh/sync';
import { assignmentId, type AccountRole } from '@mekendesh/core';
import { eventually, signUp, startTestServer, tempDir, type TestUser } from '../../../tests/kit/server.ts';
import { AWARD_CORE, AWARD_HANDLER_NAMES } from './award-handlers.ts';
import { awardHandlers, windowState } from './awards.ts';
import { createEngineHandlers } from './engine.ts';

/** A date counted from today in Bishkek (UTC+6), the calendar the nomination window follows. */
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000 + 6 * 3_600_000).toISOString().slice(0, 10);
const T = (v: string) => ({ ky: v, ru: `${v} (ru)`, en: `${v} (en)` });
const CYCLE = 'cycle-engine-2026';
const NOMINATION = 'nomination-engine-01';
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000' + '1f15c4890000000d49444154789c63f8ffff3f0005fe02fea7d6a4e30000000049454e44ae426082', 'hex');

describe('the award through the engine', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  const files = tempDir('mekendesh-award-engine-');
  const users: Record<'coordinator' | 'embassy' | 'nominee' | 'c1' | 'c2' | 'c3', TestUser> = {} as never;
  const open: { close(): Promise<void> }[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    for (const name of ['coordinator', 'embassy', 'nominee', 'c1', 'c2', 'c3'] as const) users[name] = await signUp(server.url, name);
    const grant = (u: TestUser, roles: AccountRole[]) => {
      const { records, db } = server.store;
      db.transaction(() => records.put('accounts', { ...records.get('accounts', u.account.id)!, roles: ['member', ...roles] }));
    };
    grant(users.coordinator, ['coordinator']);
    grant(users.embassy, ['embassy_staff']);
    for (const c of [users.c1, users.c2, users.c3]) grant(c, ['committee_member']);
  });
  afterAll(async () => {
    for (const e of open) await e.close();
    await server?.stop();
    files.remove();
  });

  /** An engine for one account on its own database file, with a network that can be cut. */
  async function engineFor(user: TestUser, name: string) {
    let online = true;
    const net = (input: RequestInfo | URL, init?: RequestInit) => (online ? fetch(input, init) : Promise.reject(new TypeError('offline')));
    const h = createEngineHandlers({
      openDb: async () => betterSqlite3Driver(new Database(join(files.dir, `${name}.db`))),
      hasDb: async () => true,
      removeDb: async () => {},
      transport: httpTransport({ baseUrl: server.url, token: () => user.token, fetch: net }),
      awards: { baseUrl: server.url, token: () => user.token, fetch: net },
      emit: () => {},
      sync: { pullIntervalMs: 100, pushDelayMs: 5, backoff: { initialMs: 20, maxMs: 100 } },
    });
    await h.open({ accountId: user.account.id });
    // The first pull brings the account's roles.
    await eventually(async () => (await h.status()).lastSyncAt !== null);
    const engine = {
      h,
      setOnline: (v: boolean) => (online = v),
      /** Until everything is sent and a pull has come back. */
      synced: async () => {
        const before = (await h.status()).lastSyncAt ?? '';
        await h.poke();
        await eventually(async () => {
          const s = await h.status();
          return s.pending === 0 && s.state === 'idle' && (s.lastSyncAt ?? '') > before;
        });
      },
      close: () => h.close(),
    };
    open.push(engine);
    return engine;
  }

  it('loads lazily: every handler is listed, and the module imports types only', () => {
    // A value imported by awards.ts would make the bundler split core out of the worker's first chunk.
    const source = readFileSync(join(import.meta.dirname, 'awards.ts'), 'utf8');
    expect([...source.matchAll(/^import (?!type )/gm)]).toEqual([]);
    const handlers = awardHandlers(async () => ({}) as never, null, AWARD_CORE);
    expect([...AWARD_HANDLER_NAMES].sort()).toEqual(Object.keys(handlers).sort());
    expect(windowState({ nominationsOpen: '2026-03-01', nominationsClose: '2026-04-30' }, '2026-02-27T20:00:00Z', AWARD_CORE)).toEqual({ window: 'before', opensInDays: 1, closesInDays: 61 });
    expect(windowState({ nominationsOpen: '2026-03-01', nominationsClose: '2026-04-30' }, '2026-04-30T12:00:00Z', AWARD_CORE)).toEqual({ window: 'open', opensInDays: 0, closesInDays: 0 });
    // Bishkek is UTC+6: 19:00 UTC is already the next day there.
    expect(windowState({ nominationsOpen: '2026-03-01', nominationsClose: '2026-04-30' }, '2026-04-30T19:00:00Z', AWARD_CORE).window).toBe('after');
  });

  it('runs a nomination from an offline draft through review, a conflict, votes and a decision', async () => {
    const coordinator = await engineFor(users.coordinator, 'coordinator');
    const c = coordinator.h;
    const defaults = await c['awards.defaults']();
    expect(defaults.categories.map((x) => x.id)).toContain('philanthropy');
    expect(defaults.maxEvidenceBytes).toBe(10 * 1024 * 1024);

    // The coordinator sets up and publishes a cycle; a bad rubric is refused with its reason.
    const committee = [users.c1, users.c2, users.c3].map((u) => u.account.id);
    const fields = {
      id: CYCLE, year: 2026, title: T('Мыкты Мекендеш 2026'), categories: defaults.categories.slice(0, 2),
      nominationsOpen: day(-10), nominationsClose: day(20), reviewEnd: day(40), announcement: day(50),
      rubric: { scaleMin: 1, scaleMax: 10, criteria: [{ id: 'impact', name: T('Таасири'), weight: 2 }, { id: 'example', name: T('Үлгү'), weight: 1 }] },
      committee, reviewersPerNomination: 2, quorum: 2, winnerCooldownCycles: 2, nominatorCap: 2,
    };
    await expect(c['awards.mutate']({ name: 'awardCycle.create', args: { ...fields, rubric: { ...fields.rubric, scaleMin: 10 } } })).rejects.toMatchObject({ code: 'rubric_invalid' });
    await expect(c['awards.mutate']({ name: 'awardCycle.create', args: { ...fields, title: { ky: '', ru: 'x', en: 'x' } } })).rejects.toMatchObject({
      code: 'invalid_args', detail: { issues: [{ field: 'title.ky', code: 'required' }] },
    });
    await c['awards.mutate']({ name: 'awardCycle.create', args: fields });
    expect((await c['awards.cycles']())[0]).toMatchObject({ id: CYCLE, published: false, window: 'open', closesInDays: 20 });
    await c['awards.mutate']({ name: 'awardCycle.publish', args: { id: CYCLE, published: true } });
    await coordinator.synced();
    await expect(c['awards.mutate']({ name: 'profile.update' as never, args: {} })).rejects.toMatchObject({ code: 'unknown_mutation' });

    // The embassy user sees the published cycle, then drafts and submits offline.
    const embassy = await engineFor(users.embassy, 'embassy');
    const e = embassy.h;
    await embassy.synced();
    expect(await e['awards.context']()).toMatchObject({ accountId: users.embassy.account.id, embassy: true, coordinator: false, associations: [], committeeCycles: [] });
    expect((await e['awards.cycles']()).map((x) => [x.id, x.window, x.onCommittee])).toEqual([[CYCLE, 'open', false]]);
    await expect(e['awards.cycle']({ id: CYCLE })).rejects.toMatchObject({ code: 'forbidden' });
    embassy.setOnline(false);
    const draft = { id: NOMINATION, cycleId: CYCLE, categoryId: 'philanthropy', nomineeAccountId: users.nominee.account.id, nomineeName: 'Айгүл Токтогулова', nomineeCountry: 'TR', nomineeCity: 'Стамбул', statementLang: 'ky', statement: '' };
    await expect(e['awards.mutate']({ name: 'nomination.create', args: { ...draft, evidenceLinks: [{ url: 'ftp://example.org', title: 'x' }] } })).rejects.toMatchObject({
      code: 'invalid_args', detail: { issues: [{ field: 'evidenceLinks.0.url', code: 'invalid' }] },
    });
    await expect(e['awards.mutate']({ name: 'nomination.create', args: { ...draft, categoryId: 'youth' } })).rejects.toMatchObject({ code: 'unknown_category' });
    const created = await e['awards.mutate']({ name: 'nomination.create', args: { ...draft, evidenceLinks: [{ url: 'https://example.org/school', title: 'Мектеп' }] } });
    await expect(e['awards.mutate']({ name: 'nomination.submit', args: { id: NOMINATION } })).rejects.toMatchObject({ code: 'statement_required' });
    await e['awards.mutate']({ name: 'nomination.update', args: { id: NOMINATION, patch: { statement: 'Нарын облусундагы айылга мектеп курдурду.' } } });
    // The engine has found the server gone: the answer says the change stays here for now.
    await eventually(async () => (await e.status()).state === 'offline');
    const submitted = await e['awards.mutate']({ name: 'nomination.submit', args: { id: NOMINATION } });
    expect(submitted.mutationId).toBeGreaterThan(created.mutationId);
    expect(submitted.offline).toBe(true);
    expect(await e['awards.myNominations']()).toMatchObject([{ id: NOMINATION, status: 'submitted', unsent: true, categoryName: { ky: 'Кайрымдуулук' }, cycleYear: 2026 }]);
    // Online actions need the server: said so, nothing else.
    await expect(e['awards.consentLink']({ nominationId: NOMINATION })).rejects.toMatchObject({ code: 'offline' });
    expect(server.store.records.get('nominations', NOMINATION)).toBeUndefined();
    embassy.setOnline(true);
    await embassy.synced();
    expect(server.store.records.get('nominations', NOMINATION)).toMatchObject({ status: 'submitted', nominatorId: users.embassy.account.id, statement: 'Нарын облусундагы айылга мектеп курдурду.' });
    expect((await e['awards.myNominations']())[0]!.unsent).toBe(false);

    // Links and files, online: a file posing as an image is refused by the server, a PNG is kept.
    const link = await e['awards.endorsementLink']({ nominationId: NOMINATION, invitedName: 'Мектептин директору' });
    expect(link.url).toMatch(/\/endorse\/[A-Za-z0-9_-]{43}$/);
    await expect(e['awards.endorsementLink']({ nominationId: NOMINATION, invitedName: '  ' })).rejects.toMatchObject({ code: 'invalid_args' });
    expect((await e['awards.consentLink']({ nominationId: NOMINATION })).url).toMatch(/\/consent\//);
    await expect(e['awards.uploadEvidence']({ nominationId: NOMINATION, name: 'fake.png', contentType: 'image/png', bytes: new TextEncoder().encode('<html>') })).rejects.toMatchObject({ code: 'evidence_bad_type' });
    await expect(e['awards.uploadEvidence']({ nominationId: NOMINATION, name: 'a.gif', contentType: 'image/gif', bytes: PNG })).rejects.toMatchObject({ code: 'evidence_bad_type' });
    await expect(e['awards.uploadEvidence']({ nominationId: NOMINATION, name: 'big.pdf', contentType: 'application/pdf', bytes: new Uint8Array(10 * 1024 * 1024 + 1) })).rejects.toMatchObject({ code: 'evidence_too_large' });
    const { fileId } = await e['awards.uploadEvidence']({ nominationId: NOMINATION, name: 'Мектеп сүрөтү.png', contentType: 'image/png', bytes: new Uint8Array(PNG) });
    await embassy.synced();
    const mine = (await e['awards.nomination']({ id: NOMINATION }))!;
    expect(mine).toMatchObject({ mine: true, coordinator: false, committee: false, reviews: [], aggregate: null, tallies: null });
    expect(mine.nomination.evidenceFiles).toEqual([{ id: fileId, name: 'Мектеп сүрөтү.png', contentType: 'image/png', size: PNG.length }]);
    expect(mine.endorsements).toMatchObject([{ invitedName: 'Мектептин директору', status: 'invited' }]);

    // The coordinator rules it eligible and assigns reviewers automatically.
    await coordinator.synced();
    let cycle = (await c['awards.cycle']({ id: CYCLE }))!;
    expect(cycle.nominations.map((n) => [n.id, n.status, n.nominatorId])).toEqual([[NOMINATION, 'submitted', users.embassy.account.id]]);
    await c['awards.mutate']({ name: 'nomination.rule', args: { id: NOMINATION, eligible: true } });
    await c['awards.mutate']({ name: 'review.autoAssign', args: { cycleId: CYCLE } });
    cycle = (await c['awards.cycle']({ id: CYCLE }))!;
    expect(cycle.nominations[0]).toMatchObject({ status: 'in_review', aggregate: { count: 0, mean: null }, tallies: { shortlist: { yes: 0, quorum: 2, quorumMet: false } } });
    expect(cycle.nominations[0]!.assignments).toHaveLength(2);
    expect(cycle.committee.map((m) => m.id)).toEqual(committee);
    await coordinator.synced();
    const assigned = cycle.nominations[0]!.assignments.map((a) => a.reviewerId);
    const [first, second] = [users.c1, users.c2, users.c3].filter((u) => assigned.includes(u.account.id)) as [TestUser, TestUser];
    const third = [users.c1, users.c2, users.c3].find((u) => !assigned.includes(u.account.id))!;

    // Reviewers: the queue, the rubric, and no one else's scores before their own.
    const r1 = await engineFor(first, 'r1');
    const r2 = await engineFor(second, 'r2');
    // Names members may see, so the coordinator's device can name the reviewers.
    await r1.h.updateProfile({ patch: { nameCyrillic: 'Бакыт Асанов' } });
    await r2.h.updateProfile({ patch: { nameCyrillic: 'Гүлнара Осмонова' } });
    await r1.synced();
    await r2.synced();
    const queue = await r1.h['awards.reviewQueue']();
    expect(queue).toMatchObject([{ id: NOMINATION, assigned: true, review: null, status: 'in_review', votes: {} }]);
    let seen = (await r1.h['awards.nomination']({ id: NOMINATION }))!;
    expect(seen).toMatchObject({ mine: false, committee: true, review: null, reviews: [], aggregate: null });
    expect(seen.assignment?.status).toBe('assigned');
    const a1 = seen.assignment!.id;
    await r1.h['awards.mutate']({ name: 'review.save', args: { assignmentId: a1, scores: { impact: 9 }, comment: 'Жакшы' } });
    await expect(r1.h['awards.mutate']({ name: 'review.save', args: { assignmentId: a1, scores: { impact: 9 }, submit: true } })).rejects.toMatchObject({ code: 'scores_incomplete' });
    await expect(r1.h['awards.mutate']({ name: 'review.save', args: { assignmentId: a1, scores: { impact: 11, example: 5 } } })).rejects.toMatchObject({ code: 'score_out_of_range' });
    await r1.h['awards.mutate']({ name: 'review.save', args: { assignmentId: a1, scores: { impact: 9, example: 6 }, comment: 'Үлгүлүү иш', submit: true } });
    await r1.synced();
    seen = (await r1.h['awards.nomination']({ id: NOMINATION }))!;
    // Submitted, alone so far: nothing of anyone else, and a count of one.
    expect(seen.review).toMatchObject({ status: 'submitted', scores: { impact: 9, example: 6 } });
    expect(seen.reviews).toEqual([]);
    expect(seen.aggregate).toMatchObject({ count: 1, mean: 8 });
    const r2Seen = (await r2.h['awards.nomination']({ id: NOMINATION }))!;
    expect(r2Seen.reviews).toEqual([]);
    expect(r2Seen.aggregate).toBeNull();
    await r2.h['awards.mutate']({ name: 'review.save', args: { assignmentId: r2Seen.assignment!.id, scores: { impact: 6, example: 9 }, submit: true } });
    await r2.synced();
    await eventually(async () => (await r2.h['awards.nomination']({ id: NOMINATION }))!.reviews.length === 1);
    const after = (await r2.h['awards.nomination']({ id: NOMINATION }))!;
    expect(after.reviews[0]).toMatchObject({ reviewerId: first.account.id, weighted: 8, scores: { impact: 9, example: 6 } });
    expect(after.aggregate).toMatchObject({ count: 2, mean: 7.5, median: 7.5, spread: 0.5, perCriterion: { impact: 7.5, example: 7.5 } });

    // A member not assigned sees it in the queue, declares a conflict offline: gone at once.
    const r3 = await engineFor(third, 'r3');
    await r3.synced();
    expect(await r3.h['awards.reviewQueue']()).toMatchObject([{ id: NOMINATION, assigned: false }]);
    r3.setOnline(false);
    await r3.h['awards.mutate']({ name: 'review.declareConflict', args: { nominationId: NOMINATION, note: 'Бир айылданбыз' } });
    expect(await r3.h['awards.reviewQueue']()).toEqual([]);
    expect(await r3.h['awards.nomination']({ id: NOMINATION })).toBeNull();
    r3.setOnline(true);
    await r3.synced();
    expect(await r3.h['awards.reviewQueue']()).toEqual([]);
    expect(server.store.records.get('review_assignments', assignmentId(NOMINATION, third.account.id))).toMatchObject({ status: 'recused', conflictNote: 'Бир айылданбыз' });

    // Votes at the shortlist stage; the coordinator sees the tally against the quorum, then decides.
    await r1.h['awards.mutate']({ name: 'award.vote', args: { nominationId: NOMINATION, stage: 'shortlist', vote: 'yes' } });
    expect((await r1.h['awards.reviewQueue']())[0]!.votes).toEqual({ shortlist: 'yes' });
    await r1.synced();
    await coordinator.synced();
    await expect(c['awards.mutate']({ name: 'nomination.decide', args: { id: NOMINATION, stage: 'shortlist' } })).rejects.toMatchObject({ code: 'quorum_not_met' });
    await r2.h['awards.mutate']({ name: 'award.vote', args: { nominationId: NOMINATION, stage: 'shortlist', vote: 'abstain' } });
    await r2.synced();
    await coordinator.synced();
    const detail = (await c['awards.nomination']({ id: NOMINATION }))!;
    expect(detail.tallies?.shortlist).toEqual({ yes: 1, no: 0, abstain: 1, quorum: 2, quorumMet: true, carried: true });
    expect(detail.reviews.map((r) => r.reviewerName).sort()).toEqual(['Бакыт Асанов', 'Гүлнара Осмонова']);
    expect(detail.assignments.find((a) => a.reviewerId === third.account.id)).toMatchObject({ status: 'recused', conflictNote: 'Бир айылданбыз' });
    await c['awards.mutate']({ name: 'nomination.decide', args: { id: NOMINATION, stage: 'shortlist' } });
    await c['awards.mutate']({ name: 'nomination.recordConsent', args: { id: NOMINATION, consent: 'given' } });
    await coordinator.synced();
    expect(server.store.records.get('nominations', NOMINATION)).toMatchObject({ status: 'shortlisted', consent: 'given', decisions: [{ stage: 'shortlist', yes: 1, abstain: 1 }] });
    await embassy.synced();
    expect((await e['awards.nomination']({ id: NOMINATION }))!.nomination.status).toBe('shortlisted');
  }, 60_000);

  it('shows the server refusing a change made offline, on its nomination', async () => {
    const embassy = await engineFor(users.embassy, 'embassy-2');
    await embassy.synced();
    const e = embassy.h;
    // The cap is two per category: two more submitted here, one of them offline against a third made elsewhere.
    for (const id of ['nomination-engine-02', 'nomination-engine-03']) {
      await e['awards.mutate']({ name: 'nomination.create', args: { id, cycleId: CYCLE, categoryId: 'investment', nomineeName: `Талапкер ${id}`, statement: 'Негиздеме', statementLang: 'ru' } });
    }
    await e['awards.mutate']({ name: 'nomination.submit', args: { id: 'nomination-engine-02' } });
    await embassy.synced();
    embassy.setOnline(false);
    await e['awards.mutate']({ name: 'nomination.submit', args: { id: 'nomination-engine-03' } });
    // Meanwhile, on another device, the same nominator fills the category.
    const other = await engineFor(users.embassy, 'embassy-3');
    await other.synced();
    await other.h['awards.mutate']({ name: 'nomination.create', args: { id: 'nomination-engine-04', cycleId: CYCLE, categoryId: 'investment', nomineeName: 'Башка', statement: 'Негиздеме', statementLang: 'en' } });
    await other.h['awards.mutate']({ name: 'nomination.submit', args: { id: 'nomination-engine-04' } });
    await other.synced();
    embassy.setOnline(true);
    await embassy.h.poke();
    await eventually(async () => (await e.status()).rejected.length === 1);
    // The refused submission is rolled back with the next pull: a draft again, with the reason.
    await eventually(async () => (await e['awards.nomination']({ id: 'nomination-engine-03' }))!.nomination.status === 'draft');
    const refused = (await e['awards.nomination']({ id: 'nomination-engine-03' }))!;
    expect(refused.rejected).toMatchObject([{ name: 'nomination.submit', error: 'nomination_cap_reached' }]);
    expect((await e['awards.nomination']({ id: 'nomination-engine-02' }))!.rejected).toEqual([]);
  }, 30_000);

  it('asks a nominee with an account for consent in the app: a notification, what would be published, and their answer', async () => {
    const nominee = await engineFor(users.nominee, 'nominee-consent');
    const n = nominee.h;
    // The server told the nominee when the nomination was submitted (test 1), naming the nominator.
    await eventually(async () => (await n.notifications()).some((x) => x.kind === 'nomination_consent'));
    const [asked] = (await n.notifications()).filter((x) => x.kind === 'nomination_consent');
    expect(asked).toMatchObject({ accountId: users.nominee.account.id, subjectId: NOMINATION, nominationId: NOMINATION, actorId: users.embassy.account.id, readAt: null });
    // The nominee never holds the nomination itself; the server shows what would be published.
    expect(await n['awards.nomination']({ id: NOMINATION })).toBeNull();
    const view = await n['awards.nomineeView']({ nominationId: NOMINATION });
    expect(view).toMatchObject({ nomineeName: 'Айгүл Токтогулова', cycleYear: 2026, categoryName: { en: 'Philanthropy' }, consent: 'given' });
    expect(view.statement).toContain('мектеп');
    expect(JSON.stringify(view)).not.toMatch(/@|evidence|nominator/i);
    // Their own answer replaces the one the coordinator recorded on paper; it is audited with them as the actor.
    await expect(n['awards.nomineeConsent']({ nominationId: NOMINATION, consent: 'maybe' as never })).rejects.toMatchObject({ code: 'invalid_args' });
    expect(await n['awards.nomineeConsent']({ nominationId: NOMINATION, consent: 'refused' })).toEqual({ consent: 'refused' });
    expect(server.store.records.get('nominations', NOMINATION)).toMatchObject({ consent: 'refused', consentBy: users.nominee.account.id });
    expect((await n['awards.nomineeView']({ nominationId: NOMINATION })).consent).toBe('refused');
    // Nobody else sees it this way, not even the nominator; offline it says so.
    const nominator = (await engineFor(users.embassy, 'embassy-consent')).h;
    await expect(nominator['awards.nomineeView']({ nominationId: NOMINATION })).rejects.toMatchObject({ code: 'not_found' });
    await expect(nominator['awards.nomineeConsent']({ nominationId: NOMINATION, consent: 'given' })).rejects.toMatchObject({ code: 'not_found' });
    expect(server.store.records.get('nominations', NOMINATION)!.consent).toBe('refused');
    nominee.setOnline(false);
    await expect(n['awards.nomineeView']({ nominationId: NOMINATION })).rejects.toMatchObject({ code: 'offline' });
    nominee.setOnline(true);
    expect(await n['awards.nomineeConsent']({ nominationId: NOMINATION, consent: 'given' })).toEqual({ consent: 'given' });
    expect(server.store.records.get('nominations', NOMINATION)).toMatchObject({ consent: 'given', consentBy: users.nominee.account.id });
  }, 30_000);
});
