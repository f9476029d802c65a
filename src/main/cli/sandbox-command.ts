// `control-room sandbox up|fault|down`: the live-fire sandbox (a real HAProxy and Prometheus in front
// of a demo service, with steady load) and the workspace that points at it.
import { Option, type Command } from 'commander';
import { DEFAULT_SANDBOX_DIR } from '../sandbox/sandbox-files';
import { setSandboxFault, SandboxInputError, type Fault } from '../sandbox/sandbox-fault';
import { sandboxSummary } from '../sandbox/sandbox-state';
import { NEW_VERSION, SANDBOX_SERVICE } from '../sandbox/sandbox-topology';
import { startSandbox } from '../sandbox/start-sandbox';
import { stopSandbox } from '../sandbox/stop-sandbox';
import { CliError } from './api-caller';
import { print } from './cli-output';
import { writeErr, writeOut } from './terminal-text';

/** Errors of the sandbox as the CLI reports them: bad input exits 2, anything else 1. */
async function reported<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof CliError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new CliError(message, error instanceof SandboxInputError ? 2 : 1);
  }
}

/** A share of requests: 0.2, or 20%. */
function parseErrorRate(text: string): number {
  const percent = text.endsWith('%');
  const value = Number(percent ? text.slice(0, -1) : text);
  const rate = percent ? value / 100 : value;
  if (text.trim() === '' || !Number.isFinite(rate) || rate < 0 || rate > 1)
    throw new CliError(
      `--error-rate "${text}": give a share of requests from 0 to 1 (0.2) or a percentage (20%)`,
    );
  return rate;
}

function parseLatency(text: string): number {
  const ms = Number(text);
  if (!/^\d+$/.test(text) || ms > 60_000)
    throw new CliError(`--latency-ms "${text}": give whole milliseconds from 0 to 60000`);
  return ms;
}

const percent = (rate: number) => `${Math.round(rate * 1000) / 10}%`;

export function registerSandboxCommand(program: Command): void {
  const sandbox = program
    .command('sandbox')
    .description('the live-fire sandbox: a real HAProxy and Prometheus, a demo service and steady load');

  sandbox
    .command('up')
    .description('start the sandbox on free loopback ports and write a workspace that points at it')
    .option('--dir <dir>', 'the sandbox folder, also the workspace', DEFAULT_SANDBOX_DIR)
    .option('--json', 'print JSON')
    .action(async (options: { dir: string; json?: boolean }) => {
      const { state, warnings } = await reported(() => startSandbox({ dir: options.dir }));
      warnings.forEach((w) => writeErr(`warning: ${w}\n`));
      print(options.json, sandboxSummary(state), (s) =>
        [
          `Live-fire sandbox up in ${s.workspace}`,
          `  HAProxy      ${s.haproxy.frontend}   stats ${s.haproxy.stats}`,
          `  Runtime API  ${s.haproxy.socket}`,
          `  Prometheus   ${s.prometheus.url}   (scrapes every instance every 5 s)`,
          ...s.instances.map((i) => `  ${i.name.padEnd(12)} ${i.service} ${i.version}   ${i.url}`),
          `  Load         ${s.loadGenerator.ratePerSecond} req/s through HAProxy; what it sees: ${s.loadGenerator.status}`,
          '',
          `Watch it:      control-room serve --workspace ${s.workspace}`,
          `Break it:      control-room sandbox fault --dir ${s.workspace} ${SANDBOX_SERVICE} ${NEW_VERSION} --error-rate 20%`,
          `Stop it:       control-room sandbox down --dir ${s.workspace}`,
        ].join('\n'),
      );
    });

  sandbox
    .command('fault <service> <version>')
    .description('make every instance of a version fail or slow down (or --clear it)')
    .addOption(new Option('--dir <dir>', 'the sandbox folder').makeOptionMandatory())
    .option('--error-rate <r>', 'share of requests answered with HTTP 500: 0.2 or 20%')
    .option('--latency-ms <m>', 'milliseconds added to every request')
    .option('--clear', 'back to normal')
    .action(
      async (
        service: string,
        version: string,
        options: { dir: string; errorRate?: string; latencyMs?: string; clear?: boolean },
      ) => {
        const setting = options.errorRate !== undefined || options.latencyMs !== undefined;
        if (options.clear && setting)
          throw new CliError('--clear takes no --error-rate or --latency-ms: it turns the fault off');
        if (!options.clear && !setting) throw new CliError('give --error-rate, --latency-ms, or --clear');
        const fault: Fault | 'clear' = options.clear
          ? 'clear'
          : {
              errorRate: options.errorRate === undefined ? 0 : parseErrorRate(options.errorRate),
              latencyMs: options.latencyMs === undefined ? 0 : parseLatency(options.latencyMs),
            };
        const results = await reported(() => setSandboxFault(options.dir, service, version, fault));
        for (const r of results)
          writeOut(
            r.fault
              ? `${r.instance} (${service} ${version}): ${r.fault.errorRate === 0 && r.fault.latencyMs === 0 ? 'no fault' : `${percent(r.fault.errorRate)} errors, +${r.fault.latencyMs} ms`}\n`
              : `${r.instance} (${service} ${version}): not changed: ${r.error}\n`,
          );
        if (results.some((r) => r.error)) throw new CliError('the fault was not set on every instance', 1);
      },
    );

  sandbox
    .command('down')
    .description('stop everything sandbox up started in the folder (safe to run twice)')
    .addOption(new Option('--dir <dir>', 'the sandbox folder').makeOptionMandatory())
    .action(async (options: { dir: string }) => {
      const stopped = await reported(() => stopSandbox(options.dir));
      if (stopped.length === 0) writeOut(`No sandbox was running in ${options.dir}; nothing to stop.\n`);
      for (const s of stopped)
        writeOut(
          s.outcome === 'not ours'
            ? `${s.name}: pid ${s.pid} is now another process; left it alone\n`
            : `${s.name} (pid ${s.pid}): ${s.outcome}\n`,
        );
    });
}
