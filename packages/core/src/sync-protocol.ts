import { z } from 'zod';
import { REASON_CODES } from './errors.ts';
import { Timestamp } from './schemas.ts';
import type { TableName } from './schemas.ts';

/** Most mutations one push may carry; the client splits bigger outboxes. */
export const MAX_PUSH_BATCH = 500;
/** Most changes one pull page carries; `more` says when another page follows. */
export const PULL_PAGE_SIZE = 5000;

/** A client id: one per installation (device, browser profile), bound to one account. */
export const ClientId = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'bad_client_id');

export const MutationEnvelope = z.strictObject({
  /**
   * Per-client sequence number, strictly increasing. Gaps are allowed: a client may withdraw
   * a mutation the server refused as malformed and never processed.
   */
  id: z.number().int().min(1),
  name: z.string().min(1).max(64),
  args: z.unknown(),
  createdAt: Timestamp,
});
export type MutationEnvelope = z.infer<typeof MutationEnvelope>;

export const PushRequest = z.strictObject({
  clientId: ClientId,
  mutations: z.array(MutationEnvelope).min(1).max(MAX_PUSH_BATCH),
});
export type PushRequest = z.infer<typeof PushRequest>;

export const MutationResult = z.object({
  id: z.number().int(),
  /**
   * `applied`: ran now; `duplicate`: ran before, this is a retry; `rejected`: the mutator
   * refused it (see `error`); it will never apply.
   */
  status: z.enum(['applied', 'duplicate', 'rejected']),
  error: z.enum(REASON_CODES).optional(),
  detail: z.unknown().optional(),
});
export type MutationResult = z.infer<typeof MutationResult>;

export const PushResponse = z.object({
  ok: z.literal(true),
  lastMutationId: z.number().int(),
  results: z.array(MutationResult),
});
export type PushResponse = z.infer<typeof PushResponse>;

export const PullRequest = z.strictObject({
  clientId: ClientId,
  /** Opaque; null for a first pull. */
  cursor: z.string().max(200).nullable(),
});
export type PullRequest = z.infer<typeof PullRequest>;

/**
 * Row images of one table, as stored in SQL: column names once, then each row's values in
 * that order. JSON columns travel as JSON text, so neither side re-encodes them.
 */
export interface TableRows {
  table: TableName;
  columns: string[];
  rows: (string | number | null)[][];
}

export interface PullResponse {
  ok: true;
  /** Opaque: the server id, the account's access epoch, and a version per table. */
  cursor: string;
  /** The last of this client's mutations the server has processed (applied or rejected). */
  lastMutationId: number;
  /** True when the client must drop its copy of server state before applying this page. */
  reset: boolean;
  /** True when more changes wait: pull again with the new cursor. */
  more: boolean;
  /** Rows to insert or replace, already cut down to what the caller may see. */
  puts: TableRows[];
  /** Rows to remove: deleted, or no longer visible to the caller. */
  dels: { table: TableName; ids: string[] }[];
}

/** Error body of every failed request. */
export interface ErrorBody {
  ok: false;
  error: (typeof REASON_CODES)[number];
  /** Translated into the request's language (Accept-Language, default Kyrgyz). */
  message: string;
  detail?: unknown;
}
