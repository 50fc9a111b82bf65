/**
 * The project components as the pages mount them: each loads on first use, so its code (and
 * its styles) stay out of the first load. Import these, not the modules behind them.
 */
import { Suspense, lazy } from 'react';
import type { Engine } from '../../engine-client.ts';

const Overview = lazy(() => import('./overview.tsx'));
const NewForm = lazy(() => import('./new-project-form.tsx'));

/** A project's description, money, milestones, updates and members (`overview.tsx`). */
export function ProjectOverview(props: { engine: Engine; projectId: string; onDeleted?: () => void }) {
  return (
    <Suspense fallback={null}>
      <Overview {...props} />
    </Suspense>
  );
}

/** "New project", for accounts that may create one (`new-project-form.tsx`). */
export function NewProjectForm(props: { engine: Engine; onCreated(id: string): void }) {
  return (
    <Suspense fallback={null}>
      <NewForm {...props} />
    </Suspense>
  );
}
