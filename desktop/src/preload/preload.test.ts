/** The preload entry, against a stand-in `electron` module (renderer side). */
import { describe, expect, it, vi } from 'vitest';
import { CHANNELS } from '../shared/bridge.ts';

const exposed: [string, unknown][] = [];
const sent: string[] = [];
const invoked: string[] = [];
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => void exposed.push([key, api]) },
  ipcRenderer: {
    invoke: async (channel: string) => void invoked.push(channel),
    send: (channel: string) => void sent.push(channel),
    on: () => undefined,
  },
}));

describe('the preload', () => {
  it('exposes exactly one object, window.mekendesh, with the typed API and nothing from Node or Electron', async () => {
    await import('./preload.ts');
    expect(exposed.map(([key]) => key)).toEqual(['mekendesh']);
    const api = exposed[0]![1] as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual(['appInfo', 'backend', 'credentials', 'dialogs', 'openExternal']);
    expect(Object.keys(api.dialogs as object).sort()).toEqual(['openBackup', 'saveBackup', 'saveExport', 'saveFile']);
    expect(Object.keys(api.backend as object).sort()).toEqual(['call', 'onEvent']);
    expect(Object.keys(api.credentials as object).sort()).toEqual(['clear', 'get', 'set']);
    // Every leaf is a function: no ipcRenderer, no port, no Node object is handed over.
    const leaves = (o: object): unknown[] => Object.values(o).flatMap((v) => (typeof v === 'object' && v !== null ? leaves(v) : [v]));
    expect(leaves(api).every((v) => typeof v === 'function')).toBe(true);
    // The backup dialogs take no arguments from the page; the export one only a suggested name
    // (main reduces it to a file name in the documents folder: app.test.ts).
    const dialogs = api.dialogs as { saveBackup(p?: string): Promise<unknown>; openBackup(): Promise<unknown>; saveExport(name: string): Promise<unknown>; saveFile(name: string): Promise<unknown> };
    await dialogs.saveBackup('/etc/passwd');
    await dialogs.openBackup();
    await dialogs.saveExport('roster.csv');
    await dialogs.saveFile('evidence.pdf');
    expect(invoked).toEqual([CHANNELS.dialogSaveBackup, CHANNELS.dialogOpenBackup, CHANNELS.dialogSaveExport, CHANNELS.dialogSaveFile]);
    // It asked main for its port to the backend.
    expect(sent).toEqual([CHANNELS.backendConnect]);
  });
});
