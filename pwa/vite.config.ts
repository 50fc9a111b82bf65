import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type UserConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

const root = fileURLToPath(new URL('.', import.meta.url));

/** The flag's red: the address bar, the splash screen and the icons. */
const THEME = '#c8102e';

/** The PWA's Vite config, also used by `build.ts` for programmatic builds (tests). */
export const pwaConfig: UserConfig = {
  root,
  plugins: [
    react(),
    // Manifest and a Workbox service worker that precaches the whole shell (index.html, every
    // hashed asset, the engine worker and sqlite3.wasm), so the app starts with no network
    // after the first visit. The registration is an external script (`registerSW.js`): the
    // Content-Security-Policy allows no inline script.
    VitePWA({
      strategies: 'generateSW',
      registerType: 'autoUpdate',
      injectRegister: 'script-defer',
      includeAssets: ['icons/icon.svg', 'icons/apple-touch-icon.png'],
      manifest: {
        id: '/',
        name: 'Мекендеш',
        short_name: 'Мекендеш',
        description: 'Мекендештердин платформасы: профиль жана көндүмдөр банкы, интернетсиз да иштейт.',
        lang: 'ky',
        dir: 'ltr',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        theme_color: THEME,
        background_color: '#ffffff',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        // sqlite3.wasm is about 850 kB; the default limit (2 MiB) would be close once it grows.
        globPatterns: ['**/*.{js,css,html,wasm,png,svg,webmanifest}'],
        maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
        // sqlite-wasm's Worker1 API and its "opfs" VFS proxy are emitted because sqlite3.mjs
        // references them, but the engine uses the SAH-pool VFS in its own worker: 74 kB gzip
        // that no page ever loads.
        globIgnores: ['**/sqlite3-worker1-*.js', '**/sqlite3-opfs-async-proxy-*.js'],
        // Navigations (any path the app routes itself) get the precached index.html; the API is
        // never answered from the service worker, and no runtime caching is configured, so no
        // /api response is ever stored. Public project pages (`/projects/:id`) are the server's
        // HTML, for anyone: never the app's shell.
        navigateFallback: 'index.html',
        // The award's public pages (winners, certificate verification, endorsement and consent
        // links) are the server's too.
        navigateFallbackDenylist: [/^\/api(\/|$)/, /^\/projects\//, /^\/(winners|verify|endorse|consent)(\/|$)/],
        cleanupOutdatedCaches: true,
        // Take over the page on the first visit, so it works offline without a second load.
        clientsClaim: true,
        skipWaiting: true,
        sourcemap: false,
      },
    }),
  ],
  // The engine worker imports sqlite-wasm as an ES module.
  worker: { format: 'es' },
  // Pre-bundling would move sqlite-wasm away from its sqlite3.wasm (found via import.meta.url).
  optimizeDeps: { exclude: ['@sqlite.org/sqlite-wasm'] },
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', reportCompressedSize: true },
  server: {
    // `pnpm dev` talks to a server started with `pnpm serve`.
    proxy: { '/api': process.env.MEKENDESH_API ?? 'http://127.0.0.1:8787', '/projects': process.env.MEKENDESH_API ?? 'http://127.0.0.1:8787' },
  },
};

export default defineConfig(pwaConfig);
