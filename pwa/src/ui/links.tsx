/**
 * Links to what lives on the server rather than in the app: public pages (a certificate's
 * verification page, a project's public page) and private documents (evidence files, expense
 * receipts, certificate PDFs). The PWA is served by the server, so both are plain same-origin
 * links there, and its session cookie opens the private ones. The desktop renderer is not: it
 * gives public pages the server's origin (main opens an https link in the system browser) and
 * saves private documents through its backend, which holds the session token
 * (`saveServerFile`), at a place the user picks.
 */
import { createContext, useContext, useState, type ReactNode } from 'react';
import type { Key } from '../i18n/index.ts';
import { errorKey } from './errors.ts';
import { useT } from './locale.tsx';

export interface Links {
  /** The server's origin for public pages: '' where the app is served by the server itself. */
  origin: string;
  /**
   * Saves a private server document (`path`, e.g. `/api/nominations/…/evidence/…`) under a
   * name the user confirms; resolves to where it went, or null when the user cancelled.
   * Absent: the browser opens the document itself.
   */
  saveFile?: (path: string, suggestedName: string) => Promise<{ file: string } | null>;
}

const LinksContext = createContext<Links>({ origin: '' });
export const LinksProvider = LinksContext.Provider;

/** A page of the server anyone may see; `newTab` opens it beside the app in the browser. */
export function PublicLink({ path, newTab = false, children }: { path: string; newTab?: boolean; children: ReactNode }) {
  const { origin } = useContext(LinksContext);
  return origin ? (
    <a href={`${origin}${path}`} target="_blank" rel="noopener noreferrer">
      {children}
    </a>
  ) : newTab ? (
    <a href={path} target="_blank" rel="noopener">
      {children}
    </a>
  ) : (
    <a href={path}>{children}</a>
  );
}

const baseName = (file: string) => file.split(/[\\/]/).pop() ?? file;

/** A document on the server: a link in the browser, "save as" where the host saves it. */
export function FileLink({ path, name, children }: { path: string; name: string; children: ReactNode }) {
  const { saveFile } = useContext(LinksContext);
  const tr = useT();
  const [saved, setSaved] = useState<string | null>(null);
  const [error, setError] = useState<Key | null>(null);
  const [busy, setBusy] = useState(false);
  if (!saveFile) {
    return (
      <a href={path} target="_blank" rel="noopener">
        {children}
      </a>
    );
  }
  const save = async () => {
    setSaved(null);
    setError(null);
    setBusy(true);
    try {
      const r = await saveFile(path, name);
      if (r) setSaved(baseName(r.file));
    } catch (err) {
      setError((err as { code?: unknown } | null)?.code === 'offline' ? 'files.offline' : errorKey(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" className="link" onClick={() => void save()} disabled={busy}>
        {children}
      </button>{' '}
      <span role="status" className="hint">
        {saved ? tr('files.saved', { name: saved }) : ''}
      </span>
      {error ? (
        <span role="alert" className="error">
          {tr(error)}
        </span>
      ) : null}
    </>
  );
}
