import { connectRpc } from './rpc.ts';
// Types only: the worker's code runs in the worker, never on the UI thread.
import type { EngineEvent, EngineHandlers } from '@mekendesh/engine';
export type * from '@mekendesh/engine';

export type { EngineEvent, EngineHandlers };
export type {
  ProfileUpdate, ProfileReference, SearchHit, EditedField, FieldIssue, FieldIssueCode, CompatriotView, Facet, Filters, SearchAnswer, MyMembership,
} from '@mekendesh/engine';

/** Starts the engine worker and returns a typed client for it. */
export function startEngine() {
  const worker = new Worker(new URL('./worker/engine.worker.ts', import.meta.url), { type: 'module', name: 'mekendesh-engine' });
  const rpc = connectRpc<EngineHandlers, EngineEvent>(worker);
  worker.addEventListener('error', (e) => {
    rpc.fail(new Error(`engine worker failed: ${e.message || 'could not load'}`));
  });
  return { engine: rpc.client, onEvent: rpc.onEvent, terminate: () => worker.terminate() };
}

export type Engine = ReturnType<typeof startEngine>;
