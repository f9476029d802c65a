// The surface the Electron preload exposes on window.controlRoom. Browser mode offers the same
// calls over HTTP + WebSocket, so the renderer codes against one shape.
import type { ApiEnvelope, ApiInput, ApiMethod, ApiOutput } from './api';
import type { ChangeEvent } from './domain';

export interface ControlRoomBridge {
  call<M extends ApiMethod>(method: M, input: ApiInput<M>): Promise<ApiEnvelope<ApiOutput<M>>>;
  /** Returns the function that unsubscribes. */
  onChange(listener: (event: ChangeEvent) => void): () => void;
}

export const IPC_CALL_CHANNEL = 'control-room:call';
export const IPC_CHANGE_CHANNEL = 'control-room:change';
