/**
 * What the desktop renderer takes from the PWA: the screens both apps share (profile, skills
 * bank, offers, needs, engagements, notifications) and what they need around them. They run
 * over an {@link Engine}: the PWA's worker here, the desktop backend's `app.*` handlers there.
 * Types only from the engine package: no engine code reaches a page.
 */
export { SharedPages } from './ui/pages.tsx';
export { LocaleProvider, type LocaleState } from './ui/locale.tsx';
export { LinksProvider, type Links } from './ui/links.tsx';
export { loadAllLocales } from './i18n/index.ts';
export type { Fixing } from './ui/profile-form.tsx';
export type { Engine, EngineEvent, EngineHandlers } from './engine-client.ts';
export type { RpcClient } from './rpc.ts';
