import { describe, expect, it } from 'vitest';
import {
  CURRENCY_CODES, DomainError, checkMoney, checkProgress, minorUnits, projectTotals, publicProjectView, sniffReceiptType, toMinorUnits,
  canReadRow, type Pledge, type Project, type Viewer,
} from './index.ts';

const NOW = '2026-06-01T00:00:00.000Z';
const code = (fn: () => void) => {
  try {
    fn();
  } catch (err) {
    return (err as DomainError).code;
  }
  return null;
};

describe('money', () => {
  it('lists at least the currencies compatriots use, with ISO minor units', () => {
    for (const c of ['KGS', 'RUB', 'KZT', 'USD', 'EUR', 'TRY', 'KRW', 'AED', 'GBP']) expect(CURRENCY_CODES).toContain(c);
    expect(minorUnits('KGS')).toBe(2);
    expect(minorUnits('KRW')).toBe(0);
  });

  it('parses typed amounts into integer minor units without floating point', () => {
    expect(toMinorUnits('1 250,50', 'KGS')).toBe(125050);
    expect(toMinorUnits('0.1', 'USD')).toBe(10);
    expect(toMinorUnits('19.99', 'EUR')).toBe(1999);
    expect(toMinorUnits('1000000', 'KRW')).toBe(1000000);
    expect(toMinorUnits('10.5', 'KRW')).toBeNull();
    expect(toMinorUnits('1.234', 'USD')).toBeNull();
    expect(toMinorUnits('abc', 'USD')).toBeNull();
  });

  it('refuses a zero or negative amount and an unknown currency with their reason codes', () => {
    expect(code(() => checkMoney(-100, 'KGS'))).toBe('amount_not_positive');
    expect(code(() => checkMoney(0, 'KGS'))).toBe('amount_not_positive');
    expect(code(() => checkMoney(100, 'XYZ'))).toBe('unknown_currency');
    expect(code(() => checkMoney(100, 'usd'))).toBe('unknown_currency');
    expect(code(() => checkMoney(1, 'KGS'))).toBeNull();
  });

  it('keeps progress within 0–100', () => {
    expect(code(() => checkProgress(-1))).toBe('progress_out_of_range');
    expect(code(() => checkProgress(101))).toBe('progress_out_of_range');
    expect(code(() => checkProgress(0))).toBeNull();
    expect(code(() => checkProgress(100))).toBeNull();
  });

  it('totals pledged, received and spent per currency, never across currencies', () => {
    const totals = projectTotals(
      [
        { amount: 500000, currency: 'USD', status: 'received' },
        { amount: 250000, currency: 'USD', status: 'pledged' },
        { amount: 10000000, currency: 'KGS', status: 'pledged' },
        { amount: 3000000, currency: 'KGS', status: 'received' },
        { amount: 100000000, currency: 'RUB', status: 'received' },
      ],
      [
        { amount: 120000, currency: 'USD' },
        { amount: 2500000, currency: 'KGS' },
        { amount: 50000, currency: 'EUR' },
      ],
    );
    expect(totals).toEqual([
      { currency: 'KGS', pledged: 13000000, received: 3000000, spent: 2500000 },
      { currency: 'RUB', pledged: 100000000, received: 100000000, spent: 0 },
      { currency: 'USD', pledged: 750000, received: 500000, spent: 120000 },
      { currency: 'EUR', pledged: 0, received: 0, spent: 50000 },
    ]);
  });
});

describe('the public view of a project', () => {
  it('names a pledger only when not anonymous and carries no account ids', () => {
    const project: Project = {
      id: 'project-0001', title: 'Суу', summary: null, sector: 'energy_water', region: 'osh', settlement: null, organisation: null,
      status: 'active', budgetAmount: 100, budgetCurrency: 'KGS', associationId: 'assoc-0001', partnerId: null, isPublic: true,
      createdBy: 'account-owner', createdAt: NOW, updatedAt: NOW,
    };
    const pledge = (id: string, anonymous: boolean, donorName: string | null, pledgerId: string | null): Pledge => ({
      id, projectId: project.id, pledgerId, donorName, anonymous, amount: 100, currency: 'KGS', status: 'pledged', note: 'private note',
      receivedOn: null, createdBy: 'account-owner', createdAt: NOW, updatedAt: NOW,
    });
    const view = publicProjectView(project, 'Стамбулдагы кыргыздар', [
      pledge('pledge-0001', true, 'Secret Person', 'account-secret'),
      pledge('pledge-0002', false, 'Named Donor', null),
    ], [], [], []);
    expect(view.organisation).toBe('Стамбулдагы кыргыздар');
    expect(view.pledges.map((p) => p.name)).toEqual([null, 'Named Donor']);
    const json = JSON.stringify(view);
    for (const leak of ['account-secret', 'account-owner', 'Secret Person', 'private note', 'assoc-0001']) expect(json).not.toContain(leak);
  });
});

describe('project access rules', () => {
  const viewer = (id: string, projects: [string, 'owner' | 'editor' | 'viewer'][] = []): Viewer => ({
    accountId: id, roles: ['member'], memberships: new Map(), projects: new Map(projects),
  });
  it('members see everything of their project; others only a public project description and their own pledge', () => {
    const member = viewer('acc-member', [['project-0001', 'viewer']]);
    const other = viewer('acc-other');
    const anon: Viewer = { accountId: null, roles: [], memberships: new Map() };
    const priv = { id: 'project-0001', isPublic: false };
    const pub = { id: 'project-0001', isPublic: true };
    expect(canReadRow('projects', priv, member)).toBe(true);
    expect(canReadRow('projects', priv, other)).toBe(false);
    expect(canReadRow('projects', pub, other)).toBe(true);
    expect(canReadRow('projects', pub, anon)).toBe(false);
    for (const table of ['project_members', 'expenses', 'milestones', 'project_updates', 'pledges'] as const) {
      expect(canReadRow(table, { projectId: 'project-0001', pledgerId: null }, member), table).toBe(true);
      expect(canReadRow(table, { projectId: 'project-0001', pledgerId: null }, other), table).toBe(false);
    }
    expect(canReadRow('pledges', { projectId: 'project-0001', pledgerId: 'acc-other' }, other)).toBe(true);
  });
});

describe('receipt files', () => {
  it('are recognised by their first bytes', () => {
    const b = (...xs: number[]) => new Uint8Array([...xs, ...new Array(16).fill(0)]);
    expect(sniffReceiptType(new TextEncoder().encode('%PDF-1.7\n'))).toBe('application/pdf');
    expect(sniffReceiptType(b(0xff, 0xd8, 0xff, 0xe0))).toBe('image/jpeg');
    expect(sniffReceiptType(b(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a))).toBe('image/png');
    expect(sniffReceiptType(new TextEncoder().encode('RIFF\x10\x00\x00\x00WEBPVP8 '))).toBe('image/webp');
    expect(sniffReceiptType(new TextEncoder().encode('<html><script>'))).toBeNull();
    expect(sniffReceiptType(new TextEncoder().encode('GIF89a'))).toBeNull();
    expect(sniffReceiptType(new Uint8Array())).toBeNull();
  });
});
