import type { PledgeStatus, ProjectRole, ProjectStatus } from '@mekendesh/core';

/** Core's lists, repeated for the UI bundle (which imports no value from core; checked in `money.test.ts`). */
export const PROJECT_STATUSES_UI = ['draft', 'active', 'paused', 'completed', 'cancelled'] as const satisfies readonly ProjectStatus[];
export const PROJECT_ROLES_UI = ['owner', 'editor', 'viewer'] as const satisfies readonly ProjectRole[];
export const PLEDGE_STATUSES_UI = ['pledged', 'received'] as const satisfies readonly PledgeStatus[];
