import { join } from 'node:path';
import { build } from 'vite';
import { pwaConfig } from './vite.config.ts';

/** Builds the PWA into `outDir` (default `pwa/dist`) with Vite; returns the folder. */
export async function buildPwa(opts: { outDir?: string; logLevel?: 'info' | 'warn' | 'silent' } = {}): Promise<string> {
  const outDir = opts.outDir ?? join(pwaConfig.root!, 'dist');
  // Vite and the React plugin read NODE_ENV from the environment when it is set, and test
  // runners set it to `test`, which would ship React's development build.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ ...pwaConfig, configFile: false, mode: 'production', logLevel: opts.logLevel ?? 'warn', build: { ...pwaConfig.build, outDir } });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  return outDir;
}
