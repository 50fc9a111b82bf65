export * from './engine.ts';
export * from './transfer.ts';
export { latestOnly, searchBank, viewCompatriot } from './skills-bank.ts';
export type { Handlers } from './handlers.ts';
export * from './workspaces.ts';
export * from './project-records.ts';
export * from './award-handlers.ts';
export type * from './awards.ts';
