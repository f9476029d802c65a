// HAProxy's Runtime API over its stats socket (a unix path or tcp://host:port): one command per
// connection, the reply is everything HAProxy writes before it closes. Every call goes through the
// connection's health line with its deadline, so a hung socket fails the call instead of hanging it.
import { createConnection } from 'node:net';
import type { ConnectionHealth } from '../../core/connections/connection-health';

/** HAProxy answered a `set` command with words, which means it refused: its words are the message. */
export class HaproxyRefused extends Error {}

function endpoint(socket: string): { path: string } | { host: string; port: number } {
  const tcp = /^tcp:\/\/([^/:]+):(\d{1,5})$/.exec(socket);
  return tcp ? { host: tcp[1] as string, port: Number(tcp[2]) } : { path: socket };
}

export class RuntimeApi {
  constructor(
    private readonly socket: string,
    private readonly health: ConnectionHealth,
    private readonly timeoutMs: number,
  ) {}

  /** Sends one command and resolves with HAProxy's whole reply. */
  send(command: string): Promise<string> {
    const verb = command.split(' ').slice(0, 2).join(' ');
    return this.health.call(verb, this.timeoutMs, (signal) => this.exchange(command, signal));
  }

  /** A command that changes state: HAProxy answers those with nothing when it did it. */
  async set(command: string): Promise<void> {
    const reply = (await this.send(command)).trim();
    if (reply !== '') throw new HaproxyRefused(`HAProxy refused "${command}": ${reply}`);
  }

  private exchange(command: string, signal: AbortSignal): Promise<string> {
    return new Promise((resolve, reject) => {
      const conn = createConnection(endpoint(this.socket));
      const chunks: Buffer[] = [];
      const onAbort = (): void => {
        conn.destroy();
      };
      signal.addEventListener('abort', onAbort, { once: true });
      conn.on('connect', () => conn.write(`${command}\n`));
      conn.on('data', (chunk: Buffer) => chunks.push(chunk));
      conn.on('error', (error) => {
        signal.removeEventListener('abort', onAbort);
        reject(new Error(`HAProxy socket ${this.socket}: ${error.message}`, { cause: error }));
      });
      conn.on('end', () => {
        signal.removeEventListener('abort', onAbort);
        conn.destroy();
        const reply = Buffer.concat(chunks).toString('utf8');
        // HAProxy answers every command, a done `set` with an empty line: no bytes at all is no answer.
        if (reply === '')
          reject(new Error(`HAProxy socket ${this.socket} closed the connection without answering`));
        else resolve(reply);
      });
    });
  }
}
