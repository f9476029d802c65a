import { Command } from 'cmdk';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useFleet } from '../api/use-fleet';
import { useAlertPaletteEntries } from '../features/alerts/alerts-palette-entries';
import { useMigrationList } from '../api/use-migrations';
import { Kbd } from '../components/kbd';
import { PHASE_WORDS } from '../components/status-words';
import { changesPaletteEntries } from '../features/changes/changes-palette-entries';
import { ACTION_META } from '../features/rollout/action-meta';
import { usePauseAllCommands } from '../features/pause-all/use-pause-all-commands';
import { useIncidentPaletteEntries } from '../features/incident/use-incident-palette-entries';
import { useFreezeWindowPaletteEntries } from '../features/settings/use-freeze-window-palette-entries';
import { useCommandStore } from '../store/command-store';
import { useFleetFilterStore } from '../store/fleet-filter-store';
import { useThemeStore } from '../store/theme-store';
import { preselected, rankCommands, type PaletteCommand } from './palette-rank';
import { navigate } from './routes';

interface Entry extends PaletteCommand {
  group: string;
  /** Shown on the right: why it is disabled, a phase, the versions. */
  detail?: string;
  shortcut?: string;
  run: () => void;
}

/** Keys with which cmdk moves the selection: only these (and the pointer) may choose an item. */
function movesSelection(event: KeyboardEvent): boolean {
  if (['ArrowDown', 'ArrowUp', 'Home', 'End'].includes(event.key)) return true;
  return event.ctrlKey && ['n', 'j', 'p', 'k'].includes(event.key);
}

/** Every command the palette offers now, in its default order. */
function usePaletteEntries(open: boolean): Entry[] {
  const rolloutId = useCommandStore((s) => s.rolloutId);
  const commands = useCommandStore((s) => s.rolloutCommands);
  const runCommand = useCommandStore((s) => s.runRolloutCommand);
  const theme = useThemeStore((s) => s.theme);
  const toggleTheme = useThemeStore((s) => s.toggle);
  const fleet = useFleet();
  const migrations = useMigrationList(open);
  const alertEntries = useAlertPaletteEntries(open);
  const pauseAll = usePauseAllCommands(fleet.data);
  const incidents = useIncidentPaletteEntries(open);
  const freezeWindows = useFreezeWindowPaletteEntries(open);

  return useMemo(() => {
    const entries: Entry[] = [...incidents, ...freezeWindows, ...pauseAll];
    if (rolloutId && runCommand)
      for (const c of commands)
        entries.push({
          id: `action:${c.action}:${rolloutId}`,
          name: c.label,
          target: rolloutId,
          kind: 'action',
          destructive: ACTION_META[c.action].destructive,
          disabled: !c.enabled,
          group: `Rollout ${rolloutId}`,
          shortcut: c.shortcut,
          ...(!c.enabled && c.reason ? { detail: c.reason } : {}),
          run: () => runCommand(c.action),
        });
    for (const p of migrations.data?.plans ?? [])
      entries.push({
        id: `migration:${p.id}`,
        name: 'Open migration',
        target: p.id,
        keywords: [p.title, p.change, p.database],
        kind: 'navigation',
        group: 'Migrations',
        detail: p.current ? `${p.current} ${p.currentTitle}` : 'complete',
        run: () => navigate({ name: 'migration', id: p.id }),
      });
    const views = [
      ['fleet', 'Go to fleet'],
      ['audit', 'Go to audit'],
      ['migrations', 'Go to migrations'],
      ['alerts', 'Go to alerts'],
      ['settings', 'Go to settings (connections)'],
      ['delivery', 'Delivery metrics'],
    ] as const;
    entries.push(...changesPaletteEntries());
    for (const [name, label] of views)
      entries.push({
        id: `nav:${name}`,
        name: label,
        kind: 'navigation',
        group: 'Navigation',
        run: () => navigate({ name }),
      });
    // The fleet of one connection (cluster), unfolded: only worth offering when there are several.
    const connections = [...new Set((fleet.data ?? []).map((r) => r.connection))];
    if (connections.length > 1)
      for (const connection of connections)
        entries.push({
          id: `connection:${connection}`,
          name: 'Show connection',
          target: connection,
          keywords: ['fleet', 'cluster', 'filter'],
          kind: 'navigation',
          group: 'Fleet',
          run: () => {
            const filter = useFleetFilterStore.getState();
            filter.showOnlyConnection(connection);
            filter.setGroupCollapsed(connection, false);
            navigate({ name: 'fleet' });
          },
        });
    entries.push({
      id: 'setting:theme',
      name: `Switch to ${theme === 'dark' ? 'light' : 'dark'} theme`,
      keywords: ['theme', 'dark', 'light'],
      kind: 'setting',
      group: 'Navigation',
      run: toggleTheme,
    });
    // Canary analysis of every rollout with a canary in flight, and of the open one (first).
    const canaryTargets = (fleet.data ?? [])
      .filter((r) => r.canaryVersion !== r.stableVersion || r.id === rolloutId)
      .sort((a, b) => Number(b.id === rolloutId) - Number(a.id === rolloutId));
    for (const r of canaryTargets)
      entries.push({
        id: `canary:${r.id}`,
        name: 'Canary analysis',
        target: r.id,
        keywords: [r.service, r.environment, r.canaryVersion, 'judge', 'verdict'],
        kind: 'navigation',
        group: 'Canary analysis',
        detail: `${r.stableVersion} → ${r.canaryVersion}`,
        run: () => navigate({ name: 'canary', id: r.id }),
      });
    for (const r of fleet.data ?? [])
      entries.push({
        id: `rollout:${r.id}`,
        name: 'Open rollout',
        target: r.id,
        keywords: [r.service, r.environment, r.canaryVersion],
        kind: 'navigation',
        group: 'Open rollout',
        detail: PHASE_WORDS[r.phase],
        run: () => navigate({ name: 'rollout', id: r.id }),
      });
    entries.push(...alertEntries);
    return entries;
  }, [
    alertEntries,
    rolloutId,
    commands,
    runCommand,
    migrations.data,
    theme,
    toggleTheme,
    fleet.data,
    pauseAll,
    incidents,
    freezeWindows,
  ]);
}

function groupsOf(entries: Entry[]): [string, Entry[]][] {
  const groups = new Map<string, Entry[]>();
  for (const e of entries) groups.set(e.group, [...(groups.get(e.group) ?? []), e]);
  return [...groups];
}

/** Ctrl/Cmd+K: every action on the open rollout, plus navigation, ranked by palette-rank.ts. */
export function CommandPalette() {
  const open = useCommandStore((s) => s.paletteOpen);
  const setOpen = useCommandStore((s) => s.setPaletteOpen);
  const entries = usePaletteEntries(open);
  const [query, setQuery] = useState('');
  // The item the person moved to; until they do, the preselection holds.
  const [chosen, setChosen] = useState<string | null>(null);
  const [resync, setResync] = useState(0);
  const moving = useRef(false);

  useEffect(() => {
    const onKeyDown = (event: globalThis.KeyboardEvent): void => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'k') {
        event.preventDefault();
        const state = useCommandStore.getState();
        state.setPaletteOpen(!state.paletteOpen);
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  // Each opening starts from an empty query (state adjusted during render, as React advises).
  const [wasOpen, setWasOpen] = useState(open);
  if (open !== wasOpen) {
    setWasOpen(open);
    if (open) {
      setQuery('');
      setChosen(null);
    }
  }

  const searching = query.trim() !== '';
  const shown = useMemo(
    () => (searching ? rankCommands(entries, query) : entries),
    [entries, query, searching],
  );
  const preselect = preselected(shown, query)?.id;
  const selected = chosen !== null && shown.some((e) => e.id === chosen) ? chosen : (preselect ?? '');

  const markMoving = (): void => {
    moving.current = true;
    queueMicrotask(() => {
      moving.current = false;
    });
  };

  // cmdk selects the first item by itself whenever the list changes; only the person's own moves
  // count. Anything else is undone: a changed prop value (cmdk trims it) makes cmdk take ours again.
  const onValueChange = (value: string): void => {
    if (moving.current) setChosen(value);
    else setResync((n) => n + 1);
  };

  // Run after the palette has closed and handed focus back, so a confirmation dialog keeps it.
  const choose = (run: () => void) => () => {
    setOpen(false);
    window.setTimeout(run, 0);
  };

  const item = (e: Entry) => (
    <Command.Item key={e.id} value={e.id} disabled={e.disabled} onSelect={choose(e.run)}>
      <span className="palette-item-label">
        {e.name}
        {e.target ? ` ${e.target}` : ''}
      </span>
      {e.detail && <span className="palette-item-reason">{e.detail}</span>}
      {searching && <span className="palette-item-group">{e.group}</span>}
      {e.shortcut && <Kbd>{e.shortcut}</Kbd>}
    </Command.Item>
  );

  return (
    <Command.Dialog
      open={open}
      onOpenChange={setOpen}
      label="Command palette"
      className="palette"
      overlayClassName="palette-overlay"
      contentClassName="palette-content"
      shouldFilter={false}
      value={resync % 2 === 0 ? selected : `${selected} `}
      onValueChange={onValueChange}
      onKeyDown={(event) => {
        if (movesSelection(event)) markMoving();
      }}
      loop
    >
      <Command.Input
        className="palette-input"
        placeholder="Type a command or a rollout…"
        value={query}
        onValueChange={(value) => {
          setQuery(value);
          setChosen(null);
        }}
      />
      {searching && shown.length > 0 && selected === '' && (
        <p className="palette-hint" role="status">
          Nothing is preselected: press ↓ to choose. Commands that move traffic are never preselected.
        </p>
      )}
      <Command.List className="palette-list" onPointerMoveCapture={markMoving}>
        <Command.Empty className="palette-empty">No matching command.</Command.Empty>
        {searching
          ? shown.map(item)
          : groupsOf(shown).map(([group, members]) => (
              <Command.Group key={group} heading={group}>
                {members.map(item)}
              </Command.Group>
            ))}
      </Command.List>
    </Command.Dialog>
  );
}
