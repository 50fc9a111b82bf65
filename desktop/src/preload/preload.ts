/**
 * The preload (bundled to `dist/preload.cjs`: a sandboxed preload cannot `require` our
 * modules). It exposes one object, `window.mekendesh`; the renderer gets nothing else.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from './bridge.ts';

contextBridge.exposeInMainWorld('mekendesh', createBridge(ipcRenderer));
