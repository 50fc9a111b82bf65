/**
 * Expense receipts: checked in the browser first (type, size and the first bytes, as the
 * server checks them), then sent as the request body to
 * `POST /api/projects/:id/expenses/:expenseId/receipt` on the page's own origin with the
 * session cookie. The server links the file to the expense; the link reaches the device with
 * the next pull. Online only: the file is not queued.
 */

/** What the server accepts (core's `RECEIPT_TYPES` and `MAX_RECEIPT_BYTES`; checked in `money.test.ts`). */
export const RECEIPT_TYPES = ['application/pdf', 'image/jpeg', 'image/png', 'image/webp'] as const;
export const MAX_RECEIPT_BYTES = 5 * 1024 * 1024;
/** For the file picker. */
export const RECEIPT_ACCEPT = RECEIPT_TYPES.join(',');

/** The receipt type the first bytes say, as core's `sniffReceiptType`; null for anything else. */
export function sniffType(bytes: Uint8Array): (typeof RECEIPT_TYPES)[number] | null {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return 'application/pdf';
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (starts(0x52, 0x49, 0x46, 0x46) && bytes[8] === 0x57 && bytes[9] === 0x45 && bytes[10] === 0x42 && bytes[11] === 0x50) return 'image/webp';
  return null;
}

export type ReceiptProblem = 'receipt_too_large' | 'receipt_bad_type';

/** Why the server would refuse this file, or null when it should take it. */
export async function checkReceipt(file: Blob): Promise<ReceiptProblem | null> {
  if (file.size > MAX_RECEIPT_BYTES) return 'receipt_too_large';
  if (!(RECEIPT_TYPES as readonly string[]).includes(file.type)) return 'receipt_bad_type';
  const head = new Uint8Array(await file.slice(0, 12).arrayBuffer());
  return sniffType(head) === file.type ? null : 'receipt_bad_type';
}

/** An upload's outcome: the file id, or a reason code (`offline` when the server was not reached). */
export type UploadResult = { ok: true; fileId: string } | { ok: false; code: string };

/** Sends the file once. `not_found` also means the expense has not reached the server yet. */
export async function sendReceipt(projectId: string, expenseId: string, file: Blob, doFetch: typeof fetch = fetch): Promise<UploadResult> {
  let res: Response;
  try {
    res = await doFetch(`/api/projects/${encodeURIComponent(projectId)}/expenses/${encodeURIComponent(expenseId)}/receipt`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': file.type },
      body: file,
    });
  } catch {
    return { ok: false, code: 'offline' };
  }
  const json = (await res.json().catch(() => null)) as { ok?: boolean; fileId?: string; error?: string } | null;
  if (res.ok && json?.ok && json.fileId) return { ok: true, fileId: json.fileId };
  return { ok: false, code: typeof json?.error === 'string' ? json.error : res.status === 413 ? 'receipt_too_large' : 'internal' };
}
