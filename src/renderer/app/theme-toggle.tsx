import { useThemeStore } from '../store/theme-store';

export function ThemeToggle() {
  const theme = useThemeStore((s) => s.theme);
  const toggle = useThemeStore((s) => s.toggle);
  return (
    <button
      type="button"
      className="btn btn-ghost btn-small"
      onClick={toggle}
      aria-pressed={theme === 'light'}
      title="Switch between the dark and the light theme"
    >
      {theme === 'dark' ? '☾' : '☀'}{' '}
      <span className="top-bar-word">{theme === 'dark' ? 'Dark' : 'Light'}</span>
    </button>
  );
}
