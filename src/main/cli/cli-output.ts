import type { Command } from 'commander';
import type { ApiEnvelope } from '../../shared/api';
import { defaultWorkspaceDir } from '../core/workspace';
import { CliError } from './api-caller';
import { terminalJson, terminalLine, terminalSafe, writeOut } from './terminal-text';

/** Where the running control room is, and the token to reach it with. */
export function addRoomOptions(command: Command): Command {
  return command
    .option('--workspace <dir>', 'workspace folder (config.yaml, audit.jsonl)', defaultWorkspaceDir())
    .option('--connect <url>', 'act through a running control room (browser-mode URL)')
    .option(
      '--token-file <file>',
      'read the access token for --connect from this file (or set CONTROL_ROOM_TOKEN)',
    )
    .option(
      '--token <token>',
      'access token for --connect; other users can see it in ps, so prefer CONTROL_ROOM_TOKEN or --token-file',
    );
}

/** A running control room if there is one, else the configured backends in-process. */
export function addConnectOptions(command: Command): Command {
  return addRoomOptions(command).option(
    '--actor <name>',
    'who to record when acting in-process (no control room running); a running control room records the person its token was issued to',
  );
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
