import { useEffect, useRef } from 'react';
import type { ActionName } from '../../../shared/domain';
import { keyBelongsElsewhere } from '../../components/is-typing';
import { actionForKey } from './action-meta';

/**
 * p pause, r resume, ⇧P promote, ⇧F promote fully, a abort, t retry, f roll forward: the keys of the
 * `offered` actions only. `onAction` is the buttons' own request path, so a key never does more.
 */
export function useActionShortcuts(
  onAction: (action: ActionName) => void,
  offered: readonly ActionName[],
): void {
  const handler = useRef(onAction);
  const keys = useRef(offered);
  useEffect(() => {
    handler.current = onAction;
    keys.current = offered;
  });

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.defaultPrevented || event.repeat) return;
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      if (keyBelongsElsewhere(event)) return;
      const action = actionForKey(event.key, event.shiftKey);
      if (!action || !keys.current.includes(action)) return;
      event.preventDefault();
      handler.current(action);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
