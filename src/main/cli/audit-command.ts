// `control-room audit verify|export`: work on the log file directly, read-only, so they also work
// on a copy of someone else's log and while a control room is running.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import type { AuditRecord } from '../../shared/domain';
import { exportAudit } from '../core/audit/export-audit';
import { verifyAuditFile } from '../core/audit/verify-audit';
import { defaultWorkspaceDir } from '../core/workspace';
import { CliError } from './api-caller';
import { terminalJson, terminalText, writeErr, writeOut } from './terminal-text';

function logPath(options: { file?: string; workspace: string }): string {
  const path = options.file ?? join(options.workspace, 'audit.jsonl');
  if (!existsSync(path)) throw new CliError(`No audit log at ${path}`);
  return path;
}

export function registerAuditCommand(program: Command): void {
  const audit = program.command('audit').description('verify and export the tamper-evident audit log');

  audit
    .command('verify')
    .description('check every record hash and the chain; exit 1 naming the first broken record')
    .option('--file <path>', 'audit log to verify (default: the workspace audit.jsonl)')
    .option('--workspace <dir>', 'workspace folder', defaultWorkspaceDir())
    .option('--json', 'print JSON')
    .action((options: { file?: string; workspace: string; json?: boolean }) => {
      const path = logPath(options);
      const result = verifyAuditFile(path);
      if (options.json) process.stdout.write(`${terminalJson(result)}\n`);
      else if (result.ok) writeOut(`OK: ${result.records} records, chain intact (${path})\n`);
      else
        writeOut(
          `BROKEN at record seq ${result.firstBrokenSeq ?? '?'} (line ${result.firstBrokenLine ?? '?'}): ${result.problem ?? ''}\n` +
            `${result.records} records before it are intact (${path})\n`,
        );
      if (!result.ok) process.exitCode = 1;
    });

  audit
    .command('export')
    .description('write the log as JSON, CSV or Markdown')
    .requiredOption('--format <format>', 'json | csv | md')
    .option('--file <path>', 'audit log to read (default: the workspace audit.jsonl)')
    .option('--out <path>', 'write here instead of standard output')
    .option('--workspace <dir>', 'workspace folder', defaultWorkspaceDir())
    .action((options: { format: string; file?: string; out?: string; workspace: string }) => {
      if (options.format !== 'json' && options.format !== 'csv' && options.format !== 'md')
        throw new CliError(`--format must be json, csv or md, not "${options.format}"`);
      const path = logPath(options);
      const records: AuditRecord[] = [];
      readFileSync(path, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (line.trim() === '') return;
          try {
            records.push(JSON.parse(line) as AuditRecord);
          } catch {
            writeErr(`skipped ${path}:${i + 1}: not a whole JSON record\n`);
          }
        });
      const text = exportAudit(records, options.format);
      if (options.out) writeFileSync(options.out, text, { mode: 0o600 });
      // A file or a pipe gets the export as it is; a terminal, nothing that could drive it.
      else if (process.stdout.isTTY) process.stdout.write(terminalText(text.replace(/\r\n/g, '\n')));
      else process.stdout.write(text);
    });
}
