// IPC for the preload bridge: one invoke channel for the API (sender frame checked) and one push
// channel for change events.
import { ipcMain, type BrowserWindow } from 'electron';
import { IPC_CALL_CHANNEL, IPC_CHANGE_CHANNEL } from '../../shared/bridge';
import { dispatchApiCall } from '../core/api/dispatch-api-call';
import type { ApiHandlers } from '../core/api/api-handlers';
import type { ControlRoom } from '../core/control-room';
import { isTrustedRendererUrl } from './secure-window-options';

export function connectIpc(
  room: Pick<ControlRoom, 'onChange'>,
  handlers: ApiHandlers,
  window: BrowserWindow,
  rendererUrl: string,
  actor: string,
): () => void {
  ipcMain.handle(IPC_CALL_CHANNEL, async (event, method: unknown, input: unknown) => {
    if (!isTrustedRendererUrl(event.senderFrame?.url, rendererUrl))
      return { ok: false, error: { code: 'forbidden', message: 'Untrusted sender frame' } };
    if (typeof method !== 'string')
      return { ok: false, error: { code: 'invalid-input', message: 'method must be a string' } };
    return dispatchApiCall(handlers, method, input, { role: 'operator', actor });
  });
  const unsubscribe = room.onChange((change) => {
    if (!window.isDestroyed()) window.webContents.send(IPC_CHANGE_CHANNEL, change);
  });
  return () => {
    unsubscribe();
    ipcMain.removeHandler(IPC_CALL_CHANNEL);
  };
}
