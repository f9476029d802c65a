// The palette's delivery entry: the DORA metrics view, by its name and the metrics' names.
import type { PaletteEntry } from '../../app/palette-entry';
import { navigate } from '../../app/routes';

const ENTRIES: PaletteEntry[] = [
  {
    id: 'nav:delivery',
    name: 'Delivery metrics',
    keywords: ['dora', 'deployment frequency', 'lead time', 'change fail rate', 'recovery', 'rework'],
    kind: 'navigation',
    group: 'Navigation',
    run: () => navigate({ name: 'delivery' }),
  },
];

export function useDeliveryPaletteEntries(): PaletteEntry[] {
  return ENTRIES;
}
