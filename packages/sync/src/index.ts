export { SyncClient, type SyncClientOptions, type SyncStatus, type RejectedMutation } from './client.ts';
export { httpTransport, TransportError, type SyncTransport, type HttpTransportOptions } from './transport.ts';
