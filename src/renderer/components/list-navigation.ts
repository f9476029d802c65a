// Where a keyboard key moves the selection in a list or grid: one rule for every selectable list.

/** The index the key moves to (clamped by the caller's moveTo), or undefined when the key is not ours. */
export function navigationTarget(
  key: string,
  selectedIndex: number,
  count: number,
  page = 10,
): number | undefined {
  switch (key) {
    case 'ArrowDown':
      return selectedIndex < 0 ? 0 : selectedIndex + 1;
    case 'ArrowUp':
      return selectedIndex < 0 ? 0 : selectedIndex - 1;
    case 'PageDown':
      return selectedIndex + page;
    case 'PageUp':
      return selectedIndex - page;
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return undefined;
  }
}
