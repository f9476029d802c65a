// Inside the child process: answers the test's commands by playing what Electron or a web page
// would do against the handlers the built main registered with the stand-in.
import type { IpcMainInvokeEvent, PermissionRequest, WebContents } from 'electron';
// The same module instance the app imports as 'electron' (register.ts maps it to this file).
import { app, ipcMain, recorded, safeStorage, type BrowserWindow } from './electron';
import {
  tellTest,
  type DriverCommand,
  type DriverRequest,
  type DriverResults,
  type StandInState,
} from './protocol';

function theWindow(): BrowserWindow {
  const [window] = recorded.windows;
  if (!window) throw new Error('the app opened no window');
  return window;
}

/** An Electron-style event whose preventDefault the test can see. */
function preventable(url?: string) {
  const event = { url, prevented: false, preventDefault: () => void (event.prevented = true) };
  return event;
}

function state(): StandInState {
  return {
    windows: recorded.windows.map((w) => ({
      options: w.options,
      ...(w.loadedFile ? { loadedFile: w.loadedFile } : {}),
      ...(w.loadedUrl ? { loadedUrl: w.loadedUrl } : {}),
      shown: w.shown,
      raised: w.raised,
      contentsLoaded: w.webContents.loadedUrls,
      sent: w.webContents.sent,
    })),
    handledChannels: [...recorded.handlers.keys()],
    listenedChannels: ipcMain.eventNames().map(String),
    hardening: {
      webContentsCreatedListeners: app.listenerCount('web-contents-created'),
      permissionRequestHandler: recorded.permissionRequestHandler !== null,
      permissionCheckHandler: recorded.permissionCheckHandler !== null,
      headersListener: recorded.headersListener !== null,
    },
    encrypted: recorded.encrypted,
    openedExternally: recorded.openedExternally,
    errorBoxes: recorded.errorBoxes,
    notifications: recorded.notifications.map((n) => n.options),
  };
}

async function run(command: DriverCommand): Promise<DriverResults[DriverCommand['op']]> {
  const window = theWindow;
  const contents = () => window().webContents as unknown as WebContents;
  switch (command.op) {
    case 'state':
      return state();
    case 'invoke': {
      const handler = recorded.handlers.get(command.channel);
      if (!handler) throw new Error(`No handler registered for '${command.channel}'`);
      const event = {
        type: 'frame',
        frameId: 1,
        processId: 1,
        sender: contents(),
        senderFrame: command.senderFrameUrl === null ? null : { url: command.senderFrameUrl },
        preventDefault() {},
        defaultPrevented: false,
      } as unknown as IpcMainInvokeEvent;
      // Like Electron, arguments and answers cross the process boundary by structured cloning.
      return structuredClone(await handler(event, ...structuredClone(command.args)));
    }
    case 'navigate': {
      const event = preventable(command.url);
      window().webContents.emit('will-navigate', event, command.url, false, true);
      return { prevented: event.prevented };
    }
    case 'open-window': {
      const handler = window().webContents.windowOpenHandler;
      if (!handler) return { action: 'allow' }; // Electron's default when no handler is set
      return handler({
        url: command.url,
        frameName: '',
        features: '',
        disposition: 'new-window',
        referrer: { url: window().webContents.url, policy: 'strict-origin-when-cross-origin' },
      });
    }
    case 'attach-webview': {
      const event = preventable();
      window().webContents.emit('will-attach-webview', event, {}, { src: 'https://evil.example/' });
      return { prevented: event.prevented };
    }
    case 'request-permission': {
      const handler = recorded.permissionRequestHandler;
      if (!handler) return { granted: true }; // Electron grants by default
      const granted = await new Promise<boolean>((resolve) =>
        handler(contents(), command.permission as never, resolve, {
          requestingUrl: window().webContents.url,
          isMainFrame: true,
        } as unknown as PermissionRequest),
      );
      return { granted };
    }
    case 'check-permission': {
      const handler = recorded.permissionCheckHandler;
      if (!handler) return { granted: true };
      const granted = handler(contents(), command.permission as never, 'file://', {
        isMainFrame: true,
        requestingUrl: window().webContents.url,
      } as never);
      return { granted };
    }
    case 'response-headers': {
      const listener = recorded.headersListener;
      if (!listener) return {};
      return new Promise((resolve) =>
        listener({ responseHeaders: {} } as never, (response) => resolve(response.responseHeaders ?? {})),
      );
    }
    case 'decrypt':
      return safeStorage.decryptString(Buffer.from(command.base64, 'base64'));
    case 'minimize':
      window().minimized = true;
      return null;
    case 'click-notification': {
      const notification = recorded.notifications[command.index];
      if (!notification) throw new Error(`no OS notification #${command.index} was shown`);
      // As the OS does: the click event, with an Electron-style event object.
      notification.emit('click', { preventDefault() {} });
      return null;
    }
    case 'close-all-windows':
      app.emit('window-all-closed');
      return null;
  }
}

process.on('message', (message: DriverRequest) => {
  run(message).then(
    (result) => tellTest({ id: message.id, ok: true, result }),
    (error: unknown) =>
      tellTest({ id: message.id, ok: false, error: error instanceof Error ? error.message : String(error) }),
  );
});
