import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.tsx';
import { LocaleProvider } from './ui/locale.tsx';
import { loadAllLocales } from '@mekendesh/pwa/shared';
import './style.css';

// The shared screens' strings in every language (the PWA loads a language when chosen; the
// desktop, which counts no bytes over the network, takes them all before the first paint).
const render = () =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <LocaleProvider>
        <App />
      </LocaleProvider>
    </StrictMode>,
  );
void loadAllLocales().then(render, render);
