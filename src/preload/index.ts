// The only door between the sandboxed renderer and the main process: two fixed channels, no raw
// ipcRenderer, nothing from Node.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_CALL_CHANNEL, IPC_CHANGE_CHANNEL, type ControlRoomBridge } from '../shared/bridge';
import type { ChangeEvent } from '../shared/domain';

const bridge: ControlRoomBridge = {
  call: (method, input) => ipcRenderer.invoke(IPC_CALL_CHANNEL, method, input),
  onChange(listener) {
    const handler = (_event: IpcRendererEvent, change: ChangeEvent) => listener(change);
    ipcRenderer.on(IPC_CHANGE_CHANNEL, handler);
    return () => ipcRenderer.removeListener(IPC_CHANGE_CHANNEL, handler);
  },
};

contextBridge.exposeInMainWorld('controlRoom', bridge);
