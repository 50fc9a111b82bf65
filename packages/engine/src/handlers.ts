/**
 * A handler map: what a host serves to its screens (the PWA over `postMessage` to its worker,
 * the desktop over a message port to its backend). Handlers take at most one argument
 * (structured-cloneable) and may be async. `any` because each handler's argument type is its
 * own; clients recover them from `typeof handlers`.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Handlers = Record<string, (arg: any) => unknown>;
