/** True when a key press belongs to a text field (or a dialog/palette is open): shortcuts stay out. */
export function keyBelongsElsewhere(event: KeyboardEvent): boolean {
  const target = event.target instanceof HTMLElement ? event.target : null;
  if (target?.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"]')) return true;
  if (document.querySelector('dialog[open], [role="dialog"]')) return true;
  return false;
}
