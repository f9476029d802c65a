// Each test gets a fresh control room on the simulator (its own workspace) and a page showing it:
// browser mode in the system Chromium, or the Electron app when an Electron binary exists.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, chromium, _electron, type Page } from '@playwright/test';
import { findElectronBinary } from './electron-binary';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const root = join(import.meta.dirname, '..');

export interface ControlRoomServer {
  url: string;
  token: string;
  /** The read-only URL for shared screens. */
  observerUrl: string;
  workspace: string;
  process: ChildProcess;
}

/** Starts `control-room serve` from the build on a free port; resolves once it printed its URL. */
export async function startServe(
  workspace = mkdtempSync(join(tmpdir(), 'e2e-workspace-')),
  extraArgs: string[] = [],
): Promise<ControlRoomServer> {
  const child = spawn(
    process.execPath,
    [
      join(root, 'out/main/cli.js'),
      'serve',
      '--workspace',
      workspace,
      '--actor',
      'e2e-operator',
      ...extraArgs,
    ],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const printed = await new Promise<string>((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += String(chunk);
      if (out.includes('observer:')) resolve(out);
    });
    child.stderr?.on('data', (chunk: Buffer) => (err += String(chunk)));
    child.on('exit', (code) => reject(new Error(`serve exited with ${code}: ${err}`)));
  });
  // `  operator:  http://127.0.0.1:PORT/#token=T   NAME`: the token travels in the fragment only.
  const match = printed.match(/operator:\s+(http:\/\/\S+\/#token=(\S+))/);
  const observer = printed.match(/observer:\s+(http:\/\/\S+\/#token=\S+)/);
  if (!match?.[1] || !match[2] || !observer?.[1]) throw new Error(`serve printed no URL: ${printed}`);
  return { url: match[1], token: match[2], observerUrl: observer[1], workspace, process: child };
}

export async function stopServe(server: ControlRoomServer): Promise<void> {
  // A spec may have stopped it already (to restart it on the same workspace).
  if (server.process.exitCode === null && server.process.signalCode === null) {
    const exited = new Promise((resolve) => server.process.once('exit', resolve));
    server.process.kill('SIGTERM');
    await exited;
  }
  rmSync(server.workspace, { recursive: true, force: true });
}

export interface TargetOptions {
  target: 'browser' | 'electron';
}

interface Fixtures extends TargetOptions {
  /** The workspace folder of the control room under test, whichever the target. */
  workspace: string;
  server: ControlRoomServer | undefined;
  page: Page;
}

export const test = base.extend<Fixtures>({
  target: ['browser', { option: true }],
  workspace: async ({ target }, use) => {
    const workspace = mkdtempSync(join(tmpdir(), `e2e-${target}-`));
    await use(workspace);
    rmSync(workspace, { recursive: true, force: true });
  },
  server: async ({ target, workspace }, use) => {
    if (target !== 'browser') return use(undefined);
    const server = await startServe(workspace);
    await use(server);
    await stopServe(server);
  },
  page: async ({ target, server, workspace, viewport }, use) => {
    if (target === 'electron') {
      const binary = findElectronBinary();
      if ('why' in binary) return test.skip(true, binary.why);
      const app = await _electron.launch({
        executablePath: binary.path,
        args: [root],
        env: { ...process.env, CONTROL_ROOM_WORKSPACE: workspace, CONTROL_ROOM_ACTOR: 'e2e-operator' },
      });
      const page = await app.firstWindow();
      await use(page);
      await app.close();
      return;
    }
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    const context = await browser.newContext({ viewport: viewport ?? { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(server?.url ?? 'about:blank');
    await use(page);
    await browser.close();
  },
});

export const expect = test.expect;
