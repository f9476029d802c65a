import type { ControlRoomBridge } from '../../shared/bridge';
import type { Transport } from './transport';

/** Electron: the preload exposes window.controlRoom; IPC has no connection to lose. */
export function bridgeTransport(bridge: ControlRoomBridge): Transport {
  return {
    kind: 'electron',
    call: (method, input) => bridge.call(method, input),
    subscribe(onEvent, onStatus) {
      onStatus('open');
      return bridge.onChange(onEvent);
    },
  };
}
