import { resolve } from 'node:path';
import { negotiateLocale } from '@mekendesh/i18n';
import { t } from '@mekendesh/i18n/pages';
import { configFromEnv } from './config.ts';
import { generateDemo, isEmpty } from './demo.ts';
import { jsonLogger } from './log.ts';
import { startServer } from './server.ts';

/** `npm start`: the server on its embedded database, with demo data on first start. */
const logger = jsonLogger();
const root = resolve(import.meta.dirname, '../..');
const config = configFromEnv(process.env, {
  ...(await import('./config.ts')).DEFAULT_CONFIG,
  dataDir: resolve(root, 'data'),
  staticDir: resolve(root, 'pwa/dist'),
});
const members = Number(process.env.MEKENDESH_DEMO_MEMBERS ?? 2000);
// Demo sign-ins have a published password: load them by default only where nobody else can
// reach the server. MEKENDESH_DEMO=1 forces them, MEKENDESH_DEMO=0 refuses them.
const loopback = ['127.0.0.1', '::1', 'localhost'].includes(config.host);
const loadDemo = process.env.MEKENDESH_DEMO === '1' || (process.env.MEKENDESH_DEMO !== '0' && loopback);

const server = await startServer(config, {
  logger,
  onReady: async (store) => {
    if (!loadDemo && isEmpty(store) && process.env.MEKENDESH_DEMO !== '0') {
      logger.warn('demo_skipped', { reason: 'not_loopback', host: config.host });
    }
    if (loadDemo && isEmpty(store)) {
      const t0 = performance.now();
      const summary = await generateDemo(store, { members, seed: 2026, logN: config.scryptLogN });
      logger.info('demo_loaded', { ...summary, ms: Math.round(performance.now() - t0) });
    }
  },
});
process.stdout.write(`\n${t(negotiateLocale(process.env.LANG?.split('.')[0]?.replace('_', '-')), 'cli.running', { url: server.url })}\n\n`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    logger.info('stopping', { signal });
    void server.close().then(() => process.exit(0));
  });
}
