// `control-room rollouts ...`: list, show and act on rollouts, with --json for scripts.
import { randomUUID } from 'node:crypto';
import type { Command } from 'commander';
import {
  attentionBreakdown,
  attentionCounts,
  compareByAttention,
  holdOf,
  holdWords,
} from '../../shared/attention-order';
import type { RolloutVersions } from '../../shared/api';
import type { ActionName, RolloutDetail, RolloutSummary } from '../../shared/domain';
import { FROZEN_ACTIONS } from '../../shared/incidents';
import { failureWarning, servingText, verdictText } from '../../shared/version-words';
import { stepPhrase } from '../../shared/step-words';
import { openCaller, CliError, type ApiCaller, type ConnectOptions } from './api-caller';
import { formatTable } from './format-table';
import { registerPauseAllCommand } from './pause-all-command';
import { kubernetesText } from './kubernetes-text';
import { addConnectOptions, print, unwrap } from './cli-output';

const PHASE_WORD: Record<RolloutSummary['phase'], string> = {
  progressing: '▶ progressing',
  paused: '⏸ paused',
  'awaiting-promotion': '⏳ awaiting promotion',
  degraded: '✖ degraded',
  aborted: '⎌ aborted',
  completed: '✔ completed',
};

function phaseText(r: RolloutSummary): string {
  const hold = holdOf(r);
  return hold && r.phase !== 'awaiting-promotion'
    ? `${PHASE_WORD[r.phase]} (${holdWords(hold)})`
    : PHASE_WORD[r.phase];
}

function listText(rollouts: RolloutSummary[]): string {
  const counts = attentionCounts(rollouts);
  const table = formatTable(
    ['ID', 'STRATEGY', 'VERSIONS', 'STEP', 'WEIGHT', 'PHASE', 'HEALTH', 'MESSAGE'],
    [...rollouts]
      .sort(compareByAttention)
      .map((r) => [
        r.id,
        r.strategy,
        r.stableVersion === r.canaryVersion ? r.stableVersion : `${r.stableVersion} → ${r.canaryVersion}`,
        `${Math.min(r.currentStepIndex + 1, r.stepCount)}/${r.stepCount}`,
        `${r.weight}%`,
        phaseText(r),
        r.health,
        r.message,
      ]),
  );
  return `${table}\n${counts.total} need attention: ${attentionBreakdown(counts)}`;
}

function showText(r: RolloutDetail): string {
  const steps = r.steps.map((s, i) => {
    const mark = i < r.currentStepIndex ? '✔' : i === r.currentStepIndex ? '▶' : '·';
    const what = stepPhrase(s, (sec) => `${sec}s`);
    return `  ${mark} ${i + 1}. ${what}`;
  });
  const actions = r.actions.map(
    (a) => `  ${a.enabled ? '✔' : '✖'} ${a.action}${a.reason ? ` — ${a.reason}` : ''}`,
  );
  return [
    `${r.id}  (${r.service} in ${r.environment}, ${r.strategy})`,
    `versions: ${r.stableVersion} → ${r.canaryVersion}   weight: ${r.weight}%   revision: ${r.revision}`,
    `phase: ${phaseText(r)} — ${r.message}`,
    `health: ${r.health} — ${r.healthReason}`,
    ...(r.kubernetes ? kubernetesText(r.kubernetes, r.pauseConditions, Date.now()) : []),
    'steps:',
    ...steps,
    'actions:',
    ...actions,
    'recent events:',
    ...r.timeline
      .slice(-8)
      .reverse()
      .map((e) => `  ${e.time}  ${e.actor.padEnd(12)} ${e.message}`),
  ].join('\n');
}

function versionsText(answer: RolloutVersions): string {
  const at = (time: string) => `at ${time}`;
  const table = formatTable(
    ['VERSION', 'NOW', 'LAST VERDICT'],
    answer.versions.map((v) => [
      v.version,
      servingText(v),
      v.lastVerdict ? verdictText(v.lastVerdict, at(v.lastVerdict.at)) : 'none recorded',
    ]),
    72,
  );
  const warnings = answer.versions.flatMap((v) =>
    v.failure ? [`WARNING: ${failureWarning(v.version, v.failure, at(v.failure.at))}`] : [],
  );
  return [
    `${answer.id}  (${answer.service} in ${answer.environment}): ${answer.versions.length} known versions, newest first`,
    table,
    ...warnings,
  ].join('\n');
}

interface ActOptions extends ConnectOptions {
  reason?: string;
  json?: boolean;
  to?: string;
  container?: string;
  toRevision?: string;
  idempotencyKey?: string;
  overrideFreeze?: string;
}

function revisionNumber(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^[1-9][0-9]*$/.test(text))
    throw new CliError(`--to-revision must be a revision number, not "${text}"`);
  return Number(text);
}

async function act(caller: ApiCaller, id: string, action: ActionName, options: ActOptions): Promise<void> {
  const result = unwrap(
    await caller.call('rollout.act', {
      id,
      action,
      idempotencyKey: options.idempotencyKey ?? `cli-${randomUUID()}`,
      ...(options.reason ? { reason: options.reason } : {}),
      ...(options.overrideFreeze === undefined ? {} : { overrideFreeze: options.overrideFreeze }),
      ...(options.to ? { toVersion: options.to } : {}),
      ...(options.container ? { container: options.container } : {}),
      ...(options.toRevision === undefined ? {} : { toRevision: revisionNumber(options.toRevision) }),
    }),
  );
  print(options.json, result, (safe) =>
    [
      `${safe.applied ? '✔' : '↺ already applied:'} ${safe.message}`,
      `  now: ${PHASE_WORD[safe.rollout.phase]} — ${safe.rollout.message}`,
      `  audit record #${safe.auditSeq} (via ${caller.describe})`,
    ].join('\n'),
  );
}

const ACTION_HELP: Record<ActionName, string> = {
  pause: 'hold the rollout where it is',
  resume: 'undo a manual pause',
  promote: 'advance one step (passes a pause or analysis step)',
  reapply:
    "write the rollout's weights to the backend again after drift (HAProxy changed by hand or reloaded)",
  'promote-full': 'skip all remaining steps: the new version takes all traffic',
  abort: 'roll back: traffic returns to the stable version',
  retry: 'restart an aborted rollout from step 1',
  'roll-forward':
    'start a new rollout of a known version (--to VERSION; see `rollouts versions`); on Kubernetes an image or a tag (--to IMAGE_OR_TAG [--container NAME])',
  undo: "Kubernetes: a new revision from an earlier one's pod template, the steps run again (--to-revision N; default the previous)",
  restart: "Kubernetes: restart the rollout's pods without a new revision",
};

export function registerRolloutsCommand(program: Command): void {
  const rollouts = program.command('rollouts').description('list, inspect and act on rollouts');
  registerPauseAllCommand(rollouts);

  addConnectOptions(rollouts.command('list').description('every rollout, what needs attention first'))
    .option('--json', 'print JSON')
    .action(async (options: ConnectOptions & { json?: boolean }) => {
      const caller = await openCaller(options);
      const fleet = unwrap(await caller.call('fleet.list', {}));
      print(options.json, fleet, listText);
    });

  addConnectOptions(rollouts.command('show <id>').description('one rollout: steps, actions, recent events'))
    .option('--json', 'print JSON')
    .action(async (id: string, options: ConnectOptions & { json?: boolean }) => {
      const caller = await openCaller(options);
      const rollout = unwrap(await caller.call('rollout.get', { id }));
      print(options.json, rollout, showText);
    });

  addConnectOptions(
    rollouts
      .command('versions <id>')
      .description('the versions roll-forward accepts, newest first, with their last verdict'),
  )
    .option('--json', 'print JSON')
    .action(async (id: string, options: ConnectOptions & { json?: boolean }) => {
      const caller = await openCaller(options);
      const answer = unwrap(await caller.call('rollout.versions', { id }));
      print(options.json, answer, () => versionsText(answer));
    });

  for (const action of Object.keys(ACTION_HELP) as ActionName[]) {
    const command = addConnectOptions(rollouts.command(`${action} <id>`).description(ACTION_HELP[action]))
      .option('--reason <text>', 'why: recorded in the audit log')
      .option('--idempotency-key <key>', 'the same key applies once, e.g. when a script retries')
      .option('--json', 'print JSON');
    if (FROZEN_ACTIONS.has(action))
      command.option(
        '--override-freeze <reason>',
        'act through a release freeze (an open incident or a freeze window): why, recorded and shown on the incident',
      );
    if (action === 'roll-forward')
      command
        .requiredOption(
          '--to <version>',
          'the version (or on Kubernetes the image or tag) to roll forward to',
        )
        .option(
          '--container <name>',
          'Kubernetes: the container that gets the image (default: the only one)',
        );
    if (action === 'undo')
      command.option(
        '--to-revision <n>',
        'the revision to go back to (see `rollouts show`); default the previous',
      );
    command.action(async (id: string, options: ActOptions) => {
      if (action === 'roll-forward' && !options.to) throw new CliError('roll-forward needs --to VERSION');
      await act(await openCaller(options), id, action, options);
    });
  }
}
