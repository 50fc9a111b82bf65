/**
 * The save and open dialogs for backups, and the save dialogs for exports and documents, shown
 * by main as sheets of the app's window. The renderer asks through IPC (behind the sender
 * check) and gets back only the path the user chose, or null. The backup dialogs take no
 * arguments; the others only a suggested file name, so a page cannot suggest a folder.
 */
import { basename, join } from 'node:path';
import type * as Electron from 'electron';

export type DialogLike = Pick<typeof Electron.dialog, 'showSaveDialog' | 'showOpenDialog'>;

const FILTERS = [{ name: 'Mekendesh backup', extensions: ['db'] }];
const DOCUMENT_FILTERS: Record<string, { name: string; extensions: string[] }> = {
  pdf: { name: 'PDF', extensions: ['pdf'] },
  jpg: { name: 'JPEG', extensions: ['jpg', 'jpeg'] },
  png: { name: 'PNG', extensions: ['png'] },
  webp: { name: 'WebP', extensions: ['webp'] },
};

export function createBackupDialogs(opts: { dialog: DialogLike; window: Electron.BaseWindow; documents: string; now: () => Date }) {
  return {
    async saveBackup(): Promise<string | null> {
      const day = opts.now().toISOString().slice(0, 10);
      const r = await opts.dialog.showSaveDialog(opts.window, {
        defaultPath: join(opts.documents, `mekendesh-backup-${day}.db`),
        filters: FILTERS,
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      });
      return r.canceled || !r.filePath ? null : r.filePath;
    },
    /**
     * The save dialog for a roster export. The page suggests only a file name (reduced to its
     * last part, unsafe characters replaced, `.csv` or `.xlsx` kept): the folder is always the
     * user's documents, and the path returned is the one the user confirmed.
     */
    async saveExport(defaultName: unknown): Promise<string | null> {
      const raw = basename(typeof defaultName === 'string' ? defaultName : '').replace(/[\\/:*?"<>|\x00-\x1f]+/g, ' ').trim().slice(0, 120);
      const ext = /\.xlsx$/i.test(raw) ? 'xlsx' : 'csv';
      const stem = raw.replace(/\.(csv|xlsx)$/i, '').trim() || 'roster';
      const r = await opts.dialog.showSaveDialog(opts.window, {
        defaultPath: join(opts.documents, `${stem}.${ext}`),
        filters: [ext === 'xlsx' ? { name: 'Excel', extensions: ['xlsx'] } : { name: 'CSV', extensions: ['csv'] }],
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      });
      return r.canceled || !r.filePath ? null : r.filePath;
    },
    /**
     * The save dialog for a document from the server (evidence, receipt, certificate). As for
     * exports, the page suggests only a name: reduced to its last part, unsafe characters
     * replaced, and given one of the document types the backend writes (PDF, JPEG, PNG, WebP;
     * PDF when it has none of them). The folder is the user's documents.
     */
    async saveFile(defaultName: unknown): Promise<string | null> {
      const raw = basename(typeof defaultName === 'string' ? defaultName : '').replace(/[\\/:*?"<>|\x00-\x1f]+/g, ' ').trim().slice(0, 120);
      const found = /\.(pdf|jpe?g|png|webp)$/i.exec(raw);
      const ext = (found?.[1] ?? 'pdf').toLowerCase();
      const stem = (found ? raw.slice(0, -found[0].length) : raw).trim() || 'document';
      const r = await opts.dialog.showSaveDialog(opts.window, {
        defaultPath: join(opts.documents, `${stem}.${ext}`),
        filters: [DOCUMENT_FILTERS[ext === 'jpeg' ? 'jpg' : ext]!],
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      });
      return r.canceled || !r.filePath ? null : r.filePath;
    },
    async openBackup(): Promise<string | null> {
      const r = await opts.dialog.showOpenDialog(opts.window, { defaultPath: opts.documents, filters: FILTERS, properties: ['openFile'] });
      return r.canceled ? null : (r.filePaths[0] ?? null);
    },
  };
}
