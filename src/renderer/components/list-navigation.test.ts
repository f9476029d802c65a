import { describe, expect, it } from 'vitest';
import { navigationTarget } from './list-navigation';

describe('navigationTarget', () => {
  it('moves by one, by a page, and to either end; starts at the top when nothing is selected', () => {
    expect(navigationTarget('ArrowDown', 3, 20)).toBe(4);
    expect(navigationTarget('ArrowUp', 3, 20)).toBe(2);
    expect(navigationTarget('ArrowDown', -1, 20)).toBe(0);
    expect(navigationTarget('ArrowUp', -1, 20)).toBe(0);
    expect(navigationTarget('PageDown', 3, 20, 7)).toBe(10);
    expect(navigationTarget('PageUp', 3, 20, 7)).toBe(-4);
    expect(navigationTarget('Home', 9, 20)).toBe(0);
    expect(navigationTarget('End', 0, 20)).toBe(19);
  });

  it('leaves other keys alone', () => {
    expect(navigationTarget('Enter', 3, 20)).toBeUndefined();
    expect(navigationTarget('a', 3, 20)).toBeUndefined();
  });
});
