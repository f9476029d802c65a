#!/usr/bin/env node
// The `control-room` CLI: every action the UI offers, scriptable, plus browser mode (`serve`).
import { Command, CommanderError } from 'commander';
import { YamlFileError } from './core/config/parse-yaml-file';
import { CliError } from './cli/api-caller';
import { registerAlertsCommand } from './cli/alerts-command';
import { registerAuditCommand } from './cli/audit-command';
import { registerCanaryCommand } from './cli/canary-command';
import { registerConnectionsCommand } from './cli/connections-command';
import { registerDrillCommand } from './cli/drill-command';
import { registerIncidentCommand } from './cli/incident-command';
import { registerFlagsCommand } from './cli/flags-command';
import { registerFreezeCommand } from './cli/freeze-command';
import { registerInviteCommand } from './cli/invite-command';
import { registerJudgeCommand } from './cli/judge-command';
import { registerMetricsCommand } from './cli/metrics-command';
import { registerMigrationsCommand } from './cli/migrations-command';
import { registerPostmortemCommand } from './cli/postmortem-command';
import { registerRolloutsCommand } from './cli/rollouts-command';
import { registerSandboxCommand } from './cli/sandbox-command';
import { registerServeCommand } from './cli/serve-command';
import { writeErr } from './cli/terminal-text';

const program = new Command()
  .name('control-room')
  .description('Release Control Room: rollouts, canary analysis and a tamper-evident audit log')
  .exitOverride();

registerServeCommand(program);
registerInviteCommand(program);
registerRolloutsCommand(program);
registerAuditCommand(program);
registerJudgeCommand(program);
registerCanaryCommand(program);
registerMigrationsCommand(program);
registerSandboxCommand(program);
registerConnectionsCommand(program);
registerAlertsCommand(program);
registerMetricsCommand(program);
registerIncidentCommand(program);
// After the incident command: it adds `incident postmortem` to it.
registerPostmortemCommand(program);
registerFreezeCommand(program);
registerFlagsCommand(program);
registerDrillCommand(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode === 0 ? 0 : 2;
    return;
  }
  const known = error instanceof CliError || error instanceof YamlFileError;
  writeErr(`control-room: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = error instanceof CliError ? error.exitCode : known ? 2 : 1;
});
