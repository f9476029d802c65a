// The palette's app-level entries: every view by name, and the theme.
import { useMemo } from 'react';
import { useThemeStore } from '../store/theme-store';
import type { PaletteEntry } from './palette-entry';
import { navigate, type Route } from './routes';

/** Each view without an id, as "Go to …"; views with one are opened by name by their feature. */
export const VIEW_ENTRIES: readonly { route: Route; name: string; keywords?: string[] }[] = [
  { route: { name: 'fleet' }, name: 'Go to fleet', keywords: ['rollouts', 'home'] },
  { route: { name: 'changes', query: { window: '1h' } }, name: 'Go to what changed', keywords: ['changes'] },
  { route: { name: 'incidents' }, name: 'Go to incidents', keywords: ['freeze'] },
  { route: { name: 'alerts' }, name: 'Go to alerts', keywords: ['playbooks', 'silence'] },
  { route: { name: 'migrations' }, name: 'Go to migrations', keywords: ['schema'] },
  {
    route: { name: 'flags', query: {} },
    name: 'Go to flags',
    keywords: ['feature flags', 'toggles', 'kill switch'],
  },
  { route: { name: 'sets' }, name: 'Go to release sets', keywords: ['sets', 'coupled', 'together'] },
  { route: { name: 'audit' }, name: 'Go to audit', keywords: ['log', 'records'] },
  { route: { name: 'drills' }, name: 'Go to drills', keywords: ['fire drill', 'scenarios', 'after-action'] },
  { route: { name: 'notifications' }, name: 'Go to notifications', keywords: ['unread', 'bell'] },
  { route: { name: 'settings' }, name: 'Go to settings (connections)', keywords: ['config'] },
];

export function useAppPaletteEntries(): PaletteEntry[] {
  const theme = useThemeStore((s) => s.theme);
  const toggleTheme = useThemeStore((s) => s.toggle);
  return useMemo(
    () => [
      ...VIEW_ENTRIES.map(({ route, name, keywords }): PaletteEntry => ({
        id: `nav:${route.name}`,
        name,
        ...(keywords ? { keywords } : {}),
        kind: 'navigation',
        group: 'Navigation',
        run: () => navigate(route),
      })),
      {
        id: 'setting:theme',
        name: `Switch to ${theme === 'dark' ? 'light' : 'dark'} theme`,
        keywords: ['theme', 'dark', 'light'],
        kind: 'setting',
        group: 'Navigation',
        run: toggleTheme,
      },
    ],
    [theme, toggleTheme],
  );
}
