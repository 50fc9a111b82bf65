import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type UserConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/** The PWA's Vite config, also used by `build.ts` for programmatic builds (tests). */
export const pwaConfig: UserConfig = {
  root,
  plugins: [react()],
  // The engine worker imports sqlite-wasm as an ES module.
  worker: { format: 'es' },
  // Pre-bundling would move sqlite-wasm away from its sqlite3.wasm (found via import.meta.url).
  optimizeDeps: { exclude: ['@sqlite.org/sqlite-wasm'] },
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', reportCompressedSize: true },
  server: {
    // `pnpm dev` talks to a server started with `pnpm serve`.
    proxy: { '/api': process.env.MEKENDESH_API ?? 'http://127.0.0.1:8787' },
  },
};

export default defineConfig(pwaConfig);
