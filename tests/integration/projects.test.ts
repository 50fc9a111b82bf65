import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_RECEIPT_BYTES, type PublicProject, type TableRows } from '@mekendesh/core';
import { decodeTableRows } from '@mekendesh/store';
import { openClient, post, signUp, startTestServer, type TestUser } from '../kit/server.ts';

type Server = Awaited<ReturnType<typeof startTestServer>>;

const NOW = () => new Date().toISOString();
const mutationIds = new Map<string, number>();
const clientIdOf = (u: TestUser) => `push-${u.account.id.replace(/-/g, '')}`.slice(0, 40);

/** Pushes raw mutations through the real sync endpoint, as a client would; returns each result. */
async function push(server: Server, user: TestUser | null, mutations: [string, unknown][]) {
  const key = user?.account.id ?? 'anon';
  let next = mutationIds.get(key) ?? 0;
  const body = {
    clientId: user ? clientIdOf(user) : 'anonymous-client-0001',
    mutations: mutations.map(([name, args]) => ({ id: ++next, name, args, createdAt: NOW() })),
  };
  mutationIds.set(key, next);
  const res = await post(server.url, '/api/sync/push', body, user?.token);
  return res;
}

/** Pushes and expects every mutation applied. */
async function apply(server: Server, user: TestUser, mutations: [string, unknown][]) {
  const res = await push(server, user, mutations);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  for (const r of res.body.results) expect(r, JSON.stringify(r)).toMatchObject({ status: 'applied' });
}

function grant(server: Server, user: TestUser, roles: ('association_leader' | 'home_partner')[]) {
  const { records, db } = server.store;
  db.transaction(() => records.put('accounts', { ...records.get('accounts', user.account.id)!, roles: ['member', ...roles] }));
}

async function getRaw(url: string, token?: string, headers: Record<string, string> = {}) {
  const res = await fetch(url, { headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers } });
  return { status: res.status, headers: res.headers, bytes: new Uint8Array(await res.arrayBuffer()) };
}

describe('projects through the real server', () => {
  let server: Server;
  let owner: TestUser;
  let editor: TestUser;
  let viewer: TestUser;
  let outsider: TestUser;
  let target: TestUser;
  let pledger: TestUser;

  beforeAll(async () => {
    server = await startTestServer();
    owner = await signUp(server.url, 'Owner');
    editor = await signUp(server.url, 'Editor');
    viewer = await signUp(server.url, 'Viewer');
    outsider = await signUp(server.url, 'Outsider');
    target = await signUp(server.url, 'Target');
    pledger = await signUp(server.url, 'Pledger');
    grant(server, owner, ['home_partner']);
  });
  afterAll(async () => server.stop());

  /** A private project of the owner (a home partner) with an editor, a viewer, a target member and one row of each kind. */
  async function project(id: string) {
    await apply(server, owner, [
      ['project.create', { id, memberId: `${id}-m-owner`, partnerId: owner.account.id, organisation: 'Кашкалдак айыл өкмөтү', title: 'Мектептин чатыры', sector: 'construction', region: 'osh', settlement: 'osh.kashkaldak' }],
      ['projectMember.add', { id: `${id}-m-editor`, projectId: id, accountId: editor.account.id, role: 'editor' }],
      ['projectMember.add', { id: `${id}-m-viewer`, projectId: id, accountId: viewer.account.id, role: 'viewer' }],
      ['projectMember.add', { id: `${id}-m-target`, projectId: id, accountId: target.account.id, role: 'viewer' }],
      ['pledge.create', { id: `${id}-pledge`, projectId: id, donorName: 'Ыстамбул диаспорасы', amount: 100000, currency: 'USD' }],
      ['expense.create', { id: `${id}-expense`, projectId: id, amount: 50000, currency: 'KGS', purpose: 'Шифер' }],
      ['milestone.create', { id: `${id}-milestone`, projectId: id, title: 'Материалдар', progress: 10 }],
      ['projectUpdate.create', { id: `${id}-update`, projectId: id, text: 'Иш башталды', date: '2026-06-01' }],
    ]);
  }

  /** Every action, in an order where each is independent of the others' outcome. */
  const actions = (id: string, tag: string): ['edit' | 'own', string, unknown][] => [
    ['edit', 'project.update', { id, patch: { summary: `Түзөтүү ${tag}`, status: 'active' } }],
    ['edit', 'pledge.create', { id: `${id}-pledge-${tag}`, projectId: id, donorName: 'Донор', amount: 500, currency: 'EUR' }],
    ['edit', 'pledge.update', { id: `${id}-pledge`, patch: { status: 'received' } }],
    ['edit', 'expense.create', { id: `${id}-expense-${tag}`, projectId: id, amount: 700, currency: 'KGS', purpose: 'Мык' }],
    ['edit', 'expense.update', { id: `${id}-expense`, patch: { purpose: 'Шифер жана мык' } }],
    ['edit', 'milestone.create', { id: `${id}-milestone-${tag}`, projectId: id, title: 'Жаңы этап', progress: 0 }],
    ['edit', 'milestone.update', { id: `${id}-milestone`, patch: { progress: 60 } }],
    ['edit', 'projectUpdate.create', { id: `${id}-update-${tag}`, projectId: id, text: 'Жаңылык', date: '2026-06-02' }],
    ['edit', 'projectUpdate.update', { id: `${id}-update`, text: 'Иш башталды!' }],
    ['edit', 'pledge.delete', { id: `${id}-pledge` }],
    ['edit', 'expense.delete', { id: `${id}-expense` }],
    ['edit', 'milestone.delete', { id: `${id}-milestone` }],
    ['edit', 'projectUpdate.delete', { id: `${id}-update` }],
    ['own', 'projectMember.add', { id: `${id}-m-out-${tag}`, projectId: id, accountId: pledger.account.id, role: 'viewer' }],
    ['own', 'projectMember.setRole', { id: `${id}-m-target`, role: 'editor' }],
    ['own', 'projectMember.remove', { id: `${id}-m-target` }],
    ['own', 'project.setPublic', { id, isPublic: true }],
    ['own', 'project.delete', { id }],
  ];

  it('each role on each action, through sync push: owners do all, editors content, viewers nothing, non-members learn nothing, signed-out is refused', async () => {
    const expected = {
      owner: { edit: 'applied', own: 'applied' },
      editor: { edit: 'applied', own: 'forbidden' },
      viewer: { edit: 'forbidden', own: 'forbidden' },
      outsider: { edit: 'not_found', own: 'not_found' },
    } as const;
    const users = { owner, editor, viewer, outsider };
    for (const role of Object.keys(expected) as (keyof typeof expected)[]) {
      const id = `proj-authz-${role}`;
      await project(id);
      const list = actions(id, role);
      const res = await push(server, users[role], list.map(([, name, args]) => [name, args]));
      expect(res.status).toBe(200);
      const got = res.body.results.map((r: { status: string; error?: string }, i: number) => [list[i]![1], r.status === 'applied' ? 'applied' : r.error]);
      expect(got, role).toEqual(list.map(([kind, name]) => [name, expected[role][kind]]));
      // Refused mutations wrote nothing.
      if (role === 'viewer' || role === 'outsider') {
        expect(server.store.records.get('projects', id)).toMatchObject({ summary: null, isPublic: false, status: 'draft' });
        expect(server.store.records.get('pledges', `${id}-pledge`)?.status).toBe('pledged');
      }
    }
    expect(server.store.records.get('projects', 'proj-authz-owner')).toBeUndefined();
    expect(server.store.records.where('project_members', 'project_id = ?', ['proj-authz-owner'])).toEqual([]);
    const signedOut = await push(server, null, [['project.update', { id: 'proj-authz-editor', patch: { title: 'x' } }]]);
    expect(signedOut.status).toBe(401);
    expect(signedOut.body.error).toBe('unauthenticated');
  });

  it('bad money and milestones are refused with reason codes and translated messages', async () => {
    const id = 'proj-bad-input';
    await project(id);
    const res = await push(server, editor, [
      ['pledge.create', { id: `${id}-neg`, projectId: id, donorName: 'X', amount: -100, currency: 'KGS' }],
      ['pledge.create', { id: `${id}-cur`, projectId: id, donorName: 'X', amount: 100, currency: 'ABC' }],
      ['expense.create', { id: `${id}-pur`, projectId: id, amount: 100, currency: 'KGS' }],
      ['expense.create', { id: `${id}-zero`, projectId: id, amount: 0, currency: 'KGS', purpose: 'x' }],
      ['milestone.create', { id: `${id}-prog`, projectId: id, title: 'x', progress: 120 }],
      ['projectMember.setRole', { id: `${id}-m-owner`, role: 'viewer' }],
    ]);
    expect(res.body.results.map((r: { error?: string }) => r.error)).toEqual([
      'amount_not_positive', 'unknown_currency', 'purpose_required', 'amount_not_positive', 'progress_out_of_range', 'forbidden',
    ]);
    const last = await push(server, owner, [['projectMember.setRole', { id: `${id}-m-owner`, role: 'viewer' }]]);
    expect(last.body.results[0]).toMatchObject({ status: 'rejected', error: 'last_owner' });
  });

  it('pull: members get the whole project; a non-member never receives private rows, and only the description of a public one', async () => {
    const id = 'proj-visibility';
    await project(id);
    const e = openClient(server, editor);
    const o = openClient(server, outsider);
    const p = openClient(server, pledger);
    try {
      await apply(server, editor, [['pledge.create', { id: `${id}-mine`, projectId: id, pledgerId: pledger.account.id, amount: 2500, currency: 'KGS' }]]);
      await e.client.syncNow();
      await o.client.syncNow();
      await p.client.syncNow();
      for (const t of ['projects', 'project_members', 'pledges', 'expenses', 'milestones', 'project_updates'] as const) {
        expect(e.client.records.where(t, t === 'projects' ? 'id = ?' : 'project_id = ?', [id]).length, t).toBeGreaterThan(0);
        expect(o.client.records.where(t, t === 'projects' ? 'id = ?' : 'project_id = ?', [id]), t).toEqual([]);
      }
      // The pledger sees their own pledge (to choose whether to be named), nothing else.
      expect(p.client.records.where('pledges', '1=1').map((r) => r.id)).toEqual([`${id}-mine`]);
      expect(p.client.get('projects', id)).toBeUndefined();

      // Raw bytes of an outsider's full pull carry nothing of the private project.
      const raw = await post(server.url, '/api/sync/pull', { clientId: 'outsider-raw-000000001', cursor: null }, outsider.token);
      const text = JSON.stringify(raw.body);
      for (const leak of [id, 'Ыстамбул диаспорасы', 'Шифер', 'Иш башталды']) expect(text).not.toContain(leak);

      // Made public: the outsider gets the description only; made private again: it is dropped.
      await apply(server, owner, [['project.setPublic', { id, isPublic: true }]]);
      await o.client.syncNow();
      expect(o.client.get('projects', id)?.title).toBe('Мектептин чатыры');
      for (const t of ['project_members', 'pledges', 'expenses', 'milestones', 'project_updates'] as const) expect(o.client.records.where(t, 'project_id = ?', [id]), t).toEqual([]);
      await apply(server, owner, [['project.setPublic', { id, isPublic: false }]]);
      await o.client.syncNow();
      expect(o.client.get('projects', id)).toBeUndefined();

      // A member removed loses the project on their next pull.
      await apply(server, owner, [['projectMember.remove', { id: `${id}-m-editor` }]]);
      await e.client.syncNow();
      expect(e.client.get('projects', id)).toBeUndefined();
      expect(e.client.records.where('pledges', 'project_id = ?', [id])).toEqual([]);
    } finally {
      await Promise.all([e.close(), o.close(), p.close()]);
    }
  });

  describe('the public page', () => {
    const id = 'proj-public-01';
    beforeAll(async () => {
      await project(id);
      await apply(server, owner, [
        ['project.update', { id, patch: { status: 'active', budgetAmount: 2_500_000_00, budgetCurrency: 'KGS', summary: 'Мектептин чатырын алмаштыруу.' } }],
        // Mixed currencies: USD pledged and received, KGS pledged, RUB received; a named and an anonymous member pledge.
        ['pledge.update', { id: `${id}-pledge`, patch: { status: 'received' } }],
        ['pledge.create', { id: `${id}-usd2`, projectId: id, donorName: 'Нью-Йорк коому', amount: 250000, currency: 'USD', anonymous: false }],
        ['pledge.create', { id: `${id}-kgs1`, projectId: id, donorName: 'Жашыруун Донор', amount: 10_000_000, currency: 'KGS', note: 'телефону +996555000111' }],
        ['pledge.create', { id: `${id}-rub1`, projectId: id, pledgerId: pledger.account.id, amount: 5_000_000, currency: 'RUB', status: 'received' }],
        ['expense.create', { id: `${id}-usd-exp`, projectId: id, amount: 30000, currency: 'USD', purpose: 'Жеткирүү', spentOn: '2026-05-20' }],
        ['milestone.create', { id: `${id}-m2`, projectId: id, title: 'Чатыр жабылды', dueDate: '2026-09-01', progress: 0 }],
        ['projectUpdate.create', { id: `${id}-u2`, projectId: id, text: 'Материалдар сатылып алынды', date: '2026-06-10' }],
      ]);
    });

    it('is 404 until the owner makes it public, as JSON and as HTML, and for unknown ids', async () => {
      for (const path of [`/api/public/projects/${id}`, `/projects/${id}`, '/api/public/projects/no-such-project', '/projects/no-such-project', '/projects/%3Cscript%3E']) {
        expect((await fetch(`${server.url}${path}`)).status, path).toBe(404);
      }
      await apply(server, owner, [['project.setPublic', { id, isPublic: true }]]);
      expect((await fetch(`${server.url}/api/public/projects/${id}`)).status).toBe(200);
    });

    it('totals per currency: pledged, received and spent, never summed across currencies; no personal data', async () => {
      const res = await fetch(`${server.url}/api/public/projects/${id}`);
      const text = await res.text();
      const { project: p } = JSON.parse(text) as { project: PublicProject };
      expect(p.totals).toEqual([
        { currency: 'KGS', pledged: 10_000_000, received: 0, spent: 50000 },
        { currency: 'RUB', pledged: 5_000_000, received: 5_000_000, spent: 0 },
        { currency: 'USD', pledged: 350000, received: 100000, spent: 30000 },
      ]);
      expect(p.budget).toEqual({ amount: 250_000_000, currency: 'KGS' });
      expect(p.pledges.map((x) => x.name).sort()).toEqual([null, null, null, 'Нью-Йорк коому'].sort());
      // By due date; those without one last.
      expect(p.milestones.map((m) => m.title)).toEqual(['Чатыр жабылды', 'Материалдар']);
      expect(p.updates[0]).toMatchObject({ text: 'Материалдар сатылып алынды', date: '2026-06-10', author: 'Owner' });
      for (const u of [owner, editor, viewer, pledger]) {
        expect(text).not.toContain(u.account.id);
        expect(text).not.toContain(u.email);
      }
      for (const leak of ['Жашыруун Донор', 'Ыстамбул диаспорасы', '+996555000111', 'телефону', '@']) expect(text).not.toContain(leak);
    });

    it('renders server-side in ky by default, ru by Accept-Language, en by ?lang=, with money per locale and no scripts', async () => {
      const ky = await (await fetch(`${server.url}/projects/${id}`)).text();
      expect(ky).toContain('<html lang="ky">');
      expect(ky).toContain('Убада кылынган');
      expect(ky).not.toMatch(/<script/i);
      const ru = await fetch(`${server.url}/projects/${id}`, { headers: { 'accept-language': 'ru-RU,ru;q=0.9' } });
      expect(ru.headers.get('content-security-policy')).toContain("script-src 'self'");
      const ruText = await ru.text();
      expect(ruText).toContain('<html lang="ru">');
      expect(ruText).toContain('Обещано');
      const en = await (await fetch(`${server.url}/projects/${id}?lang=en`, { headers: { 'accept-language': 'ru' } })).text();
      expect(en).toContain('<html lang="en">');
      expect(en).toContain('$3,500.00');
      expect(en).toMatch(/KGS\s100,000\.00/);
      expect(en).toContain('Anonymous donor');
      for (const leak of ['Жашыруун Донор', owner.email, pledger.account.id]) expect(en).not.toContain(leak);
    });
  });

  describe('receipt files', () => {
    const id = 'proj-receipts';
    const expenseId = `${id}-expense`;
    const url = () => `${server.url}/api/projects/${id}/expenses/${expenseId}/receipt`;
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...new TextEncoder().encode('receipt image bytes')]);
    const upload = async (body: Uint8Array, type: string, user: TestUser | null = editor) => {
      const res = await fetch(url(), { method: 'POST', headers: { 'content-type': type, ...(user ? { authorization: `Bearer ${user.token}` } : {}) }, body: Buffer.from(body) });
      return { status: res.status, body: (await res.json()) as Record<string, any> };
    };
    const stored = () => Number(server.store.db.get<{ n: number }>('SELECT count(*) AS n FROM receipt_files WHERE project_id = ?', [id])!.n);

    beforeAll(async () => project(id));

    it('refuses an oversized file (413) and a wrong type (415), storing nothing', async () => {
      const big = new Uint8Array(MAX_RECEIPT_BYTES + 1);
      big.set(png);
      expect(await upload(big, 'image/png')).toMatchObject({ status: 413, body: { error: 'receipt_too_large' } });
      expect(await upload(new TextEncoder().encode('hello'), 'text/plain')).toMatchObject({ status: 415, body: { error: 'receipt_bad_type' } });
      // The declared type is not enough: the bytes must say the same.
      expect(await upload(new TextEncoder().encode('GIF89a......'), 'image/png')).toMatchObject({ status: 415, body: { error: 'receipt_bad_type' } });
      expect(await upload(new TextEncoder().encode('<html><script>alert(1)</script>'), 'application/pdf')).toMatchObject({ status: 415, body: { error: 'receipt_bad_type' } });
      expect(await upload(png, 'application/pdf')).toMatchObject({ status: 415 });
      expect(stored()).toBe(0);
    });

    it('only owners and editors upload; the file is served only to project members', async () => {
      expect((await upload(png, 'image/png', viewer)).status).toBe(403);
      expect((await upload(png, 'image/png', outsider)).status).toBe(404);
      expect((await upload(png, 'image/png', null)).status).toBe(401);
      expect(stored()).toBe(0);
      const ok = await upload(png, 'image/png');
      expect(ok.status).toBe(201);
      expect(stored()).toBe(1);
      const fileId = ok.body.fileId as string;
      // The expense links the file, and the link syncs to members.
      const v = openClient(server, viewer);
      try {
        await v.client.syncNow();
        expect(v.client.get('expenses', expenseId)?.receiptFileId).toBe(fileId);
      } finally {
        await v.close();
      }
      const fileUrl = `${server.url}/api/projects/${id}/receipts/${fileId}`;
      const got = await getRaw(fileUrl, viewer.token);
      expect(got.status).toBe(200);
      expect(got.headers.get('content-type')).toBe('image/png');
      expect(got.headers.get('x-content-type-options')).toBe('nosniff');
      expect([...got.bytes]).toEqual([...png]);
      expect((await getRaw(fileUrl, outsider.token)).status).toBe(404);
      expect((await getRaw(fileUrl)).status).toBe(401);
      // Not to the public either, even once the project is public (receipts may name people).
      await apply(server, owner, [['project.setPublic', { id, isPublic: true }]]);
      expect((await getRaw(fileUrl, outsider.token)).status).toBe(404);
      // A new upload replaces the old file; deleting the expense removes it.
      const pdf = new TextEncoder().encode('%PDF-1.4\n%receipt\n');
      expect((await upload(pdf, 'application/pdf')).status).toBe(201);
      expect(stored()).toBe(1);
      expect((await getRaw(fileUrl, viewer.token)).status).toBe(404);
      await apply(server, editor, [['expense.delete', { id: expenseId }]]);
      expect(stored()).toBe(0);
    });
  });

  it('decodes pulled project rows with the shared codecs', async () => {
    const raw = await post(server.url, '/api/sync/pull', { clientId: 'owner-raw-0000000001', cursor: null }, owner.token);
    const projects = raw.body.puts.find((p: { table: string }) => p.table === 'projects') as TableRows & { table: 'projects' };
    const rows = decodeTableRows(projects);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.createdBy === owner.account.id)).toBe(true);
  });
});
