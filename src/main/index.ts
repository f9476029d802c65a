// Electron entry: the desktop shell over the same core as browser mode and the CLI.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, Notification, safeStorage, session, shell } from 'electron';
import { createControlRoom } from './compose/create-control-room';
import { installHardening } from './electron/install-hardening';
import { keychainSecrets } from './electron/keychain-secrets';
import { connectIpc } from './electron/ipc-bridge';
import { connectOsNotifications } from './electron/os-notifications';
import { revealAppRoute } from './electron/reveal-app-route';
import { secureWindowOptions } from './electron/secure-window-options';

const devServerUrl = process.env.ELECTRON_RENDERER_URL;
const rendererFile = join(import.meta.dirname, '../renderer/index.html');
const rendererUrl = devServerUrl ?? pathToFileURL(rendererFile).href;

async function main(): Promise<void> {
  await app.whenReady();
  let running: Awaited<ReturnType<typeof createControlRoom>> | undefined;
  installHardening({ app, session: session.defaultSession, shell }, rendererUrl, (url) =>
    Boolean(running?.drillRooms?.isJoinUrl(url)),
  );
  try {
    // The environment overrides exist for tests and for running several profiles side by side.
    running = await createControlRoom({
      workspaceDir: process.env.CONTROL_ROOM_WORKSPACE ?? app.getPath('userData'),
      mode: 'electron',
      secrets: keychainSecrets(join(app.getPath('userData'), 'keychain'), safeStorage),
      ...(process.env.CONTROL_ROOM_ACTOR ? { actor: process.env.CONTROL_ROOM_ACTOR } : {}),
    });
  } catch (error) {
    dialog.showErrorBox(
      'Release Control Room cannot start',
      error instanceof Error ? error.message : String(error),
    );
    app.exit(2);
    return;
  }
  const window = new BrowserWindow(secureWindowOptions(join(import.meta.dirname, '../preload/index.cjs')));
  const disconnect = connectIpc(running.room, running.handlers, window, rendererUrl, running.actor);
  const stopOsNotifications = connectOsNotifications(running.notifications, {
    Notification,
    actor: running.actor,
    reveal: (hash) => revealAppRoute(window, rendererUrl, hash),
    opened: (ids) => running.notifications.markRead(running.actor, { ids }),
  });
  const stop = running.start();
  window.once('ready-to-show', () => window.show());
  if (devServerUrl) await window.loadURL(devServerUrl);
  else await window.loadFile(rendererFile);
  app.on('window-all-closed', () => {
    stop();
    stopOsNotifications();
    disconnect();
    running.close();
    app.quit();
  });
}

void main();
