/** Entry of the main process (bundled to `dist/main.cjs`). */
import * as electron from 'electron';
import { DEV_SERVER_URL } from './config.ts';
import { startMain } from './app.ts';

declare const MEKENDESH_SERVER_URL: string | undefined;

startMain(electron, {
  distDir: __dirname,
  builtInServerUrl: typeof MEKENDESH_SERVER_URL === 'string' && MEKENDESH_SERVER_URL ? MEKENDESH_SERVER_URL : DEV_SERVER_URL,
  env: process.env,
  platform: process.platform,
}).catch((err: unknown) => {
  console.error(err);
  electron.app.exit(1);
});
