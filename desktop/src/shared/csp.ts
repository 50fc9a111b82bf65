/**
 * The renderer's Content-Security-Policy: only the app's own files, no inline script or style,
 * no eval (the desktop's SQLite is native, in the backend, so no `wasm-unsafe-eval` either),
 * no frames, no plugins; network only to the app itself and the configured Mekendesh server.
 */
export function buildCsp(serverOrigin: string): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self' ${serverOrigin}`,
    "worker-src 'self'",
    "manifest-src 'none'",
    "media-src 'none'",
    "object-src 'none'",
    "frame-src 'none'",
    "child-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
