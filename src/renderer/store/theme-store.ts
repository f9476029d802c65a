import { create } from 'zustand';

export type Theme = 'dark' | 'light';
const STORAGE_KEY = 'controlRoom.theme';

function readTheme(): Theme {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'light' ? 'light' : 'dark';
  } catch {
    return 'dark';
  }
}

function applyTheme(theme: Theme): void {
  document.documentElement.dataset.theme = theme;
  document.documentElement.style.colorScheme = theme;
}

interface ThemeState {
  theme: Theme;
  toggle: () => void;
}

export const useThemeStore = create<ThemeState>()((set, get) => ({
  theme: readTheme(),
  toggle: () => {
    const theme: Theme = get().theme === 'dark' ? 'light' : 'dark';
    try {
      localStorage.setItem(STORAGE_KEY, theme);
    } catch {
      // Not persisted; still switched for this page.
    }
    applyTheme(theme);
    set({ theme });
  },
}));

/** Applies the persisted theme before the first paint. */
export function initTheme(): void {
  applyTheme(useThemeStore.getState().theme);
}
