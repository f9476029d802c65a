// Entry gates of a phase, evaluated against live deployment state, each with the reason it is met
// or exactly what still blocks it ("prod-eu still runs checkout 2.3.1, which reads
// orders.customer_ref"). DESIGN.md: previous phase done; the release that needs it at 100% in the
// named environments; for P6/P7 no environment still running a release that uses the old shape.
import type { GateView, ItemView, PhaseId, PhaseState } from '../../../shared/migrations';
import type { RolloutSnapshot } from '../rollouts/deployment-backend';
import { compareVersions } from './compare-versions';
import type { PlanGate } from './plan-file';
import { rolloutsOf, servingVersions } from './release-serving';

/** "a", "a and b", "a, b and c" */
export function joinWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words.at(-1) ?? ''}`;
}

export interface PreviousPhase {
  id: PhaseId;
  title: string;
  state: PhaseState;
  items: readonly ItemView[];
}

function describeItem(item: ItemView): string {
  if (item.state === 'failed') return `“${item.title}” failed${item.result ? ` (${item.result.value})` : ''}`;
  return `“${item.title}” is ${item.kind === 'manual' ? 'not ticked' : 'not checked yet'}`;
}

/** The checklist items that keep a phase from being finished. */
export function openItems(items: readonly ItemView[]): ItemView[] {
  return items.filter((i) => i.state !== 'passed' && i.state !== 'waived');
}

export function previousPhaseGate(prev: PreviousPhase): GateView {
  const name = `${prev.id} ${prev.title}`;
  const base = { kind: 'previous-phase' as const, description: `${name} done` };
  if (prev.state === 'done') return { ...base, met: true, reason: `${name} is done.` };
  if (prev.state !== 'active') return { ...base, met: false, reason: `${name} has not started.` };
  const open = openItems(prev.items);
  if (open.length === 0) return { ...base, met: true, reason: `${name}: every item passed or was waived.` };
  const failed = open.filter((i) => i.state === 'failed');
  const shown = (failed.length > 0 ? failed : open).slice(0, 2).map(describeItem);
  const more = open.length - shown.length;
  return {
    ...base,
    met: false,
    reason: `${name} is not finished: ${shown.join('; ')}${more > 0 ? `; ${more} more open` : ''}.`,
  };
}

function servingText(r: RolloutSnapshot, except?: string): string {
  return servingVersions(r)
    .filter((s) => s.version !== except)
    .map((s) => `${s.version} serves ${s.share}%`)
    .join(', ');
}

function releaseAt100(
  gate: { service: string; version: string; environments?: string[] | undefined },
  rollouts: readonly RolloutSnapshot[],
): GateView {
  const where = rolloutsOf(rollouts, gate.service, gate.environments);
  const envText = gate.environments ? joinWords(gate.environments) : 'every environment';
  const description = `${gate.service} ${gate.version} at 100% in ${envText}`;
  if (where.length === 0)
    return {
      kind: 'release-at-100',
      description,
      met: false,
      reason: `${gate.service} runs in no environment.`,
    };
  const problems: string[] = [];
  for (const { environment, rollout } of where) {
    if (!rollout) {
      problems.push(`${environment}: ${gate.service} does not run there`);
      continue;
    }
    const serving = servingVersions(rollout);
    if (serving.every((s) => compareVersions(s.version, gate.version) >= 0)) continue;
    const mine = serving.find((s) => s.version === gate.version);
    problems.push(
      mine
        ? `${environment}: ${gate.service} ${gate.version} at ${mine.share}% (${servingText(rollout, gate.version)})`
        : `${environment}: ${gate.service} ${gate.version} not deployed (${servingText(rollout)})`,
    );
  }
  const envs = where.map((w) => w.environment);
  return problems.length === 0
    ? {
        kind: 'release-at-100',
        description,
        met: true,
        reason: `${gate.service} ${gate.version} or later serves all traffic in ${joinWords(envs)}.`,
      }
    : { kind: 'release-at-100', description, met: false, reason: `${problems.join('; ')}.` };
}

function noReleaseBefore(
  gate: { service: string; version: string; environments?: string[] | undefined; uses: string },
  rollouts: readonly RolloutSnapshot[],
): GateView {
  const where = rolloutsOf(rollouts, gate.service, gate.environments);
  const description = `no environment runs ${gate.service} older than ${gate.version}, which ${gate.uses}`;
  // Old version -> environments still serving it.
  const old = new Map<string, string[]>();
  for (const { environment, rollout } of where) {
    if (!rollout) continue;
    for (const s of servingVersions(rollout))
      if (compareVersions(s.version, gate.version) < 0)
        old.set(s.version, [...(old.get(s.version) ?? []), environment]);
  }
  if (old.size === 0)
    return {
      kind: 'no-release-before',
      description,
      met: true,
      reason: `Every environment runs ${gate.service} ${gate.version} or later.`,
    };
  const parts = [...old.entries()]
    .sort(([a], [b]) => compareVersions(a, b))
    .map(
      ([version, envs]) =>
        `${joinWords(envs)} still ${envs.length === 1 ? 'runs' : 'run'} ${gate.service} ${version}`,
    );
  return {
    kind: 'no-release-before',
    description,
    met: false,
    reason: `${parts.join('; ')}, which ${gate.uses}.`,
  };
}

export function evaluateGate(gate: PlanGate, rollouts: readonly RolloutSnapshot[]): GateView {
  return 'releaseAt100' in gate
    ? releaseAt100(gate.releaseAt100, rollouts)
    : noReleaseBefore(gate.noReleaseBefore, rollouts);
}

/** Every entry gate of a phase: the previous phase first, then the plan's own. */
export function evaluateGates(
  gates: readonly PlanGate[],
  previous: PreviousPhase | undefined,
  rollouts: readonly RolloutSnapshot[],
): GateView[] {
  return [...(previous ? [previousPhaseGate(previous)] : []), ...gates.map((g) => evaluateGate(g, rollouts))];
}
