// `sandbox up` when the machine is not as it expects: a port it chose taken before HAProxy binds it
// (taken once: it starts on others; taken every time: it refuses, naming the port and its holder,
// and leaves nothing running), and haproxy or prometheus not installed.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { freeLoopbackPort, type PortPicker } from '../src/main/free-loopback-port';
import { startSandbox } from '../src/main/sandbox/start-sandbox';
import { stopSandbox } from '../src/main/sandbox/stop-sandbox';
import { controlRoom, processGone } from './support/live-sandbox';

const parent = mkdtempSync(join(tmpdir(), 'sandbox-faults-'));
const dirs: string[] = [];
let holder: Server;
let taken: number;

beforeAll(async () => {
  holder = createServer();
  await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
  taken = (holder.address() as { port: number }).port;
});

afterEach(async () => {
  for (const dir of dirs.splice(0)) await stopSandbox(dir);
});

afterAll(async () => {
  await new Promise((resolve) => holder.close(resolve));
  rmSync(parent, { recursive: true, force: true });
});

function freshDir(name: string): string {
  const dir = join(parent, name);
  dirs.push(dir);
  return dir;
}

/** Processes whose command line mentions the folder: what a sandbox there would have left running. */
function processesIn(dir: string): string[] {
  return readdirSync('/proc')
    .filter((p) => /^\d+$/.test(p) && !processGone(Number(p)))
    .flatMap((p) => {
      try {
        const command = readFileSync(`/proc/${p}/cmdline`, 'utf8').split('\0').join(' ');
        return command.includes(dir) ? [`${p}: ${command}`] : [];
      } catch {
        return [];
      }
    });
}

describe('the sandbox ports taken', () => {
  it('starts on other ports when a port it picked is taken before HAProxy binds it', async () => {
    const dir = freshDir('taken-once');
    let first = true;
    // The race a real machine has: the port was free when picked, then someone else bound it.
    const pickPort: PortPicker = () => {
      if (!first) return freeLoopbackPort();
      first = false;
      return Promise.resolve(taken);
    };
    const { state } = await startSandbox({ dir, pickPort });
    expect(state.haproxy.frontend).not.toContain(`:${taken}/`);
    const answer = await fetch(state.haproxy.frontend);
    expect([200, 500]).toContain(answer.status);
    // The failed first start is in HAProxy's log, the port named.
    expect(readFileSync(join(dir, 'sandbox', 'haproxy.log'), 'utf8')).toMatch(
      new RegExp(`Address already in use.*${taken}|${taken}.*Address already in use`, 'i'),
    );
  }, 60_000);

  it('refuses when the port stays taken, naming the port and its holder, and leaves nothing running', async () => {
    const dir = freshDir('taken-always');
    const started = startSandbox({ dir, pickPort: () => Promise.resolve(taken), attempts: 2 });
    const error = await started.then(
      () => undefined,
      (e: Error) => e,
    );
    expect(error?.message).toContain(`HAProxy could not bind 127.0.0.1:${taken}`);
    expect(error?.message).toContain(`then process ${process.pid} (`);
    expect(error?.message).toContain('this happened 2 times in a row');
    expect(error?.message).toContain('Nothing of the sandbox is left running');
    expect(processesIn(dir)).toEqual([]);
    expect(readdirSync(join(dir, 'sandbox')).filter((n) => n.endsWith('.pid'))).toEqual([]);
    expect(existsSync(join(dir, 'config.yaml'))).toBe(false);
    // The listener that held the port was never touched.
    expect(holder.listening).toBe(true);
  }, 60_000);
});

describe('haproxy or prometheus not installed', () => {
  it('says exactly how to install them, and starts and writes nothing', () => {
    const dir = freshDir('no-tools');
    // PATH without either; node itself is run by its absolute path.
    const run = controlRoom(['sandbox', 'up', '--dir', dir], { PATH: '/nonexistent', HOME: parent });
    expect(run.code).toBe(1);
    expect(run.out).toBe('');
    expect(run.err).toContain('haproxy and prometheus are not on PATH');
    expect(run.err).toContain('sudo apt-get install haproxy prometheus');
    expect(existsSync(dir)).toBe(false);
  });
});
