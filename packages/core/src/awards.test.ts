import { describe, expect, it } from 'vitest';
import { aggregateScores, assignmentId, balanceAssignments, bishkekDate, nominationWindow, tallyVotes, voteId, weightedScore, type Rubric } from './awards.ts';

const rubric: Rubric = {
  scaleMin: 1,
  scaleMax: 10,
  criteria: [
    { id: 'impact', name: { ky: 'Таасири', ru: 'Влияние', en: 'Impact' }, weight: 3 },
    { id: 'reach', name: { ky: 'Камтуу', ru: 'Охват', en: 'Reach' }, weight: 1 },
  ],
};

describe('scores', () => {
  it('weights criteria, and aggregates reviewers into mean, median and spread', () => {
    expect(weightedScore(rubric, { impact: 8, reach: 4 })).toBe(7);
    const agg = aggregateScores(rubric, [
      { scores: { impact: 8, reach: 4 }, status: 'submitted' }, // 7
      { scores: { impact: 6, reach: 2 }, status: 'submitted' }, // 5
      { scores: { impact: 10, reach: 10 }, status: 'submitted' }, // 10
      { scores: { impact: 1, reach: 1 }, status: 'draft' }, // not counted
    ]);
    expect(agg.count).toBe(3);
    expect(agg.mean).toBeCloseTo(22 / 3);
    expect(agg.median).toBe(7);
    expect(agg.spread).toBeCloseTo(Math.sqrt(((7 - 22 / 3) ** 2 + (5 - 22 / 3) ** 2 + (10 - 22 / 3) ** 2) / 3));
    expect([agg.min, agg.max]).toEqual([5, 10]);
    expect(agg.perCriterion).toEqual({ impact: 8, reach: 16 / 3 });
    expect(aggregateScores(rubric, [{ scores: { impact: 4, reach: 4 }, status: 'submitted' }, { scores: { impact: 8, reach: 8 }, status: 'submitted' }]).median).toBe(6);
    expect(aggregateScores(rubric, []).mean).toBeNull();
  });
});

describe('window', () => {
  it('uses Bishkek dates (UTC+6)', () => {
    expect(bishkekDate('2026-11-30T17:59:59.000Z')).toBe('2026-11-30');
    expect(bishkekDate('2026-11-30T18:00:00.000Z')).toBe('2026-12-01');
    const c = { nominationsOpen: '2026-09-01', nominationsClose: '2026-11-30' };
    expect(nominationWindow(c, '2026-08-31T17:59:59.000Z')).toBe('before');
    expect(nominationWindow(c, '2026-08-31T18:00:00.000Z')).toBe('open');
    expect(nominationWindow(c, '2026-11-30T18:00:00.000Z')).toBe('after');
  });
});

describe('assignment and votes', () => {
  it('balances deterministically, fills each nomination, and respects exclusions', () => {
    const committee = ['a', 'b', 'c'];
    const nominations = Array.from({ length: 9 }, (_, i) => ({ id: `n${i}`, excluded: new Set(i === 0 ? ['a'] : []) }));
    const picks = balanceAssignments({ committee, perNomination: 2, nominations, existing: [] });
    expect(picks).toHaveLength(18);
    const load = Object.fromEntries(committee.map((c) => [c, picks.filter((p) => p.reviewerId === c).length]));
    expect(Object.values(load)).toEqual([6, 6, 6]);
    expect(picks.some((p) => p.nominationId === 'n0' && p.reviewerId === 'a')).toBe(false);
    expect(balanceAssignments({ committee, perNomination: 2, nominations, existing: [] })).toEqual(picks);
    // A recused reviewer is replaced by someone else, never re-picked.
    const again = balanceAssignments({
      committee, perNomination: 2, nominations: [{ id: 'n1', excluded: new Set() }],
      existing: [{ nominationId: 'n1', reviewerId: 'a', status: 'recused' }, { nominationId: 'n1', reviewerId: 'b', status: 'assigned' }],
    });
    expect(again).toEqual([{ nominationId: 'n1', reviewerId: 'c' }]);
  });

  it('derives the same ids on every host, distinct per pair', () => {
    expect(assignmentId('nomination-01', 'committee-01')).toBe(assignmentId('nomination-01', 'committee-01'));
    expect(assignmentId('nomination-01', 'committee-01')).not.toBe(assignmentId('committee-01', 'nomination-01'));
    expect(voteId('n-000001', 'shortlist', 'c-000001')).not.toBe(voteId('n-000001', 'award', 'c-000001'));
    expect(assignmentId('nomination-01', 'committee-01')).toMatch(/^[A-Za-z0-9_-]{8,80}$/);
  });

  it('tallies a quorum and a majority', () => {
    const t = tallyVotes([{ vote: 'yes', voterId: 'b' }, { vote: 'no', voterId: 'a' }, { vote: 'abstain', voterId: 'c' }], 3);
    expect(t).toMatchObject({ yes: 1, no: 1, abstain: 1, quorumMet: true, carried: false, voters: ['a', 'b', 'c'] });
    expect(tallyVotes([{ vote: 'yes', voterId: 'a' }], 2).quorumMet).toBe(false);
  });
});
