import { describe, expect, it } from 'vitest';
import { latestOnly } from './skills-bank.ts';

describe('latestOnly', () => {
  it('answers only the newest of queued calls from one caller, and never drops another caller’s', async () => {
    const ran: string[] = [];
    const search = latestOnly(
      async (q: { text: string; from: string }) => {
        ran.push(`${q.from}:${q.text}`);
        return q.text;
      },
      (q) => q.from,
    );
    // Tab a types three letters quickly while tab b searches once, all before the engine runs.
    const answers = await Promise.all([
      search({ text: 'a', from: 'a' }),
      search({ text: 'b1', from: 'b' }),
      search({ text: 'ab', from: 'a' }),
      search({ text: 'abc', from: 'a' }),
    ]);
    expect(answers).toEqual([null, 'b1', null, 'abc']);
    expect(ran).toEqual(['b:b1', 'a:abc']);
    // Later calls of the same caller run again.
    expect(await search({ text: 'abcd', from: 'a' })).toBe('abcd');
  });
});
