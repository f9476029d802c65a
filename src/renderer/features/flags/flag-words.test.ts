import { describe, expect, it } from 'vitest';
import type { FlagRow } from '../../../shared/flags';
import { flagActionStates } from './flag-actions';
import { constraintsWords, flagState, lastChange, strategyWords } from './flag-words';
import { parseFlagsQuery, serialiseFlagsQuery, flagsListInput } from './flags-query';

const flag = (over: Partial<FlagRow> = {}): FlagRow => ({
  key: 'checkout-v2',
  project: 'default',
  environment: 'production',
  enabled: true,
  strategies: [{ name: 'flexibleRollout', rolloutPercent: 25, groupId: 'userId', constraints: [] }],
  variants: [],
  version: 'v1',
  connection: 'unleash',
  ...over,
});

describe('a flag in words', () => {
  it('says On, Off or On for a share, as the row shows it', () => {
    expect(flagState(flag()).word).toBe('On for 25%');
    expect(flagState(flag({ enabled: false })).word).toBe('Off');
    expect(flagState(flag({ strategies: [{ name: 'default', constraints: [] }] })).word).toBe('On');
    expect(flagState(flag({ strategies: [] })).word).toBe('On');
    // A strategy for everyone beside a 25% one: on for everyone.
    expect(
      flagState(
        flag({
          strategies: [
            { name: 'flexibleRollout', rolloutPercent: 25, constraints: [] },
            { name: 'default', constraints: [] },
          ],
        }),
      ).word,
    ).toBe('On');
  });

  it('shortens constraints and names strategies with their share', () => {
    const f = flag({
      strategies: [
        {
          name: 'flexibleRollout',
          rolloutPercent: 10,
          constraints: [
            { contextName: 'region', operator: 'IN', values: ['eu', 'us', 'ap', 'sa', 'af'] },
            { contextName: 'appVersion', operator: 'STR_STARTS_WITH', values: ['1.'], inverted: true },
          ],
        },
      ],
    });
    expect(strategyWords(f)).toBe('flexibleRollout 10%');
    expect(constraintsWords(f)).toBe('region IN eu, us, ap +2 more; NOT appVersion STR_STARTS_WITH 1.');
  });

  it('shows the newer of the backend’s last change and the room’s record', () => {
    const room = { at: '2026-01-01T10:00:00Z', by: 'dana', summary: 'rollout 10% → 25%', auditSeq: 4 };
    expect(
      lastChange(flag({ lastRecorded: room, lastChange: { at: '2026-01-01T09:00:00Z', by: 'x' } })),
    ).toEqual({
      at: room.at,
      by: 'dana',
      source: 'room',
      summary: room.summary,
    });
    expect(
      lastChange(flag({ lastRecorded: room, lastChange: { at: '2026-01-01T11:00:00Z', by: 'ci' } }))?.by,
    ).toBe('ci');
    expect(lastChange(flag())).toBeUndefined();
  });
});

describe('what a flag row may do', () => {
  const freeze = { reason: 'checkout 5xx', source: { kind: 'incident', id: 'INC-1' } } as const;
  it('lets the kill switch through a freeze and holds Enable and Set rollout, saying why', () => {
    const s = flagActionStates(flag(), { observer: false, pending: false, freezes: [freeze] });
    expect(s.disable.enabled).toBe(true);
    expect(s['set-rollout']).toMatchObject({ enabled: false, freeze });
    expect(s['set-rollout'].reason).toContain('INC-1');
    expect(s.enable.enabled).toBe(false);
  });

  it('applies a freeze only to the environments it names', () => {
    const s = flagActionStates(flag(), {
      observer: false,
      pending: false,
      freezes: [{ ...freeze, environments: ['staging'] }],
    });
    expect(s['set-rollout'].enabled).toBe(true);
  });

  it('offers nothing to an observer, and no change decided on a stale row but the kill switch', () => {
    const o = flagActionStates(flag(), { observer: true, pending: false, freezes: [] });
    expect(Object.values(o).map((x) => x.enabled)).toEqual([false, false, false]);
    const stale = flagActionStates(flag({ stale: true, enabled: false }), {
      observer: false,
      pending: false,
      freezes: [],
    });
    expect(stale.enable).toMatchObject({ enabled: false });
    expect(stale.enable.reason).toContain('stale');
    expect(stale.disable).toEqual({ enabled: false, reason: 'Already off.' });
    expect(
      flagActionStates(flag({ stale: true }), { observer: false, pending: false, freezes: [] }).disable
        .enabled,
    ).toBe(true);
  });
});

describe('the Flags view’s URL', () => {
  it('round-trips the environment and the last-hour filter and asks the list for one hour', () => {
    const q = parseFlagsQuery(serialiseFlagsQuery({ environment: 'prod eu', changed: '1h' }));
    expect(q).toEqual({ environment: 'prod eu', changed: '1h' });
    expect(flagsListInput(q)).toEqual({ environment: 'prod eu', changedWithinSec: 3600 });
    expect(parseFlagsQuery('changed=5y&env=')).toEqual({});
  });
});
