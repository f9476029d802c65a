import { describe, expect, it } from 'vitest';
import type { DrillStatus } from '../../../shared/drills';
import { drillConsequence } from './drill-confirm-dialog';
import { clockButton, controlRefusal } from './drill-controls';

const status = {
  scenario: { id: 'canary-error-rate', title: 'Canary error-rate regression', briefing: '', steadyState: '' },
  seed: 11,
  state: 'running',
  offset: 450_000,
  durationMs: 1_800_000,
  speed: 60,
  simulatedTime: '2026-03-04T09:07:30.000Z',
  steadyState: { holds: false, failing: [] },
  happened: [{ id: 'canary-errors', kind: 'metric-fault', at: 180_000, live: false }],
  actions: [
    {
      offset: 320_000,
      wallTime: '2026-12-03T13:00:00Z',
      actor: 'ana',
      action: 'pause',
      target: 'checkout-prod-eu',
      outcome: 'succeeded',
      message: '',
    },
  ],
  facilitator: true,
} satisfies DrillStatus;

describe('the facilitator’s controls', () => {
  it('offer one clock button that says what it does in each state', () => {
    expect(clockButton('ready')).toEqual({ command: 'start', label: 'Start drill' });
    expect(clockButton('running')).toEqual({ command: 'pause', label: 'Pause drill' });
    expect(clockButton('paused')).toEqual({ command: 'start', label: 'Resume drill' });
  });

  it('say why a control cannot run: no step while running, only reset once ended', () => {
    expect(controlRefusal('step', 'running')).toMatch(/Pause the drill/);
    expect(controlRefusal('step', 'paused')).toBeUndefined();
    expect(controlRefusal('end', 'ended')).toMatch(/ended/);
    expect(controlRefusal('reset', 'ended')).toBeUndefined();
  });

  it('say exactly what End and Reset do to this drill as it stands', () => {
    const end = drillConsequence('end', status).join(' ');
    expect(end).toContain('stops at +07:30 of 30:00');
    expect(end).toContain('1 participant action, 1 inject so far');
    expect(end).toContain('drill history');
    const reset = drillConsequence('reset', status).join(' ');
    expect(reset).toContain('back to +00:00');
    expect(reset).toContain('neither scored nor saved');
  });
});
