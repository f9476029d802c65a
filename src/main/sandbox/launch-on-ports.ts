// Starts a server that must be told its ports (HAProxy, Prometheus): pick free ones, start it, and
// wait until it is ready or has exited. A port taken between the pick and the bind makes the server
// exit with "address already in use": then it starts again on other ports, and after the last
// attempt the error names the port and the process that holds it.
import { readFileSync, statSync } from 'node:fs';
import { describeOwner } from './port-owner';
import type { PortPicker } from '../free-loopback-port';
import { startDetached, stopRecorded, type StartedProcess } from './detached-process';

export class PortTaken extends Error {}

export interface LaunchSpec<P extends string> {
  /** Pid and log file name, e.g. "haproxy". */
  name: string;
  /** For messages, e.g. "HAProxy". */
  label: string;
  /** What each port is for, e.g. ["frontend", "stats page"]. */
  ports: readonly P[];
  pickPort: PortPicker;
  attempts: number;
  readyWithinMs: number;
  cwd: string;
  logFile: string;
  pidFile: string;
  /** Writes the server's config for these ports; returns how to start it. */
  prepare(ports: Record<P, number>): { command: string; args: string[] };
  /** Whether the started server is ready (polled until it is, it exits, or time runs out). */
  isReady(started: StartedProcess, ports: Record<P, number>): Promise<boolean>;
}

export interface Launched<P extends string> {
  started: StartedProcess;
  ports: Record<P, number>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function logSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

function logSince(file: string, offset: number): string {
  try {
    return readFileSync(file).subarray(offset).toString('utf8');
  } catch {
    return '';
  }
}

async function pickDistinct<P extends string>(
  ports: readonly P[],
  pick: PortPicker,
): Promise<Record<P, number>> {
  const chosen = new Map<P, number>();
  for (const name of ports) {
    let port = await pick();
    for (let tries = 0; [...chosen.values()].includes(port) && tries < 20; tries++) port = await pick();
    chosen.set(name, port);
  }
  return Object.fromEntries(chosen) as Record<P, number>;
}

/** The port the server could not bind, when that is why it exited. */
function portInUse<P extends string>(log: string, ports: Record<P, number>): [P, number] | undefined {
  if (!/address already in use/i.test(log)) return undefined;
  return (Object.entries(ports) as [P, number][]).find(([, port]) => new RegExp(`:${port}\\b`).test(log));
}

export async function launchOnPorts<P extends string>(spec: LaunchSpec<P>): Promise<Launched<P>> {
  for (let attempt = 1; ; attempt++) {
    const ports = await pickDistinct(spec.ports, spec.pickPort);
    const { command, args } = spec.prepare(ports);
    const offset = logSize(spec.logFile);
    const started = await startDetached(spec.name, command, args, spec);
    const deadline = Date.now() + spec.readyWithinMs;
    for (;;) {
      if (started.child.exitCode !== null || started.child.signalCode !== null) break;
      if (await spec.isReady(started, ports).catch(() => false)) return { started, ports };
      if (Date.now() > deadline) {
        await stopRecorded(spec.pidFile);
        throw new Error(
          `${spec.label} did not become ready within ${spec.readyWithinMs / 1000} s; see ${spec.logFile}`,
        );
      }
      await sleep(100);
    }
    await stopRecorded(spec.pidFile); // exited: only the pid file is left
    const log = logSince(spec.logFile, offset);
    const taken = portInUse(log, ports);
    if (taken && attempt < spec.attempts) continue;
    if (taken)
      throw new PortTaken(
        `${spec.label} could not bind 127.0.0.1:${taken[1]} (its ${taken[0]}): the port was free when chosen, then ${describeOwner(taken[1])} took it; this happened ${spec.attempts} times in a row. Stop that process or run sandbox up again.`,
      );
    const how =
      started.child.exitCode !== null
        ? `with code ${started.child.exitCode}`
        : `on ${started.child.signalCode}`;
    const tail = log.trim().split('\n').slice(-5).join('\n');
    throw new Error(`${spec.label} exited ${how} while starting:\n${tail}\n(log: ${spec.logFile})`);
  }
}
