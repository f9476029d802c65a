// A fleet row's actions from a context menu: the rollout's own actions with the enablement and
// reasons the core gives (its detail, asked of the API), run through the rollout view's confirmations.
import { useEffect, useState } from 'react';
import { useRollout } from '../../api/use-rollout';
import { ContextMenu, type MenuItem } from '../../components/context-menu';
import { navigate } from '../../app/routes';
import { ACTION_META, ACTION_ORDER } from '../rollout/action-meta';
import { useRolloutActions } from '../rollout/use-rollout-actions';

interface FleetRowMenuProps {
  id: string;
  at: { x: number; y: number };
  /** Menu and any confirmation are done: the row takes focus back. */
  onDone: () => void;
}

export function FleetRowMenu({ id, at, onDone }: FleetRowMenuProps) {
  const rollout = useRollout(id);
  const actions = useRolloutActions(id, rollout.data);
  const [menuOpen, setMenuOpen] = useState(true);
  const hasDialog = Boolean(actions.dialog);

  // After a choice, this stays mounted while its confirmation is open; then hands focus back.
  useEffect(() => {
    if (!menuOpen && !hasDialog) onDone();
  }, [menuOpen, hasDialog, onDone]);

  const offered = new Set(rollout.data?.actions.map((a) => a.action) ?? []);
  const items: MenuItem[] = [
    { id: 'open', label: 'Open', onSelect: () => navigate({ name: 'rollout', id }) },
    { id: 'canary', label: 'Canary analysis', onSelect: () => navigate({ name: 'canary', id }) },
    ...ACTION_ORDER.filter((a) => offered.has(a)).map((action) => {
      const state = actions.states?.[action];
      return {
        id: action,
        label: ACTION_META[action].label,
        disabled: !state?.enabled || state.pending,
        ...(state?.reason ? { reason: state.reason } : {}),
        onSelect: () => actions.request(action),
      };
    }),
  ];

  return (
    <>
      {menuOpen && (
        <ContextMenu
          label={`Actions for ${id}`}
          items={rollout.data ? items : items.slice(0, 2)}
          at={at}
          onClose={() => setMenuOpen(false)}
        />
      )}
      {actions.dialog}
    </>
  );
}
