import type { ApiEnvelope, ApiInput, ApiMethod, ApiOutput } from '../../shared/api';
import type { ChangeEvent } from '../../shared/domain';

export type StreamStatus = 'connecting' | 'open' | 'closed';

/** What the UI needs from a shell: the Electron preload bridge or browser-mode HTTP + WebSocket. */
export interface Transport {
  readonly kind: 'electron' | 'browser';
  call<M extends ApiMethod>(method: M, input: ApiInput<M>): Promise<ApiEnvelope<ApiOutput<M>>>;
  /** Starts the change stream; returns the function that stops it. */
  subscribe(onEvent: (event: ChangeEvent) => void, onStatus: (status: StreamStatus) => void): () => void;
}
