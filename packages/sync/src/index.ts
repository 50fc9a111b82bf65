export { SyncClient, type SyncClientOptions, type SyncStatus, type RejectedMutation, type StoreChanges } from './client.ts';
export { httpTransport, TransportError, type SyncTransport, type HttpTransportOptions } from './transport.ts';
export { workspaceDocName, NOTES_FIELD, BOARD_FIELD, loadYDoc, compactYDoc, restoreYDoc, cloneContent, notesText } from './ydoc.ts';
export * as board from './board.ts';
export { WorkspaceClient, UI_ORIGIN, type WorkspaceClientOptions } from './workspace-client.ts';
export {
  httpWorkspaceApi,
  type WorkspaceApi,
  type WorkspaceConnection,
  type WorkspaceStatus,
  type WebSocketClass,
  type HttpWorkspaceApiOptions,
} from './workspace-api.ts';
