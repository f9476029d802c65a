// What a checklist item offers while its phase is editable: the buttons and the palette read the
// same list, so neither offers an action the other does not.
import type { ItemView } from '../../../shared/migrations';

export interface ItemAction {
  kind: 'tick' | 'waive';
  /** The control's accessible name and the palette entry's: `Tick “…”`, `Waive “…”`. */
  label: string;
  /** The button's visible word. */
  word: 'Tick' | 'Untick' | 'Waive';
}

export function itemActions(item: Pick<ItemView, 'kind' | 'state' | 'title'>): ItemAction[] {
  const actions: ItemAction[] = [];
  if (item.kind === 'manual' && item.state !== 'waived') {
    const word = item.state === 'passed' ? 'Untick' : 'Tick';
    actions.push({ kind: 'tick', word, label: `${word} “${item.title}”` });
  }
  if (item.state !== 'passed' && item.state !== 'waived')
    actions.push({ kind: 'waive', word: 'Waive', label: `Waive “${item.title}”` });
  return actions;
}
