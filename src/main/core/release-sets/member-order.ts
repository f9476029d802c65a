// Who waits for whom in a set: each member's `after` (default: the member before it). A cycle can
// never start, so it is an error naming the loop ("checkout → payments → checkout").
import type { ReleaseSetMember } from '../../../shared/release-sets';

/** The name `after:` uses for a member: its service, or its migration plan's id. */
export function memberName(member: ReleaseSetMember): string {
  return member.kind === 'service' ? member.service : member.plan;
}

/** `checkout 2.4.0`, `orders-customer-id schema P5`. */
export function memberLabel(member: ReleaseSetMember): string {
  return member.kind === 'service'
    ? `${member.service} ${member.version}`
    : `${member.plan} schema ${member.phase}`;
}

/** The indexes of the members each member waits for. */
export function dependencies(members: readonly ReleaseSetMember[]): number[][] {
  const index = new Map(members.map((m, i) => [memberName(m), i]));
  return members.map((m, i) =>
    m.after === undefined
      ? i === 0
        ? []
        : [i - 1]
      : m.after.map((name) => index.get(name)).filter((d): d is number => d !== undefined),
  );
}

/** Problems with names: a member listed twice, an `after` naming no member, a cycle. */
export function orderProblems(
  members: readonly ReleaseSetMember[],
): { member: number; field: 'after' | 'service' | 'plan'; message: string }[] {
  const problems: { member: number; field: 'after' | 'service' | 'plan'; message: string }[] = [];
  const names = members.map(memberName);
  names.forEach((name, i) => {
    const first = names.indexOf(name);
    if (first !== i)
      problems.push({
        member: i,
        field: members[i]?.kind === 'migration' ? 'plan' : 'service',
        message: `${name} is already member ${first + 1} of the set: one version per component`,
      });
  });
  members.forEach((m, i) => {
    for (const name of m.after ?? []) {
      if (!names.includes(name))
        problems.push({
          member: i,
          field: 'after',
          message: `"${name}" is not a member of the set (members: ${names.join(', ')})`,
        });
      else if (name === names[i])
        problems.push({ member: i, field: 'after', message: `${name} cannot wait for itself` });
    }
  });
  if (problems.length > 0) return problems;
  const cycle = findCycle(members);
  if (cycle)
    problems.push({
      member: cycle[0] ?? 0,
      field: 'after',
      message: `the members form a cycle, so none of them could start: ${[...cycle, cycle[0] ?? 0].map((i) => names[i]).join(' → ')}`,
    });
  return problems;
}

/** A loop in "waits for", as member indexes in the order the waiting goes, or undefined. */
function findCycle(members: readonly ReleaseSetMember[]): number[] | undefined {
  const deps = dependencies(members);
  const state = members.map(() => 'new' as 'new' | 'open' | 'done');
  const path: number[] = [];
  const visit = (i: number): number[] | undefined => {
    state[i] = 'open';
    path.push(i);
    for (const d of deps[i] ?? []) {
      if (state[d] === 'open') return releaseOrder(path.slice(path.indexOf(d)).reverse());
      if (state[d] === 'new') {
        const found = visit(d);
        if (found) return found;
      }
    }
    path.pop();
    state[i] = 'done';
    return undefined;
  };
  for (let i = 0; i < members.length; i++) {
    if (state[i] !== 'new') continue;
    const found = visit(i);
    if (found) return found;
  }
  return undefined;
}

/** The loop from its first-listed member, so the message reads like the set file. */
function releaseOrder(cycle: number[]): number[] {
  const start = cycle.indexOf(Math.min(...cycle));
  return [...cycle.slice(start), ...cycle.slice(0, start)];
}
