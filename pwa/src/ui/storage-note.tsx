import { useEffect, useState } from 'react';
import { useT } from './locale.tsx';

type Persistence = 'checking' | 'persisted' | 'denied';

/**
 * Asks the browser to keep this origin's storage (OPFS holds the only copy of unsent edits)
 * and says what it answered. Without persistence the browser may evict the data under storage
 * pressure; the user should know that before relying on offline edits.
 */
export function StorageNote() {
  const tr = useT();
  const [state, setState] = useState<Persistence>('checking');

  useEffect(() => {
    let cancelled = false;
    void requestPersistence().then((granted) => !cancelled && setState(granted ? 'persisted' : 'denied'));
    return () => {
      cancelled = true;
    };
  }, []);

  return (
    <p className="storage" role="note" aria-label={tr('storage.label')} data-state={state}>
      {tr(`storage.${state}`)}
    </p>
  );
}

/** `persisted()` first: `persist()` may prompt in some browsers, and is pointless when already granted. */
async function requestPersistence(): Promise<boolean> {
  const storage = navigator.storage as StorageManager | undefined;
  if (!storage?.persist) return false;
  try {
    if (await storage.persisted()) return true;
    return await storage.persist();
  } catch {
    return false;
  }
}
