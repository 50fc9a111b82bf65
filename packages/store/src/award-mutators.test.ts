import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ANONYMOUS, DomainError, assignmentId, canReadRow, type AccountRole, type TableName } from '@mekendesh/core';
import { betterSqlite3Driver } from './adapters/better-sqlite3.ts';
import { migrate } from './migrate.ts';
import { CLIENT_MIGRATIONS, RECORD_MIGRATIONS } from './migrations/index.ts';
import { Records } from './records.ts';
import { runMutation } from './mutators.ts';

/** Inside the 2026 window (Bishkek dates 2026-09-01 … 2026-11-30). */
const OPEN = '2026-10-01T10:00:00.000Z';
const BEFORE = '2026-08-31T17:59:59.000Z'; // 23:59:59 on 31 August in Bishkek
const AFTER = '2026-11-30T18:00:00.000Z'; // 00:00 on 1 December in Bishkek
const REVIEW = '2026-12-10T10:00:00.000Z';

const COMMITTEE = ['committee-01', 'committee-02', 'committee-03', 'committee-04'];

function cycleArgs(over: Record<string, unknown> = {}) {
  return {
    id: 'cycle-2026',
    year: 2026,
    title: { ky: 'Мыкты Мекендеш 2026', ru: 'Мыкты Мекендеш 2026', en: 'Mykty Mekendesh 2026' },
    categories: [
      { id: 'investment', name: { ky: 'Инвестициялык долбоор', ru: 'Инвестиционный проект', en: 'Investment project' } },
      { id: 'youth', name: { ky: 'Жаштар', ru: 'Молодёжь', en: 'Youth' } },
    ],
    nominationsOpen: '2026-09-01',
    nominationsClose: '2026-11-30',
    reviewEnd: '2027-01-31',
    announcement: '2027-02-15',
    rubric: {
      scaleMin: 1,
      scaleMax: 10,
      criteria: [
        { id: 'impact', name: { ky: 'Таасири', ru: 'Влияние', en: 'Impact' }, weight: 3 },
        { id: 'sustainability', name: { ky: 'Туруктуулук', ru: 'Устойчивость', en: 'Sustainability' }, weight: 1 },
      ],
    },
    committee: COMMITTEE,
    reviewersPerNomination: 2,
    quorum: 3,
    winnerCooldownCycles: 2,
    nominatorCap: 2,
    ...over,
  };
}

function setup() {
  const db = betterSqlite3Driver(new Database(':memory:'));
  migrate(db, [RECORD_MIGRATIONS, CLIENT_MIGRATIONS]);
  const records = new Records(db);
  const T0 = '2026-06-01T10:00:00.000Z';
  const account = (id: string, roles: AccountRole[] = ['member']) =>
    records.put('accounts', { id, email: `${id}@example.org`, displayName: `Name ${id}`, roles, locale: 'ky', createdAt: T0, updatedAt: T0 });
  account('coordinator-01', ['member', 'coordinator']);
  account('embassy-01', ['member', 'embassy_staff']);
  account('embassy-02', ['member', 'embassy_staff']);
  account('leader-01', ['member', 'association_leader']);
  account('secretary-01', ['member']);
  for (const id of COMMITTEE) account(id, ['member', 'committee_member']);
  for (const id of ['member-01', 'member-02', 'outsider-01']) account(id);
  const run = (who: string, name: string, args: unknown, now = OPEN) =>
    runMutation(records, name, args, { viewer: records.viewer(who), now, side: 'server' });
  const refuse = (who: string, name: string, args: unknown, now = OPEN): string => {
    try {
      run(who, name, args, now);
    } catch (err) {
      if (err instanceof DomainError) return err.code;
      throw err;
    }
    return 'applied';
  };
  run('leader-01', 'association.create', { id: 'assoc-0001', membershipId: 'memb-0001', name: 'Стамбулдагы кыргыздар', country: 'TR', city: 'Istanbul' }, T0);
  run('coordinator-01', 'awardCycle.create', cycleArgs(), T0);
  run('coordinator-01', 'awardCycle.publish', { id: 'cycle-2026', published: true }, T0);
  const sees = (who: string, table: Exclude<TableName, 'profiles'>, id: string) => {
    const row = records.get(table, id);
    return !!row && canReadRow(table, row, records.viewer(who));
  };
  return { db, records, run, refuse, sees };
}

const nomination = (over: Record<string, unknown> = {}) => ({
  id: 'nomination-01',
  cycleId: 'cycle-2026',
  categoryId: 'investment',
  nomineeAccountId: 'member-01',
  nomineeName: 'Айгүл Токтогулова',
  nomineeCountry: 'TR',
  statement: 'Айылга мектеп курууну каржылады жана 40 жаштын окуусуна жардам берди.',
  statementLang: 'ky',
  ...over,
});

/** A submitted, eligible nomination with both reviewers assigned automatically. */
function inReview() {
  const w = setup();
  w.run('embassy-01', 'nomination.create', nomination());
  w.run('embassy-01', 'nomination.submit', { id: 'nomination-01' });
  w.run('coordinator-01', 'nomination.rule', { id: 'nomination-01', eligible: true }, REVIEW);
  w.run('coordinator-01', 'review.autoAssign', { cycleId: 'cycle-2026' }, REVIEW);
  const reviewers = w.records.where('review_assignments', 'nomination_id = ?', ['nomination-01']).map((a) => a.reviewerId).sort();
  return { ...w, reviewers };
}

describe('award cycles', () => {
  it('only a coordinator sets up a cycle; drafts are theirs until published', () => {
    const { run, refuse, sees } = setup();
    for (const who of ['embassy-01', 'leader-01', 'committee-01', 'member-01']) {
      expect(refuse(who, 'awardCycle.create', cycleArgs({ id: 'cycle-2028', year: 2028 }))).toBe('forbidden');
    }
    run('coordinator-01', 'awardCycle.create', cycleArgs({ id: 'cycle-2028', year: 2028 }));
    expect(sees('coordinator-01', 'award_cycles', 'cycle-2028')).toBe(true);
    expect(sees('embassy-01', 'award_cycles', 'cycle-2028')).toBe(false);
    expect(refuse('embassy-01', 'nomination.create', nomination({ id: 'nomination-28', cycleId: 'cycle-2028' }))).toBe('not_found');
    expect(sees('member-01', 'award_cycles', 'cycle-2026')).toBe(true);
  });

  it('refuses dates out of order, a broken rubric and a quorum above the committee', () => {
    const { refuse } = setup();
    expect(refuse('coordinator-01', 'awardCycle.create', cycleArgs({ id: 'cycle-2030', nominationsClose: '2026-08-01' }))).toBe('cycle_dates_invalid');
    expect(refuse('coordinator-01', 'awardCycle.create', cycleArgs({ id: 'cycle-2030', rubric: { scaleMin: 5, scaleMax: 5, criteria: cycleArgs().rubric.criteria } }))).toBe('rubric_invalid');
    expect(refuse('coordinator-01', 'awardCycle.create', cycleArgs({ id: 'cycle-2030', quorum: 5 }))).toBe('invalid_args');
  });

  it('locks the rubric and committee once a review is submitted, but not the dates', () => {
    const { run, refuse, reviewers } = inReview();
    run(reviewers[0]!, 'review.save', { assignmentId: assignmentId('nomination-01', reviewers[0]!), scores: { impact: 8, sustainability: 6 }, submit: true }, REVIEW);
    const rubric = { ...cycleArgs().rubric, scaleMax: 5 };
    expect(refuse('coordinator-01', 'awardCycle.update', { id: 'cycle-2026', patch: { rubric } }, REVIEW)).toBe('cycle_locked');
    expect(refuse('coordinator-01', 'awardCycle.update', { id: 'cycle-2026', patch: { announcement: '2027-03-01' } }, REVIEW)).toBe('applied');
  });
});

describe('nominations', () => {
  it('embassy staff and association leaders nominate; others may not', () => {
    const { run, refuse } = setup();
    run('embassy-01', 'nomination.create', nomination());
    run('leader-01', 'nomination.create', nomination({ id: 'nomination-02', associationId: 'assoc-0001' }));
    expect(refuse('member-02', 'nomination.create', nomination({ id: 'nomination-03' }))).toBe('forbidden');
    expect(refuse('committee-01', 'nomination.create', nomination({ id: 'nomination-03' }))).toBe('forbidden');
    expect(refuse('coordinator-01', 'nomination.create', nomination({ id: 'nomination-03' }))).toBe('forbidden');
    // A leader nominates for their own association only, and not without one.
    expect(refuse('leader-01', 'nomination.create', nomination({ id: 'nomination-03' }))).toBe('forbidden');
  });

  it('a draft is the nominator’s alone; once submitted the coordinator and the committee see it, the nominee does not', () => {
    const { run, sees } = setup();
    run('embassy-01', 'nomination.create', nomination());
    expect(sees('embassy-01', 'nominations', 'nomination-01')).toBe(true);
    for (const who of ['coordinator-01', 'committee-01', 'embassy-02', 'member-01']) expect(sees(who, 'nominations', 'nomination-01')).toBe(false);
    run('embassy-01', 'nomination.submit', { id: 'nomination-01' });
    for (const who of ['coordinator-01', 'committee-01', 'embassy-01']) expect(sees(who, 'nominations', 'nomination-01')).toBe(true);
    for (const who of ['embassy-02', 'member-01', 'leader-01']) expect(sees(who, 'nominations', 'nomination-01')).toBe(false);
  });

  it('refuses submitting outside the window, in Bishkek time', () => {
    const { run, refuse } = setup();
    run('embassy-01', 'nomination.create', nomination(), BEFORE);
    expect(refuse('embassy-01', 'nomination.submit', { id: 'nomination-01' }, BEFORE)).toBe('nomination_window_not_open');
    expect(refuse('embassy-01', 'nomination.submit', { id: 'nomination-01' }, AFTER)).toBe('nomination_window_closed');
    expect(refuse('embassy-01', 'nomination.create', nomination({ id: 'nomination-02' }), AFTER)).toBe('nomination_window_closed');
    expect(refuse('embassy-01', 'nomination.submit', { id: 'nomination-01' }, '2026-11-30T17:59:00.000Z')).toBe('applied');
  });

  it('refuses an empty statement, self-nomination, an unknown category and going over the cap', () => {
    const { run, refuse } = setup();
    run('embassy-01', 'nomination.create', nomination({ statement: '  ' }));
    expect(refuse('embassy-01', 'nomination.submit', { id: 'nomination-01' })).toBe('statement_required');
    expect(refuse('embassy-01', 'nomination.create', nomination({ id: 'nomination-09', nomineeAccountId: 'embassy-01' }))).toBe('self_nomination');
    expect(refuse('embassy-01', 'nomination.create', nomination({ id: 'nomination-09', categoryId: 'sports' }))).toBe('unknown_category');
    run('embassy-01', 'nomination.update', { id: 'nomination-01', patch: { statement: 'Жаңы негиздеме.' } });
    run('embassy-01', 'nomination.submit', { id: 'nomination-01' });
    run('embassy-01', 'nomination.create', nomination({ id: 'nomination-02', nomineeAccountId: null, nomineeName: 'Бакыт Асанов' }));
    run('embassy-01', 'nomination.submit', { id: 'nomination-02' });
    run('embassy-01', 'nomination.create', nomination({ id: 'nomination-03', nomineeAccountId: null, nomineeName: 'Нурлан Осмонов' }));
    expect(refuse('embassy-01', 'nomination.submit', { id: 'nomination-03' })).toBe('nomination_cap_reached');
    // The cap is per category, and a withdrawn nomination frees its place.
    run('embassy-01', 'nomination.update', { id: 'nomination-03', patch: { categoryId: 'youth' } });
    run('embassy-01', 'nomination.submit', { id: 'nomination-03' });
    run('embassy-01', 'nomination.withdraw', { id: 'nomination-02' });
    run('embassy-01', 'nomination.create', nomination({ id: 'nomination-04', nomineeAccountId: null, nomineeName: 'Эркин Садыков' }));
    expect(refuse('embassy-01', 'nomination.submit', { id: 'nomination-04' })).toBe('applied');
    // Submitted nominations are no longer edited.
    expect(refuse('embassy-01', 'nomination.update', { id: 'nomination-01', patch: { statement: 'x' } })).toBe('nomination_wrong_status');
    expect(refuse('embassy-02', 'nomination.withdraw', { id: 'nomination-01' })).toBe('not_found');
  });

  it('a recent winner is not eligible for the cooldown cycles, then is again', () => {
    const { db, run, refuse } = setup();
    const win = (cycleId: string, year: number) => {
      run('coordinator-01', 'awardCycle.create', cycleArgs({ id: cycleId, year }));
      db.run(
        `INSERT INTO nominations (id, cycle_id, category_id, nominee_account_id, nominee_name, statement, statement_lang, evidence_links,
          evidence_refs, evidence_files, nominator_id, status, consent, decisions, created_at, updated_at)
         VALUES (?, ?, 'investment', 'member-01', 'Айгүл', 'x', 'ky', '[]', '[]', '[]', 'embassy-02', 'awarded', 'given', '[]', ?, ?)`,
        [`won-${cycleId}`, cycleId, OPEN, OPEN],
      );
    };
    win('cycle-2024', 2024);
    run('embassy-01', 'nomination.create', nomination());
    expect(refuse('embassy-01', 'nomination.submit', { id: 'nomination-01' })).toBe('nominee_not_eligible');
    // Two cycles later (2022 is outside the last two cycles before 2026 once 2024 is not a win).
    db.exec("UPDATE nominations SET status = 'not_awarded' WHERE id = 'won-cycle-2024'");
    win('cycle-2020', 2020);
    run('coordinator-01', 'awardCycle.create', cycleArgs({ id: 'cycle-2022', year: 2022 }));
    expect(refuse('embassy-01', 'nomination.submit', { id: 'nomination-01' })).toBe('applied');
  });

  it('only the coordinator rules on eligibility, with a reason; the nominator may withdraw', () => {
    const { run, refuse, records } = setup();
    run('embassy-01', 'nomination.create', nomination());
    expect(refuse('coordinator-01', 'nomination.rule', { id: 'nomination-01', eligible: true })).toBe('not_found'); // a draft
    run('embassy-01', 'nomination.submit', { id: 'nomination-01' });
    for (const who of ['embassy-01', 'committee-01', 'leader-01']) expect(refuse(who, 'nomination.rule', { id: 'nomination-01', eligible: true })).not.toBe('applied');
    run('coordinator-01', 'nomination.rule', { id: 'nomination-01', eligible: false, reason: 'not_a_compatriot', note: 'Жараны эмес' });
    expect(records.get('nominations', 'nomination-01')).toMatchObject({ status: 'ineligible', ineligibleReason: 'not_a_compatriot', statusNote: 'Жараны эмес' });
    run('coordinator-01', 'nomination.rule', { id: 'nomination-01', eligible: true });
    expect(records.get('nominations', 'nomination-01')).toMatchObject({ status: 'eligible', ineligibleReason: null });
    run('embassy-01', 'nomination.withdraw', { id: 'nomination-01' });
    expect(refuse('coordinator-01', 'nomination.rule', { id: 'nomination-01', eligible: true })).toBe('nomination_wrong_status');
  });
});

describe('review', () => {
  it('balances assignments across the committee, never to the nominator or the nominee', () => {
    const { run, records } = setup();
    run('coordinator-01', 'awardCycle.update', { id: 'cycle-2026', patch: { committee: [...COMMITTEE, 'member-01'] } });
    for (let i = 1; i <= 6; i++) {
      run('embassy-01', 'nomination.create', nomination({ id: `nomination-0${i}`, categoryId: i % 2 ? 'investment' : 'youth', nomineeAccountId: i === 1 ? 'member-01' : null }));
    }
    run('coordinator-01', 'awardCycle.update', { id: 'cycle-2026', patch: { nominatorCap: 10 } });
    for (let i = 1; i <= 6; i++) run('embassy-01', 'nomination.submit', { id: `nomination-0${i}` });
    for (let i = 1; i <= 6; i++) run('coordinator-01', 'nomination.rule', { id: `nomination-0${i}`, eligible: true }, REVIEW);
    run('coordinator-01', 'review.autoAssign', { cycleId: 'cycle-2026' }, REVIEW);
    const all = records.where('review_assignments', '1');
    expect(all).toHaveLength(12);
    const load = new Map<string, number>();
    for (const a of all) load.set(a.reviewerId, (load.get(a.reviewerId) ?? 0) + 1);
    // 12 assignments over 5 members: 2 or 3 each.
    expect([...load.values()].every((n) => n === 2 || n === 3)).toBe(true);
    expect(all.some((a) => a.nominationId === 'nomination-01' && a.reviewerId === 'member-01')).toBe(false);
    expect(records.where('nominations', "status = 'in_review'")).toHaveLength(6);
    // Running it again adds nothing.
    run('coordinator-01', 'review.autoAssign', { cycleId: 'cycle-2026' }, REVIEW);
    expect(records.where('review_assignments', '1')).toHaveLength(12);
  });

  it('manual assignment: committee members only, never a conflicted one', () => {
    const { run, refuse, reviewers } = inReview();
    const other = COMMITTEE.find((c) => !reviewers.includes(c))!;
    expect(refuse('coordinator-01', 'review.assign', { nominationId: 'nomination-01', reviewerId: 'member-02' }, REVIEW)).toBe('reviewer_not_on_committee');
    expect(refuse('committee-01', 'review.assign', { nominationId: 'nomination-01', reviewerId: other }, REVIEW)).toBe('forbidden');
    run(other, 'review.declareConflict', { nominationId: 'nomination-01', note: 'Бир тууганым' }, REVIEW);
    expect(refuse('coordinator-01', 'review.assign', { nominationId: 'nomination-01', reviewerId: other }, REVIEW)).toBe('reviewer_conflicted');
  });

  it('a recused reviewer can neither see nor score the nomination, and their scores are dropped', () => {
    const { run, refuse, sees, records, reviewers } = inReview();
    const [r1, r2] = reviewers as [string, string];
    const a1 = assignmentId('nomination-01', r1);
    run(r1, 'review.save', { assignmentId: a1, scores: { impact: 7 } }, REVIEW);
    expect(sees(r1, 'nominations', 'nomination-01')).toBe(true);
    run(r1, 'review.declareConflict', { nominationId: 'nomination-01', note: 'Мурунку кесиптеш' }, REVIEW);
    expect(sees(r1, 'nominations', 'nomination-01')).toBe(false);
    expect(records.get('reviews', a1)).toBeUndefined();
    expect(refuse(r1, 'review.save', { assignmentId: a1, scores: { impact: 9, sustainability: 9 }, submit: true }, REVIEW)).toBe('reviewer_recused');
    expect(refuse(r1, 'award.vote', { nominationId: 'nomination-01', stage: 'shortlist', vote: 'yes' }, REVIEW)).toBe('reviewer_recused');
    // Unassigned members may not score.
    const unassigned = COMMITTEE.find((c) => !reviewers.includes(c))!;
    expect(refuse(unassigned, 'review.save', { assignmentId: assignmentId('nomination-01', unassigned), scores: { impact: 5 } }, REVIEW)).toBe('reviewer_not_assigned');
    expect(refuse(unassigned, 'review.save', { assignmentId: assignmentId('nomination-01', r2), scores: { impact: 5 } }, REVIEW)).toBe('reviewer_not_assigned');
    // The recusal is seen by the coordinator, with its note.
    expect(records.get('review_assignments', a1)).toMatchObject({ status: 'recused', conflictNote: 'Мурунку кесиптеш' });
  });

  it('no anchoring: others’ scores stay hidden until one’s own are submitted', () => {
    const { run, refuse, sees, reviewers } = inReview();
    const [r1, r2] = reviewers as [string, string];
    const a1 = assignmentId('nomination-01', r1);
    const a2 = assignmentId('nomination-01', r2);
    expect(refuse(r1, 'review.save', { assignmentId: a1, scores: { impact: 8 }, submit: true }, REVIEW)).toBe('scores_incomplete');
    expect(refuse(r1, 'review.save', { assignmentId: a1, scores: { impact: 11, sustainability: 5 } }, REVIEW)).toBe('score_out_of_range');
    run(r1, 'review.save', { assignmentId: a1, scores: { impact: 8, sustainability: 6 }, comment: 'Күчтүү', submit: true }, REVIEW);
    expect(sees(r2, 'reviews', a1)).toBe(false);
    run(r2, 'review.save', { assignmentId: a2, scores: { impact: 6 } }, REVIEW);
    expect(sees(r2, 'reviews', a1)).toBe(false);
    expect(sees(r1, 'reviews', a2)).toBe(false); // a draft is its author's
    run(r2, 'review.save', { assignmentId: a2, scores: { impact: 6, sustainability: 4 }, submit: true }, REVIEW);
    expect(sees(r2, 'reviews', a1)).toBe(true);
    expect(sees(r1, 'reviews', a2)).toBe(true);
    expect(sees('coordinator-01', 'reviews', a1)).toBe(true);
    expect(sees('embassy-01', 'reviews', a1)).toBe(false);
    expect(refuse(r1, 'review.save', { assignmentId: a1, scores: { impact: 1, sustainability: 1 }, submit: true }, REVIEW)).toBe('review_already_submitted');
  });

  it('a decision needs the recorded quorum of the committee, then moves the nomination', () => {
    const { run, refuse, records } = inReview();
    const [c1, c2, c3, c4] = COMMITTEE as [string, string, string, string];
    run(c1, 'award.vote', { nominationId: 'nomination-01', stage: 'shortlist', vote: 'yes' }, REVIEW);
    run(c2, 'award.vote', { nominationId: 'nomination-01', stage: 'shortlist', vote: 'no' }, REVIEW);
    expect(refuse('coordinator-01', 'nomination.decide', { id: 'nomination-01', stage: 'shortlist' }, REVIEW)).toBe('quorum_not_met');
    expect(refuse('member-02', 'award.vote', { nominationId: 'nomination-01', stage: 'shortlist', vote: 'yes' }, REVIEW)).toBe('not_found');
    expect(refuse(c1, 'award.vote', { nominationId: 'nomination-01', stage: 'award', vote: 'yes' }, REVIEW)).toBe('nomination_wrong_status');
    run(c3, 'award.vote', { nominationId: 'nomination-01', stage: 'shortlist', vote: 'yes' }, REVIEW);
    expect(refuse(c1, 'nomination.decide', { id: 'nomination-01', stage: 'shortlist' }, REVIEW)).toBe('forbidden');
    run('coordinator-01', 'nomination.decide', { id: 'nomination-01', stage: 'shortlist' }, REVIEW);
    expect(records.get('nominations', 'nomination-01')).toMatchObject({ status: 'shortlisted' });
    for (const c of [c1, c2, c3, c4]) run(c, 'award.vote', { nominationId: 'nomination-01', stage: 'award', vote: c === c2 ? 'abstain' : 'yes' }, REVIEW);
    run('coordinator-01', 'nomination.decide', { id: 'nomination-01', stage: 'award' }, REVIEW);
    const n = records.get('nominations', 'nomination-01')!;
    expect(n.status).toBe('awarded');
    expect(n.decisions.map((d) => [d.stage, d.yes, d.no, d.abstain, d.outcome])).toEqual([
      ['shortlist', 2, 1, 0, 'shortlisted'],
      ['award', 3, 0, 1, 'awarded'],
    ]);
    expect(n.decisions[1]!.voters).toEqual([...COMMITTEE].sort());
    expect(refuse('embassy-01', 'nomination.withdraw', { id: 'nomination-01' }, REVIEW)).toBe('nomination_wrong_status');
  });

  it('a vote that does not carry ends the nomination as not awarded', () => {
    const { run, records } = inReview();
    for (const c of COMMITTEE.slice(0, 3)) run(c, 'award.vote', { nominationId: 'nomination-01', stage: 'shortlist', vote: 'no' }, REVIEW);
    run('coordinator-01', 'nomination.decide', { id: 'nomination-01', stage: 'shortlist' }, REVIEW);
    expect(records.get('nominations', 'nomination-01')!.status).toBe('not_awarded');
  });

  it('consent is recorded by the coordinator for an outside person', () => {
    const { run, refuse, records } = inReview();
    expect(refuse('embassy-01', 'nomination.recordConsent', { id: 'nomination-01', consent: 'given' }, REVIEW)).toBe('forbidden');
    run('coordinator-01', 'nomination.recordConsent', { id: 'nomination-01', consent: 'given' }, REVIEW);
    expect(records.get('nominations', 'nomination-01')).toMatchObject({ consent: 'given', consentBy: 'coordinator-01', consentAt: REVIEW });
  });
});

describe('authorisation: every role on every action', () => {
  /** Stages a world for an action and names who is who in it. */
  function world(stage: 'cycle' | 'draft' | 'submitted' | 'eligible' | 'review' | 'votes') {
    const w = stage === 'review' || stage === 'votes' ? inReview() : { ...setup(), reviewers: [] as string[] };
    if (stage !== 'review' && stage !== 'votes' && stage !== 'cycle') {
      w.run('embassy-01', 'nomination.create', nomination());
      if (stage !== 'draft') w.run('embassy-01', 'nomination.submit', { id: 'nomination-01' });
      if (stage === 'eligible') w.run('coordinator-01', 'nomination.rule', { id: 'nomination-01', eligible: true }, REVIEW);
    }
    const reviewer = w.reviewers[0] ?? 'committee-01';
    const unassigned = COMMITTEE.find((c) => !w.reviewers.includes(c) && c !== reviewer)!;
    if (stage === 'votes') for (const c of COMMITTEE.slice(0, 3)) w.run(c, 'award.vote', { nominationId: 'nomination-01', stage: 'shortlist', vote: 'yes' }, REVIEW);
    return { ...w, reviewer, unassigned };
  }
  const ROLES = ['coordinator', 'nominator', 'other embassy', 'leader', 'reviewer', 'committee', 'nominee', 'member', 'anonymous'] as const;
  type Role = (typeof ROLES)[number];
  const who = (w: ReturnType<typeof world>, role: Role): string | null =>
    ({
      coordinator: 'coordinator-01', nominator: 'embassy-01', 'other embassy': 'embassy-02', leader: 'leader-01', reviewer: w.reviewer,
      committee: w.unassigned, nominee: 'member-01', member: 'member-02', anonymous: null,
    })[role];

  const ACTIONS: { name: string; stage: Parameters<typeof world>[0]; args: (w: ReturnType<typeof world>) => unknown; allowed: Role[] }[] = [
    { name: 'awardCycle.create', stage: 'cycle', args: () => cycleArgs({ id: 'cycle-2028', year: 2028 }), allowed: ['coordinator'] },
    { name: 'awardCycle.update', stage: 'cycle', args: () => ({ id: 'cycle-2026', patch: { announcement: '2027-03-01' } }), allowed: ['coordinator'] },
    { name: 'awardCycle.publish', stage: 'cycle', args: () => ({ id: 'cycle-2026', published: false }), allowed: ['coordinator'] },
    { name: 'nomination.create', stage: 'cycle', args: () => nomination({ id: 'nomination-77', nomineeAccountId: null }), allowed: ['nominator', 'other embassy'] },
    { name: 'nomination.create', stage: 'cycle', args: () => nomination({ id: 'nomination-78', nomineeAccountId: null, associationId: 'assoc-0001' }), allowed: ['leader'] },
    { name: 'nomination.update', stage: 'draft', args: () => ({ id: 'nomination-01', patch: { statement: 'Жаңы' } }), allowed: ['nominator'] },
    { name: 'nomination.submit', stage: 'draft', args: () => ({ id: 'nomination-01' }), allowed: ['nominator'] },
    { name: 'nomination.withdraw', stage: 'submitted', args: () => ({ id: 'nomination-01' }), allowed: ['nominator'] },
    { name: 'nomination.rule', stage: 'submitted', args: () => ({ id: 'nomination-01', eligible: true }), allowed: ['coordinator'] },
    { name: 'nomination.recordConsent', stage: 'review', args: () => ({ id: 'nomination-01', consent: 'given' }), allowed: ['coordinator'] },
    { name: 'review.assign', stage: 'eligible', args: () => ({ nominationId: 'nomination-01', reviewerId: 'committee-03' }), allowed: ['coordinator'] },
    { name: 'review.autoAssign', stage: 'eligible', args: () => ({ cycleId: 'cycle-2026' }), allowed: ['coordinator'] },
    { name: 'review.unassign', stage: 'review', args: (w) => ({ id: assignmentId('nomination-01', w.reviewer) }), allowed: ['coordinator'] },
    { name: 'review.declareConflict', stage: 'review', args: () => ({ nominationId: 'nomination-01', note: null }), allowed: ['reviewer', 'committee'] },
    { name: 'review.save', stage: 'review', args: (w) => ({ assignmentId: assignmentId('nomination-01', w.reviewer), scores: { impact: 5 } }), allowed: ['reviewer'] },
    { name: 'award.vote', stage: 'review', args: () => ({ nominationId: 'nomination-01', stage: 'shortlist', vote: 'yes' }), allowed: ['reviewer', 'committee'] },
    { name: 'nomination.decide', stage: 'votes', args: () => ({ id: 'nomination-01', stage: 'shortlist' }), allowed: ['coordinator'] },
  ];

  for (const action of ACTIONS) {
    it(`${action.name} (${action.allowed.join(', ')})`, () => {
      const outcome: Record<string, string> = {};
      for (const role of ROLES) {
        const w = world(action.stage);
        const id = who(w, role);
        try {
          runMutation(w.records, action.name, action.args(w), { viewer: id ? w.records.viewer(id) : ANONYMOUS, now: REVIEW_OR_OPEN(action.stage), side: 'server' });
          outcome[role] = 'applied';
        } catch (err) {
          if (!(err instanceof DomainError)) throw err;
          outcome[role] = err.code;
        }
      }
      const applied = ROLES.filter((r) => outcome[r] === 'applied');
      expect(applied, JSON.stringify(outcome)).toEqual(action.allowed);
      // Refusals say why, and never by accident (a crash or a schema failure would show here).
      for (const r of ROLES) if (outcome[r] !== 'applied') expect(['forbidden', 'not_found', 'unauthenticated', 'not_committee_member', 'reviewer_not_assigned', 'reviewer_recused']).toContain(outcome[r]);
    });
  }
});

function REVIEW_OR_OPEN(stage: string): string {
  return stage === 'review' || stage === 'votes' || stage === 'eligible' ? REVIEW : OPEN;
}
