import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.tsx';
import { startEngine } from './engine-client.ts';
// Listens for the install offer and service-worker updates before anything renders.
import './install.ts';
import './style.css';

// The worker starts at once: sqlite-wasm compiles while the user signs in.
const engine = startEngine();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App engine={engine} />
  </StrictMode>,
);
