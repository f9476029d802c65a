// The words the release sets views say: states (always with an icon), members in short, the gate
// between two members, and exactly what Start and Abort will do.
import type {
  GateStatus,
  MemberState,
  MemberStatus,
  ReleaseSetMember,
  ReleaseSetRun,
  ReleaseSetState,
} from '../../../shared/release-sets';
import type { IconName } from '../../components/status-icon';

export const SET_STATE_WORDS: Record<ReleaseSetState, string> = {
  idle: 'Not started',
  running: 'Running',
  paused: 'Paused',
  completed: 'Released',
  aborting: 'Aborting',
  aborted: 'Aborted',
  failed: 'Failed',
};

export const SET_STATE_ICONS: Record<ReleaseSetState, IconName> = {
  idle: 'dot',
  running: 'play',
  paused: 'pause',
  completed: 'check',
  aborting: 'cross',
  aborted: 'cross',
  failed: 'critical',
};

export const MEMBER_STATE_WORDS: Record<MemberState, string> = {
  waiting: 'Waiting',
  'rolling-out': 'Rolling out',
  paused: 'Paused',
  done: 'Done',
  aborted: 'Aborted',
  failed: 'Failed',
};

export const MEMBER_STATE_ICONS: Record<MemberState, IconName> = {
  waiting: 'clock',
  'rolling-out': 'play',
  paused: 'pause',
  done: 'check',
  aborted: 'cross',
  failed: 'critical',
};

/** `checkout 2.4.0`, `orders schema P5`: as a set file writes a member. */
export function memberLabel(member: ReleaseSetMember): string {
  return member.kind === 'service'
    ? `${member.service} ${member.version}`
    : `${member.plan} schema ${member.phase}`;
}

/** The member's name alone (`checkout`, `orders`), for sentences about order. */
export function memberName(member: ReleaseSetMember): string {
  return member.kind === 'service' ? member.service : member.plan;
}

/** `checkout 2.4.0 + payments 5.13.0 + orders schema P5`. */
export function membersInShort(members: readonly ReleaseSetMember[]): string {
  return members.map(memberLabel).join(' + ');
}

/** "open: checkout at 100% and healthy" or "waiting: checkout at 40%", whatever the server's prefix. */
export function gateWords(gate: GateStatus): string {
  const reason = gate.reason.replace(/^\s*(waiting|open|holds)\s*:\s*/i, '');
  return `${gate.holds ? 'open' : 'waiting'}: ${reason}`;
}

/** "payments then checkout", "checkout": names joined in the order given. */
function inOrder(names: readonly string[]): string {
  return names.join(' then ');
}

/** A started member has something to undo: anything past waiting that did not end by itself. */
const STARTED: readonly MemberState[] = ['rolling-out', 'paused', 'done'];

/** What Abort does, line by line: which members, in which order, where; and who is left alone. */
export function abortConsequence(run: ReleaseSetRun): string[] {
  const started = run.members.filter((m) => STARTED.includes(m.state));
  const waiting = run.members.filter((m) => m.state === 'waiting');
  const lines = [
    started.length > 0
      ? `Aborts ${inOrder(started.map((m) => memberName(m.member)).reverse())} in ${run.environment}, last member first.`
      : `Stops ${run.set} in ${run.environment}; no member has started yet.`,
  ];
  if (started.some((m) => m.member.kind === 'service'))
    lines.push("Each aborted service's traffic goes back to its stable version.");
  if (waiting.length > 0) lines.push(`${waiting.map((m) => m.label).join(', ')} will not start.`);
  lines.push('The set stops; starting it again begins with the first member.');
  return lines;
}

/** What Start does: the first member now, each next one when its gate opens. */
export function startConsequence(
  set: string,
  members: readonly ReleaseSetMember[],
  environment: string,
): string[] {
  const [first, ...rest] = members;
  if (!first) return [`${set} has no members.`];
  const lines = [`Starts ${memberLabel(first)} in ${environment} now.`];
  let before = first;
  for (const member of rest) {
    // `after:` names the members it waits for; without it, the one before.
    const waitsFor = member.after?.length
      ? member.after.join(' and ')
      : `${memberName(before)} is ${before.kind === 'service' ? 'at 100% and healthy' : `at ${before.phase}`}`;
    lines.push(`${memberLabel(member)} starts only when ${waitsFor} in ${environment}.`);
    before = member;
  }
  return lines;
}

/** The member whose rollout the set waits on or runs now, for the list's one-line status. */
export function currentMember(run: ReleaseSetRun): MemberStatus | undefined {
  return (
    run.members.find((m) => m.state === 'rolling-out' || m.state === 'paused') ??
    run.members.find((m) => m.state === 'failed') ??
    run.members.find((m) => m.state === 'waiting')
  );
}
