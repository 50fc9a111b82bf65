/**
 * Placeholder renderer until the Vite renderer (which mounts the shared app) lands: it shows
 * that the bridge and the backend answer. Developer-facing, hence untranslated JSON.
 */
const out = document.getElementById('status');
Promise.all([window.mekendesh.appInfo(), window.mekendesh.backend.call('status')]).then(
  ([info, status]) => {
    if (out) out.textContent = JSON.stringify({ info, status }, null, 2);
  },
  (err: unknown) => {
    if (out) out.textContent = JSON.stringify(err, null, 2);
  },
);
