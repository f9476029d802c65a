// The fleet's rows grouped by connection (one per cluster) and, within one, by Kubernetes namespace,
// flattened into the lines of one virtualised grid: each group's header, then its rows unless it
// is collapsed. Pure, so the grouping is tested without a browser.
import type { RolloutSummary } from '../../../shared/domain';
import { attentionCounts, type AttentionCounts } from '../../../shared/attention-order';

export interface FleetGroup {
  /** `<connection>` or `<connection>/<namespace>`: the collapsed set and the test ids use it. */
  key: string;
  connection: string;
  /** Set on a namespace's group (level 2). */
  namespace?: string;
  /** 1: a connection; 2: a namespace within it. */
  level: 1 | 2;
  /** The group's rollouts in the whole fleet, whatever the filters. */
  total: number;
  /** How many of them the filters let through. */
  shown: number;
  /** Over the whole group, as the fleet summary counts the whole fleet. */
  attention: AttentionCounts;
  /** Some of the group's rows are a connection's last read: how many, and the oldest (-1: never read). */
  stale?: { count: number; ageMs: number; reason: string };
  collapsed: boolean;
  /** Rows the filters show that the collapse hides: 0 while expanded. */
  hidden: number;
}

/**
 * `key` is the line's own (a rollout's id, or groupLineKey of a group), `parent` the line key of
 * the group it sits in, `level` a row's depth as aria-level counts it (absent when not grouped).
 */
export type FleetLine =
  | { kind: 'group'; key: string; group: FleetGroup; parent?: string }
  | { kind: 'row'; key: string; rollout: RolloutSummary; level?: number; parent?: string };

export interface FleetLayout {
  /** False when there is at most one group: the fleet is then a plain grid, as before groups. */
  grouped: boolean;
  lines: FleetLine[];
}

export interface FleetLayoutInput {
  /** The whole fleet, in fleet.list's order (config order of connections). */
  all: readonly RolloutSummary[];
  /** The rows the filters let through, in display order (attention first). */
  shown: readonly RolloutSummary[];
  /** The deployment connections in config order, rows or not (a cluster never read has none). */
  connections?: readonly string[];
  /** The connection filter: empty for all. */
  connectionFilter?: readonly string[];
  collapsed: ReadonlySet<string>;
}

/** Whether a group has anything to fold: a connection with no rollouts has not. */
export const foldable = (group: FleetGroup): boolean => group.total > 0;

/** A group header's line key: never a rollout id, since connection names cannot hold a colon. */
export const groupLineKey = (groupKey: string): string => `group:${groupKey}`;

/** Connections in config order: those configured first, then any other a row names, as listed. */
export function connectionOrder(
  all: readonly RolloutSummary[],
  configured: readonly string[] = [],
): string[] {
  const order = new Set(configured);
  for (const r of all) order.add(r.connection);
  return [...order];
}

function staleOf(rows: readonly RolloutSummary[]): FleetGroup['stale'] {
  let count = 0;
  let ageMs = 0;
  let reason = '';
  for (const r of rows) {
    if (!r.stale) continue;
    if (count === 0) reason = r.stale.reason;
    count++;
    // Never read is the oldest of all.
    if (ageMs >= 0) ageMs = r.stale.ageMs < 0 ? -1 : Math.max(ageMs, r.stale.ageMs);
  }
  return count === 0 ? undefined : { count, ageMs, reason };
}

interface Bucket {
  all: RolloutSummary[];
  shown: RolloutSummary[];
}

const emptyBucket = (): Bucket => ({ all: [], shown: [] });

/** Connection → namespace ('' for none) → its rows. */
function bucketsOf(input: FleetLayoutInput, order: readonly string[]): Map<string, Map<string, Bucket>> {
  const buckets = new Map(order.map((c) => [c, new Map<string, Bucket>()]));
  const bucket = (r: RolloutSummary): Bucket => {
    const namespaces = buckets.get(r.connection) ?? new Map<string, Bucket>();
    buckets.set(r.connection, namespaces);
    const ns = r.namespace ?? '';
    const b = namespaces.get(ns) ?? emptyBucket();
    namespaces.set(ns, b);
    return b;
  };
  for (const r of input.all) bucket(r).all.push(r);
  for (const r of input.shown) bucket(r).shown.push(r);
  return buckets;
}

function group(
  key: string,
  connection: string,
  rows: Bucket,
  collapsed: ReadonlySet<string>,
  namespace?: string,
): FleetGroup {
  const isCollapsed = collapsed.has(key);
  return {
    key,
    connection,
    ...(namespace !== undefined ? { namespace } : {}),
    level: namespace === undefined ? 1 : 2,
    total: rows.all.length,
    shown: rows.shown.length,
    attention: attentionCounts(rows.all),
    stale: staleOf(rows.all),
    collapsed: isCollapsed,
    hidden: isCollapsed ? rows.shown.length : 0,
  };
}

const merged = (buckets: Iterable<Bucket>): Bucket => {
  const all: Bucket = emptyBucket();
  for (const b of buckets) {
    all.all.push(...b.all);
    all.shown.push(...b.shown);
  }
  return all;
};

const rowLines = (rows: readonly RolloutSummary[], level: number, parent: string): FleetLine[] =>
  rows.map((rollout) => ({ kind: 'row', key: rollout.id, rollout, level, parent }));

/**
 * The grid's lines. Groups follow config order, namespaces sort by name, and rows keep the order
 * of `shown` within their group. A group the filters empty is left out, but a connection with no
 * rollouts at all keeps its header, so an unreachable cluster never read does not vanish.
 */
export function fleetLayout(input: FleetLayoutInput): FleetLayout {
  const order = connectionOrder(input.all, input.connections);
  const buckets = bucketsOf(input, order);
  // Groups are leaves of the tree: a connection without namespaces, or each namespace of one.
  let leaves = 0;
  for (const namespaces of buckets.values()) leaves += Math.max(1, namespaces.size);
  if (leaves <= 1)
    return {
      grouped: false,
      lines: input.shown.map((rollout) => ({ kind: 'row', key: rollout.id, rollout })),
    };

  const filter = input.connectionFilter ?? [];
  const lines: FleetLine[] = [];
  for (const connection of order) {
    if (filter.length > 0 && !filter.includes(connection)) continue;
    const namespaces = buckets.get(connection) ?? new Map<string, Bucket>();
    const whole = merged(namespaces.values());
    if (whole.all.length > 0 && whole.shown.length === 0) continue;
    const head = group(connection, connection, whole, input.collapsed);
    lines.push({ kind: 'group', key: groupLineKey(head.key), group: head });
    if (head.collapsed) continue;
    // Rows without a namespace sit right under their connection, before its namespaces.
    const headKey = groupLineKey(head.key);
    lines.push(...rowLines(namespaces.get('')?.shown ?? [], 2, headKey));
    const named = [...namespaces.keys()].filter((ns) => ns !== '').sort((a, b) => a.localeCompare(b));
    for (const namespace of named) {
      const rows = namespaces.get(namespace) ?? emptyBucket();
      if (rows.shown.length === 0) continue;
      const sub = group(`${connection}/${namespace}`, connection, rows, input.collapsed, namespace);
      const subKey = groupLineKey(sub.key);
      lines.push({ kind: 'group', key: subKey, group: sub, parent: headKey });
      if (!sub.collapsed) lines.push(...rowLines(rows.shown, 3, subKey));
    }
  }
  return { grouped: true, lines };
}
