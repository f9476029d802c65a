// Runs the built Electron main (out/main/index.js) in a child Node process with the stand-in
// 'electron', and lets a test drive it: what Electron or a web page would do, answered by the app.
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { DriverCommand, DriverEvent, DriverReply, DriverResults } from './electron-stand-in/protocol';

export interface BuiltMain {
  run<C extends DriverCommand>(command: C): Promise<DriverResults[C['op']]>;
  /** Resolves with the first event of that kind (or at once if it already came). */
  next<E extends DriverEvent['event']>(event: E): Promise<Extract<DriverEvent, { event: E }>>;
  exited: Promise<number | null>;
  /** What the process printed, for failure messages. */
  output(): string;
  stop(): void;
}

export interface LaunchOptions {
  root: string;
  workspace: string;
  userData: string;
  actor: string;
}

export async function launchBuiltMain({
  root,
  workspace,
  userData,
  actor,
}: LaunchOptions): Promise<BuiltMain> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    CONTROL_ROOM_WORKSPACE: workspace,
    CONTROL_ROOM_ACTOR: actor,
    ELECTRON_STAND_IN_USER_DATA: userData,
  };
  delete env.ELECTRON_RENDERER_URL; // the packaged app loads its built renderer file
  const child: ChildProcess = fork(join(root, 'out/main/index.js'), [], {
    cwd: root,
    env,
    execArgv: ['--import', 'tsx', '--import', join(import.meta.dirname, 'electron-stand-in/register.ts')],
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let printed = '';
  child.stdout?.on('data', (chunk: Buffer) => (printed += String(chunk)));
  child.stderr?.on('data', (chunk: Buffer) => (printed += String(chunk)));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  const events: DriverEvent[] = [];
  const waiting: Array<{ event: string; resolve(e: DriverEvent): void }> = [];
  child.on('message', (message: DriverReply | DriverEvent) => {
    if ('event' in message) {
      events.push(message);
      for (const w of waiting.filter((x) => x.event === message.event)) w.resolve(message);
      return;
    }
    const call = pending.get(message.id);
    pending.delete(message.id);
    if (message.ok) call?.resolve(message.result);
    else call?.reject(new Error(message.error));
  });
  void exited.then((code) => {
    const why = new Error(`the app exited (code ${code}) before answering:\n${printed}`);
    for (const call of pending.values()) call.reject(why);
  });

  let nextId = 1;
  const main: BuiltMain = {
    run(command) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
        child.send({ ...command, id });
      });
    },
    next(event) {
      const seen = events.find((e) => e.event === event);
      if (seen) return Promise.resolve(seen as never);
      return new Promise((resolve) => waiting.push({ event, resolve: resolve as (e: DriverEvent) => void }));
    },
    exited,
    output: () => printed,
    stop: () => void child.kill('SIGTERM'),
  };
  // Started means the window loaded its page, or the app said why it could not start.
  const started = await Promise.race([
    main.next('window-loaded'),
    main.next('error-box'),
    exited.then((code) => ({ event: 'exit' as const, code })),
  ]);
  if (started.event !== 'window-loaded') {
    main.stop();
    throw new Error(`the built main did not open its window (${JSON.stringify(started)}):\n${printed}`);
  }
  return main;
}
