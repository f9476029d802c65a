// The short form of a set's members, as people write it in a change ticket:
// `checkout 2.4.0 + payments 5.13.0 + orders-customer-id schema P5`.
import { isPhaseId, MIGRATION_PHASES } from '../../../shared/migrations';
import type { ReleaseSetMember } from '../../../shared/release-sets';

export type ShortFormResult = { ok: true; members: ReleaseSetMember[] } | { ok: false; problem: string };

const NAME = /^[a-z0-9][a-z0-9._-]*$/;
const MIGRATION_WORDS = new Set(['schema', 'migration', 'phase']);

/** One `+`-separated part: `service version` or `plan schema P5`. */
export function parseShortMember(part: string): ReleaseSetMember | string {
  const words = part.trim().split(/\s+/).filter(Boolean);
  const [name, second, third] = words;
  if (name === undefined) return 'an empty member (two "+" in a row, or one at an end)';
  if (!NAME.test(name))
    return `"${name}" is not a service or plan name (lower-case letters, digits, dot, dash, underscore)`;
  if (words.length === 3 && second !== undefined && MIGRATION_WORDS.has(second) && third !== undefined) {
    if (!isPhaseId(third))
      return `"${part.trim()}": "${third}" is not a migration phase (phases are ${MIGRATION_PHASES.join(', ')})`;
    return { kind: 'migration', plan: name, phase: third };
  }
  if (words.length === 2 && second !== undefined) return { kind: 'service', service: name, version: second };
  if (words.length === 1)
    return `"${name}" needs a version ("${name} 2.4.0") or a migration phase ("${name} schema P5")`;
  return `"${part.trim()}" is not "service version" or "plan schema P5"`;
}

export function parseShortForm(text: string): ShortFormResult {
  const members: ReleaseSetMember[] = [];
  for (const part of text.split('+')) {
    const member = parseShortMember(part);
    if (typeof member === 'string') return { ok: false, problem: member };
    members.push(member);
  }
  return { ok: true, members };
}
