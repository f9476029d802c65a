import { Command } from 'cmdk';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useFleet } from '../api/use-fleet';
import { Kbd } from '../components/kbd';
import { useAlertPaletteEntries } from '../features/alerts/alerts-palette-entries';
import { useAuditPaletteEntries } from '../features/audit/use-audit-palette-entries';
import { useCanaryPaletteEntries } from '../features/canary/use-canary-palette-entries';
import { useChangesPaletteEntries } from '../features/changes/use-changes-palette-entries';
import { useDeliveryPaletteEntries } from '../features/delivery/use-delivery-palette-entries';
import { useDrillPaletteEntries } from '../features/drill/use-drill-palette-entries';
import { useFleetPaletteEntries } from '../features/fleet/use-fleet-palette-entries';
import { useFlagsPaletteEntries } from '../features/flags/use-flags-palette-entries';
import { useIncidentPaletteEntries } from '../features/incident/use-incident-palette-entries';
import { useDrillsPaletteEntries } from '../features/drills/use-drills-palette-entries';
import { useMigrationPaletteEntries } from '../features/migrations/use-migration-palette-entries';
import { useReleaseSetPaletteEntries } from '../features/release-sets/use-release-set-palette-entries';
import { useNotificationPaletteEntries } from '../features/notifications/use-notification-palette-entries';
import { usePauseAllCommands } from '../features/pause-all/use-pause-all-commands';
import {
  useOpenRolloutPaletteEntries,
  useRolloutPaletteEntries,
} from '../features/rollout/use-rollout-palette-entries';
import { useFreezeWindowPaletteEntries } from '../features/settings/use-freeze-window-palette-entries';
import { useSettingsPaletteEntries } from '../features/settings/use-settings-palette-entries';
import { useCommandStore } from '../store/command-store';
import { gatherPaletteEntries } from './palette-gather';
import type { PaletteEntry } from './palette-entry';
import { preselected, rankCommands } from './palette-rank';
import { useAppPaletteEntries } from './use-app-palette-entries';

type Entry = PaletteEntry;

/** Keys with which cmdk moves the selection: only these (and the pointer) may choose an item. */
function movesSelection(event: KeyboardEvent): boolean {
  if (['ArrowDown', 'ArrowUp', 'Home', 'End'].includes(event.key)) return true;
  return event.ctrlKey && ['n', 'j', 'p', 'k'].includes(event.key);
}

/** Every entry the palette offers now, one hook per feature, in its default order. */
function usePaletteEntries(open: boolean): Entry[] {
  const fleet = useFleet().data;
  const openRolloutId = useCommandStore((s) => s.rolloutId);
  const incidents = useIncidentPaletteEntries(open);
  const pauseAll = usePauseAllCommands(fleet);
  const openRollout = useOpenRolloutPaletteEntries();
  const migrations = useMigrationPaletteEntries(open);
  const releaseSets = useReleaseSetPaletteEntries(open);
  const audit = useAuditPaletteEntries();
  const settings = useSettingsPaletteEntries();
  const notifications = useNotificationPaletteEntries();
  const changes = useChangesPaletteEntries();
  const app = useAppPaletteEntries();
  const delivery = useDeliveryPaletteEntries();
  const fleetFilters = useFleetPaletteEntries(fleet);
  const canary = useCanaryPaletteEntries(fleet, openRolloutId);
  const rollouts = useRolloutPaletteEntries(fleet);
  const alerts = useAlertPaletteEntries(open);
  const flags = useFlagsPaletteEntries(open);
  const freezeWindows = useFreezeWindowPaletteEntries(open);
  const drills = useDrillsPaletteEntries(open);
  const drill = useDrillPaletteEntries();
  return useMemo(
    () =>
      gatherPaletteEntries([
        drill,
        incidents,
        freezeWindows,
        pauseAll,
        openRollout,
        migrations,
        releaseSets,
        audit,
        settings,
        notifications,
        changes,
        app,
        delivery,
        fleetFilters,
        canary,
        rollouts,
        alerts,
        flags,
        drills,
      ]),
    [
      drill,
      incidents,
      freezeWindows,
      pauseAll,
      openRollout,
      migrations,
      releaseSets,
      audit,
      settings,
      notifications,
      changes,
      app,
      delivery,
      fleetFilters,
      canary,
      rollouts,
      alerts,
      flags,
      drills,
    ],
  );
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
