/**
 * The browser's offer to install the app (`beforeinstallprompt`, Chromium-based browsers) and
 * the service worker's updates, caught from the first moment: the install event can fire before
 * React has rendered anything, so this module listens at load (imported by `main.tsx`).
 */

/** Chromium's `BeforeInstallPromptEvent` (not in the DOM typings). */
export interface InstallPromptEvent extends Event {
  prompt(): Promise<unknown>;
  readonly userChoice?: Promise<{ outcome: 'accepted' | 'dismissed' }>;
}

type Listener = () => void;
const listeners = new Set<Listener>();
const notify = () => {
  for (const l of listeners) l();
};

let installPrompt: InstallPromptEvent | null = null;
let updated = false;

if (typeof window !== 'undefined') {
  window.addEventListener('beforeinstallprompt', (e) => {
    // Keep the offer for our own button instead of the browser's mini-infobar.
    e.preventDefault();
    installPrompt = e as InstallPromptEvent;
    notify();
  });
  window.addEventListener('appinstalled', () => {
    installPrompt = null;
    notify();
  });
  const sw = navigator.serviceWorker as ServiceWorkerContainer | undefined;
  // A page already controlled by a worker that gets a new one: a new version was deployed.
  // (The first visit's worker taking control is not an update.)
  if (sw?.controller) {
    sw.addEventListener('controllerchange', () => {
      updated = true;
      notify();
    });
  }
}

export const appInstall = {
  subscribe(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  /** True while the browser offers to install the app. */
  canInstall: () => installPrompt !== null,
  /** True once a new version has taken over; reloading the page loads it. */
  updateReady: () => updated,
  /** Shows the browser's install dialog; the offer can be used once. */
  async install(): Promise<void> {
    const offer = installPrompt;
    installPrompt = null;
    notify();
    await offer?.prompt();
  },
};
