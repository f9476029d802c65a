import { describe, expect, it } from 'vitest';
import { windowDraftOf, windowFieldOf, windowSettingsOf, emptyWindowDraft } from './freeze-window-draft';

describe('the freeze window form', () => {
  it('sends only what was filled in, lists split on commas, and reads back what it sent', () => {
    const draft = {
      ...emptyWindowDraft(),
      name: ' weekend ',
      environments: 'prod-eu, prod-us,',
      timezone: 'Europe/Berlin',
      reason: '',
    };
    const settings = windowSettingsOf(draft);
    expect(settings).toEqual({
      name: 'weekend',
      environments: ['prod-eu', 'prod-us'],
      timezone: 'Europe/Berlin',
      weekly: { from: 'Fri 16:00', to: 'Mon 08:00' },
    });
    expect(windowSettingsOf(windowDraftOf(settings))).toEqual(settings);
    const once = windowSettingsOf({
      ...draft,
      kind: 'once',
      start: '2026-12-24T18:00',
      end: '',
      days: 'Mon',
    });
    // An empty end is left out: the control room refuses a window that never ends, naming end.
    expect(once).toEqual({
      name: 'weekend',
      environments: ['prod-eu', 'prod-us'],
      timezone: 'Europe/Berlin',
      start: '2026-12-24T18:00',
    });
  });

  it('puts an error under the input it names', () => {
    expect(windowFieldOf('window.weekly.days.1')).toBe('days');
    expect(windowFieldOf('window.weekly')).toBe('from');
    expect(windowFieldOf('window.end')).toBe('end');
    expect(windowFieldOf('window')).toBeUndefined();
    expect(windowFieldOf('editing')).toBeUndefined();
  });
});
