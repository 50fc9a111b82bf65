import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import type { Plugin, UserConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * Fills the page's Content-Security-Policy meta (the app:// handler sends the same policy as a
 * header) and drops `crossorigin` from the script and style tags: the app:// scheme serves
 * same-origin files only and is not registered with CORS support.
 */
function pagePolicy(csp: string): Plugin {
  return {
    name: 'mekendesh-csp',
    transformIndexHtml: {
      order: 'post',
      handler: (html) => html.replace('%MEKENDESH_CSP%', csp).replace(/ crossorigin(="[^"]*")?/g, ''),
    },
  };
}

/**
 * The PWA's stylesheet applies inside the shared screens only (`.shared-app`): wrapped in
 * `@scope` at build time, so its `.pages`, `main` and form rules do not restyle the desktop's
 * own screens (Electron 45's Chromium supports `@scope`).
 */
function scopePwaStyles(): Plugin {
  return {
    name: 'mekendesh-scope-pwa-styles',
    enforce: 'pre',
    transform(code, id) {
      if (!/[\\/]pwa[\\/]src[\\/]style\.css$/.test(id.split('?')[0]!)) return null;
      return { code: `@scope (.shared-app) {\n${code}\n}\n`, map: null };
    },
  };
}

/** The desktop renderer's Vite config: relative asset paths (`app://mekendesh/…` or a test server), no inline script. */
export function rendererConfig(opts: { outDir: string; csp: string; minify?: boolean }): UserConfig {
  return {
    root,
    base: './',
    configFile: false,
    logLevel: 'warn',
    mode: 'production',
    plugins: [react(), pagePolicy(opts.csp), scopePwaStyles()],
    // One React for the desktop's screens and the PWA's shared ones.
    resolve: { dedupe: ['react', 'react-dom'] },
    build: {
      outDir: opts.outDir,
      emptyOutDir: true,
      // Electron 45 is Chromium 142.
      target: 'chrome142',
      minify: opts.minify ?? true,
      sourcemap: true,
      // No inline module preload polyfill or data: scripts: everything is a file under 'self'.
      modulePreload: { polyfill: false },
      assetsInlineLimit: 0,
      reportCompressedSize: false,
    },
  } as UserConfig;
}
