import { describe, expect, it } from 'vitest';
import type { RolloutSummary } from '../../../shared/domain';
import { compareByAttention } from '../../../shared/attention-order';
import { connectionOrder, fleetLayout, type FleetGroup, type FleetLayoutInput } from './fleet-groups';
import { treeKeyAction } from './fleet-tree-keys';
import { rolloutSummary } from '../../../../test/support/rollout-summary';

/** A row by its full id: `<connection>/<name>`, or `<connection>/<namespace>/<name>`. */
const rollout = (id: string, over: Partial<RolloutSummary> = {}): RolloutSummary => {
  const [connection = 'x', ...rest] = id.split('/');
  return rolloutSummary({
    id,
    connection,
    ...(rest.length === 2 ? { namespace: rest[0] } : {}),
    service: rest.at(-1) ?? id,
    ...over,
  });
};

const critical: Partial<RolloutSummary> = { health: 'critical' };
const waiting: Partial<RolloutSummary> = {
  phase: 'paused',
  pauseConditions: [{ reason: 'pause-step', since: '2025-01-01T00:00:00Z' }],
};

/** The layout of the whole fleet with no filter: `shown` is `all` in attention order. */
const layout = (all: RolloutSummary[], over: Partial<FleetLayoutInput> = {}) =>
  fleetLayout({ all, shown: [...all].sort(compareByAttention), collapsed: new Set(), ...over });

/** Each line as text: `# key` for a header (indented by level), the rollout id for a row. */
const outline = (input: ReturnType<typeof layout>): string[] =>
  input.lines.map((l) =>
    l.kind === 'group' ? `${'  '.repeat(l.group.level - 1)}# ${l.group.key}` : l.rollout.id,
  );

const groupOf = (input: ReturnType<typeof layout>, key: string): FleetGroup | undefined => {
  const line = input.lines.find((l) => l.kind === 'group' && l.group.key === key);
  return line?.kind === 'group' ? line.group : undefined;
};

describe('grouping the fleet by connection and namespace', () => {
  it('leaves a fleet of one connection without namespaces as the plain list it was', () => {
    const all = [rollout('sim/b'), rollout('sim/a', critical)];
    const result = layout(all);
    expect(result.grouped).toBe(false);
    expect(outline(result)).toEqual(['sim/a', 'sim/b']);
    expect(result.lines.every((l) => l.kind === 'row' && l.level === undefined)).toBe(true);
  });

  it('heads each connection in config order, rows in attention order within it', () => {
    // fleet.list lists lab before demo (config order), though demo sorts first by name and by attention.
    const all = [
      rollout('lab/web'),
      rollout('lab/api', waiting),
      rollout('demo/checkout', critical),
      rollout('demo/cart'),
    ];
    const result = layout(all);
    expect(result.grouped).toBe(true);
    expect(outline(result)).toEqual(['# lab', 'lab/api', 'lab/web', '# demo', 'demo/checkout', 'demo/cart']);
    const lab = groupOf(result, 'lab');
    expect(lab).toMatchObject({ level: 1, total: 2, shown: 2, collapsed: false, hidden: 0 });
    expect(lab?.attention).toEqual({ total: 1, unhealthy: 0, waiting: 1 });
    expect(groupOf(result, 'demo')?.attention).toEqual({ total: 1, unhealthy: 1, waiting: 0 });
  });

  it('groups a cluster by namespace, namespaces by name, and numbers the levels as a tree', () => {
    const all = [
      rollout('prod/shop/web'),
      rollout('prod/billing/invoices', critical),
      rollout('prod/shop/cart', waiting),
    ];
    const result = layout(all);
    expect(outline(result)).toEqual([
      '# prod',
      '  # prod/billing',
      'prod/billing/invoices',
      '  # prod/shop',
      'prod/shop/cart',
      'prod/shop/web',
    ]);
    expect(groupOf(result, 'prod/shop')).toMatchObject({ namespace: 'shop', level: 2, total: 2 });
    expect(groupOf(result, 'prod')?.attention.total).toBe(2);
    const rows = result.lines.filter((l) => l.kind === 'row');
    expect(rows.map((l) => l.level)).toEqual([3, 3, 3]);
    expect(rows.map((l) => l.parent)).toEqual(['group:prod/billing', 'group:prod/shop', 'group:prod/shop']);
    const shop = result.lines.find((l) => l.key === 'group:prod/shop');
    expect(shop?.parent).toBe('group:prod');
  });

  it('does not group one cluster with one namespace: there is only one group', () => {
    expect(layout([rollout('prod/shop/web'), rollout('prod/shop/cart')]).grouped).toBe(false);
  });

  it('puts rows without a namespace straight under their connection, beside a cluster', () => {
    const result = layout([rollout('sim/a'), rollout('k8s/shop/web')]);
    expect(outline(result)).toEqual(['# sim', 'sim/a', '# k8s', '  # k8s/shop', 'k8s/shop/web']);
    expect(result.lines[1]).toMatchObject({ level: 2, parent: 'group:sim' });
  });

  it('hides a collapsed group’s rows (and sub-groups) and counts the rows it hides', () => {
    const all = [rollout('a/x'), rollout('a/y'), rollout('k/ns1/p'), rollout('k/ns2/q'), rollout('k/ns2/r')];
    const folded = layout(all, { collapsed: new Set(['a', 'k/ns2']) });
    expect(outline(folded)).toEqual(['# a', '# k', '  # k/ns1', 'k/ns1/p', '  # k/ns2']);
    expect(groupOf(folded, 'a')).toMatchObject({ collapsed: true, hidden: 2 });
    expect(groupOf(folded, 'k/ns2')).toMatchObject({ collapsed: true, hidden: 2 });
    expect(groupOf(folded, 'k')).toMatchObject({ collapsed: false, hidden: 0 });
    // Folding the cluster hides its namespaces too.
    expect(outline(layout(all, { collapsed: new Set(['k']) }))).toEqual(['# a', 'a/x', 'a/y', '# k']);
  });

  it('counts what the filters show against the whole group, and drops a group they empty', () => {
    const all = [rollout('a/x', critical), rollout('a/y'), rollout('b/z')];
    const result = layout(all, { shown: [all[0] as RolloutSummary] });
    expect(outline(result)).toEqual(['# a', 'a/x']);
    // Attention counts the whole group, as the fleet summary counts the whole fleet.
    expect(groupOf(result, 'a')).toMatchObject({ total: 2, shown: 1, attention: { total: 1 } });
  });

  it('keeps the header of a configured connection with no rollouts (a cluster never read)', () => {
    const all = [rollout('sim/a')];
    const result = layout(all, { connections: ['edge', 'sim'] });
    expect(result.grouped).toBe(true);
    expect(outline(result)).toEqual(['# edge', '# sim', 'sim/a']);
    expect(groupOf(result, 'edge')).toMatchObject({ total: 0, shown: 0 });
  });

  it('shows only the connections the connection filter names', () => {
    const all = [rollout('sim/a'), rollout('lab/b')];
    const result = layout(all, {
      shown: [all[1] as RolloutSummary],
      connections: ['sim', 'lab', 'edge'],
      connectionFilter: ['lab'],
    });
    expect(result.grouped).toBe(true);
    expect(outline(result)).toEqual(['# lab', 'lab/b']);
  });

  it('marks a group stale with the oldest age of its stale rows, never read as the oldest', () => {
    const stale = (ageMs: number) => ({ stale: { ageMs, reason: 'edge: connect ENOENT' } });
    const all = [rollout('edge/a', stale(45_000)), rollout('edge/b', stale(12_000)), rollout('sim/c')];
    const result = layout(all);
    expect(groupOf(result, 'edge')?.stale).toEqual({
      count: 2,
      ageMs: 45_000,
      reason: 'edge: connect ENOENT',
    });
    expect(groupOf(result, 'sim')?.stale).toBeUndefined();
    const never = layout([rollout('edge/a', stale(45_000)), rollout('edge/b', stale(-1)), rollout('sim/c')]);
    expect(groupOf(never, 'edge')?.stale?.ageMs).toBe(-1);
  });

  it('lays out 500 rollouts of two clusters in config order, each row once', () => {
    const all = Array.from({ length: 500 }, (_, i) =>
      rollout(`${i % 2 ? 'west' : 'east'}/ns-${i % 7}/svc-${i}`, i % 50 === 0 ? critical : {}),
    );
    const result = layout(all);
    const rows = result.lines.filter((l) => l.kind === 'row');
    expect(rows).toHaveLength(500);
    expect(new Set(rows.map((l) => l.key)).size).toBe(500);
    expect(
      result.lines
        .filter((l) => l.kind === 'group')
        .map((l) => l.key)
        .slice(0, 2),
    ).toEqual(['group:east', 'group:east/ns-0']);
    expect(result.lines.filter((l) => l.kind === 'group')).toHaveLength(2 + 14);
  });
});

describe('the connection order', () => {
  it('is config order, then connections only rows name, as fleet.list lists them', () => {
    expect(connectionOrder([rollout('b/x'), rollout('c/y'), rollout('a/z')], ['a', 'b'])).toEqual([
      'a',
      'b',
      'c',
    ]);
  });
});

describe('the tree keys of the grouped fleet', () => {
  const all = [rollout('a/x'), rollout('k/ns1/p'), rollout('k/ns1/q')];
  const lines = layout(all).lines;
  const at = (key: string) => lines.findIndex((l) => l.key === key);
  // # a, a/x, # k, # k/ns1, k/ns1/p, k/ns1/q

  it('folds and unfolds a header with Enter and Space', () => {
    expect(treeKeyAction(lines, at('group:a'), 'Enter')).toEqual({
      kind: 'fold',
      group: 'a',
      collapsed: true,
    });
    expect(treeKeyAction(lines, at('group:k/ns1'), ' ')).toEqual({
      kind: 'fold',
      group: 'k/ns1',
      collapsed: true,
    });
    const folded = layout(all, { collapsed: new Set(['a']) }).lines;
    expect(treeKeyAction(folded, 0, 'Enter')).toEqual({ kind: 'fold', group: 'a', collapsed: false });
  });

  it('opens a row with Enter; Space on a row is not ours', () => {
    expect(treeKeyAction(lines, at('a/x'), 'Enter')).toEqual({ kind: 'open', id: 'a/x' });
    expect(treeKeyAction(lines, at('a/x'), ' ')).toBeUndefined();
  });

  it('Left collapses an open header, then goes up to its parent; from a row, to its header', () => {
    expect(treeKeyAction(lines, at('group:k/ns1'), 'ArrowLeft')).toEqual({
      kind: 'fold',
      group: 'k/ns1',
      collapsed: true,
    });
    const folded = layout(all, { collapsed: new Set(['k/ns1']) }).lines;
    const foldedAt = folded.findIndex((l) => l.key === 'group:k/ns1');
    expect(treeKeyAction(folded, foldedAt, 'ArrowLeft')).toEqual({
      kind: 'move',
      index: folded.findIndex((l) => l.key === 'group:k'),
    });
    expect(treeKeyAction(lines, at('k/ns1/q'), 'ArrowLeft')).toEqual({
      kind: 'move',
      index: at('group:k/ns1'),
    });
    // A collapsed top-level header has nowhere to go.
    expect(treeKeyAction(layout(all, { collapsed: new Set(['a']) }).lines, 0, 'ArrowLeft')).toBeUndefined();
  });

  it('Right expands a collapsed header, then goes down to its first child', () => {
    const folded = layout(all, { collapsed: new Set(['k']) }).lines;
    expect(
      treeKeyAction(
        folded,
        folded.findIndex((l) => l.key === 'group:k'),
        'ArrowRight',
      ),
    ).toEqual({
      kind: 'fold',
      group: 'k',
      collapsed: false,
    });
    expect(treeKeyAction(lines, at('group:k'), 'ArrowRight')).toEqual({
      kind: 'move',
      index: at('group:k/ns1'),
    });
    expect(treeKeyAction(lines, at('a/x'), 'ArrowRight')).toBeUndefined();
  });

  it('has nothing to fold on a connection with no rollouts', () => {
    const empty = layout(all, { connections: ['edge', 'a', 'k'] }).lines;
    expect(empty[0]?.key).toBe('group:edge');
    expect(treeKeyAction(empty, 0, 'Enter')).toBeUndefined();
    expect(treeKeyAction(empty, 0, ' ')).toBeUndefined();
    expect(treeKeyAction(empty, 0, 'ArrowLeft')).toBeUndefined();
    expect(treeKeyAction(empty, 0, 'ArrowRight')).toBeUndefined();
  });

  it('leaves the list keys to the list', () => {
    expect(treeKeyAction(lines, at('group:a'), 'ArrowDown')).toBeUndefined();
    expect(treeKeyAction(lines, -1, 'Enter')).toBeUndefined();
  });
});
