// `sandbox fault`: sets (or clears) the fault switch on every instance of one version, through each
// instance's own control endpoint, and reports what each instance says it now does.
import { pidAlive } from './detached-process';
import { sandboxFiles } from './sandbox-files';
import { readSandboxState } from './sandbox-state';

export interface Fault {
  /** Share of requests answered with HTTP 500, 0 to 1. */
  errorRate: number;
  /** Delay added to every request. */
  latencyMs: number;
}

export interface FaultResult {
  instance: string;
  /** What the instance reports after the change; absent when it could not be reached. */
  fault?: Fault;
  error?: string;
}

/** Bad input: a service or version the sandbox does not run, no sandbox in the folder. */
export class SandboxInputError extends Error {}

export async function setSandboxFault(
  dir: string,
  service: string,
  version: string,
  fault: Fault | 'clear',
): Promise<FaultResult[]> {
  const files = sandboxFiles(dir);
  const state = readSandboxState(files.statePath);
  if (!state)
    throw new SandboxInputError(
      `No sandbox is running in ${files.dir}: start one with control-room sandbox up --dir ${files.dir}`,
    );
  const targets = state.instances.filter((i) => i.service === service && i.version === version);
  if (targets.length === 0) {
    const known = [...new Set(state.instances.map((i) => `${i.service} ${i.version}`))].join(', ');
    throw new SandboxInputError(`The sandbox runs no instance of ${service} ${version}; it runs ${known}`);
  }
  return Promise.all(
    targets.map(async (instance): Promise<FaultResult> => {
      if (!pidAlive(instance.pid))
        return { instance: instance.name, error: `not running (pid ${instance.pid})` };
      try {
        const response = await fetch(`${instance.url}/_control/fault`, {
          method: fault === 'clear' ? 'DELETE' : 'PUT',
          headers: { 'content-type': 'application/json' },
          ...(fault === 'clear' ? {} : { body: JSON.stringify(fault) }),
          signal: AbortSignal.timeout(3_000),
        });
        const body = (await response.json()) as Partial<Fault> & { error?: string };
        if (!response.ok) return { instance: instance.name, error: body.error ?? `HTTP ${response.status}` };
        return {
          instance: instance.name,
          fault: { errorRate: Number(body.errorRate), latencyMs: Number(body.latencyMs) },
        };
      } catch (error) {
        const why =
          error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
        return { instance: instance.name, error: `could not be reached at ${instance.url}: ${why}` };
      }
    }),
  );
}
