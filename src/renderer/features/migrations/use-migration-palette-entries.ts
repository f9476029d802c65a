// The palette's migration entries: every plan by its id, title, change and database, and what the
// open migration view offers (run checks, advance, roll back, tick and waive), registered by it.
import { useMemo } from 'react';
import { useMigrationList } from '../../api/use-migrations';
import type { PaletteEntry } from '../../app/palette-entry';
import { navigate } from '../../app/routes';
import { useEntriesOnScreen } from '../../app/screen-palette-entries';

export function useMigrationPaletteEntries(open: boolean): PaletteEntry[] {
  const migrations = useMigrationList(open);
  const onScreen = useEntriesOnScreen('migration');
  return useMemo(
    () => [
      ...onScreen,
      ...(migrations.data?.plans ?? []).map((p): PaletteEntry => ({
        id: `migration:${p.id}`,
        name: 'Open migration',
        target: p.id,
        keywords: [p.title, p.change, p.database],
        kind: 'navigation',
        group: 'Migrations',
        detail: p.current ? `${p.current} ${p.currentTitle}` : 'complete',
        run: () => navigate({ name: 'migration', id: p.id }),
      })),
    ],
    [onScreen, migrations.data],
  );
}
