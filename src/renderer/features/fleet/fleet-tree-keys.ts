// What a key does on the grouped fleet, as a tree grid's rows do: Enter and Space fold a group
// header, Left folds it (or goes up to its group), Right unfolds it (or goes down into it).
import { foldable, type FleetLine } from './fleet-groups';

export type TreeKeyAction =
  | { kind: 'move'; index: number }
  | { kind: 'fold'; group: string; collapsed: boolean }
  | { kind: 'open'; id: string };

/** The action of `key` on the selected line; undefined when the key is not a tree key here. */
export function treeKeyAction(
  lines: readonly FleetLine[],
  selectedIndex: number,
  key: string,
): TreeKeyAction | undefined {
  const line = lines[selectedIndex];
  if (!line) return undefined;
  // Up to the group the line sits in (nowhere from a connection's header).
  const up = (): TreeKeyAction | undefined =>
    line.parent === undefined
      ? undefined
      : { kind: 'move', index: lines.findIndex((l) => l.key === line.parent) };
  if (line.kind === 'row') {
    if (key === 'Enter') return { kind: 'open', id: line.rollout.id };
    return key === 'ArrowLeft' ? up() : undefined;
  }
  const { group } = line;
  if (!foldable(group)) return key === 'ArrowLeft' ? up() : undefined;
  if (key === 'Enter' || key === ' ') return { kind: 'fold', group: group.key, collapsed: !group.collapsed };
  if (key === 'ArrowLeft')
    return group.collapsed ? up() : { kind: 'fold', group: group.key, collapsed: true };
  if (key === 'ArrowRight') {
    if (group.collapsed) return { kind: 'fold', group: group.key, collapsed: false };
    const child = lines[selectedIndex + 1];
    return child?.parent === line.key ? { kind: 'move', index: selectedIndex + 1 } : undefined;
  }
  return undefined;
}
