import type { Command } from 'commander';
import type { ApiEnvelope } from '../../shared/api';
import { defaultWorkspaceDir } from '../core/workspace';
import { CliError } from './api-caller';
import { terminalJson, terminalLine, terminalSafe, writeOut } from './terminal-text';

export function addConnectOptions(command: Command): Command {
  return command
    .option('--workspace <dir>', 'workspace folder (config.yaml, audit.jsonl)', defaultWorkspaceDir())
    .option('--connect <url>', 'act through a running control room (browser-mode URL)')
    .option('--token <token>', 'access token for --connect')
    .option('--actor <name>', 'name to record in the audit log');
}

export function unwrap<T>(envelope: ApiEnvelope<T>): T {
  if (envelope.ok) return envelope.value;
  const field = envelope.error.field ? ` (field: ${envelope.error.field})` : '';
  const exit = envelope.error.code === 'invalid-input' ? 2 : 1;
  throw new CliError(terminalLine(`${envelope.error.message}${field}`), exit);
}

/** JSON exactly, or text composed from a copy of the value whose strings are safe for a terminal. */
export function print<T>(json: boolean | undefined, value: T, text: (safe: T) => string): void {
  if (json) process.stdout.write(`${terminalJson(value)}\n`);
  else writeOut(`${text(terminalSafe(value))}\n`);
}
