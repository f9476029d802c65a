import { ACTIONS, type ActionName } from '../../../shared/domain';

export interface ActionMeta {
  label: string;
  /** The letter of the shortcut (matched case-insensitively, so Caps Lock cannot turn p into ⇧P). */
  letter: string;
  shift: boolean;
  /** Always needs the confirmation dialog (others need it when a caution applies: action-caution.ts). */
  confirm: boolean;
  /** Moves traffic or lifts a hold; only Pause is not. The command palette never preselects these. */
  destructive: boolean;
  /** Shown only while it can be done: a fix for a rare state would otherwise clutter every rollout. */
  onlyWhenOffered?: boolean;
  tone: 'neutral' | 'primary' | 'danger';
}

export const ACTION_META: Record<ActionName, ActionMeta> = {
  pause: { label: 'Pause', letter: 'p', shift: false, confirm: false, destructive: false, tone: 'neutral' },
  resume: { label: 'Resume', letter: 'r', shift: false, confirm: false, destructive: true, tone: 'neutral' },
  promote: { label: 'Promote', letter: 'p', shift: true, confirm: false, destructive: true, tone: 'primary' },
  'promote-full': {
    label: 'Promote fully',
    letter: 'f',
    shift: true,
    confirm: true,
    destructive: true,
    tone: 'primary',
  },
  abort: { label: 'Abort', letter: 'a', shift: false, confirm: true, destructive: true, tone: 'danger' },
  retry: { label: 'Retry', letter: 't', shift: false, confirm: false, destructive: true, tone: 'neutral' },
  reapply: {
    label: 'Re-apply',
    letter: 'e',
    shift: false,
    confirm: true,
    destructive: true,
    tone: 'neutral',
    onlyWhenOffered: true,
  },
  'roll-forward': {
    label: 'Roll forward',
    letter: 'f',
    shift: false,
    confirm: true,
    destructive: true,
    tone: 'neutral',
  },
  undo: {
    label: 'Undo',
    letter: 'u',
    shift: false,
    confirm: true,
    destructive: true,
    tone: 'neutral',
    onlyWhenOffered: true,
  },
  restart: {
    label: 'Restart pods',
    letter: 'r',
    shift: true,
    confirm: true,
    destructive: true,
    tone: 'neutral',
    onlyWhenOffered: true,
  },
};

/** Display order of the action bar: the contract's order (pause first, roll forward last). */
export const ACTION_ORDER: readonly ActionName[] = ACTIONS;

/** "P", "⇧P": as shown on the buttons. */
export function shortcutLabel(action: ActionName): string {
  const meta = ACTION_META[action];
  return `${meta.shift ? '⇧' : ''}${meta.letter.toUpperCase()}`;
}

/** "p", "Shift+P": for aria-keyshortcuts. */
export function ariaShortcut(action: ActionName): string {
  const meta = ACTION_META[action];
  return meta.shift ? `Shift+${meta.letter.toUpperCase()}` : meta.letter;
}

export function actionForKey(key: string, shift: boolean): ActionName | undefined {
  const letter = key.toLowerCase();
  return ACTION_ORDER.find(
    (action) => ACTION_META[action].letter === letter && ACTION_META[action].shift === shift,
  );
}
