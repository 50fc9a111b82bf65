export * from './roster-index.ts';
