/**
 * A whole award cycle through the real server on loopback, with real SQLite files on both
 * sides: an embassy user drafts and submits a nomination offline (across a restart of the
 * app), the coordinator rules, reviewers score with a conflict of interest enforced, a third
 * party endorses and the nominee consents through one-time links, the committee votes and
 * the coordinator records the decision.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compactVerify, importJWK, jwtVerify } from 'jose';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { assignmentId, type AccountRole, type TableRows } from '@mekendesh/core';
import { decodeTableRows } from '@mekendesh/store';
import { eventually, openClient, post, signUp, startTestServer, type TestUser } from '../kit/server.ts';

type Server = Awaited<ReturnType<typeof startTestServer>>;

/** A date counted from today in Bishkek (UTC+6), the calendar the nomination window follows. */
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000 + 6 * 3_600_000).toISOString().slice(0, 10);
const T = (v: string) => ({ ky: v, ru: v, en: v });

const mutationIds = new Map<string, number>();
async function push(server: Server, user: TestUser, mutations: [string, unknown][]) {
  let next = mutationIds.get(user.account.id) ?? 0;
  const body = {
    clientId: `push-${user.account.id.replace(/-/g, '')}`.slice(0, 40),
    mutations: mutations.map(([name, args]) => ({ id: ++next, name, args, createdAt: new Date().toISOString() })),
  };
  mutationIds.set(user.account.id, next);
  const res = await post(server.url, '/api/sync/push', body, user.token);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.results as { status: string; error?: string }[];
}
async function apply(server: Server, user: TestUser, mutations: [string, unknown][]) {
  for (const r of await push(server, user, mutations)) expect(r, JSON.stringify(r)).toMatchObject({ status: 'applied' });
}
async function refusal(server: Server, user: TestUser, name: string, args: unknown): Promise<string> {
  const [r] = await push(server, user, [[name, args]]);
  return r!.status === 'applied' ? 'applied' : (r!.error ?? r!.status);
}

/** Everything the server sends an account, by table, from a fresh pull. */
async function pullAll(server: Server, user: TestUser) {
  const got = new Map<string, Map<string, any>>();
  let cursor: string | null = null;
  for (;;) {
    const res = await post(server.url, '/api/sync/pull', { clientId: `pull-${user.account.id.replace(/-/g, '')}`.slice(0, 40), cursor }, user.token);
    for (const p of res.body.puts as TableRows[]) {
      const m = got.get(p.table) ?? new Map();
      for (const row of decodeTableRows(p)) m.set((row as { id: string }).id, row);
      got.set(p.table, m);
    }
    cursor = res.body.cursor;
    if (!res.body.more) return got;
  }
}

describe('a Mykty Mekendesh cycle through the real server', () => {
  let server: Server;
  let coordinator: TestUser;
  let embassy: TestUser;
  let nominee: TestUser;
  let outsider: TestUser;
  const committee: TestUser[] = [];

  const grant = (u: TestUser, roles: AccountRole[]) => {
    const { records, db } = server.store;
    db.transaction(() => records.put('accounts', { ...records.get('accounts', u.account.id)!, roles: ['member', ...roles] }));
  };

  beforeAll(async () => {
    server = await startTestServer();
    coordinator = await signUp(server.url, 'Coordinator');
    embassy = await signUp(server.url, 'Embassy');
    nominee = await signUp(server.url, 'Nominee');
    outsider = await signUp(server.url, 'Outsider');
    for (let i = 0; i < 4; i++) committee.push(await signUp(server.url, `Committee ${i}`));
    grant(coordinator, ['coordinator']);
    grant(embassy, ['embassy_staff']);
    for (const c of committee) grant(c, ['committee_member']);
    await apply(server, coordinator, [
      ['awardCycle.create', {
        id: 'cycle-e2e-2026', year: 2026, title: T('Мыкты Мекендеш 2026'),
        categories: [{ id: 'philanthropy', name: { ky: 'Кайрымдуулук', ru: 'Благотворительность', en: 'Philanthropy' } }],
        nominationsOpen: day(-30), nominationsClose: day(30), reviewEnd: day(60), announcement: day(75),
        rubric: { scaleMin: 1, scaleMax: 10, criteria: [{ id: 'impact', name: T('Таасири'), weight: 2 }, { id: 'example', name: T('Үлгү'), weight: 1 }] },
        committee: committee.map((c) => c.account.id), reviewersPerNomination: 2, quorum: 3, winnerCooldownCycles: 2, nominatorCap: 3,
      }],
      ['awardCycle.publish', { id: 'cycle-e2e-2026', published: true }],
    ]);
  });
  afterAll(async () => server?.stop());

  it('runs from an offline draft to a decision, with conflicts, endorsements and consent enforced', async () => {
    // 1. The embassy user syncs once, then drafts and submits offline; the app restarts before it is online again.
    const first = openClient(server, embassy);
    await first.client.syncNow();
    expect(first.client.records.get('award_cycles', 'cycle-e2e-2026')).toBeTruthy();
    await first.client.stop();
    first.client.mutate('nomination.create', {
      id: 'nomination-e2e-01', cycleId: 'cycle-e2e-2026', categoryId: 'philanthropy', nomineeAccountId: nominee.account.id,
      nomineeName: 'Айгүл Токтогулова', nomineeCountry: 'TR', statement: '', statementLang: 'ky',
      evidenceLinks: [{ url: 'https://example.org/school', title: 'Мектеп' }],
    });
    first.client.mutate('nomination.update', { id: 'nomination-e2e-01', patch: { statement: 'Нарын облусундагы айылга мектеп курдурду.' } });
    first.client.mutate('nomination.submit', { id: 'nomination-e2e-01' });
    expect(first.client.records.get('nominations', 'nomination-e2e-01')!.status).toBe('submitted');
    expect(server.store.records.get('nominations', 'nomination-e2e-01')).toBeUndefined();
    const file = first.file;
    first.db.close();
    const again = openClient(server, embassy, { file });
    expect(again.client.status().pending).toBe(3);
    await again.client.syncNow();
    expect(again.client.status().pending).toBe(0);
    expect(server.store.records.get('nominations', 'nomination-e2e-01')).toMatchObject({ status: 'submitted', nominatorId: embassy.account.id });

    // Neither the nominee nor an outsider receives it; the coordinator and the committee do.
    expect((await pullAll(server, nominee)).get('nominations')?.size ?? 0).toBe(0);
    expect((await pullAll(server, outsider)).get('nominations')?.size ?? 0).toBe(0);
    expect((await pullAll(server, coordinator)).get('nominations')?.has('nomination-e2e-01')).toBe(true);

    // 2. The coordinator rules it eligible and assigns reviewers.
    expect(await refusal(server, embassy, 'nomination.rule', { id: 'nomination-e2e-01', eligible: true })).toBe('forbidden');
    await apply(server, coordinator, [
      ['nomination.rule', { id: 'nomination-e2e-01', eligible: true }],
      ['review.autoAssign', { cycleId: 'cycle-e2e-2026' }],
    ]);
    const assigned = server.store.records.where('review_assignments', 'nomination_id = ?', ['nomination-e2e-01']).map((a) => a.reviewerId);
    expect(assigned).toHaveLength(2);
    const [r1, r2] = assigned.map((id) => committee.find((c) => c.account.id === id)!) as [TestUser, TestUser];
    const others = committee.filter((c) => !assigned.includes(c.account.id));

    // 3. A reviewer declares a conflict: recused, they no longer receive it and may not score.
    const r1Client = openClient(server, r1);
    await r1Client.client.syncNow();
    expect(r1Client.client.records.get('nominations', 'nomination-e2e-01')).toBeTruthy();
    r1Client.client.mutate('review.declareConflict', { nominationId: 'nomination-e2e-01', note: 'Бир айылданбыз' });
    await r1Client.client.syncNow();
    await r1Client.client.syncNow();
    await eventually(() => r1Client.client.records.get('nominations', 'nomination-e2e-01') === undefined);
    expect((await pullAll(server, r1)).get('nominations')?.has('nomination-e2e-01') ?? false).toBe(false);
    expect(await refusal(server, r1, 'review.save', { assignmentId: assignmentId('nomination-e2e-01', r1.account.id), scores: { impact: 10, example: 10 }, submit: true })).toBe('reviewer_recused');
    expect(await refusal(server, r1, 'award.vote', { nominationId: 'nomination-e2e-01', stage: 'shortlist', vote: 'yes' })).toBe('reviewer_recused');
    await r1Client.close();

    // The coordinator fills the place; an unassigned member may not score.
    await apply(server, coordinator, [['review.autoAssign', { cycleId: 'cycle-e2e-2026' }]]);
    const r3 = others.find((c) => server.store.records.get('review_assignments', assignmentId('nomination-e2e-01', c.account.id)))!;
    expect(r3).toBeTruthy();
    const unassigned = others.find((c) => c !== r3)!;
    expect(await refusal(server, unassigned, 'review.save', { assignmentId: assignmentId('nomination-e2e-01', unassigned.account.id), scores: { impact: 5 } })).toBe('reviewer_not_assigned');

    // 4. No anchoring: r2 sees r3's scores only after submitting their own.
    await apply(server, r3, [['review.save', { assignmentId: assignmentId('nomination-e2e-01', r3.account.id), scores: { impact: 9, example: 7 }, comment: 'Үлгүлүү иш', submit: true }]]);
    const r2Client = openClient(server, r2);
    await r2Client.client.syncNow();
    expect(r2Client.client.records.get('reviews', assignmentId('nomination-e2e-01', r3.account.id))).toBeUndefined();
    r2Client.client.mutate('review.save', { assignmentId: assignmentId('nomination-e2e-01', r2.account.id), scores: { impact: 7, example: 8 }, submit: true });
    await r2Client.client.syncNow();
    await r2Client.client.syncNow();
    await eventually(() => r2Client.client.records.get('reviews', assignmentId('nomination-e2e-01', r3.account.id))?.scores.impact === 9);
    await r2Client.close();

    // 5. A third party endorses through a one-time link that needs no account; reuse and forgery are refused.
    const link = await post(server.url, '/api/nominations/nomination-e2e-01/endorsement-links', { invitedName: 'Мектеп директору' }, embassy.token);
    expect(link.status).toBe(201);
    expect((await post(server.url, '/api/nominations/nomination-e2e-01/endorsement-links', { invitedName: 'X' }, outsider.token)).status).toBe(404);
    const url = link.body.url as string;
    const formPage = await fetch(`${url}?lang=ky`);
    expect(formPage.status).toBe(200);
    const html = await formPage.text();
    expect(html).toContain('Айгүл Токтогулова');
    expect(html).toMatch(/<label for="endorser-name">Аты-жөнүңүз<\/label>/);
    // A form without the text comes back with what was typed and the reason.
    const missing = await fetch(`${url}?lang=en`, { method: 'POST', body: new URLSearchParams({ name: 'Бакыт Асанов', relation: '', text: '' }) });
    expect(missing.status).toBe(200);
    expect(await missing.text()).toMatch(/Fill in this field[\s\S]*value="Бакыт Асанов"/);
    const sent = await fetch(`${url}?lang=en`, { method: 'POST', body: new URLSearchParams({ name: 'Бакыт Асанов', relation: 'Мектеп директору', text: 'Ал айылга чоң жардам берди.' }) });
    expect(await sent.text()).toContain('Your endorsement has been received');
    const reused = await fetch(`${url}?lang=ru`, { method: 'POST', body: new URLSearchParams({ name: 'X', text: 'Y' }) });
    expect(reused.status).toBe(410);
    expect(await reused.text()).toContain('Эта ссылка уже использована или истекла.');
    const forged = await fetch(`${url.slice(0, -4)}AAAA?lang=en`);
    expect(forged.status).toBe(404);
    expect(await forged.text()).toContain('This link is not valid.');
    expect((await fetch(`${server.url}/api/public/endorsements/not-a-token`)).status).toBe(404);
    expect(server.store.records.get('endorsements', link.body.endorsementId)).toMatchObject({ status: 'received', endorserName: 'Бакыт Асанов' });
    expect((await pullAll(server, r2)).get('endorsements')?.has(link.body.endorsementId)).toBe(true);
    expect((await pullAll(server, r1)).get('endorsements')?.has(link.body.endorsementId) ?? false).toBe(false);

    // 6. The nominee consents through their own link.
    const consent = await post(server.url, '/api/nominations/nomination-e2e-01/consent-link', {}, embassy.token);
    expect(consent.status).toBe(201);
    const consentPage = await (await fetch(`${consent.body.url}?lang=ky`)).text();
    expect(consentPage).toContain('Нарын облусундагы айылга мектеп курдурду.');
    const given = await fetch(consent.body.url, { method: 'POST', body: new URLSearchParams({ consent: 'given' }) });
    expect(given.status).toBe(200);
    expect(server.store.records.get('nominations', 'nomination-e2e-01')!.consent).toBe('given');

    // 7. The committee votes; the decision needs the quorum and is recorded with the votes.
    await apply(server, r2, [['award.vote', { nominationId: 'nomination-e2e-01', stage: 'shortlist', vote: 'yes' }]]);
    await apply(server, r3, [['award.vote', { nominationId: 'nomination-e2e-01', stage: 'shortlist', vote: 'yes' }]]);
    expect(await refusal(server, coordinator, 'nomination.decide', { id: 'nomination-e2e-01', stage: 'shortlist' })).toBe('quorum_not_met');
    await apply(server, unassigned, [['award.vote', { nominationId: 'nomination-e2e-01', stage: 'shortlist', vote: 'no' }]]);
    await apply(server, coordinator, [['nomination.decide', { id: 'nomination-e2e-01', stage: 'shortlist' }]]);
    for (const c of [r2, r3, unassigned]) await apply(server, c, [['award.vote', { nominationId: 'nomination-e2e-01', stage: 'award', vote: 'yes' }]]);
    await apply(server, coordinator, [['nomination.decide', { id: 'nomination-e2e-01', stage: 'award' }]]);
    const decided = server.store.records.get('nominations', 'nomination-e2e-01')!;
    expect(decided.status).toBe('awarded');
    expect(decided.decisions.map((d) => `${d.stage}:${d.yes}/${d.no}/${d.abstain}`)).toEqual(['shortlist:2/1/0', 'award:3/0/0']);

    // 8. The winners page: nothing before the announcement date; then the winner, with consent only, and no contacts.
    const winners = async () => ((await (await fetch(`${server.url}/api/public/winners`)).json()) as { winners: { nomineeName: string }[] }).winners;
    expect(await winners()).toEqual([]);
    await apply(server, coordinator, [['awardCycle.update', { id: 'cycle-e2e-2026', patch: { nominationsOpen: day(-60), nominationsClose: day(-40), reviewEnd: day(-20), announcement: day(0) } }]]);
    expect((await winners()).map((w) => w.nomineeName)).toEqual(['Айгүл Токтогулова']);
    const page = await (await fetch(`${server.url}/winners?lang=ky`)).text();
    expect(page).toContain('«Мыкты Мекендеш» сыйлыгынын лауреаттары');
    expect(page).toContain('Нарын облусундагы айылга мектеп курдурду.');
    expect(page).not.toContain(nominee.email);
    server.store.db.transaction(() => server.store.records.put('nominations', { ...decided, consent: 'refused' }));
    expect(await winners()).toEqual([]);
    server.store.db.transaction(() => server.store.records.put('nominations', decided));
    await apply(server, coordinator, [['awardCycle.update', { id: 'cycle-e2e-2026', patch: { nominationsOpen: day(-30), nominationsClose: day(30), reviewEnd: day(60), announcement: day(75) } }]]);
    await again.close();
  });

  it('issues a certificate on award, verified by an independent library; tampering fails, revocation shows', async () => {
    const row = server.store.db.get<{ id: string }>("SELECT id FROM credentials_issued WHERE kind = 'award' AND subject_ref = 'nomination-e2e-01'");
    expect(row).toBeTruthy();
    const id = row!.id;
    const { jws, kind } = (await (await fetch(`${server.url}/api/public/credentials/${id}`)).json()) as { jws: string; kind: string };
    expect(kind).toBe('award');
    // jose (not our code) verifies the signature with the published key, and the claims.
    const issuer = (await (await fetch(`${server.url}/api/public/issuer`)).json()) as { keys: (JsonWebKey & { kid: string })[]; keySet: { issuer: { id: string } } };
    const header = JSON.parse(Buffer.from(jws.split('.')[0]!, 'base64url').toString()) as { kid: string; alg: string };
    expect(header.alg).toBe('EdDSA');
    const jwk = issuer.keys.find((k) => k.kid === header.kid)!;
    const key = await importJWK(jwk, 'EdDSA');
    const { payload } = await jwtVerify(jws, key, { issuer: issuer.keySet.issuer.id });
    const credential = payload as unknown as { type: string[]; credentialSubject: { achievement: { nameMap: { ky: string } }; identifier: { identityHash: string }[] }; credentialStatus: { statusListCredential: string; statusListIndex: string } };
    expect(credential.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
    expect(credential.credentialSubject.identifier[0]!.identityHash).toBe('Айгүл Токтогулова');
    expect(credential.credentialSubject.achievement.nameMap.ky).toContain('Мыкты Мекендеш');
    // No email or phone number anywhere in it.
    const text = JSON.stringify(payload);
    expect(text).not.toContain(nominee.email);
    expect(text).not.toMatch(/[\w.+-]+@[\w-]+\.[a-z]{2,}|\+996/);
    // A tampered credential fails with jose and on the verification endpoint's own check.
    const [h, p, sig] = jws.split('.') as [string, string, string];
    const forged = `${h}.${Buffer.from(Buffer.from(p, 'base64url').toString().replace('Айгүл', 'Бакыт')).toString('base64url')}.${sig}`;
    await expect(compactVerify(forged, key)).rejects.toThrow();
    // The verification page says genuine, in the reader's language, and offers the PDF.
    const page = await fetch(`${server.url}/verify/${id}?lang=en`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Genuine. The signature is verified.');
    expect(html).toContain('Айгүл Токтогулова');
    const pdf = await fetch(`${server.url}/api/public/certificates/${id}/pdf?lang=ky`);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const bytes = new Uint8Array(await pdf.arrayBuffer());
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe('%PDF-');
    expect((await fetch(`${server.url}/verify/00000000-0000-4000-8000-000000000000`)).status).toBe(404);
    // Revocation: only a coordinator; then the signed status list (checked with jose too) and the page say revoked.
    expect((await post(server.url, `/api/credentials/${id}/revoke`, { reason: 'Ката' }, embassy.token)).status).toBe(403);
    expect((await post(server.url, `/api/credentials/${id}/revoke`, { reason: 'Ката менен берилген' }, coordinator.token)).status).toBe(200);
    const listJws = await (await fetch(credential.credentialStatus.statusListCredential)).text();
    const list = (await jwtVerify(listJws, key)).payload as { credentialSubject: { encodedList: string } };
    const { gunzipSync } = await import('node:zlib');
    const bits = gunzipSync(Buffer.from(list.credentialSubject.encodedList.slice(1), 'base64url'));
    const index = Number(credential.credentialStatus.statusListIndex);
    expect((bits[index >> 3]! >> (7 - (index & 7))) & 1).toBe(1);
    expect(await (await fetch(`${server.url}/verify/${id}?lang=ky`)).text()).toContain('Бул сертификат кайтарылып алынган.');
    // The winners page drops a revoked certificate's link.
    expect(await (await fetch(`${server.url}/winners`)).text()).not.toContain(id);
  });

  it('a completed skills-transfer engagement issues a badge through the same mechanism', async () => {
    const partner = await signUp(server.url, 'Partner');
    grant(partner, ['home_partner']);
    await apply(server, partner, [['need.create', {
      id: 'need-badge-0001', organisation: 'Ат-Башы айыл өкмөтү', title: 'Мугалимдерге IT сабак', sector: 'education', region: 'naryn',
      skills: [], formats: ['remote_mentoring'], languages: ['ky'], description: null, settlement: null, duration: 'short', startDate: null, endDate: null,
      targetGroup: null, country: null,
    }]]);
    await apply(server, nominee, [['engagement.propose', { id: 'engagement-badge-01', needId: 'need-badge-0001' }]]);
    await apply(server, partner, [['engagement.transition', { id: 'engagement-badge-01', to: 'accepted' }]]);
    await apply(server, nominee, [['engagement.transition', { id: 'engagement-badge-01', to: 'in_progress' }]]);
    expect(server.store.db.get("SELECT 1 FROM credentials_issued WHERE kind = 'badge'")).toBeUndefined();
    await apply(server, nominee, [['engagement.transition', { id: 'engagement-badge-01', to: 'completed', hours: 24, beneficiaries: 30 }]]);
    const row = server.store.db.get<{ id: string }>("SELECT id FROM credentials_issued WHERE kind = 'badge' AND subject_ref = 'engagement-badge-01'");
    expect(row).toBeTruthy();
    const { jws } = (await (await fetch(`${server.url}/api/public/credentials/${row!.id}`)).json()) as { jws: string };
    const issuer = (await (await fetch(`${server.url}/api/public/issuer`)).json()) as { keys: (JsonWebKey & { kid: string })[] };
    const kid = JSON.parse(Buffer.from(jws.split('.')[0]!, 'base64url').toString()).kid as string;
    const { payload } = await jwtVerify(jws, await importJWK(issuer.keys.find((k) => k.kid === kid)!, 'EdDSA'));
    expect(JSON.stringify(payload)).toContain('Мугалимдерге IT сабак');
    expect(JSON.stringify(payload)).not.toContain(nominee.email);
    expect(await (await fetch(`${server.url}/verify/${row!.id}?lang=en`)).text()).toContain('Genuine');
    // Each account lists its own: the nominee their award (revoked above) and badge; the nominator the award; no one else anything.
    const mine = async (token?: string) => {
      const res = await fetch(`${server.url}/api/credentials/mine`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
      return { status: res.status, kinds: res.ok ? ((await res.json()) as { credentials: { kind: string; revokedAt: string | null }[] }).credentials.map((c) => `${c.kind}${c.revokedAt ? ':revoked' : ''}`).sort() : [] };
    };
    expect(await mine(nominee.token)).toEqual({ status: 200, kinds: ['award:revoked', 'badge'] });
    expect(await mine(embassy.token)).toEqual({ status: 200, kinds: ['award:revoked'] });
    expect(await mine(outsider.token)).toEqual({ status: 200, kinds: [] });
    expect((await mine()).status).toBe(401);
  });

  it('evidence files: type and size checked, seen only by those who see the nomination', async () => {
    await apply(server, embassy, [['nomination.create', {
      id: 'nomination-e2e-02', cycleId: 'cycle-e2e-2026', categoryId: 'philanthropy', nomineeName: 'Нурлан Осмонов',
      statement: 'Жаштар үчүн спорт залы.', statementLang: 'ky',
    }]]);
    const upload = (bytes: Uint8Array, type: string, token = embassy.token) =>
      fetch(`${server.url}/api/nominations/nomination-e2e-02/evidence`, {
        method: 'POST', body: bytes as Uint8Array<ArrayBuffer>, headers: { 'content-type': type, authorization: `Bearer ${token}`, 'x-file-name': encodeURIComponent('Күбөлүк.pdf') },
      });
    const pdf = new TextEncoder().encode('%PDF-1.4\n%âãÏÓ\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF');
    const wrongType = await upload(new TextEncoder().encode('MZ executable'), 'application/pdf');
    expect(wrongType.status).toBe(415);
    expect(((await wrongType.json()) as { error: string }).error).toBe('evidence_bad_type');
    const exe = await upload(pdf, 'application/x-msdownload');
    expect(exe.status).toBe(415);
    const big = new Uint8Array(10 * 1024 * 1024 + 1);
    big.set(pdf);
    const tooBig = await upload(big, 'application/pdf');
    expect(tooBig.status).toBe(413);
    expect(((await tooBig.json()) as { error: string; message: string }).error).toBe('evidence_too_large');
    expect((await upload(pdf, 'application/pdf', outsider.token)).status).toBe(404);
    const ok = await upload(pdf, 'application/pdf');
    expect(ok.status).toBe(201);
    const { fileId } = (await ok.json()) as { fileId: string };
    expect(server.store.records.get('nominations', 'nomination-e2e-02')!.evidenceFiles).toEqual([{ id: fileId, name: 'Күбөлүк.pdf', contentType: 'application/pdf', size: pdf.byteLength }]);
    const read = (token: string) => fetch(`${server.url}/api/nominations/nomination-e2e-02/evidence/${fileId}`, { headers: { authorization: `Bearer ${token}` } });
    const mine = await read(embassy.token);
    expect(mine.status).toBe(200);
    expect(new Uint8Array(await mine.arrayBuffer())).toEqual(pdf);
    // A draft is the nominator's alone: the coordinator learns nothing of it yet.
    expect((await read(coordinator.token)).status).toBe(404);
    await apply(server, embassy, [['nomination.submit', { id: 'nomination-e2e-02' }]]);
    expect((await read(coordinator.token)).status).toBe(200);
    expect((await read(committee[0]!.token)).status).toBe(200);
    expect((await read(outsider.token)).status).toBe(404);
    await apply(server, committee[0]!, [['review.declareConflict', { nominationId: 'nomination-e2e-02', note: null }]]);
    expect((await read(committee[0]!.token)).status).toBe(404);
  });
  it('the audit log records every event and refusal, verifies by endpoint and command, and detects a change', async () => {
    const get = async (path: string, token: string) => {
      const res = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
      return { status: res.status, body: (await res.json()) as Record<string, any> };
    };
    expect((await get('/api/audit/verify', embassy.token)).status).toBe(403);
    const verified = await get('/api/audit/verify', coordinator.token);
    expect(verified.body).toMatchObject({ ok: true });
    expect(verified.body.count).toBeGreaterThan(20);
    const history = (await get('/api/audit/events?subject=nomination-e2e-01', coordinator.token)).body.events as { kind: string; data: string }[];
    const kinds = history.map((e) => e.kind);
    for (const k of ['nomination.create', 'nomination.submit', 'nomination.rule', 'review.declare_conflict', 'review.save.rejected', 'review.save', 'endorsement.invited', 'endorsement.received', 'consent.given', 'award.vote', 'nomination.decide', 'credential.issued', 'credential.revoked']) {
      expect(kinds, k).toContain(k);
    }
    expect(JSON.stringify(history.find((e) => e.kind === 'review.save.rejected')!.data)).toContain('reviewer_recused');
    const cycleEvents = (await get('/api/audit/events?subject=cycle-e2e-2026', coordinator.token)).body.events as { kind: string }[];
    expect(cycleEvents.map((e) => e.kind)).toEqual(expect.arrayContaining(['award_cycle.create', 'award_cycle.publish', 'review.auto_assign', 'award_cycle.update']));
    // Free text is kept as its hash only.
    expect(JSON.stringify(history)).not.toContain('Нарын облусундагы');
    expect(JSON.stringify(history)).toContain('sha256:');

    // A signed checkpoint, exported; the command verifies the log against it.
    const cp = await post(server.url, '/api/audit/checkpoints', {}, coordinator.token);
    expect(cp.status).toBe(201);
    const dir = mkdtempSync(join(tmpdir(), 'mekendesh-audit-'));
    const cpFile = join(dir, 'checkpoints.json');
    writeFileSync(cpFile, JSON.stringify([cp.body.checkpoint]));
    const root = join(import.meta.dirname, '..', '..');
    const cli = (...args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', join(root, 'server/src/cli.ts'), ...args, '--data-dir', server.dataDir], { encoding: 'utf8', cwd: root, env: { ...process.env, LANG: 'en_US.UTF-8' } });
    const ok = cli('audit-verify', '--checkpoints', cpFile);
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stderr).toContain('The audit log is intact');
    const exported = cli('audit-export', '--out', join(dir, 'log.jsonl'));
    expect(exported.status, exported.stderr).toBe(0);
    expect(readFileSync(join(dir, 'log.jsonl'), 'utf8').trim().split('\n').length).toBeGreaterThanOrEqual(verified.body.count);

    // Someone with the database file rewrites a decision: the endpoint and the command both see it.
    const raw = new Database(join(server.dataDir, 'mekendesh.db'));
    raw.exec('DROP TRIGGER audit_events_no_update');
    const target = raw.prepare("SELECT seq FROM audit_events WHERE kind = 'nomination.decide' ORDER BY seq LIMIT 1").get() as { seq: number };
    raw.prepare("UPDATE audit_events SET data = replace(data, 'shortlist', 'award') WHERE seq = ?").run(target.seq);
    raw.close();
    const broken = await get('/api/audit/verify', coordinator.token);
    expect(broken.body).toMatchObject({ ok: false, seq: target.seq, reason: 'hash_mismatch' });
    const bad = cli('audit-verify', '--checkpoints', cpFile);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain(`The audit log was changed: event ${target.seq}`);
    // The export taken before the change still verifies against the checkpoint.
    const fromExport = cli('audit-verify', '--jsonl', join(dir, 'log.jsonl'), '--checkpoints', cpFile);
    expect(fromExport.status, fromExport.stdout + fromExport.stderr).toBe(0);
  });
});
