import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, readLastAccount } from './app.tsx';
import { startEngine } from './engine-client.ts';
import { loadLocale } from './i18n/index.ts';
import { initialLocale } from './ui/locale.tsx';
// Listens for the install offer and service-worker updates before anything renders.
import './install.ts';
import './style.css';

// The worker starts at once: sqlite-wasm compiles while the user signs in.
const engine = startEngine();
// Local-first: the last account's data opens at once, while the page renders and the session
// is checked (the workspace's own `open` of the same account then just waits for it).
const last = readLastAccount();
if (last) void engine.engine.open({ accountId: last.id }).catch(() => {});

// The chosen language's strings first (Kyrgyz is in this chunk; Russian or English is one small
// precached chunk away), so the first paint is in the right language.
const render = () =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App engine={engine} />
    </StrictMode>,
  );
void loadLocale(initialLocale()).then(render, render);
