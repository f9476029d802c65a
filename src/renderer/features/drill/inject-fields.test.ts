import { describe, expect, it } from 'vitest';
import { fieldsOf, INJECT_FORM_KINDS, injectFromForm, nextLiveId, placeError } from './inject-fields';

describe('the Inject now form', () => {
  it('sends an alert as the scenario schema spells it, leaving empty optional fields out', () => {
    expect(
      injectFromForm('alert', {
        id: 'live-1',
        name: 'HighErrorRate',
        service: ' checkout ',
        environment: 'prod-eu',
        summary: 'checkout 5xx above 2%',
        duration: '',
        note: 'Pager: HighErrorRate on checkout',
      }),
    ).toEqual({
      kind: 'alert',
      id: 'live-1',
      name: 'HighErrorRate',
      service: 'checkout',
      environment: 'prod-eu',
      summary: 'checkout 5xx above 2%',
      note: 'Pager: HighErrorRate on checkout',
    });
  });

  it('sends numbers as numbers, and a number it cannot read as typed, for the server to name', () => {
    const base = { id: 'live-2', service: 'checkout', effect: 'latency' };
    expect(injectFromForm('metric-fault', { ...base, factor: '4.5' })).toMatchObject({ factor: 4.5 });
    expect(injectFromForm('metric-fault', { ...base, factor: 'lots' })).toMatchObject({ factor: 'lots' });
  });

  it('drops fields of another kind typed before the kind was changed', () => {
    expect(injectFromForm('metrics-outage', { id: 'live-3', service: 'checkout', factor: '9' })).toEqual({
      kind: 'metrics-outage',
      id: 'live-3',
    });
  });

  it('puts the server’s refusal beside the field it names, or on the form when the form has no such field', () => {
    expect(placeError('metric-fault', { field: 'inject.factor', message: 'must be positive' })).toEqual({
      field: 'factor',
      message: 'must be positive',
    });
    expect(
      placeError('metric-fault', { message: 'inject.factor: Too small: expected number to be >0' }),
    ).toEqual({ field: 'factor', message: 'Too small: expected number to be >0' });
    expect(placeError('alert', { message: 'inject.kind: an inject needs a kind' })).toMatchObject({
      field: 'kind',
    });
    expect(placeError('alert', { message: 'inject.factor: not here' })).toEqual({
      message: 'inject.factor: not here',
    });
    expect(placeError('alert', { message: 'the drill has ended' })).toEqual({
      message: 'the drill has ended',
    });
  });

  it('gives every kind an id, and picks a live id not yet used', () => {
    for (const { kind } of INJECT_FORM_KINDS) expect(fieldsOf(kind).map((f) => f.key)).toContain('id');
    expect(nextLiveId([])).toBe('live-1');
    expect(nextLiveId(['live-1', 'canary-errors', 'live-3'])).toBe('live-2');
  });
});
