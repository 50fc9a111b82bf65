/**
 * The save and open dialogs for backups (and the save dialog for exports), shown by main as sheets of the app's window. The
 * renderer asks through IPC (behind the sender check) and gets back only the path the user
 * chose, or null; it takes no arguments, so a page cannot suggest a path.
 */
import { basename, join } from 'node:path';
import type * as Electron from 'electron';

export type DialogLike = Pick<typeof Electron.dialog, 'showSaveDialog' | 'showOpenDialog'>;

const FILTERS = [{ name: 'Mekendesh backup', extensions: ['db'] }];

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
    async openBackup(): Promise<string | null> {
      const r = await opts.dialog.showOpenDialog(opts.window, { defaultPath: opts.documents, filters: FILTERS, properties: ['openFile'] });
      return r.canceled ? null : (r.filePaths[0] ?? null);
    },
  };
}
