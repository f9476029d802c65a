import { useEffect } from 'react';
import { keyBelongsElsewhere } from '../../components/is-typing';

/** D opens the declare dialog on the incidents screens (not while typing or in a dialog). */
export function useDeclareShortcut(open: () => void): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (event.key !== 'd' || event.ctrlKey || event.metaKey || event.altKey) return;
      if (keyBelongsElsewhere(event)) return;
      event.preventDefault();
      open();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open]);
}
