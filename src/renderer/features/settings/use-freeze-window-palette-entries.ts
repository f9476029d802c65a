import { useMemo } from 'react';
import { useFreezeWindowList } from '../../api/use-freeze-windows';
import { navigate } from '../../app/routes';
import { useFreezeWindowDialogStore } from './freeze-window-dialog-store';

export interface FreezeWindowPaletteEntry {
  id: string;
  name: string;
  target?: string;
  keywords?: string[];
  kind: 'action' | 'navigation';
  destructive?: boolean;
  group: string;
  detail?: string;
  run: () => void;
}

/** Add freeze window, Go to freeze windows, and Edit / Delete each window, for the command palette. */
export function useFreezeWindowPaletteEntries(open: boolean): FreezeWindowPaletteEntry[] {
  const list = useFreezeWindowList(open);
  return useMemo(() => {
    const { request } = useFreezeWindowDialogStore.getState();
    const go = (dialog: Parameters<typeof request>[0]) => () => {
      request(dialog);
      navigate({ name: 'settings' });
    };
    const entries: FreezeWindowPaletteEntry[] = [
      {
        id: 'freeze-window:add',
        name: 'Add freeze window',
        keywords: ['freeze', 'schedule', 'weekend', 'deny window', 'sync window'],
        kind: 'action',
        group: 'Freeze windows',
        run: go({ kind: 'add' }),
      },
      {
        id: 'nav:freeze-windows',
        name: 'Go to freeze windows',
        keywords: ['settings', 'freeze'],
        kind: 'navigation',
        group: 'Navigation',
        run: go({ kind: 'show' }),
      },
    ];
    for (const w of list.data?.windows ?? []) {
      const detail = `${w.state === 'in-force' ? 'in force' : w.state} — ${w.schedule}`;
      entries.push(
        {
          id: `freeze-window:edit:${w.name}`,
          name: 'Edit freeze window',
          target: w.name,
          keywords: ['freeze'],
          kind: 'action',
          group: 'Freeze windows',
          detail,
          run: go({ kind: 'edit', name: w.name }),
        },
        {
          id: `freeze-window:delete:${w.name}`,
          name: 'Delete freeze window',
          target: w.name,
          keywords: ['freeze', 'remove'],
          kind: 'action',
          destructive: true,
          group: 'Freeze windows',
          detail,
          run: go({ kind: 'delete', name: w.name }),
        },
      );
    }
    return entries;
  }, [list.data]);
}
