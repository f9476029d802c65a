// `control-room flags list|show|enable|disable|set-rollout`: every flag per environment with its
// state and share, one flag with the room's record of it, and a change with a reason. A change
// reads the flag first and sends its version, so one that moved since is refused, not overwritten.
import { randomUUID } from 'node:crypto';
import type { Command } from 'commander';
import type { FlagDetail } from '../../shared/api';
import type { FlagChange, FlagChangeResult, FlagList, FlagRow } from '../../shared/flags';
import { isRolloutPercent } from '../../shared/flags';
import { spanWords } from '../../shared/zoned-time';
import { parseDuration } from '../core/config/duration';
import { CliError, openCaller, type ApiCaller, type ConnectOptions } from './api-caller';
import { addConnectOptions, print, unwrap } from './cli-output';
import { formatTable } from './format-table';

interface FlagOptions extends ConnectOptions {
  environment: string;
  connection?: string;
  json?: boolean;
}

interface ChangeOptions extends FlagOptions {
  reason?: string;
  percent?: string;
  group?: string;
  idempotencyKey?: string;
}

/** "12 s", "3 min", "2 h 05 min": how old a stale read is. */
function ageText(ms: number): string {
  return ms < 60_000 ? `${Math.round(ms / 1000)} s` : spanWords(ms);
}

const stateText = (f: FlagRow) => (f.enabled ? '● on' : '○ off');

function shareText(f: FlagRow): string {
  const shares = f.strategies
    .filter((s) => s.rolloutPercent !== undefined)
    .map((s) => `${s.rolloutPercent}%${s.groupId ? ` by ${s.groupId}` : ''}`);
  if (shares.length > 0) return shares.join(', ');
  return f.strategies.map((s) => s.name).join(', ') || 'everyone';
}

function lastChangeText(f: FlagRow): string {
  const last = f.lastRecorded ?? f.lastChange;
  return last ? `${last.at.slice(0, 16).replace('T', ' ')} ${last.by}` : '—';
}

function sourceLines(list: Pick<FlagList, 'sources'>): string[] {
  return list.sources
    .filter((s) => s.problem !== undefined)
    .map(
      (s) =>
        `⚠ ${s.connection} (${s.kind}) is stale${s.staleMs === undefined ? ', never read' : `: last read ${ageText(s.staleMs)} ago`} — ${s.problem}`,
    );
}

function listText(list: FlagList): string {
  const stale = sourceLines(list);
  if (list.flags.length === 0)
    return [
      ...stale,
      list.sources.length === 0
        ? 'No flags connection is configured: add an unleash or flagd-file connection (see README, "Connecting Unleash").'
        : 'No flags match.',
    ].join('\n');
  const table = formatTable(
    ['FLAG', 'ENVIRONMENT', 'STATE', 'SHARE', 'CONNECTION', 'LAST CHANGE', 'SERVICES'],
    list.flags.map((f) => [
      `${f.key}${f.stale ? ' (stale)' : ''}`,
      f.environment,
      stateText(f),
      shareText(f),
      f.connection,
      lastChangeText(f),
      f.services?.join(', ') || '—',
    ]),
  );
  return [...stale, table].join('\n');
}

function showText(detail: FlagDetail): string {
  const f = detail.flag;
  const lines = [
    `${f.key} in ${f.environment} (${f.connection}, ${f.project}): ${stateText(f)}, ${shareText(f)}`,
    ...(f.stale && f.asOf ? [`⚠ stale: the connection did not answer; as read at ${f.asOf}`] : []),
    ...(f.description ? [`  ${f.description}`] : []),
    `  owner: ${f.owner ?? '—'}   services: ${f.services?.join(', ') || '—'}   version: ${f.version}`,
    ...f.strategies.map(
      (s) =>
        `  strategy ${s.name}${s.rolloutPercent === undefined ? '' : ` ${s.rolloutPercent}%`}${s.groupId ? ` by ${s.groupId}` : ''}${s.constraints.length ? ` when ${s.constraints.map((c) => `${c.contextName} ${c.operator} ${c.values.join('|')}`).join(' and ')}` : ''}`,
    ),
    ...(f.variants.length
      ? [`  variants: ${f.variants.map((v) => `${v.name} ${v.weightPercent}%`).join(', ')}`]
      : []),
    ...(f.lastChange ? [`  last change in the backend: ${f.lastChange.at} by ${f.lastChange.by}`] : []),
  ];
  if (detail.changes.length === 0) lines.push('', 'No changes recorded by the control room.');
  else
    lines.push(
      '',
      'Recorded changes (newest first):',
      ...detail.changes.map((c) => `  ${c.time}  ${c.actor}: ${c.summary} (audit record #${c.auditSeq})`),
    );
  return lines.join('\n');
}

/** --percent as the API takes it; a clear error naming --percent otherwise. */
function percentOf(text: string | undefined): number {
  if (text === undefined)
    throw new CliError('set-rollout needs --percent N: the share of users, a whole number from 0 to 100');
  const n = /^\d+$/.test(text.trim()) ? Number(text) : NaN;
  if (!isRolloutPercent(n))
    throw new CliError(`--percent must be a whole number from 0 to 100, not "${text}"`);
  return n;
}

async function change(caller: ApiCaller, flag: string, change: FlagChange, options: ChangeOptions) {
  const where = {
    flag,
    environment: options.environment,
    ...(options.connection ? { connection: options.connection } : {}),
  };
  // The version this change is decided on: refused if the flag moves before it lands.
  const seen = unwrap(await caller.call('flags.show', where)).flag;
  const result = unwrap(
    await caller.call('flags.change', {
      ...where,
      connection: seen.connection,
      change,
      expected: seen.version,
      idempotencyKey: options.idempotencyKey ?? `cli-${randomUUID()}`,
      ...(options.reason ? { reason: options.reason } : {}),
    }),
  );
  print(options.json, result, (safe: FlagChangeResult & { auditSeq?: number }) =>
    [
      `${safe.outcome === 'applied' ? '✔' : '↺ already so, nothing written:'} ${safe.message}`,
      ...(safe.outcome === 'applied' && safe.auditSeq
        ? [`  audit record #${safe.auditSeq} (via ${caller.describe})`]
        : []),
    ].join('\n'),
  );
}

function changeCommand(flags: Command, name: string, description: string): Command {
  return addConnectOptions(flags.command(`${name} <flag>`).description(description))
    .requiredOption('--environment <env>', 'the environment to change it in')
    .option('--connection <name>', 'the flags connection, when the flag is in more than one')
    .option('--reason <text>', 'why: recorded in the audit log')
    .option('--idempotency-key <key>', 'the same key applies once, e.g. when a script retries')
    .option('--json', 'print JSON');
}

export function registerFlagsCommand(program: Command): void {
  const flags = program
    .command('flags')
    .description('feature flags from every flags connection (Unleash, flagd files): list, inspect, switch');

  addConnectOptions(flags.command('list').description('every flag per environment, stale sources first'))
    .option('--environment <env>', 'only this environment')
    .option('--changed-within <duration>', 'only flags changed this recently, e.g. 1h or 30m')
    .option('--json', 'print JSON')
    .action(
      async (options: ConnectOptions & { environment?: string; changedWithin?: string; json?: boolean }) => {
        let changedWithinSec: number | undefined;
        if (options.changedWithin !== undefined) {
          const ms = parseDuration(options.changedWithin);
          if (ms === undefined || ms < 1000)
            throw new CliError(
              `--changed-within must be a duration like 1h or 30m, not "${options.changedWithin}"`,
            );
          changedWithinSec = Math.round(ms / 1000);
        }
        const caller = await openCaller(options);
        const list = unwrap(
          await caller.call('flags.list', {
            ...(options.environment ? { environment: options.environment } : {}),
            ...(changedWithinSec === undefined ? {} : { changedWithinSec }),
          }),
        );
        print(options.json, list, listText);
      },
    );

  addConnectOptions(
    flags.command('show <flag>').description('one flag in one environment, with its recorded changes'),
  )
    .requiredOption('--environment <env>', 'the environment')
    .option('--connection <name>', 'the flags connection, when the flag is in more than one')
    .option('--json', 'print JSON')
    .action(async (flag: string, options: FlagOptions) => {
      const caller = await openCaller(options);
      const detail = unwrap(
        await caller.call('flags.show', {
          flag,
          environment: options.environment,
          ...(options.connection ? { connection: options.connection } : {}),
        }),
      );
      print(options.json, detail, showText);
    });

  changeCommand(
    flags,
    'enable',
    'turn the flag on (refused while a release freeze covers the environment)',
  ).action(async (flag: string, options: ChangeOptions) =>
    change(await openCaller(options), flag, { kind: 'enable' }, options),
  );
  changeCommand(flags, 'disable', 'the kill switch: turn the flag off (never refused by a freeze)').action(
    async (flag: string, options: ChangeOptions) =>
      change(await openCaller(options), flag, { kind: 'disable' }, options),
  );
  changeCommand(flags, 'set-rollout', "set the gradual rollout's share (--percent N, 0–100)")
    .option('--percent <n>', 'the share of users, a whole number from 0 to 100')
    .option('--group <id>', 'what users are bucketed by (the same group sees the same answer)')
    .action(async (flag: string, options: ChangeOptions) => {
      const percent = percentOf(options.percent);
      await change(
        await openCaller(options),
        flag,
        { kind: 'set-rollout', percent, ...(options.group ? { groupId: options.group } : {}) },
        options,
      );
    });
}
