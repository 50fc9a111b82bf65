export { SyncClient, type SyncClientOptions, type SyncStatus, type RejectedMutation, type StoreChanges } from './client.ts';
export { httpTransport, TransportError, type SyncTransport, type HttpTransportOptions } from './transport.ts';
