// The Settings screen's Test of an HAProxy connection over its Runtime API: that the socket answers,
// at admin level (weights cannot be set below it), and that every configured backend and server
// exists. One command per connection: in non-interactive mode HAProxy answers and closes.
import { createConnection, type Socket } from 'node:net';
import type { ConnectionCheck } from '../../../shared/api';
import type { ConnectionProbe } from '../../core/connections/connection-directory';
import type { HaproxyConnection } from '../../core/connections/haproxy-connection';

function open(socket: string): Socket {
  const tcp = /^tcp:\/\/(.+):(\d+)$/.exec(socket);
  return tcp?.[1] && tcp[2]
    ? createConnection({ host: tcp[1].replace(/^\[(.*)\]$/, '$1'), port: Number(tcp[2]) })
    : createConnection({ path: socket });
}

function command(socket: string, line: string, signal: AbortSignal): Promise<string> {
  return new Promise((resolve, reject) => {
    const conn = open(socket);
    let reply = '';
    const abort = (): void => void conn.destroy(new Error('aborted'));
    signal.addEventListener('abort', abort, { once: true });
    conn.setEncoding('utf8');
    conn.on('connect', () => conn.end(`${line}\n`));
    conn.on('data', (chunk: string) => (reply += chunk));
    conn.on('error', (error) => reject(new Error(`${socket}: ${error.message}`)));
    conn.on('close', () => {
      signal.removeEventListener('abort', abort);
      resolve(reply.trim());
    });
  });
}

export const haproxyProbe: ConnectionProbe<HaproxyConnection> = async (c, signal) => {
  const info = await command(c.socket, 'show info', signal);
  const version = /^Version: (.+)$/m.exec(info)?.[1];
  if (!version)
    throw new Error(`${c.socket} answered, but not as HAProxy's Runtime API does: ${info.slice(0, 120)}`);
  const level = await command(c.socket, 'show cli level', signal);
  const backends = new Set(
    (await command(c.socket, 'show backend', signal)).split('\n').filter((l) => !l.startsWith('#')),
  );
  const checks: ConnectionCheck[] = [
    { name: 'Runtime API answers', ok: true, detail: `HAProxy ${version}` },
    {
      name: 'Admin level',
      ok: level === 'admin',
      detail:
        level === 'admin'
          ? 'admin: weights and server states can be set'
          : `${level}: the control room needs "level admin" on this stats socket to set weights`,
    },
  ];
  for (const service of c.services) {
    const what = `Backend ${service.backend}`;
    if (!backends.has(service.backend)) {
      checks.push({
        name: what,
        ok: false,
        detail: `HAProxy has no backend ${service.backend} (for ${service.service} in ${service.environment})`,
      });
      continue;
    }
    // `show servers state`: a version line, a header, then one line per server; the 4th field is its name.
    const state = await command(c.socket, `show servers state ${service.backend}`, signal);
    const known = new Set(
      state
        .split('\n')
        .slice(2)
        .map((l) => l.split(' ')[3])
        .filter((n): n is string => n !== undefined),
    );
    const unknown = Object.keys(service.servers ?? {}).filter((s) => !known.has(s));
    checks.push({
      name: what,
      ok: unknown.length === 0,
      detail:
        unknown.length === 0
          ? `${known.size} server${known.size === 1 ? '' : 's'} (for ${service.service} in ${service.environment})`
          : `HAProxy knows no server ${unknown.join(', ')} in ${service.backend} (it has ${[...known].join(', ') || 'none'})`,
    });
  }
  return checks;
};
