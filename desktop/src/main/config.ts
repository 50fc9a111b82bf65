/**
 * The Mekendesh server the app talks to is fixed at build time (`MEKENDESH_SERVER_URL`, else
 * the local development server): it is part of the CSP, in the header and in `index.html`, so
 * nothing at run time can point a signed-in app elsewhere. Only `https:` is accepted, except
 * plain `http:` on loopback for development: a token must never cross a network in clear.
 */
export const DEV_SERVER_URL = 'http://127.0.0.1:8787';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** The origin of `url` if it is an acceptable server address; throws otherwise. */
export function serverOriginOf(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`not a URL: ${url}`);
  }
  if (parsed.username || parsed.password) throw new Error('the server URL must not carry credentials');
  if (parsed.protocol === 'https:') return parsed.origin;
  if (parsed.protocol === 'http:' && LOOPBACK.has(parsed.hostname)) return parsed.origin;
  throw new Error(`the server must be https (plain http only on loopback): ${url}`);
}
