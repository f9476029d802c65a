// sandbox/sandbox.json: what a `sandbox up` started and where it listens. `fault` and `down` read it,
// a second `up` names it, and `up --json` prints its summary. Read back through its schema, so a
// damaged file is reported with its field, never half-trusted.
import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { writeFileAtomic } from '../core/persistence/atomic-write';

const pid = z.number().int().positive();

export const sandboxStateSchema = z
  .object({
    workspace: z.string(),
    startedAt: z.string(),
    haproxy: z.object({ pid, socket: z.string(), frontend: z.string(), stats: z.string() }).strict(),
    prometheus: z.object({ pid, url: z.string() }).strict(),
    loadGenerator: z.object({ pid, status: z.string(), ratePerSecond: z.number() }).strict(),
    instances: z.array(
      z
        .object({
          name: z.string(),
          service: z.string(),
          environment: z.string(),
          version: z.string(),
          url: z.string(),
          pid,
        })
        .strict(),
    ),
  })
  .strict();
export type SandboxState = z.output<typeof sandboxStateSchema>;

/** What `sandbox up --json` prints: the contract's keys (workspace, haproxy.socket, prometheus.url, pids) and the rest of what is running. */
export function sandboxSummary(state: SandboxState) {
  return { ...state, pids: sandboxPids(state) };
}

export function sandboxPids(state: SandboxState): number[] {
  return [
    ...state.instances.map((i) => i.pid),
    state.haproxy.pid,
    state.prometheus.pid,
    state.loadGenerator.pid,
  ];
}

export function writeSandboxState(path: string, state: SandboxState): void {
  writeFileAtomic(path, `${JSON.stringify(state, null, 2)}\n`);
}

/** The recorded sandbox, undefined when there is none; throws naming the field when it is damaged. */
export function readSandboxState(path: string): SandboxState | undefined {
  if (!existsSync(path)) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`${path} is not valid JSON (${error instanceof Error ? error.message : String(error)})`, {
      cause: error,
    });
  }
  const parsed = sandboxStateSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${path}: ${issue?.path.join('.') || '(top)'}: ${issue?.message}`);
  }
  return parsed.data;
}
