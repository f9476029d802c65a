// `sandbox up`: the demo service's instances, HAProxy in front of them, Prometheus scraping them and a
// load generator sending traffic through HAProxy, all on loopback, all detached with pid files and
// logs in the folder; then the workspace's config.yaml pointing at them. Either everything starts or
// nothing is left running.
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { holderAlive, LOCK_FILE, type LockHolder } from '../core/persistence/workspace-lock';
import { writeFileAtomic } from '../core/persistence/atomic-write';
import { openWorkspace } from '../core/workspace';
import { findResourcesDir } from '../resources-dir';
import { isRunning, pidAlive, readPidFile, startDetached, type StartedProcess } from './detached-process';
import { freeLoopbackPort, type PortPicker } from '../free-loopback-port';
import { launchHaproxy } from './launch-haproxy';
import { launchPrometheus } from './launch-prometheus';
import { findRequiredTools } from './required-tools';
import { sandboxFiles, type SandboxFiles } from './sandbox-files';
import { readSandboxState, sandboxPids, writeSandboxState, type SandboxState } from './sandbox-state';
import {
  LOAD_RATE,
  SANDBOX_ENVIRONMENT,
  SANDBOX_INSTANCES,
  SANDBOX_SERVICE,
  type SandboxInstanceSpec,
} from './sandbox-topology';
import { GENERATED_MARKER, sandboxWorkspaceConfig } from './sandbox-workspace-config';
import { lockSandbox, pidFiles, stopRecordedProcesses } from './stop-sandbox';

export interface StartSandboxOptions {
  dir: string;
  /** How ports are chosen (tests give one that returns a taken port). */
  pickPort?: PortPicker;
  /** Starts of HAProxy or Prometheus tried when their port is taken before they bind it. */
  attempts?: number;
  /** Where haproxy and prometheus are looked up. */
  path?: string;
}

export interface StartedSandbox {
  state: SandboxState;
  /** Things the person should know that did not stop the start. */
  warnings: string[];
}

/** A second `up` on a folder whose sandbox still runs. */
export class SandboxAlreadyUp extends Error {}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function describeRunning(files: SandboxFiles, running: { name: string; pid: number }[]): string {
  let state: SandboxState | undefined;
  try {
    state = readSandboxState(files.statePath);
  } catch {
    state = undefined;
  }
  const down = `control-room sandbox down --dir ${files.dir}`;
  if (!state)
    return `Processes of an earlier sandbox up in ${files.dir} are still running (${running.map((r) => `${r.name} pid ${r.pid}`).join(', ')}). Stop them first: ${down}`;
  return [
    `A sandbox is already running in ${files.dir} (started ${state.startedAt}):`,
    `  HAProxy ${state.haproxy.frontend} (pid ${state.haproxy.pid}), Runtime API ${state.haproxy.socket}`,
    `  Prometheus ${state.prometheus.url} (pid ${state.prometheus.pid})`,
    `  ${state.instances.length} demo instances, load generator pid ${state.loadGenerator.pid}`,
    `Use it as it is (control-room serve --workspace ${files.dir}), or stop it first: ${down}`,
  ].join('\n');
}

/** Refuses a folder whose sandbox runs; clears what a stopped or failed one left behind. */
function claimFolder(files: SandboxFiles): void {
  const running = pidFiles(files).flatMap((file) => {
    const record = readPidFile(file);
    return record && isRunning(record) ? [record] : [];
  });
  if (running.length > 0) throw new SandboxAlreadyUp(describeRunning(files, running));
  for (const file of pidFiles(files)) rmSync(file, { force: true });
  rmSync(files.statePath, { force: true });
  rmSync(files.loadStatus, { force: true });
}

/** A config.yaml the sandbox did not write is someone's workspace: never overwritten. */
function refuseForeignConfig(files: SandboxFiles): void {
  if (!existsSync(files.configPath)) return;
  const first = readFileSync(files.configPath, 'utf8').split('\n', 1)[0] ?? '';
  if (!first.startsWith(GENERATED_MARKER))
    throw new Error(
      `${files.configPath} exists and was not written by sandbox up: the sandbox would replace it. Choose another --dir`,
    );
}

function runningControlRoom(files: SandboxFiles): string | undefined {
  try {
    const holder = JSON.parse(readFileSync(join(files.dir, LOCK_FILE), 'utf8')) as LockHolder;
    return holderAlive(holder) ? `${holder.command} (pid ${holder.pid})` : undefined;
  } catch {
    return undefined;
  }
}

async function waitForReadyFile(
  started: StartedProcess,
  file: string,
  what: string,
  withinMs = 15_000,
): Promise<{ port?: number }> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    try {
      const ready = JSON.parse(readFileSync(file, 'utf8')) as { pid?: number; port?: number };
      if (ready.pid === started.record.pid) return ready;
    } catch {
      // not written yet
    }
    if (started.child.exitCode !== null || started.child.signalCode !== null) {
      const tail = readFileSync(started.logFile, 'utf8').trim().split('\n').slice(-5).join('\n');
      throw new Error(`${what} exited while starting:\n${tail}\n(log: ${started.logFile})`);
    }
    if (Date.now() > deadline)
      throw new Error(`${what} did not start within ${withinMs / 1000} s; see ${started.logFile}`);
    await sleep(50);
  }
}

async function startInstance(files: SandboxFiles, script: string, spec: SandboxInstanceSpec) {
  const ready = files.readyFile(spec.name);
  rmSync(ready, { force: true });
  // Port 0: the instance binds a port of its own choosing, so no other process can take it first.
  const started = await startDetached(
    spec.name,
    process.execPath,
    [
      script,
      `--service=${SANDBOX_SERVICE}`,
      `--environment=${SANDBOX_ENVIRONMENT}`,
      `--version=${spec.version}`,
      `--server=${spec.name}`,
      '--port=0',
      `--ready-file=${ready}`,
    ],
    { cwd: files.runDir, logFile: files.logFile(spec.name), pidFile: files.pidFile(spec.name) },
  );
  const { port } = await waitForReadyFile(started, ready, `demo instance ${spec.name}`);
  if (port === undefined) throw new Error(`demo instance ${spec.name} did not say which port it listens on`);
  return { spec, port, pid: started.record.pid };
}

async function startLoadGenerator(files: SandboxFiles, script: string, frontend: string) {
  const started = await startDetached(
    'load-generator',
    process.execPath,
    [script, `--target=${frontend}`, `--rate=${LOAD_RATE}`, `--status-file=${files.loadStatus}`],
    { cwd: files.runDir, logFile: files.logFile('load-generator'), pidFile: files.pidFile('load-generator') },
  );
  await waitForReadyFile(started, files.loadStatus, 'the load generator');
  return started.record.pid;
}

async function startEverything(
  files: SandboxFiles,
  options: StartSandboxOptions,
  tools: ReturnType<typeof findRequiredTools>,
) {
  const startedAt = new Date().toISOString();
  const scripts = join(findResourcesDir(), 'sandbox');
  const pickPort = options.pickPort ?? freeLoopbackPort;
  const instances = await Promise.all(
    SANDBOX_INSTANCES.map((spec) => startInstance(files, join(scripts, 'demo-service.mjs'), spec)),
  );
  const haproxy = await launchHaproxy({
    executable: tools.haproxy,
    configFile: files.haproxyConfig,
    socket: files.haproxySocket,
    servers: instances,
    cwd: files.runDir,
    logFile: files.logFile('haproxy'),
    pidFile: files.pidFile('haproxy'),
    pickPort,
    ...(options.attempts === undefined ? {} : { attempts: options.attempts }),
  });
  const prometheus = await launchPrometheus({
    executable: tools.prometheus,
    configFile: files.prometheusConfig,
    dataDir: files.prometheusData,
    instancePorts: instances.map((i) => i.port),
    haproxyStatsPort: haproxy.ports['stats page'],
    cwd: files.runDir,
    logFile: files.logFile('prometheus'),
    pidFile: files.pidFile('prometheus'),
    pickPort,
    ...(options.attempts === undefined ? {} : { attempts: options.attempts }),
  });
  const frontend = `http://127.0.0.1:${haproxy.ports.frontend}/`;
  const loadPid = await startLoadGenerator(files, join(scripts, 'load-generator.mjs'), frontend);
  const state: SandboxState = {
    workspace: files.dir,
    startedAt,
    haproxy: {
      pid: haproxy.started.record.pid,
      socket: files.haproxySocket,
      frontend,
      stats: `http://127.0.0.1:${haproxy.ports['stats page']}/`,
    },
    prometheus: {
      pid: prometheus.started.record.pid,
      url: `http://127.0.0.1:${prometheus.ports['web port']}`,
    },
    loadGenerator: { pid: loadPid, status: files.loadStatus, ratePerSecond: LOAD_RATE },
    instances: instances.map(({ spec, port, pid }) => ({
      name: spec.name,
      service: SANDBOX_SERVICE,
      environment: SANDBOX_ENVIRONMENT,
      version: spec.version,
      url: `http://127.0.0.1:${port}`,
      pid,
    })),
  };
  writeFileAtomic(
    files.configPath,
    sandboxWorkspaceConfig({ socket: state.haproxy.socket, prometheusUrl: state.prometheus.url }),
  );
  writeSandboxState(files.statePath, state);
  return state;
}

export async function startSandbox(options: StartSandboxOptions): Promise<StartedSandbox> {
  // Everything that can refuse does so before anything is written or started.
  const tools = findRequiredTools(options.path);
  const files = sandboxFiles(options.dir);
  refuseForeignConfig(files);
  openWorkspace(files.dir);
  mkdirSync(files.runDir, { recursive: true, mode: 0o700 });
  const lock = lockSandbox(files, 'control-room sandbox up');
  try {
    claimFolder(files);
    const warnings: string[] = [];
    const room = runningControlRoom(files);
    if (room)
      warnings.push(
        `${room} runs on this workspace with the previous sandbox's ports; restart it to use the new ones.`,
      );
    try {
      const state = await startEverything(files, options, tools);
      const exited = sandboxPids(state).filter((pid) => !pidAlive(pid));
      if (exited.length > 0)
        throw new Error(`process ${exited.join(', ')} of the sandbox exited right after it started`);
      return { state, warnings };
    } catch (error) {
      await stopRecordedProcesses(files);
      const why = error instanceof Error ? error.message : String(error);
      throw new Error(`${why}\nNothing of the sandbox is left running; the logs are in ${files.runDir}.`, {
        cause: error,
      });
    }
  } finally {
    lock.release();
  }
}
