import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, readLastAccount } from './app.tsx';
import { startEngine } from './engine-client.ts';
// Listens for the install offer and service-worker updates before anything renders.
import './install.ts';
import './style.css';

// The worker starts at once: sqlite-wasm compiles while the user signs in.
const engine = startEngine();
// Local-first: the last account's data opens at once, while the page renders and the session
// is checked (the workspace's own `open` of the same account then just waits for it).
const last = readLastAccount();
if (last) void engine.engine.open({ accountId: last.id }).catch(() => {});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App engine={engine} />
  </StrictMode>,
);
