// `control-room audit verify|head|export|seal`. verify, head and export read the log file directly
// (read-only), so they also work on a copy of someone else's log and while a control room is running;
// seal starts a new segment after a broken one and needs the workspace to itself.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import type { AuditRecord } from '../../shared/domain';
import { defaultActor } from '../compose/default-actor';
import { AuditLog, verifyAuditLog } from '../core/audit/audit-log';
import { exportAudit } from '../core/audit/export-audit';
import { headPathOf, readHead } from '../core/audit/head-checkpoint';
import { readHeadKeyFile } from '../core/audit/head-key';
import { systemClock } from '../core/clock';
import { lockWorkspace } from '../core/persistence/workspace-lock';
import { defaultWorkspaceDir, loadConfig, workspacePaths } from '../core/workspace';
import { CliError } from './api-caller';
import { terminalJson, terminalText, writeErr, writeOut } from './terminal-text';

function logPath(options: { file?: string; workspace: string }): string {
  const path = options.file ?? join(options.workspace, 'audit.jsonl');
  if (!existsSync(path)) throw new CliError(`No audit log at ${path}`);
  return path;
}

export function registerAuditCommand(program: Command): void {
  const audit = program.command('audit').description('verify, seal and export the tamper-evident audit log');

  audit
    .command('verify')
    .description(
      'check every record hash, the chain and the head checkpoint; exit 1 naming the first broken record',
    )
    .option('--file <path>', 'audit log to verify (default: the workspace audit.jsonl)')
    .option('--workspace <dir>', 'workspace folder', defaultWorkspaceDir())
    .option('--json', 'print JSON')
    .action((options: { file?: string; workspace: string; json?: boolean }) => {
      const path = logPath(options);
      const result = verifyAuditLog(path, readHeadKeyFile(path));
      if (options.json) process.stdout.write(`${terminalJson(result)}\n`);
      else if (result.ok) {
        const head = result.head
          ? `; head checkpoint at seq ${result.head.seq}${result.head.signatureValid ? ', signature valid' : result.head.signed ? ', signed (key not here: signature not checked)' : ''}`
          : '; no head checkpoint (records cut off the end would not be detected)';
        writeOut(`OK: ${result.records} records, chain intact${head} (${path})\n`);
      } else
        writeOut(
          `BROKEN at record seq ${result.firstBrokenSeq ?? '?'}${result.firstBrokenLine ? ` (line ${result.firstBrokenLine})` : ''}: ${result.problem ?? ''}\n` +
            `${result.records} records before it are intact (${path})\n`,
        );
      if (!result.ok) process.exitCode = 1;
    });

  audit
    .command('head')
    .description('print the head checkpoint (last seq and hash), to record it somewhere else')
    .option('--file <path>', 'audit log (default: the workspace audit.jsonl)')
    .option('--workspace <dir>', 'workspace folder', defaultWorkspaceDir())
    .option('--json', 'print JSON')
    .action((options: { file?: string; workspace: string; json?: boolean }) => {
      const path = logPath(options);
      const read = readHead(headPathOf(path));
      if (read.kind !== 'found')
        throw new CliError(
          read.kind === 'missing'
            ? `${path} has no head checkpoint yet (it is created when a control room opens the log)`
            : `the head checkpoint of ${path} is unreadable`,
          1,
        );
      if (options.json) process.stdout.write(`${JSON.stringify(read.head, null, 2)}\n`);
      else
        process.stdout.write(
          `seq ${read.head.seq} ${read.head.hash} ${read.head.time}${read.head.sig ? ` signed ${read.head.sig}` : ''}\n`,
        );
    });

  audit
    .command('seal')
    .description(
      'after a broken chain or a head mismatch: keep the broken log aside and start a new segment that names it',
    )
    .requiredOption('--reason <text>', 'why (recorded in the first record of the new segment)')
    .option('--workspace <dir>', 'workspace folder', defaultWorkspaceDir())
    .action((options: { reason: string; workspace: string }) => {
      const workspace = workspacePaths(options.workspace);
      logPath({ workspace: workspace.dir });
      if (options.reason.trim() === '') throw new CliError('--reason must say why the log is sealed');
      // Sealing rewrites what the log's head is: no control room may be appending meanwhile.
      const lock = lockWorkspace(workspace.dir, 'control-room audit seal');
      try {
        const headKey = readHeadKeyFile(workspace.auditPath);
        const { record, sealedTo } = AuditLog.seal(
          workspace.auditPath,
          systemClock,
          { actor: defaultActor(loadConfig(workspace)), reason: options.reason },
          headKey ? { headKey } : {},
        );
        process.stdout.write(
          `Sealed. The broken log is kept as ${sealedTo} (broken at seq ${String(record.details.firstBrokenSeq)}: ${String(record.details.problem)}).\n` +
            `A new segment starts with record 1 (${record.kind}) naming it and its SHA-256; its first ${String(record.details.lastGoodSeq)} records remain the history.\n`,
        );
      } catch (error) {
        if (error instanceof Error && /is intact/.test(error.message)) throw new CliError(error.message, 1);
        throw error;
      } finally {
        lock.release();
      }
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
