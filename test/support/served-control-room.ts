// The built control room in browser mode, as a person starts it: `out/main/cli.js serve` in a child
// process, called over HTTP with the operator token it printed, stopped by signal.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { AuditRecord } from '../../src/shared/domain';

export const BUILT_CLI = join(import.meta.dirname, '..', '..', 'out/main/cli.js');

export interface Served {
  child: ChildProcess;
  base: string;
  token: string;
  /** What it wrote to stderr so far. */
  err: () => string;
}

/** An API answer as the tests read it: the fields they assert on. */
export interface Answer {
  status: number;
  body: {
    ok: boolean;
    value: {
      storage: unknown;
      records: AuditRecord[];
      currentStepIndex: number;
      revision: number;
      applied: boolean;
      ok: boolean;
      [field: string]: unknown;
    };
    error: { code: string; message: string };
  };
}

/** Starts serve on `dir`; resolves once it printed its URLs, rejects (with code and stderr) if it exits. */
export function serve(dir: string, args: string[] = []): Promise<Served> {
  if (!existsSync(BUILT_CLI)) throw new Error(`${BUILT_CLI} is missing: run \`npm run build\` first`);
  const child = spawn(process.execPath, [BUILT_CLI, 'serve', '--workspace', dir, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr?.on('data', (c: Buffer) => (err += String(c)));
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (c: Buffer) => {
      out += String(c);
      const url = /operator:\s+(http:\/\/[^\s/]+)\/\S*token=([\w-]+)/.exec(out);
      if (url?.[1] && url[2] && /observer:/.test(out))
        resolve({ child, base: url[1], token: url[2], err: () => err });
    });
    child.once('exit', (code) =>
      reject(Object.assign(new Error(`serve exited with ${code}: ${err}`), { code, err })),
    );
  });
}

export function stopServed(s: Served, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  return new Promise((resolve) => {
    if (s.child.exitCode !== null || s.child.signalCode !== null) return resolve();
    s.child.once('exit', () => resolve());
    s.child.kill(signal);
  });
}

export async function apiCall(
  s: Served,
  method: string,
  input: unknown,
  signal?: AbortSignal,
): Promise<Answer> {
  const response = await fetch(`${s.base}/api/${method}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${s.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(input),
    ...(signal ? { signal } : {}),
  });
  return { status: response.status, body: (await response.json()) as Answer['body'] };
}
