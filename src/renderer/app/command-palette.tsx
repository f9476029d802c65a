import { Command } from 'cmdk';
import { useEffect } from 'react';
import { useFleet } from '../api/use-fleet';
import { useMigrationList } from '../api/use-migrations';
import { Kbd } from '../components/kbd';
import { PHASE_WORDS } from '../components/status-words';
import { useCommandStore } from '../store/command-store';
import { useThemeStore } from '../store/theme-store';
import { navigate } from './routes';

/** Ctrl/Cmd+K: every action on the open rollout, plus navigation. */
export function CommandPalette() {
  const open = useCommandStore((s) => s.paletteOpen);
  const setOpen = useCommandStore((s) => s.setPaletteOpen);
  const rolloutId = useCommandStore((s) => s.rolloutId);
  const commands = useCommandStore((s) => s.rolloutCommands);
  const runCommand = useCommandStore((s) => s.runRolloutCommand);
  const theme = useThemeStore((s) => s.theme);
  const toggleTheme = useThemeStore((s) => s.toggle);
  const fleet = useFleet();
  const migrations = useMigrationList(open);
  // Canary analysis of every rollout with a canary in flight, and of the open one.
  const canaryTargets = (fleet.data ?? [])
    .filter((r) => r.canaryVersion !== r.stableVersion || r.id === rolloutId)
    .sort((a, b) => Number(b.id === rolloutId) - Number(a.id === rolloutId));

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'k') {
        event.preventDefault();
        const state = useCommandStore.getState();
        state.setPaletteOpen(!state.paletteOpen);
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  // Run after the palette has closed and handed focus back, so a confirmation dialog keeps it.
  const choose = (run: () => void) => () => {
    setOpen(false);
    window.setTimeout(run, 0);
  };

  return (
    <Command.Dialog
      open={open}
      onOpenChange={setOpen}
      label="Command palette"
      className="palette"
      overlayClassName="palette-overlay"
      contentClassName="palette-content"
      loop
    >
      <Command.Input className="palette-input" placeholder="Type a command or a rollout…" />
      <Command.List className="palette-list">
        <Command.Empty className="palette-empty">No matching command.</Command.Empty>
        {rolloutId && runCommand && commands.length > 0 && (
          <Command.Group heading={`Rollout ${rolloutId}`}>
            {commands.map((c) => (
              <Command.Item
                key={c.action}
                value={`${c.label} ${rolloutId}`}
                disabled={!c.enabled}
                onSelect={choose(() => runCommand(c.action))}
              >
                <span className="palette-item-label">
                  {c.label} {rolloutId}
                </span>
                {!c.enabled && c.reason && <span className="palette-item-reason">{c.reason}</span>}
                <Kbd>{c.shortcut}</Kbd>
              </Command.Item>
            ))}
          </Command.Group>
        )}
        {(migrations.data?.plans.length ?? 0) > 0 && (
          <Command.Group heading="Migrations">
            {migrations.data?.plans.map((p) => (
              <Command.Item
                key={p.id}
                value={`Open migration ${p.id}`}
                keywords={[p.title, p.change, p.database]}
                onSelect={choose(() => navigate({ name: 'migration', id: p.id }))}
              >
                <span className="palette-item-label">Open migration {p.id}</span>
                <span className="palette-item-reason">
                  {p.current ? `${p.current} ${p.currentTitle}` : 'complete'}
                </span>
              </Command.Item>
            ))}
          </Command.Group>
        )}
        <Command.Group heading="Navigation">
          <Command.Item value="Go to fleet" onSelect={choose(() => navigate({ name: 'fleet' }))}>
            Go to fleet
          </Command.Item>
          <Command.Item value="Go to audit" onSelect={choose(() => navigate({ name: 'audit' }))}>
            Go to audit
          </Command.Item>
          <Command.Item value="Go to migrations" onSelect={choose(() => navigate({ name: 'migrations' }))}>
            Go to migrations
          </Command.Item>
          <Command.Item value="Switch theme" onSelect={choose(toggleTheme)}>
            Switch to {theme === 'dark' ? 'light' : 'dark'} theme
          </Command.Item>
        </Command.Group>
        {canaryTargets.length > 0 && (
          <Command.Group heading="Canary analysis">
            {canaryTargets.map((r) => (
              <Command.Item
                key={r.id}
                value={`Canary analysis ${r.id}`}
                keywords={[r.service, r.environment, r.canaryVersion, 'judge', 'verdict']}
                onSelect={choose(() => navigate({ name: 'canary', id: r.id }))}
              >
                <span className="palette-item-label">Canary analysis {r.id}</span>
                <span className="palette-item-reason">
                  {r.stableVersion} → {r.canaryVersion}
                </span>
              </Command.Item>
            ))}
          </Command.Group>
        )}
        {fleet.data && fleet.data.length > 0 && (
          <Command.Group heading="Open rollout">
            {fleet.data.map((r) => (
              <Command.Item
                key={r.id}
                value={`Open rollout ${r.id}`}
                keywords={[r.service, r.environment, r.canaryVersion]}
                onSelect={choose(() => navigate({ name: 'rollout', id: r.id }))}
              >
                <span className="palette-item-label">Open rollout {r.id}</span>
                <span className="palette-item-reason">{PHASE_WORDS[r.phase]}</span>
              </Command.Item>
            ))}
          </Command.Group>
        )}
      </Command.List>
    </Command.Dialog>
  );
}
