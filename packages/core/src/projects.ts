/**
 * Projects: social, economic, educational or cultural work at home that an association or a
 * home partner runs with compatriots abroad. A project has members with roles, money
 * (budget, pledges, expenses), milestones and public progress updates. Its shared notes and
 * boards are Yjs documents (elsewhere); everything here is a record, synced like the rest.
 *
 * Money is kept in integer minor units of its currency (tyiyn, kopecks, cents; won have
 * none), never as floating point, and is never added up across currencies.
 */
import { z } from 'zod';
import { fail } from './errors.ts';
import { Id, RegionId, SectorId, SettlementId, Timestamp, text } from './schemas.ts';
import { CalendarDate } from './roster.ts';

/**
 * Currencies amounts may be in (ISO 4217), with their minor units: the currencies of the
 * countries where most compatriots live and work, and the main reserve currencies.
 */
export const CURRENCIES = [
  { code: 'KGS', minorUnits: 2 },
  { code: 'RUB', minorUnits: 2 },
  { code: 'KZT', minorUnits: 2 },
  { code: 'USD', minorUnits: 2 },
  { code: 'EUR', minorUnits: 2 },
  { code: 'TRY', minorUnits: 2 },
  { code: 'KRW', minorUnits: 0 },
  { code: 'AED', minorUnits: 2 },
  { code: 'GBP', minorUnits: 2 },
  { code: 'UZS', minorUnits: 2 },
  { code: 'CNY', minorUnits: 2 },
  { code: 'JPY', minorUnits: 0 },
  { code: 'CHF', minorUnits: 2 },
  { code: 'CAD', minorUnits: 2 },
  { code: 'PLN', minorUnits: 2 },
  { code: 'CZK', minorUnits: 2 },
] as const;
export type CurrencyCode = (typeof CURRENCIES)[number]['code'];
export const CURRENCY_CODES: readonly CurrencyCode[] = CURRENCIES.map((c) => c.code);

export function isCurrency(code: unknown): code is CurrencyCode {
  return typeof code === 'string' && (CURRENCY_CODES as readonly string[]).includes(code);
}

/** Digits after the decimal point of a currency (2 for KGS: 100 tyiyn to the som; 0 for KRW). */
export function minorUnits(code: CurrencyCode): number {
  return CURRENCIES.find((c) => c.code === code)!.minorUnits;
}

/** The largest amount accepted, in minor units: far above any project, far below 2^53. */
export const MAX_AMOUNT = 1_000_000_000_000_000;

/**
 * An amount in minor units as the schema accepts it: any whole number up to the maximum.
 * Whether it is positive is a domain rule with its own reason code (`amount_not_positive`),
 * checked by the mutators, so a UI can say exactly what is wrong.
 */
export const Amount = z.number().int().min(-MAX_AMOUNT).max(MAX_AMOUNT);
/** A currency code as typed; whether it is one we know is `unknown_currency`, from the mutators. */
export const CurrencyInput = z.string().trim().max(8);

/**
 * Converts a decimal amount as a person types it ("1 250,50", "1250.5") to minor units of the
 * currency, without floating point; null when it is not a number with at most the currency's
 * decimals.
 */
export function toMinorUnits(input: string, currency: CurrencyCode): number | null {
  const digits = minorUnits(currency);
  const cleaned = input.replace(/[\s\u00a0\u202f']/g, '').replace(',', '.');
  const m = /^(-?)(\d+)(?:\.(\d*))?$/.exec(cleaned);
  if (!m) return null;
  const fraction = m[3] ?? '';
  if (fraction.length > digits) return null;
  const value = Number(m[2]! + fraction.padEnd(digits, '0'));
  if (!Number.isSafeInteger(value)) return null;
  return m[1] ? -value : value;
}

/** Checks an amount and its currency; throws the reason code a UI translates. */
export function checkMoney(amount: number, currency: string): asserts currency is CurrencyCode {
  if (!isCurrency(currency)) fail('unknown_currency', { currency });
  if (!(amount > 0)) fail('amount_not_positive', { amount });
}

export const PROJECT_STATUSES = ['draft', 'active', 'paused', 'completed', 'cancelled'] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];
export const PROJECT_ROLES = ['owner', 'editor', 'viewer'] as const;
export type ProjectRole = (typeof PROJECT_ROLES)[number];
export const ProjectRoleSchema = z.enum(PROJECT_ROLES);
/** Roles that may change a project's content (description, money, milestones, updates). */
export const PROJECT_EDITORS: readonly ProjectRole[] = ['owner', 'editor'];
export const PLEDGE_STATUSES = ['pledged', 'received'] as const;
export type PledgeStatus = (typeof PLEDGE_STATUSES)[number];

/** The description of a project: what editors may change. */
export const ProjectFieldsSchema = z.strictObject({
  title: text(160),
  summary: text(4000).nullable(),
  sector: SectorId,
  region: RegionId,
  settlement: SettlementId.nullable(),
  /** Who runs it, as the public reads it ("Kashkaldak aiyl okmotu"); the association's name is used when null. */
  organisation: text(200).nullable(),
  status: z.enum(PROJECT_STATUSES),
  /** The budget in minor units of `budgetCurrency`; both null when there is none yet. */
  budgetAmount: Amount.nullable(),
  budgetCurrency: CurrencyInput.nullable(),
});
export type ProjectFields = z.infer<typeof ProjectFieldsSchema>;

export const ProjectSchema = z.strictObject({
  id: Id,
  ...ProjectFieldsSchema.shape,
  /** The owning association, or null when a home partner owns it (`partnerId`). */
  associationId: Id.nullable(),
  /** The home partner account that owns it, or null when an association does. */
  partnerId: Id.nullable(),
  /** Shown on the public project page (`/projects/:id`) when true. Owners only. */
  isPublic: z.boolean(),
  createdBy: Id,
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Project = z.infer<typeof ProjectSchema>;

/** An account's place in a project. One row per account and project. */
export const ProjectMemberSchema = z.strictObject({
  id: Id,
  projectId: Id,
  accountId: Id,
  role: ProjectRoleSchema,
  addedBy: Id,
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type ProjectMember = z.infer<typeof ProjectMemberSchema>;

/**
 * Money promised to a project: by a member account (`pledgerId`) or by a named outside donor
 * (`donorName`). Anonymous by default: the public page shows the name only when `anonymous` is
 * false, and for a member's pledge only the member may choose that.
 */
export const PledgeSchema = z.strictObject({
  id: Id,
  projectId: Id,
  pledgerId: Id.nullable(),
  /** The name to show publicly (when not anonymous); required for an outside donor. */
  donorName: text(160).nullable(),
  anonymous: z.boolean(),
  amount: Amount,
  currency: CurrencyInput,
  status: z.enum(PLEDGE_STATUSES),
  note: text(1000).nullable(),
  /** When the money arrived (status `received`). */
  receivedOn: CalendarDate.nullable(),
  createdBy: Id,
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Pledge = z.infer<typeof PledgeSchema>;

/** Money spent, with its purpose and a receipt (a link, or a file uploaded to the server). */
export const ExpenseSchema = z.strictObject({
  id: Id,
  projectId: Id,
  amount: Amount,
  currency: CurrencyInput,
  purpose: z.string().trim().max(500),
  spentOn: CalendarDate.nullable(),
  receiptUrl: z.url({ protocol: /^https?$/ }).max(2000).nullable(),
  /** Set by the server when a receipt file is uploaded (`POST /api/projects/:id/expenses/:expenseId/receipt`). */
  receiptFileId: Id.nullable(),
  createdBy: Id,
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Expense = z.infer<typeof ExpenseSchema>;

export const MilestoneSchema = z.strictObject({
  id: Id,
  projectId: Id,
  title: text(200),
  dueDate: CalendarDate.nullable(),
  done: z.boolean(),
  /** 0–100; a done milestone is at 100. */
  progress: z.number().int(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Milestone = z.infer<typeof MilestoneSchema>;

/** A progress update, public with the project: text, date and the author's display name. */
export const ProjectUpdateSchema = z.strictObject({
  id: Id,
  projectId: Id,
  text: text(4000),
  date: CalendarDate,
  authorId: Id,
  /** The author's display name when they wrote it, shown on the public page. */
  authorName: text(120),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type ProjectUpdate = z.infer<typeof ProjectUpdateSchema>;

/** Checks a milestone's progress; `progress_out_of_range` outside 0–100. */
export function checkProgress(progress: number): void {
  if (!(progress >= 0 && progress <= 100)) fail('progress_out_of_range', { progress });
}

/** Pledged, received and spent for one currency, in its minor units. */
export interface CurrencyTotals {
  currency: CurrencyCode;
  /** Every pledge, received or not (what was promised). */
  pledged: number;
  /** Pledges marked received. */
  received: number;
  spent: number;
}

/**
 * Totals per currency, never summed across currencies, in the order of {@link CURRENCIES}.
 * Rows in an unknown currency (none pass the mutators) are left out.
 */
export function projectTotals(pledges: readonly Pick<Pledge, 'amount' | 'currency' | 'status'>[], expenses: readonly Pick<Expense, 'amount' | 'currency'>[]): CurrencyTotals[] {
  const by = new Map<CurrencyCode, CurrencyTotals>();
  const get = (currency: string) => {
    if (!isCurrency(currency)) return null;
    let t = by.get(currency);
    if (!t) by.set(currency, (t = { currency, pledged: 0, received: 0, spent: 0 }));
    return t;
  };
  for (const p of pledges) {
    const t = get(p.currency);
    if (!t) continue;
    t.pledged += p.amount;
    if (p.status === 'received') t.received += p.amount;
  }
  for (const e of expenses) {
    const t = get(e.currency);
    if (t) t.spent += e.amount;
  }
  return CURRENCY_CODES.filter((c) => by.has(c)).map((c) => by.get(c)!);
}

/**
 * What anyone may see of a public project (the public page and `GET /api/public/projects/:id`).
 * No account ids, emails or phones; pledgers by name only when they chose to be named.
 */
export interface PublicProject {
  id: string;
  title: string;
  summary: string | null;
  sector: string;
  region: string;
  settlement: string | null;
  /** The association's name, or the organisation the project names. */
  organisation: string | null;
  status: ProjectStatus;
  budget: { amount: number; currency: CurrencyCode } | null;
  totals: CurrencyTotals[];
  pledges: { name: string | null; amount: number; currency: CurrencyCode; status: PledgeStatus; receivedOn: string | null }[];
  expenses: { purpose: string; amount: number; currency: CurrencyCode; spentOn: string | null; hasReceipt: boolean }[];
  milestones: { title: string; dueDate: string | null; done: boolean; progress: number }[];
  updates: { text: string; date: string; author: string }[];
  updatedAt: string;
}

/** Builds the public view of a project from its rows (the caller checks `isPublic`). */
export function publicProjectView(
  project: Project,
  associationName: string | null,
  pledges: readonly Pledge[],
  expenses: readonly Expense[],
  milestones: readonly Milestone[],
  updates: readonly ProjectUpdate[],
): PublicProject {
  const money = <T extends { currency: string }>(rows: readonly T[]) => rows.filter((r) => isCurrency(r.currency)) as (T & { currency: CurrencyCode })[];
  const byDate = (a: string | null, b: string | null) => (a ?? '9999').localeCompare(b ?? '9999');
  return {
    id: project.id,
    title: project.title,
    summary: project.summary,
    sector: project.sector,
    region: project.region,
    settlement: project.settlement,
    organisation: project.organisation ?? associationName,
    status: project.status,
    budget: project.budgetAmount !== null && isCurrency(project.budgetCurrency) ? { amount: project.budgetAmount, currency: project.budgetCurrency } : null,
    totals: projectTotals(pledges, expenses),
    pledges: money(pledges)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
      .map((p) => ({ name: p.anonymous ? null : p.donorName, amount: p.amount, currency: p.currency, status: p.status, receivedOn: p.receivedOn })),
    expenses: money(expenses)
      .sort((a, b) => byDate(a.spentOn, b.spentOn) || a.createdAt.localeCompare(b.createdAt))
      .map((e) => ({ purpose: e.purpose, amount: e.amount, currency: e.currency, spentOn: e.spentOn, hasReceipt: e.receiptFileId !== null || e.receiptUrl !== null })),
    milestones: [...milestones]
      .sort((a, b) => byDate(a.dueDate, b.dueDate) || a.createdAt.localeCompare(b.createdAt))
      .map((m) => ({ title: m.title, dueDate: m.dueDate, done: m.done, progress: m.progress })),
    updates: [...updates]
      .sort((a, b) => b.date.localeCompare(a.date) || b.createdAt.localeCompare(a.createdAt))
      .map((u) => ({ text: u.text, date: u.date, author: u.authorName })),
    updatedAt: project.updatedAt,
  };
}

/** Receipt files: the types accepted, recognised by their first bytes, and the size limit. */
export const RECEIPT_TYPES = ['application/pdf', 'image/jpeg', 'image/png', 'image/webp'] as const;
export type ReceiptType = (typeof RECEIPT_TYPES)[number];
export const MAX_RECEIPT_BYTES = 5 * 1024 * 1024;

/** The type a file's magic bytes say it is, among {@link RECEIPT_TYPES}; null for anything else. */
export function sniffReceiptType(bytes: Uint8Array): ReceiptType | null {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return 'application/pdf'; // %PDF-
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  // RIFF....WEBP
  if (starts(0x52, 0x49, 0x46, 0x46) && bytes[8] === 0x57 && bytes[9] === 0x45 && bytes[10] === 0x42 && bytes[11] === 0x50) return 'image/webp';
  return null;
}
