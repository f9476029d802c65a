// `control-room incident ...`: declare, resolve (only with a root cause), list and show incidents.
// Exported so other subcommands (postmortem) attach to the same `incident` command.
import type { Command } from 'commander';
import { SEVERITIES, type Incident } from '../../shared/incidents';
import { openCaller, CliError, type ConnectOptions } from './api-caller';
import { addConnectOptions, print, unwrap } from './cli-output';
import { formatTable } from './format-table';

interface JsonOption extends ConnectOptions {
  json?: boolean;
}

function stateText(i: Incident): string {
  return i.resolvedAt === undefined ? '● open (releases frozen)' : `✔ resolved ${i.resolvedAt}`;
}

function listText(incidents: Incident[]): string {
  if (incidents.length === 0) return 'No incidents declared in this workspace.';
  return formatTable(
    ['ID', 'SEVERITY', 'STATE', 'COMMANDER', 'DECLARED', 'TITLE'],
    incidents.map((i) => [i.id, i.severity, stateText(i), i.commander, i.declaredAt, i.title]),
  );
}

function showText(i: Incident): string {
  return [
    `${i.id}  ${i.severity}  “${i.title}”`,
    `state: ${stateText(i)}`,
    `commander: ${i.commander}   declared ${i.declaredAt} by ${i.declaredBy} (audit record #${i.auditSeq})`,
    ...(i.resolvedAt === undefined
      ? [
          'Releases are frozen until it is resolved with a root cause: control-room incident resolve ' +
            i.id +
            ' --rca TEXT_OR_URL',
        ]
      : [`resolved by ${i.resolvedBy ?? 'unknown'}; root cause: ${i.rca ?? ''}`]),
    `freeze overrides: ${i.overrides.length === 0 ? 'none' : ''}`,
    ...i.overrides.map(
      (o) =>
        `  ${o.time}  ${o.actor}: ${o.action} ${o.rollout} — “${o.reason}” (audit record #${o.auditSeq})`,
    ),
  ].join('\n');
}

/** Returns the `incident` command, so that other helpers' subcommands can be added to it. */
export function registerIncidentCommand(program: Command): Command {
  const incident = program
    .command('incident')
    .description('declare and resolve incidents: an open incident freezes releases');

  addConnectOptions(
    incident
      .command('declare')
      .description('declare an incident: promotions and roll-forwards are refused until it is resolved'),
  )
    .requiredOption('--title <text>', 'what is broken, in a few words')
    .requiredOption('--severity <sev>', `one of ${SEVERITIES.join(', ')}`)
    .option('--commander <name>', 'who leads the response (default: you)')
    .option('--json', 'print JSON')
    .action(async (options: JsonOption & { title: string; severity: string; commander?: string }) => {
      const severity = options.severity.toUpperCase();
      if (!(SEVERITIES as readonly string[]).includes(severity))
        throw new CliError(`--severity must be one of ${SEVERITIES.join(', ')}, not "${options.severity}"`);
      const caller = await openCaller(options);
      const declared = unwrap(
        await caller.call('incidents.declare', {
          title: options.title,
          severity: severity as Incident['severity'],
          ...(options.commander === undefined ? {} : { commander: options.commander }),
        }),
      );
      print(options.json, declared, (i) => `● ${i.id} declared: releases are frozen.\n${showText(i)}`);
    });

  addConnectOptions(
    incident.command('resolve <id>').description('resolve with a root-cause note or link; the freeze lifts'),
  )
    .option('--rca <text-or-url>', 'the root cause, or a link to the analysis (required)')
    .option('--json', 'print JSON')
    .action(async (id: string, options: JsonOption & { rca?: string }) => {
      const caller = await openCaller(options);
      // Sent without one too: the core refuses it and records the refusal.
      const resolved = unwrap(
        await caller.call('incidents.resolve', {
          id,
          ...(options.rca === undefined ? {} : { rca: options.rca }),
        }),
      );
      print(options.json, resolved, (i) => `✔ ${i.id} resolved: the freeze is lifted.\n${showText(i)}`);
    });

  addConnectOptions(incident.command('list').description('every incident, newest first'))
    .option('--json', 'print JSON')
    .action(async (options: JsonOption) => {
      const caller = await openCaller(options);
      print(options.json, unwrap(await caller.call('incidents.list', {})), listText);
    });

  addConnectOptions(incident.command('show <id>').description('one incident with its freeze overrides'))
    .option('--json', 'print JSON')
    .action(async (id: string, options: JsonOption) => {
      const caller = await openCaller(options);
      print(options.json, unwrap(await caller.call('incidents.get', { id })), showText);
    });

  return incident;
}
