/**
 * A nomination's evidence files: the list (opened from the server, for those who may see the
 * nomination) and, for its nominator, an upload. Files go to the server at once and are never
 * queued: offline the upload says so and nothing else changes. The server reads the first bytes
 * and refuses a file that is not what it says; its reason is shown as it gave it.
 */
import { useId, useRef, useState } from 'react';
import type { Nomination } from '@mekendesh/core';
import type { Key } from '../../i18n/index.ts';
import { useT } from '../locale.tsx';
import { FormStatus, reasonKey, useAward, useFormats } from './kit.tsx';
import { FileLink } from '../links.tsx';

/** What the server accepts (core's `EVIDENCE_TYPES`), for the file picker. */
const ACCEPT = 'application/pdf,image/jpeg,image/png';

export function EvidenceFiles({ nominationId, files, canUpload, className = 'award-part' }: { nominationId: string; files: Nomination['evidenceFiles']; canUpload: boolean; className?: string }) {
  const tr = useT();
  const f = useFormats();
  const { engine } = useAward();
  const [message, setMessage] = useState<{ kind: 'saved' | 'error'; text: Key; args?: Record<string, string> } | null>(null);
  const [error, setError] = useState<Key | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement | null>(null);
  const titleId = useId();
  const inputId = useId();

  const upload = async (file: File) => {
    setError(null);
    setBusy(true);
    setMessage({ kind: 'saved', text: 'award.files.sending' });
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      await engine.engine['awards.uploadEvidence']({ nominationId, name: file.name, contentType: file.type || 'application/octet-stream', bytes });
      setMessage({ kind: 'saved', text: 'award.files.sent', args: { name: file.name } });
      if (input.current) input.current.value = '';
    } catch (err) {
      const key = reasonKey(err);
      setError(key);
      setMessage({ kind: 'error', text: 'award.files.refused', args: { name: file.name, reason: tr(key) } });
    } finally {
      setBusy(false);
    }
  };

  const size = (n: number) => (n >= 1024 * 1024 ? tr('award.files.mb', { n: Math.round((n / 1024 / 1024) * 10) / 10 }) : tr('award.files.kb', { n: Math.max(1, Math.round(n / 1024)) }));
  return (
    <section className={className} aria-labelledby={titleId}>
      <h3 id={titleId}>{tr('award.files')}</h3>
      {files.length === 0 ? <p className="hint">{tr('award.files.none')}</p> : null}
      <ul className="files">
        {files.map((x) => (
          <li key={x.id}>
            <FileLink path={`/api/nominations/${encodeURIComponent(nominationId)}/evidence/${encodeURIComponent(x.id)}`} name={x.name}>
              {x.name}
            </FileLink>{' '}
            <span className="hint">{`${x.contentType === 'application/pdf' ? 'PDF' : x.contentType === 'image/png' ? 'PNG' : 'JPEG'} · ${size(x.size)}`}</span>
          </li>
        ))}
      </ul>
      {canUpload ? (
        <div className="field file-field">
          {/* The input itself is kept (focusable, named by the label) but drawn as the label's button: the browser's own "Choose File" would not be translated. */}
          <label htmlFor={inputId} className={`file-button${busy ? ' busy' : ''}`}>
            {tr('award.files.add')}
          </label>
          <input
            id={inputId}
            ref={input}
            className="file-input"
            type="file"
            accept={ACCEPT}
            disabled={busy}
            aria-describedby={`${inputId}-hint${error ? ` ${inputId}-error` : ''}`}
            aria-invalid={error ? true : undefined}
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) void upload(file);
            }}
          />
          <small id={`${inputId}-hint`} className="hint">
            {tr('award.files.hint', { count: f.count(10) })}
          </small>
          {error ? (
            <small id={`${inputId}-error`} className="error">
              {tr(error)}
            </small>
          ) : null}
          <FormStatus message={message} />
        </div>
      ) : null}
    </section>
  );
}
