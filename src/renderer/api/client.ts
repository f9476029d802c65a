import type { ApiInput, ApiMethod, ApiOutput } from '../../shared/api';
import type { ControlRoomBridge } from '../../shared/bridge';
import { ApiError } from './api-error';
import { bridgeTransport } from './bridge-transport';
import { httpTransport } from './http-transport';
import type { Transport } from './transport';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in browser mode. */
    controlRoom?: ControlRoomBridge;
  }
}

let transport: Transport | null = null;

export function getTransport(): Transport {
  if (!transport) transport = window.controlRoom ? bridgeTransport(window.controlRoom) : httpTransport();
  return transport;
}

/** Calls one API method; resolves with the value or rejects with an ApiError. */
export async function api<M extends ApiMethod>(method: M, input: ApiInput<M>): Promise<ApiOutput<M>> {
  const envelope = await getTransport().call(method, input);
  if (envelope.ok) return envelope.value;
  throw ApiError.fromBody(envelope.error);
}
