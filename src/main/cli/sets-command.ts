// `control-room sets list|show|start|pause|resume|abort SET [--environment E] [--json]`: release
// sets from a terminal. Acting needs the environment: a set runs in one environment at a time.
import { randomUUID } from 'node:crypto';
import type { Command } from 'commander';
import type {
  MemberState,
  MemberStatus,
  ReleaseSetMember,
  ReleaseSetRun,
  ReleaseSetSummary,
} from '../../shared/release-sets';
import { CliError, openCaller, type ConnectOptions } from './api-caller';
import { addConnectOptions, print, unwrap } from './cli-output';
import { formatTable } from './format-table';

interface SetOptions extends ConnectOptions {
  json?: boolean;
  environment?: string;
  reason?: string;
  idempotencyKey?: string;
}

/** Never by colour alone: a mark and a word. */
const MEMBER_MARK: Record<MemberState, string> = {
  waiting: '○',
  'rolling-out': '▶',
  paused: '⏸',
  done: '✔',
  aborted: '⎌',
  failed: '✖',
};

function label(m: ReleaseSetMember): string {
  return m.kind === 'service' ? `${m.service} ${m.version}` : `${m.plan} schema ${m.phase}`;
}

function runWord(run: ReleaseSetRun): string {
  return `${run.environment} ${run.state}`;
}

function listText(sets: ReleaseSetSummary[]): string {
  if (sets.length === 0)
    return "No release sets: define them under releaseSets: in config.yaml or in the workspace's sets/ folder.";
  const table = formatTable(
    ['SET', 'MEMBERS', 'RUNS', 'SOURCE'],
    sets.map((s) => [
      s.definition.name,
      s.definition.members.map(label).join(' + '),
      s.runs.map(runWord).join(', ') || 'idle',
      s.definition.source,
    ]),
  );
  const problems = sets.flatMap((s) =>
    (s.definition.problems ?? []).map((p) => `PROBLEM ${s.definition.name}: ${p}`),
  );
  return [table, ...problems].join('\n');
}

function memberLine(m: MemberStatus): string {
  const at = m.weight === undefined ? '' : ` ${m.weight}%`;
  const health = m.health && m.health !== 'unknown' ? ` ${m.health}` : '';
  const gate = m.gate ? `   gate: ${m.gate.holds ? '✔ holds' : '✖ waits'} — ${m.gate.reason}` : '';
  return `  ${MEMBER_MARK[m.state]} ${m.label.padEnd(28)} ${m.state}${at}${health}${m.rollout ? ` (${m.rollout})` : ''}${gate}`;
}

function runText(run: ReleaseSetRun): string {
  return [
    `${run.set} in ${run.environment}: ${run.state} — ${run.verdict}`,
    ...(run.startedBy ? [`started by ${run.startedBy} at ${run.startedAt ?? ''}`] : []),
    ...run.members.map(memberLine),
    `audit records: ${run.auditSeqs.map((s) => `#${s}`).join(' ')}`,
  ].join('\n');
}

function showText(s: ReleaseSetSummary): string {
  const d = s.definition;
  return [
    `${d.name}${d.description ? `  ${d.description}` : ''}   (${d.source})`,
    `members, in release order: ${d.members.map(label).join(' + ')}`,
    ...(d.environments ? [`environments: ${d.environments.join(', ')}`] : []),
    ...(d.problems ?? []).map((p) => `PROBLEM ${p}`),
    ...(s.runs.length === 0 ? ['not run yet'] : s.runs.map(runText)),
  ].join('\n');
}

function needEnvironment(verb: string, set: string, options: SetOptions): string {
  if (options.environment) return options.environment;
  throw new CliError(
    `sets ${verb} needs --environment: a set runs in one environment at a time (see control-room sets show ${set})`,
  );
}

export function registerSetsCommand(program: Command): void {
  const sets = program
    .command('sets')
    .description('release sets: components released together, in order, with gates between them');

  addConnectOptions(sets.command('list').description('every release set with its runs'))
    .option('--json', 'print JSON')
    .action(async (options: SetOptions) => {
      const list = unwrap(await (await openCaller(options)).call('sets.list', {}));
      print(options.json, list, listText);
    });

  addConnectOptions(
    sets.command('show <set>').description('one set: members, their rollouts, the gates, the verdict'),
  )
    .option('--environment <env>', 'only its run in this environment')
    .option('--json', 'print JSON')
    .action(async (set: string, options: SetOptions) => {
      const input = options.environment ? { set, environment: options.environment } : { set };
      const shown = unwrap(await (await openCaller(options)).call('sets.show', input));
      print(options.json, shown, showText);
    });

  const verbs = [
    ['start', 'start the set: its first member rolls forward, the others as their gates hold'],
    ['pause', 'pause every member rolling out, first to last; no member starts until resumed'],
    ['resume', 'resume the members the set paused and go on'],
    ['abort', 'abort every started member still rolling out, last to first, and stop the set'],
  ] as const;
  for (const [verb, description] of verbs)
    addConnectOptions(sets.command(`${verb} <set>`).description(description))
      .option('--environment <env>', 'the environment (required)')
      .option('--reason <text>', 'why: recorded with the action')
      .option('--idempotency-key <key>', 'retrying with the same key never acts twice')
      .option('--json', 'print JSON')
      .action(async (set: string, options: SetOptions) => {
        const environment = needEnvironment(verb, set, options);
        const caller = await openCaller(options);
        const run = unwrap(
          await caller.call(`sets.${verb}`, {
            set,
            environment,
            ...(options.reason === undefined ? {} : { reason: options.reason }),
            idempotencyKey: options.idempotencyKey ?? `cli-${randomUUID()}`,
          }),
        );
        print(options.json, run, runText);
      });
}
