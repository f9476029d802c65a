// Where each member of a run stands now, read from its rollout (or its migration plan), and the gate
// before it: the members it waits for at 100% on their versions and healthy, or at their phase.
import type { Health } from '../../../shared/domain';
import { MIGRATION_PHASES, type PhaseId } from '../../../shared/migrations';
import type { GateStatus, MemberStatus, ReleaseSetMember } from '../../../shared/release-sets';
import type { RolloutSnapshot } from '../rollouts/deployment-backend';
import { rolloutOf } from './fleet-check';
import { dependencies, memberLabel } from './member-order';
import type { RunRecord } from './set-run-record';

export interface MemberWorld {
  rollouts: readonly RolloutSnapshot[];
  health(id: string): Health;
  /** The plan's active phase (null: complete); undefined for an unknown plan. */
  planPhase(plan: string): PhaseId | null | undefined;
}

export interface MemberReading {
  status: MemberStatus;
  done: boolean;
  /** Set when the member failed while the run was in flight: why, in words. */
  failure?: string;
  /** Short words for a gate that waits on it: "payments at 40%". */
  short: string;
  /** What its rollout is doing, in its controller's words, for the set's verdict. */
  detail?: string;
}

const IN_FLIGHT = new Set(['progressing', 'paused', 'awaiting-promotion']);

function phaseIndex(phase: PhaseId): number {
  return MIGRATION_PHASES.indexOf(phase);
}

function serviceReading(
  member: Extract<ReleaseSetMember, { kind: 'service' }>,
  run: RunRecord,
  started: boolean,
  world: MemberWorld,
): MemberReading {
  const label = memberLabel(member);
  const r = rolloutOf(world.rollouts, member.service, run.environment);
  if (!r) {
    const failure = `${label}: ${member.service} no longer has a rollout in ${run.environment}`;
    return {
      status: { member, label, state: 'failed' },
      done: false,
      failure,
      short: `${member.service} missing`,
    };
  }
  const health = world.health(r.id);
  const base = { member, label, rollout: r.id, health };
  const onVersion = r.canaryVersion === member.version;
  const weight =
    r.phase === 'completed' ? (r.stableVersion === member.version ? 100 : 0) : onVersion ? r.weight : 0;
  const status = (state: MemberStatus['state']): MemberStatus => ({ ...base, state, weight });
  const released = r.phase === 'completed' && r.stableVersion === member.version;
  const atFull = onVersion && IN_FLIGHT.has(r.phase) && r.weight >= 100 && health !== 'critical';
  if (released || atFull)
    return {
      status: status('done'),
      done: true,
      short: `${member.service} at 100% and ${health === 'unknown' ? 'not failing' : health}`,
    };
  if (!started) return { status: status('waiting'), done: false, short: `${member.service} not started` };
  if (onVersion && (r.phase === 'aborted' || r.phase === 'degraded')) {
    const failure = `${label} ${r.phase === 'aborted' ? 'was aborted' : 'is degraded'}: ${r.message}`;
    return {
      status: status(r.phase === 'aborted' && run.phase === 'aborted' ? 'aborted' : 'failed'),
      done: false,
      failure,
      short: `${member.service} ${r.phase}`,
    };
  }
  if (!onVersion) {
    const failure = `${label}: ${r.id} now rolls ${r.canaryVersion} (stable ${r.stableVersion}), not the set's ${member.version}`;
    return {
      status: status(run.phase === 'aborted' ? 'aborted' : 'failed'),
      done: false,
      failure,
      short: `${member.service} off its version`,
    };
  }
  const manual = r.phase === 'paused' && r.pauseConditions.some((c) => c.reason === 'manual');
  const waitWords = health === 'critical' ? ` (${health})` : '';
  return {
    status: status(manual ? 'paused' : 'rolling-out'),
    done: false,
    short: `${member.service} at ${r.weight}%${waitWords}${manual ? ', paused' : ''}`,
    detail: r.message,
  };
}

function migrationReading(
  member: Extract<ReleaseSetMember, { kind: 'migration' }>,
  started: boolean,
  world: MemberWorld,
): MemberReading {
  const label = memberLabel(member);
  const current = world.planPhase(member.plan);
  if (current === undefined) {
    const failure = `${label}: no migration plan "${member.plan}" any more`;
    return {
      status: { member, label, state: 'failed' },
      done: false,
      failure,
      short: `${member.plan} missing`,
    };
  }
  const reached = current === null || phaseIndex(current) >= phaseIndex(member.phase);
  if (reached)
    return {
      status: { member, label, state: 'done' },
      done: true,
      short: `${member.plan} at ${member.phase}`,
    };
  return {
    status: { member, label, state: started ? 'rolling-out' : 'waiting' },
    done: false,
    short: `${member.plan} at ${current} (needs ${member.phase})`,
  };
}

/** Every member's reading, with the gate before each (absent for a member that waits for none). */
export function readMembers(run: RunRecord, world: MemberWorld): MemberReading[] {
  const readings = run.members.map((m, i) => {
    const started = run.started.has(i);
    return m.kind === 'service'
      ? serviceReading(m, run, started, world)
      : migrationReading(m, started, world);
  });
  const deps = dependencies(run.members);
  readings.forEach((reading, i) => {
    const before = (deps[i] ?? []).map((d) => readings[d]).filter((r): r is MemberReading => r !== undefined);
    if (before.length === 0) return;
    const gate: GateStatus = before.every((b) => b.done)
      ? { holds: true, reason: before.map((b) => b.short).join(' and ') }
      : {
          holds: false,
          reason: `waiting: ${before
            .filter((b) => !b.done)
            .map((b) => b.short)
            .join(' and ')}`,
        };
    reading.status = { ...reading.status, gate };
  });
  return readings;
}
