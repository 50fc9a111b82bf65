/**
 * Reviewing a nomination in the PWA, in three headless Chromiums (a coordinator and two
 * committee members, each on their own device) against the real server, driven by role and
 * label: the coordinator sets a cycle up (the suggested rubric, the committee found by name, a
 * quorum above the committee refused) and publishes it, rules a submitted nomination eligible
 * and assigns reviewers automatically; a committee member opens it from their queue, sees that others' scores come
 * only after their own, scores every criterion of the rubric, saves, submits (confirmed) and
 * votes; the other member declares a conflict of interest and the nomination leaves their
 * device. Every control is named, nothing is wider than 360 px. `MEKENDESH_SCREENSHOTS=1`
 * writes docs/screenshots/award-review-{ky,en}.png.
 */
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assignmentId } from '@mekendesh/core';
import type { Key } from '../../pwa/src/i18n/index.ts';
import '../../pwa/src/i18n/award.ts';
import { launchChromiumProfile } from '../kit/chromium.ts';
import { en, ky, signUpInApp, startPwa, waitForText, type PwaEnv } from '../kit/pwa.ts';
import { post, signUp, type TestUser } from '../kit/server.ts';

const SHOTS = process.env.MEKENDESH_SCREENSHOTS === '1' ? join(import.meta.dirname, '../../docs/screenshots') : join(tmpdir(), 'mekendesh-screenshots');
const CONTROLS = new Set(['button', 'link', 'textbox', 'searchbox', 'combobox', 'checkbox', 'radio', 'spinbutton', 'listbox', 'slider', 'switch', 'tab', 'menuitem']);
const NOMINATION = 'nomination-e2e-review';
const NOMINEE = 'Бакыт Жумабеков';
const T = (ky: string, ru: string, en: string) => ({ ky, ru, en });
/** The rubric the set-up form suggests (its criteria are named in the three languages). */
const CRITERIA = [
  { id: 'c1', name: T('Мекенге тийгизген таасири', 'Влияние на развитие родины', 'Impact at home'), weight: 3, score: 9 },
  { id: 'c2', name: T('Масштабы жана туруктуулугу', 'Масштаб и устойчивость', 'Reach and lasting effect'), weight: 2, score: 7 },
  { id: 'c3', name: T('Башкаларга үлгү болушу', 'Пример для других', 'Example to others'), weight: 1, score: 8 },
];
type Tr = (key: Key, args?: Record<string, string | number>) => string;

async function unnamedControls(cdp: CDPSession): Promise<string[]> {
  const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as { nodes: { ignored?: boolean; role?: { value?: string }; name?: { value?: string } }[] };
  const controls = nodes.filter((n) => !n.ignored && CONTROLS.has(n.role?.value ?? ''));
  if (controls.length < 10) return [`only ${controls.length} controls in the tree`];
  return controls.filter((n) => !(n.name?.value ?? '').trim()).map((n) => String(n.role?.value));
}

describe('reviewing a nomination in the PWA: ruling, assignment, the rubric, a conflict of interest', () => {
  let env: PwaEnv;
  let second: Awaited<ReturnType<typeof launchChromiumProfile>>;
  let third: Awaited<ReturnType<typeof launchChromiumProfile>>;
  beforeAll(async () => {
    [env, second, third] = await Promise.all([startPwa('mekendesh-pwa-award-review-'), launchChromiumProfile(), launchChromiumProfile()]);
    mkdirSync(SHOTS, { recursive: true });
  });
  afterAll(async () => {
    await second?.close();
    await third?.close();
    await env?.close();
  });

  const nav = (page: Page, tr: Tr = ky) => page.getByRole('navigation', { name: tr('nav.label') });
  const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  const synced = (page: Page) => waitForText(page, page.getByRole('status', { name: ky('status.label') }), [ky('sync.idle'), ky('sync.pending', { count: 0 })], 30_000);
  /** Opens the award page until `ready` shows (a page visit is when the app syncs). */
  async function awardUntil(page: Page, ready: ReturnType<Page['getByRole']>, timeoutMs = 30_000) {
    const end = Date.now() + timeoutMs;
    for (;;) {
      await nav(page).getByRole('link', { name: ky('nav.award') }).click();
      if (await ready.waitFor({ timeout: 2_500 }).then(() => true, () => false)) return;
      if (Date.now() > end) throw new Error(`${ready} did not show`);
      await nav(page).getByRole('link', { name: ky('nav.profile') }).click();
    }
  }
  const push = async (user: TestUser, mutations: [string, unknown][]) => {
    const body = { clientId: `e2e-${user.account.id.replace(/-/g, '')}`.slice(0, 40), mutations: mutations.map(([name, args], i) => ({ id: i + 1, name, args, createdAt: new Date().toISOString() })) };
    const res = await post(env.server.url, '/api/sync/push', body, user.token);
    for (const r of res.body.results as { status: string }[]) expect(r).toMatchObject({ status: 'applied' });
  };

  it('runs from a cycle set up in the app to a submitted review, a vote and a declared conflict', async () => {
    const coordinator = await env.page();
    const reviewer = second.context.pages()[0] ?? (await second.context.newPage());
    const recusing = third.context.pages()[0] ?? (await third.context.newPage());
    for (const [who, p] of [['reviewer', reviewer], ['recusing', recusing]] as const) {
      p.on('console', (m) => env.log.push(`[${who} ${m.type()}] ${m.text()}`));
      p.on('pageerror', (e) => env.log.push(`[pageerror] ${who}: ${e.message}`));
    }
    for (const p of [coordinator, reviewer, recusing]) await p.setViewportSize({ width: 360, height: 800 });
    await env.withLog(async () => {
      const store = env.server.store;
      const edit = (id: string, roles: string[], name: string) =>
        store.db.transaction(() => {
          store.records.put('accounts', { ...store.records.get('accounts', id)!, roles: ['member', ...roles] as never });
          store.records.put('profiles', { ...store.records.get('profiles', id)!, nameCyrillic: name, updatedAt: new Date().toISOString() });
        });
      // Three people on their own devices: the coordinator and two committee members.
      const [coordinatorId, reviewerId, recusingId] = await Promise.all([
        signUpInApp(coordinator, env, 'Координатор'),
        signUpInApp(reviewer, env, 'Жыпар'),
        signUpInApp(recusing, env, 'Эрмек'),
      ]);
      edit(coordinatorId, ['coordinator'], 'Динара Сатыбалдиева');
      edit(reviewerId, ['committee_member'], 'Жыпар Асанова');
      edit(recusingId, ['committee_member'], 'Эрмек Осмонов');

      // The coordinator sets the cycle up: the suggested categories and rubric, the committee
      // found by name, and rules (a quorum above the committee's size is refused on its field).
      await awardUntil(coordinator, coordinator.getByRole('link', { name: ky('award.cycle.new') }));
      await coordinator.getByRole('link', { name: ky('award.cycle.new') }).click();
      const setupForm = coordinator.getByRole('form', { name: ky('award.setup.title') });
      await setupForm.getByLabel(ky('award.setup.titleIn', { lang: ky('lang.ky') }), { exact: true }).fill('Мыкты Мекендеш — 2026');
      await setupForm.getByLabel(ky('award.setup.titleIn', { lang: ky('lang.en') }), { exact: true }).fill('Mykty Mekendesh 2026');
      for (const name of ['Жыпар Асанова', 'Эрмек Осмонов']) {
        const search = setupForm.getByRole('searchbox', { name: ky('award.setup.findMember') });
        const add = setupForm.getByRole('button', { name: ky('award.setup.addMemberOf', { name }) });
        for (let i = 0; !(await add.isVisible()); i++) {
          if (i > 60) throw new Error(`${name} not found`);
          await search.fill('');
          await search.fill(name.split(' ')[0]!);
          await coordinator.waitForTimeout(300);
        }
        await add.click();
      }
      await setupForm.getByLabel(ky('award.setup.reviewersPerNomination'), { exact: true }).fill('2');
      await setupForm.getByRole('button', { name: ky('award.setup.create') }).click();
      await waitForText(coordinator, setupForm, [ky('transfer.fixErrors'), ky('transfer.issue.invalid')]);
      expect(await setupForm.getByLabel(ky('award.setup.quorum'), { exact: true }).getAttribute('aria-invalid')).toBe('true');
      await setupForm.getByLabel(ky('award.setup.quorum'), { exact: true }).fill('2');
      await setupForm.getByRole('button', { name: ky('award.setup.create') }).click();
      const cycleTitle = coordinator.getByRole('heading', { name: /Мыкты Мекендеш — 2026/, level: 2 });
      await cycleTitle.waitFor();
      const cycleId = decodeURIComponent(/#\/award\/cycle\/([^/]+)/.exec(coordinator.url())![1]!);
      await waitForText(coordinator, coordinator.getByRole('main'), [ky('award.cycle.draft'), 'Жыпар Асанова, Эрмек Осмонов', `${CRITERIA[0]!.name.ky} ×3`]);
      await coordinator.getByRole('button', { name: ky('award.cycle.publish') }).click();
      await waitForText(coordinator, coordinator.getByRole('main'), [ky('award.cycle.published')]);
      await synced(coordinator);
      expect(store.records.get('award_cycles', cycleId)).toMatchObject({
        published: true, committee: [reviewerId, recusingId], reviewersPerNomination: 2, quorum: 2,
        rubric: { scaleMin: 1, scaleMax: 10, criteria: CRITERIA.map(({ id, name, weight }) => ({ id, name, weight })) },
      });

      // A nomination submitted by an embassy (from its own device).
      const embassy = await signUp(env.server.url, 'Embassy');
      store.db.transaction(() => store.records.put('accounts', { ...store.records.get('accounts', embassy.account.id)!, roles: ['member', 'embassy_staff'] }));
      await push(embassy, [
        ['nomination.create', {
          id: NOMINATION, cycleId, categoryId: 'investment', nomineeName: NOMINEE, nomineeCountry: 'KR', nomineeCity: 'Сеул', statementLang: 'ky',
          statement: 'Бакыт Сеулда иштеп жүргөндө Ысык-Көлдөгү айылына жылуулук насосторун орнотуучу чакан ишкана ачып, 40 жаш адамды жумуш менен камсыз кылды.',
          evidenceLinks: [{ url: 'https://24.kg/ekonomika/issyk-kul-heat-pumps', title: '24.kg: Ысык-Көлдөгү жылуулук насостору' }],
        }],
        ['nomination.submit', { id: NOMINATION }],
      ]);

      // The coordinator: the cycle, the nomination under "submitted", ruled eligible, reviewers assigned.
      const cycleLink = coordinator.getByRole('region', { name: ky('award.cycles') }).getByRole('link', { name: 'Мыкты Мекендеш — 2026' });
      const item = coordinator.getByRole('article', { name: NOMINEE });
      for (let i = 0; !(await item.isVisible()); i++) {
        if (i > 20) throw new Error('the nomination did not reach the coordinator');
        await awardUntil(coordinator, cycleLink);
        await cycleLink.click();
        await item.waitFor({ timeout: 2_000 }).catch(() => {});
      }
      await waitForText(coordinator, item, [ky('award.status.submitted'), ky('award.consent.short.pending')]);
      await item.getByRole('button', { name: ky('award.rule.eligibleOf', { name: NOMINEE }) }).click();
      await waitForText(coordinator, item, [ky('award.status.eligible')]);
      await coordinator.getByRole('button', { name: ky('award.assign.auto') }).click();
      await waitForText(coordinator, item, [ky('award.status.in_review'), 'Жыпар Асанова', 'Эрмек Осмонов', ky('award.reviewer.waiting')]);
      await synced(coordinator);
      expect(store.records.get('review_assignments', assignmentId(NOMINATION, reviewerId))).toMatchObject({ status: 'assigned', assignedBy: 'auto' });
      expect(store.records.get('review_assignments', assignmentId(NOMINATION, recusingId))).toMatchObject({ status: 'assigned' });

      // The reviewer: the queue, then the nomination with the rubric.
      const queued = reviewer.getByRole('region', { name: ky('award.queue') }).getByRole('link', { name: NOMINEE });
      await awardUntil(reviewer, queued);
      await waitForText(reviewer, reviewer.getByRole('region', { name: ky('award.queue') }), [ky('award.queue.assigned'), ky('award.status.in_review')]);
      await queued.click();
      const review = reviewer.getByRole('region', { name: ky('award.review'), exact: true });
      await waitForText(reviewer, review, [ky('award.review.othersLater'), ky('award.review.weight', { weight: 3, share: 50 })]);
      // Submitting with a criterion unscored is refused, the criterion marked.
      await review.getByRole('radiogroup', { name: CRITERIA[0]!.name.ky }).getByRole('radio', { name: '9', exact: true }).check();
      await review.getByRole('button', { name: ky('award.review.submit') }).click();
      await review.getByRole('group', { name: ky('award.review.submitQuestion') }).getByRole('button', { name: ky('award.review.submitConfirm') }).click();
      await waitForText(reviewer, review, [ky('errors.scores_incomplete'), ky('award.review.missing')]);
      expect(await review.getByRole('radiogroup', { name: CRITERIA[1]!.name.ky }).getAttribute('aria-invalid')).toBe('true');
      for (const c of CRITERIA) await review.getByRole('radiogroup', { name: c.name.ky }).getByRole('radio', { name: String(c.score), exact: true }).check();
      await review.getByLabel(ky('award.review.comment'), { exact: true }).fill('Жергиликтүү жаштарга жумуш орду түзүлдү; тажрыйбасы башка айылдарга да үлгү.');
      await review.getByRole('button', { name: ky('award.review.save'), exact: true }).click();
      await waitForText(reviewer, review, [ky('award.review.saved'), '8,17']);

      // The review screen with the rubric, in Kyrgyz and in English.
      const cdp = await reviewer.context().newCDPSession(reviewer);
      expect(await unnamedControls(cdp)).toEqual([]);
      expect(await overflow(reviewer)).toBeLessThanOrEqual(0);
      await reviewer.evaluate(() => window.scrollTo(0, 0));
      await reviewer.screenshot({ path: join(SHOTS, 'award-review-ky.png'), fullPage: true });
      await reviewer.getByLabel(ky('shell.language'), { exact: true }).selectOption('en');
      const enReview = reviewer.getByRole('region', { name: en('award.review'), exact: true });
      await waitForText(reviewer, enReview, [en('award.review.othersLater'), CRITERIA[0]!.name.en, '8.17']);
      expect(await enReview.getByRole('radiogroup', { name: CRITERIA[2]!.name.en }).getByRole('radio', { name: '8', exact: true }).isChecked()).toBe(true);
      expect(await unnamedControls(cdp)).toEqual([]);
      expect(await overflow(reviewer)).toBeLessThanOrEqual(0);
      await reviewer.evaluate(() => window.scrollTo(0, 0));
      await reviewer.screenshot({ path: join(SHOTS, 'award-review-en.png'), fullPage: true });
      await cdp.detach();
      await reviewer.getByLabel(en('shell.language'), { exact: true }).selectOption('ky');

      // Submitted for good (confirmed), then a vote for the shortlist.
      await review.getByRole('button', { name: ky('award.review.submit') }).click();
      await review.getByRole('group', { name: ky('award.review.submitQuestion') }).getByRole('button', { name: ky('award.review.submitConfirm') }).click();
      await waitForText(reviewer, review, [ky('award.review.submitted'), ky('award.review.others'), ky('award.review.othersNone')]);
      expect(await review.getByRole('radiogroup', { name: CRITERIA[0]!.name.ky }).getByRole('radio', { name: '9', exact: true }).isDisabled()).toBe(true);
      await review.getByRole('radiogroup', { name: ky('award.vote.shortlist') }).getByRole('radio', { name: ky('award.vote.yes') }).check();
      await waitForText(reviewer, review, [ky('award.vote.saved')]);
      await synced(reviewer);
      expect(store.records.get('reviews', assignmentId(NOMINATION, reviewerId))).toMatchObject({
        status: 'submitted', scores: Object.fromEntries(CRITERIA.map((c) => [c.id, c.score])), comment: expect.stringContaining('жаштарга'),
      });

      // The other member declares a conflict: the nomination leaves their device.
      const theirs = recusing.getByRole('region', { name: ky('award.queue') }).getByRole('link', { name: NOMINEE });
      await awardUntil(recusing, theirs);
      await theirs.click();
      const panel = recusing.getByRole('region', { name: ky('award.review'), exact: true });
      await panel.getByRole('button', { name: ky('award.conflict.declare') }).click();
      const ask = panel.getByRole('group', { name: ky('award.conflict.question', { name: NOMINEE }) });
      await ask.getByLabel(ky('award.conflict.note'), { exact: true }).fill('Талапкер менин жакын тууганым.');
      await ask.getByRole('button', { name: ky('award.conflict.confirm') }).click();
      const queue = recusing.getByRole('region', { name: ky('award.queue') });
      await waitForText(recusing, queue, [ky('award.queue.none')]);
      expect(await queue.getByRole('link', { name: NOMINEE }).count()).toBe(0);
      await synced(recusing);
      expect(store.records.get('review_assignments', assignmentId(NOMINATION, recusingId))).toMatchObject({ status: 'recused', conflictNote: 'Талапкер менин жакын тууганым.' });
      // Gone for good: after a reload (the server no longer sends it either).
      await recusing.reload();
      await awardUntil(recusing, recusing.getByRole('region', { name: ky('award.queue') }).getByText(ky('award.queue.none')));
      await recusing.goto(`${env.server.url}/#/award/nomination/${NOMINATION}`);
      await recusing.getByText(ky('award.nomination.missing')).waitFor();

      // The coordinator sees the submitted review, the recusal and the vote against the quorum.
      await coordinator.getByRole('link', { name: NOMINEE }).click();
      const part = coordinator.getByRole('region', { name: ky('award.coordinator') });
      await waitForText(coordinator, part, [ky('award.reviewer.recused'), 'Талапкер менин жакын тууганым.', ky('award.reviewer.submitted'), ky('award.quorum.short')], 30_000);
      expect(env.unexpectedErrors(/401|Failed to load resource/)).toEqual([]);
    });
  }, 90_000);
});
