/** Entry of the main process (bundled to `dist/main.cjs`). */
import * as electron from 'electron';
import { DEV_SERVER_URL } from './config.ts';
import { startMain } from './app.ts';

/** Replaced by the build (`build.ts`). */
declare const MEKENDESH_SERVER_URL: string;

startMain(electron, {
  distDir: __dirname,
  serverUrl: MEKENDESH_SERVER_URL || DEV_SERVER_URL,
  platform: process.platform,
}).catch((err: unknown) => {
  console.error(err);
  electron.app.exit(1);
});
