// Which process listens on a loopback TCP port: for a message that names who took a port, and to
// check that a server which answers on its port is the one the sandbox started. Linux reads /proc
// (the socket's inode, then the process holding it); elsewhere lsof, when it is installed.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';

export interface PortOwner {
  pid: number;
  command: string;
}

const LISTEN = '0A';

/** Inodes of the sockets listening on `port` (any local address), from /proc/net/tcp and tcp6. */
function listeningInodes(port: number): Set<string> {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      // sl local_address rem_address st tx:rx tr:tm retrnsmt uid timeout inode
      if (fields[1]?.endsWith(`:${hexPort}`) && fields[3] === LISTEN && fields[9]) inodes.add(fields[9]);
    }
  }
  return inodes;
}

function holdsSocket(pid: string, inodes: Set<string>): boolean {
  let fds: string[];
  try {
    fds = readdirSync(`/proc/${pid}/fd`);
  } catch {
    return false;
  }
  return fds.some((fd) => {
    try {
      const target = readlinkSync(`/proc/${pid}/fd/${fd}`);
      return target.startsWith('socket:[') && inodes.has(target.slice(8, -1));
    } catch {
      return false;
    }
  });
}

function commandLine(pid: string): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
  } catch {
    return '?';
  }
}

function lsofOwner(port: number): PortOwner | undefined {
  const lsof = spawnSync('lsof', ['-nP', `-iTCP:${port}`, '-sTCP:LISTEN', '-Fpc'], { encoding: 'utf8' });
  if (lsof.status !== 0) return undefined;
  const pid = /^p(\d+)$/m.exec(lsof.stdout)?.[1];
  const command = /^c(.*)$/m.exec(lsof.stdout)?.[1];
  return pid ? { pid: Number(pid), command: command ?? '?' } : undefined;
}

/** The process listening on `port`, or undefined when none is, or it cannot be seen (another user's). */
export function portOwner(port: number): PortOwner | undefined {
  if (!existsSync('/proc/net/tcp')) return lsofOwner(port);
  const inodes = listeningInodes(port);
  if (inodes.size === 0) return undefined;
  const pid = readdirSync('/proc').find((entry) => /^\d+$/.test(entry) && holdsSocket(entry, inodes));
  return pid === undefined ? undefined : { pid: Number(pid), command: commandLine(pid) };
}

/** Whether process `pid` listens on `port`; undefined when this system cannot tell. */
export function listensOn(pid: number, port: number): boolean | undefined {
  if (!existsSync('/proc/net/tcp')) {
    const owner = lsofOwner(port);
    return owner === undefined ? undefined : owner.pid === pid;
  }
  return holdsSocket(String(pid), listeningInodes(port));
}

/** "process 4242 (nc -l 41234)", or what can be said when the owner cannot be seen. */
export function describeOwner(port: number): string {
  const owner = portOwner(port);
  return owner ? `process ${owner.pid} (${owner.command})` : 'a process this user cannot see';
}
