import { describe, expect, it } from 'vitest';
import type { PaletteEntry } from './palette-entry';
import { gatherPaletteEntries } from './palette-gather';

const entry = (id: string, name: string, extra: Partial<PaletteEntry> = {}): PaletteEntry => ({
  id,
  name,
  kind: 'action',
  group: 'g',
  run: () => {},
  ...extra,
});

describe('gatherPaletteEntries', () => {
  it('lists what is on screen first, then each feature in the order given', () => {
    const fleet = [entry('nav:fleet', 'Go to fleet'), entry('fleet:env:prod-eu', 'Show prod-eu only')];
    const migration = [entry('migration:advance:m1', 'Advance to P4', { onScreen: true })];
    const gathered = gatherPaletteEntries([fleet, migration]);
    expect(gathered.map((e) => e.id)).toEqual(['migration:advance:m1', 'nav:fleet', 'fleet:env:prod-eu']);
  });

  it('keeps the on-screen entry when a feature offers the same one by name', () => {
    const byName = [entry('action:pause:sim/checkout-prod-eu', 'Pause', { target: 'checkout prod-eu' })];
    const onScreen = [
      entry('action:pause:sim/checkout-prod-eu', 'Pause', {
        onScreen: true,
        disabled: true,
        detail: 'Already paused',
      }),
    ];
    const gathered = gatherPaletteEntries([byName, onScreen]);
    expect(gathered).toHaveLength(1);
    expect(gathered[0]).toMatchObject({ disabled: true, detail: 'Already paused' });
  });

  it('keeps the first of two entries with one id from features that are not on screen', () => {
    const gathered = gatherPaletteEntries([
      [entry('x', 'First')],
      [entry('x', 'Second'), entry('y', 'Other')],
    ]);
    expect(gathered.map((e) => e.name)).toEqual(['First', 'Other']);
  });
});
