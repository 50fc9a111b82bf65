/**
 * Projects and their workspaces in the engine: the account's projects from the local store,
 * and the workspace documents through the {@link WorkspaceClient} (one live Y.Doc per open
 * workspace, kept in this device's SQLite, synced over y-websocket). Screens hold replicas and
 * talk to it through these handlers; changes reach them as `workspace` events.
 */
import { DomainError, type Project, type ProjectRole } from '@mekendesh/core';
import type { SyncClient, WorkspaceClient } from '@mekendesh/sync';
import type { YDocVersionInfo } from '@mekendesh/store';

/** One of the account's projects, as the list shows it. */
export interface MyProject {
  id: string;
  title: string;
  summary: string | null;
  status: Project['status'];
  sector: string;
  region: string;
  settlement: string | null;
  organisation: string | null;
  isPublic: boolean;
  role: ProjectRole;
  updatedAt: string;
}

export interface ProjectPerson {
  accountId: string;
  /** The name the viewer may see (from the synced profile), or null. */
  name: string | null;
  role: ProjectRole;
}

/** A project with its members, for the workspace's header and the task board's assignees. */
export interface ProjectDetail extends MyProject {
  members: ProjectPerson[];
}

/** A version in the history, with who saved it, by name where the device knows it. */
export interface WorkspaceVersion extends YDocVersionInfo {
  createdByName: string | null;
}

export interface WorkspaceOpen {
  /** The whole document as one Yjs update. */
  state: Uint8Array;
  status: import('@mekendesh/sync').WorkspaceStatus;
  /** Everyone present now (a y-protocols awareness update), or null. */
  awareness: Uint8Array | null;
  role: ProjectRole;
}

export interface WorkspaceAccount {
  accountId: string;
  client: SyncClient;
  /** Loads (once) and returns the workspaces; null when the host gave no workspace connection (tests without a server). */
  workspaces(): Promise<WorkspaceClient> | null;
  /** The workspaces if already loaded, else null (nothing open to act on). */
  loadedWorkspaces(): Promise<WorkspaceClient | null>;
  workspaceApi: import('@mekendesh/sync').WorkspaceApi | null;
}

function myProjects(a: WorkspaceAccount): MyProject[] {
  const roles = new Map<string, ProjectRole>();
  for (const m of a.client.records.where('project_members', 'account_id = ?', [a.accountId])) roles.set(m.projectId, m.role);
  const out: MyProject[] = [];
  for (const [id, role] of roles) {
    const p = a.client.get('projects', id);
    if (!p) continue;
    out.push({
      id: p.id,
      title: p.title,
      summary: p.summary,
      status: p.status,
      sector: p.sector,
      region: p.region,
      settlement: p.settlement,
      organisation: p.organisation,
      isPublic: p.isPublic,
      role,
      updatedAt: p.updatedAt,
    });
  }
  return out.sort((x, y) => (x.updatedAt < y.updatedAt ? 1 : x.updatedAt > y.updatedAt ? -1 : 0));
}

/**
 * A member's name as this device knows it: from their profile (names are shown to members by
 * default), else the account's display name (only the viewer's own account is synced).
 */
const nameOf = (a: WorkspaceAccount, accountId: string): string | null => {
  const p = a.client.get('profiles', accountId);
  return p?.nameCyrillic || p?.nameLatin || a.client.get('accounts', accountId)?.displayName || null;
};

function roleIn(a: WorkspaceAccount, projectId: string): ProjectRole {
  const m = a.client.records.where('project_members', 'project_id = ? AND account_id = ?', [projectId, a.accountId])[0];
  if (!m) throw new DomainError('forbidden');
  return m.role;
}

function ws(a: WorkspaceAccount): Promise<WorkspaceClient> {
  const w = a.workspaces();
  if (!w) throw new DomainError('not_found', { reason: 'no_workspace_connection' });
  return w;
}

function api(a: WorkspaceAccount) {
  if (!a.workspaceApi) throw new DomainError('not_found', { reason: 'no_workspace_connection' });
  return a.workspaceApi;
}

/** The handlers, over whichever account is open (`engine()` throws `unauthenticated` when none). */
export function workspaceHandlers(engine: () => Promise<WorkspaceAccount>) {
  return {
    /** The account's projects (member of), most recently changed first. */
    async 'projects.list'(): Promise<MyProject[]> {
      return myProjects(await engine());
    },
    /** One project the account is a member of, with its members; null when it is not (or not synced yet). */
    async 'projects.get'({ id }: { id: string }): Promise<ProjectDetail | null> {
      const a = await engine();
      const p = myProjects(a).find((x) => x.id === id);
      if (!p) return null;
      const members = a.client.records
        .where('project_members', 'project_id = ?', [id])
        .map((m) => ({ accountId: m.accountId, role: m.role, name: nameOf(a, m.accountId) }))
        .sort((x, y) => (x.name ?? '\uffff').localeCompare(y.name ?? '\uffff'));
      return { ...p, members };
    },
    /**
     * Opens a project's workspace for a screen (hold it until `workspace.close`): its whole state,
     * who is present, the connection status and the account's role (viewers get a read-only editor).
     */
    async 'workspace.open'({ projectId }: { projectId: string }): Promise<WorkspaceOpen> {
      const a = await engine();
      const role = roleIn(a, projectId);
      return { ...(await ws(a)).acquire(projectId), role };
    },
    async 'workspace.close'({ projectId }: { projectId: string }): Promise<void> {
      (await (await engine()).loadedWorkspaces())?.release(projectId);
    },
    /** An edit from a screen (a Yjs update). Viewers' edits are refused here before they go anywhere. */
    async 'workspace.update'({ projectId, update }: { projectId: string; update: Uint8Array }): Promise<void> {
      const a = await engine();
      if (roleIn(a, projectId) === 'viewer') throw new DomainError('read_only');
      (await ws(a)).update(projectId, update);
    },
    /** The screen's presence (a y-protocols awareness update). */
    async 'workspace.awareness'({ projectId, update }: { projectId: string; update: Uint8Array }): Promise<void> {
      (await ws(await engine())).awareness(projectId, update);
    },
    /** Try to connect again now (a new sign-in; the person pressed "retry"). */
    async 'workspace.reconnect'(): Promise<void> {
      (await (await engine()).loadedWorkspaces())?.reconnectAll();
    },
    /** The saved versions, newest first (online only: the history lives on the server). */
    async 'workspace.versions'({ projectId }: { projectId: string }): Promise<WorkspaceVersion[]> {
      const a = await engine();
      roleIn(a, projectId);
      return (await api(a).versions(projectId)).map((v) => ({ ...v, createdByName: v.createdBy ? nameOf(a, v.createdBy) : null }));
    },
    /** One version's state, for a read-only preview. */
    async 'workspace.version'({ projectId, versionId }: { projectId: string; versionId: string }): Promise<Uint8Array> {
      const a = await engine();
      roleIn(a, projectId);
      return api(a).version(projectId, versionId);
    },
    /** Saves the current state as a named version (owners and editors). */
    async 'workspace.saveVersion'({ projectId, label }: { projectId: string; label: string | null }): Promise<YDocVersionInfo> {
      const a = await engine();
      if (roleIn(a, projectId) === 'viewer') throw new DomainError('read_only');
      return api(a).saveVersion(projectId, label);
    },
    /** Makes the content that of an earlier version, as a new edit (owners and editors). */
    async 'workspace.restore'({ projectId, versionId }: { projectId: string; versionId: string }): Promise<void> {
      const a = await engine();
      if (roleIn(a, projectId) === 'viewer') throw new DomainError('read_only');
      await (await ws(a)).restore(projectId, versionId);
    },
  };
}
