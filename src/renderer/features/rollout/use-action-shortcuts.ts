import { useEffect, useRef } from 'react';
import type { ActionName } from '../../../shared/domain';
import { keyBelongsElsewhere } from '../../components/is-typing';
import { actionForKey } from './action-meta';

/** p pause, r resume, ⇧P promote, ⇧F promote fully, a abort, t retry, f roll forward. */
export function useActionShortcuts(onAction: (action: ActionName) => void): void {
  const handler = useRef(onAction);
  useEffect(() => {
    handler.current = onAction;
  });

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.defaultPrevented || event.repeat) return;
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      if (keyBelongsElsewhere(event)) return;
      const action = actionForKey(event.key, event.shiftKey);
      if (!action) return;
      event.preventDefault();
      handler.current(action);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
