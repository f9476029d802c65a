import type { ActionName } from '../../../shared/domain';
import { ACTION_META, ACTION_ORDER, ariaShortcut, shortcutLabel } from './action-meta';
import type { ActionState } from './action-state';

interface ActionBarProps {
  states: Record<ActionName, ActionState>;
  onAction: (action: ActionName) => void;
  /** The actions this view offers, in the contract's order; all of them by default. */
  actions?: readonly ActionName[];
  /** Opens the confirmation that lets a frozen action through with a reason. */
  onOverride?: (action: ActionName) => void;
}

/**
 * One button per action, enabled exactly when the rollout says so. Disabled buttons stay
 * focusable (aria-disabled) so their reason can be read on hover and on focus.
 */
export function ActionBar({ states, onAction, actions = ACTION_ORDER, onOverride }: ActionBarProps) {
  return (
    <div className="action-bar" role="toolbar" aria-label="Rollout actions">
      {actions.map((action) => {
        const meta = ACTION_META[action];
        const state = states[action];
        if (meta.onlyWhenOffered && !state.enabled) return null;
        const reasonId = `action-reason-${action}`;
        return (
          <span key={action} className="action-wrap">
            <button
              type="button"
              className={`btn btn-action btn-${meta.tone}${state.pending ? ' is-pending' : ''}`}
              aria-disabled={!state.enabled}
              aria-keyshortcuts={ariaShortcut(action)}
              aria-describedby={state.enabled ? undefined : reasonId}
              aria-busy={state.pending || undefined}
              title={state.enabled ? `${meta.label} (${shortcutLabel(action)})` : state.reason}
              data-action={action}
              onClick={() => {
                if (state.enabled) onAction(action);
              }}
            >
              {/* The name is the content, so it always contains the visible label (WCAG 2.5.3);
                  the busy ellipsis and the shortcut stay out of it. */}
              <span>
                {meta.label}
                {state.pending && <span aria-hidden="true">…</span>}
              </span>
              <kbd className="kbd" aria-hidden="true">
                {shortcutLabel(action)}
              </kbd>
            </button>
            {!state.enabled && state.reason && (
              <span id={reasonId} role="tooltip" className="action-reason">
                {state.reason}
              </span>
            )}
            {state.freeze && onOverride && (
              <button
                type="button"
                className="btn btn-small btn-ghost"
                data-override={action}
                onClick={() => onOverride(action)}
              >
                Override freeze…
              </button>
            )}
          </span>
        );
      })}
    </div>
  );
}
