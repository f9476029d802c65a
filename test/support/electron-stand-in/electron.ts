// A stand-in for the 'electron' module, so the built main process runs under plain Node where no
// Electron binary can. It is shaped like the real API (Electron's own types check each piece below),
// behaves as Electron does where the app depends on it (web-contents-created on a new window,
// loadFile failing on a missing file, one handler per channel) and records what the app asked for.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type {
  App,
  BrowserWindowConstructorOptions,
  Dialog,
  HandlerDetails,
  IpcMain,
  IpcMainInvokeEvent,
  NotificationConstructorOptions,
  SafeStorage,
  Session,
  Shell,
  WebContents,
  WindowOpenHandlerResponse,
} from 'electron';
import { tellTest } from './protocol';

type InvokeListener = (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown;
type PermissionRequestHandler = Parameters<Session['setPermissionRequestHandler']>[0];
type PermissionCheckHandler = Parameters<Session['setPermissionCheckHandler']>[0];
type HeadersListener = Parameters<Session['webRequest']['onHeadersReceived']>[0];

/** What the app asked of Electron; drive-main.ts reads it for the test. */
export const recorded = {
  windows: [] as BrowserWindow[],
  handlers: new Map<string, InvokeListener>(),
  permissionRequestHandler: null as PermissionRequestHandler,
  permissionCheckHandler: null as PermissionCheckHandler,
  headersListener: null as HeadersListener,
  encrypted: [] as Array<{ plainText: string; cipherText: string }>,
  openedExternally: [] as string[],
  errorBoxes: [] as Array<{ title: string; content: string }>,
  /** Every OS notification shown, in order (drive-main.ts clicks them). */
  notifications: [] as Notification[],
};

class StandInApp extends EventEmitter {
  private ready = false;

  whenReady(): Promise<void> {
    return new Promise((resolve) =>
      setImmediate(() => {
        if (!this.ready) {
          this.ready = true;
          this.emit('ready', {}, {});
        }
        resolve();
      }),
    );
  }

  isReady(): boolean {
    return this.ready;
  }

  getPath(name: Parameters<App['getPath']>[0]): string {
    const userData = process.env.ELECTRON_STAND_IN_USER_DATA;
    if (name === 'userData' && userData) return userData;
    // Electron throws for a path it cannot give; so does the stand-in for one the test did not set.
    throw new Error(`Failed to get '${name}' path (the stand-in knows only userData)`);
  }

  getVersion(): string {
    return '0.0.0-stand-in';
  }

  quit(): void {
    this.emit('before-quit', { preventDefault() {} });
    this.emit('will-quit', { preventDefault() {} });
    tellTest({ event: 'quit', handledChannels: [...recorded.handlers.keys()] });
    setImmediate(() => process.exit(0));
  }

  exit(exitCode = 0): void {
    process.exit(exitCode);
  }
}

class StandInWebContents extends EventEmitter {
  private static nextId = 1;
  readonly id = StandInWebContents.nextId++;
  url = '';
  windowOpenHandler: ((details: HandlerDetails) => WindowOpenHandlerResponse) | undefined;
  readonly sent: Array<{ channel: string; args: unknown[] }> = [];
  /** Every webContents.loadURL, in order (the window's own loadURL is recorded on the window). */
  readonly loadedUrls: string[] = [];

  async loadURL(url: string): Promise<void> {
    this.url = url;
    this.loadedUrls.push(url);
  }

  setWindowOpenHandler(handler: (details: HandlerDetails) => WindowOpenHandlerResponse): void {
    this.windowOpenHandler = handler;
  }

  send(channel: string, ...args: unknown[]): void {
    // Like Electron, only what survives structured cloning reaches the renderer.
    this.sent.push({ channel, args: structuredClone(args) });
  }

  getURL(): string {
    return this.url;
  }

  isDestroyed(): boolean {
    return false;
  }
}

export class BrowserWindow extends EventEmitter {
  readonly webContents = new StandInWebContents();
  loadedFile: string | undefined;
  loadedUrl: string | undefined;
  shown = false;
  minimized = false;
  /** restore / show / focus, in the order the app asked for them. */
  readonly raised: string[] = [];

  constructor(readonly options: BrowserWindowConstructorOptions = {}) {
    super();
    recorded.windows.push(this);
    // Electron announces every new webContents before the window is handed back.
    app.emit('web-contents-created', { preventDefault() {} }, this.webContents);
  }

  async loadFile(filePath: string): Promise<void> {
    if (!existsSync(filePath)) throw new Error(`ERR_FILE_NOT_FOUND (-6) loading '${filePath}'`);
    this.loadedFile = filePath;
    this.webContents.url = pathToFileURL(filePath).href;
    this.loaded();
  }

  async loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    this.webContents.url = url;
    this.loaded();
  }

  private loaded(): void {
    setImmediate(() => {
      this.emit('ready-to-show', {});
      tellTest({ event: 'window-loaded' });
    });
  }

  show(): void {
    this.shown = true;
    this.raised.push('show');
  }

  isMinimized(): boolean {
    return this.minimized;
  }

  restore(): void {
    this.minimized = false;
    this.raised.push('restore');
  }

  focus(): void {
    this.raised.push('focus');
  }

  isDestroyed(): boolean {
    return false;
  }
}

class StandInIpcMain extends EventEmitter {
  handle(channel: string, listener: InvokeListener): void {
    if (recorded.handlers.has(channel))
      throw new Error(`Attempted to register a second handler for '${channel}'`);
    recorded.handlers.set(channel, listener);
  }

  handleOnce(channel: string, listener: InvokeListener): void {
    this.handle(channel, (event, ...args) => {
      this.removeHandler(channel);
      return listener(event, ...args);
    });
  }

  removeHandler(channel: string): void {
    recorded.handlers.delete(channel);
  }
}

class StandInSession extends EventEmitter {
  readonly webRequest = {
    onHeadersReceived(...args: [HeadersListener] | [unknown, HeadersListener]): void {
      recorded.headersListener = args.length === 1 ? args[0] : args[1];
    },
  };

  setPermissionRequestHandler(handler: PermissionRequestHandler): void {
    recorded.permissionRequestHandler = handler;
  }

  setPermissionCheckHandler(handler: PermissionCheckHandler): void {
    recorded.permissionCheckHandler = handler;
  }
}

// The OS keychain, played by a key that lives only as long as this process.
const keychainKey = randomBytes(32);

export const safeStorage = {
  isEncryptionAvailable: () => true,
  getSelectedStorageBackend: () => 'gnome_libsecret' as const,
  encryptString(plainText: string): Buffer {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', keychainKey, iv);
    const body = Buffer.concat([cipher.update(plainText, 'utf8'), cipher.final()]);
    const cipherText = Buffer.concat([iv, cipher.getAuthTag(), body]);
    recorded.encrypted.push({ plainText, cipherText: cipherText.toString('base64') });
    return cipherText;
  },
  decryptString(encrypted: Buffer): string {
    const decipher = createDecipheriv('aes-256-gcm', keychainKey, encrypted.subarray(0, 12));
    decipher.setAuthTag(encrypted.subarray(12, 28));
    return Buffer.concat([decipher.update(encrypted.subarray(28)), decipher.final()]).toString('utf8');
  },
} satisfies Pick<
  SafeStorage,
  'isEncryptionAvailable' | 'getSelectedStorageBackend' | 'encryptString' | 'decryptString'
>;

export const shell = {
  async openExternal(url: string): Promise<void> {
    recorded.openedExternally.push(url);
  },
} satisfies Pick<Shell, 'openExternal'>;

export const dialog = {
  showErrorBox(title: string, content: string): void {
    recorded.errorBoxes.push({ title, content });
    tellTest({ event: 'error-box', title, content });
  },
} satisfies Pick<Dialog, 'showErrorBox'>;

export class Notification extends EventEmitter {
  static isSupported(): boolean {
    return true;
  }

  constructor(readonly options: NotificationConstructorOptions = {}) {
    super();
  }

  show(): void {
    recorded.notifications.push(this);
  }
}

export const app = new StandInApp();
export const ipcMain = new StandInIpcMain();
export const session = { defaultSession: new StandInSession() };

// The members the built main uses, checked against Electron's own declarations: if Electron's API
// moves, this file stops compiling rather than the test passing against a shape that no longer exists.
type Fits<StandIn extends Real, Real> = StandIn;
export type _AppFits = Fits<
  Pick<StandInApp, 'whenReady' | 'isReady' | 'getPath' | 'getVersion' | 'quit' | 'exit'>,
  Pick<App, 'whenReady' | 'isReady' | 'getPath' | 'getVersion' | 'quit' | 'exit'>
>;
export type _WindowFits = Fits<
  Pick<BrowserWindow, 'loadFile' | 'loadURL' | 'show' | 'isDestroyed' | 'isMinimized' | 'restore' | 'focus'>,
  Pick<
    Electron.BrowserWindow,
    'loadFile' | 'loadURL' | 'show' | 'isDestroyed' | 'isMinimized' | 'restore' | 'focus'
  >
>;
export type _WebContentsFits = Fits<
  Pick<StandInWebContents, 'setWindowOpenHandler' | 'send' | 'getURL' | 'isDestroyed' | 'id' | 'loadURL'>,
  Pick<WebContents, 'setWindowOpenHandler' | 'send' | 'getURL' | 'isDestroyed' | 'id' | 'loadURL'>
>;
export type _IpcMainFits = Fits<
  Pick<StandInIpcMain, 'handle' | 'handleOnce' | 'removeHandler'>,
  Pick<IpcMain, 'handle' | 'handleOnce' | 'removeHandler'>
>;
export type _SessionFits = Fits<
  Pick<StandInSession, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'> & {
    webRequest: Pick<StandInSession['webRequest'], 'onHeadersReceived'>;
  },
  Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'> & {
    webRequest: Pick<Session['webRequest'], 'onHeadersReceived'>;
  }
>;
export type _NotificationFits = Fits<
  Pick<Notification, 'show'> & Pick<typeof Notification, 'isSupported'>,
  Pick<Electron.Notification, 'show'> & Pick<typeof Electron.Notification, 'isSupported'>
>;
