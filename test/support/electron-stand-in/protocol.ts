// What the test and the stand-in Electron inside the child process say to each other over Node's
// IPC channel: the test sends commands that play what Electron or a web page would do, the child
// answers with what the app did, and tells of moments (window loaded, error box, quit) as they come.
import type {
  BrowserWindowConstructorOptions,
  NotificationConstructorOptions,
  WindowOpenHandlerResponse,
} from 'electron';

export type DriverCommand =
  | { op: 'state' }
  | { op: 'invoke'; channel: string; args: unknown[]; senderFrameUrl: string | null }
  | { op: 'navigate'; url: string }
  | { op: 'open-window'; url: string }
  | { op: 'attach-webview' }
  | { op: 'request-permission'; permission: string }
  | { op: 'check-permission'; permission: string }
  | { op: 'response-headers' }
  | { op: 'decrypt'; base64: string }
  | { op: 'minimize' }
  | { op: 'click-notification'; index: number }
  | { op: 'close-all-windows' };

export interface StandInState {
  windows: Array<{
    options: BrowserWindowConstructorOptions;
    loadedFile?: string;
    loadedUrl?: string;
    shown: boolean;
    /** restore / show / focus as the app asked for them. */
    raised: string[];
    /** Every webContents.loadURL, in order. */
    contentsLoaded: string[];
    /** Every webContents.send, in order. */
    sent: Array<{ channel: string; args: unknown[] }>;
  }>;
  /** Channels with an ipcMain.handle handler, and channels with ipcMain.on listeners. */
  handledChannels: string[];
  listenedChannels: string[];
  hardening: {
    webContentsCreatedListeners: number;
    permissionRequestHandler: boolean;
    permissionCheckHandler: boolean;
    headersListener: boolean;
  };
  /** What was handed to safeStorage.encryptString, and what it returned (base64). */
  encrypted: Array<{ plainText: string; cipherText: string }>;
  openedExternally: string[];
  errorBoxes: Array<{ title: string; content: string }>;
  /** The options of every OS notification shown, in order. */
  notifications: NotificationConstructorOptions[];
}

export interface DriverResults {
  state: StandInState;
  invoke: unknown;
  navigate: { prevented: boolean };
  'open-window': WindowOpenHandlerResponse;
  'attach-webview': { prevented: boolean };
  'request-permission': { granted: boolean };
  'check-permission': { granted: boolean };
  'response-headers': Record<string, string | string[]>;
  decrypt: string;
  minimize: null;
  'click-notification': null;
  'close-all-windows': null;
}

export type DriverRequest = DriverCommand & { id: number };
export type DriverReply =
  { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };
export type DriverEvent =
  | { event: 'window-loaded' }
  | { event: 'error-box'; title: string; content: string }
  | { event: 'quit'; handledChannels: string[] };

export function tellTest(message: DriverEvent | DriverReply): void {
  process.send?.(message);
}
