import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AlertSpan } from '../../../shared/alerts';
import type { AuditRecord } from '../../../shared/domain';
import type { Incident } from '../../../shared/incidents';
import { tempDirs } from '../../../../test/support/temp-dirs';
import { PostmortemService, type PostmortemDeps } from './postmortem-service';

const T0 = Date.parse('2026-03-02T10:00:00Z');
const min = (n: number): string => new Date(T0 + n * 60_000).toISOString();

/** A constructed log: a promote at 10:05, alert 10:08, declare 10:10, pause 10:12, abort 10:15, resolve 10:40. */
function log(): AuditRecord[] {
  const rows: [number, string, string, string, string, Record<string, unknown>][] = [
    [
      2,
      'ci',
      'rollout.rollout-started',
      'sim/checkout-prod',
      '',
      { message: 'rollout of 2.0.0 started', version: '2.0.0' },
    ],
    [5, 'alice', 'action.requested', 'sim/checkout-prod', '', { action: 'promote' }],
    [
      5,
      'alice',
      'action.succeeded',
      'sim/checkout-prod',
      'looks fine',
      { action: 'promote', message: 'step 2' },
    ],
    [
      10,
      'bob',
      'incident.declared',
      'INC-1',
      '',
      { title: 'Checkout errors', severity: 'SEV2', commander: 'bob' },
    ],
    [
      12,
      'bob',
      'action.succeeded',
      'sim/checkout-prod',
      'stop the bleeding',
      { action: 'pause', message: 'paused' },
    ],
    [13, 'carol', 'alert.silenced', 'am/abc', 'known, being handled', {}],
    [
      15,
      'bob',
      'action.succeeded',
      'sim/checkout-prod',
      'roll back',
      { action: 'abort', message: 'aborted' },
    ],
    [16, 'dave', 'freeze.overridden', 'sim/search-prod', 'hotfix', { action: 'promote' }],
    [40, 'bob', 'incident.resolved', 'INC-1', '', { rca: 'https://wiki.example/rca/1' }],
  ];
  return rows.map(([m, actor, kind, target, reason, details], i) => ({
    seq: i + 1,
    time: min(m),
    actor,
    kind,
    target,
    reason,
    details,
    prev: '',
    hash: '',
  }));
}

const incident: Incident = {
  id: 'INC-1',
  title: 'Checkout errors',
  severity: 'SEV2',
  commander: 'bob',
  declaredAt: min(10),
  declaredBy: 'bob',
  resolvedAt: min(40),
  resolvedBy: 'bob',
  rca: 'https://wiki.example/rca/1',
  overrides: [],
  auditSeq: 4,
};

const alerts: AlertSpan[] = [
  {
    id: 'am/abc',
    name: 'CheckoutErrorBudgetBurn',
    severity: 'critical',
    service: 'checkout',
    environment: 'prod',
    startsAt: min(8),
    endsAt: min(20),
  },
];

/** Errors over 5 % from 10:06 until 10:15 (the abort), then back under. */
function checkoutSeries(from: number, to: number): { time: number; value: number }[] {
  const points = [];
  for (let t = from; t < to; t += 60_000)
    points.push({ time: t, value: t >= T0 + 6 * 60_000 && t < T0 + 16 * 60_000 ? 0.2 : 0.01 });
  return points;
}

function deps(workspaceDir: string, over: Partial<PostmortemDeps> = {}): PostmortemDeps {
  const records = log();
  return {
    incident: (id) => (id === 'INC-1' ? incident : undefined),
    records: (from, to) => records.filter((r) => Date.parse(r.time) >= from && Date.parse(r.time) <= to),
    alerts: () => alerts,
    errorRate: (p, from, to) =>
      Promise.resolve({ ...p, points: p.service === 'checkout' ? checkoutSeries(from, to) : [] }),
    place: (id) =>
      id === 'sim/checkout-prod'
        ? { service: 'checkout', environment: 'prod' }
        : id === 'sim/search-prod'
          ? { service: 'search', environment: 'prod' }
          : undefined,
    clock: { now: () => T0 + 60 * 60_000 },
    workspaceDir,
    ...over,
  };
}

const newDir = tempDirs('postmortem-');

describe('postmortem draft', () => {
  it('has every section of the blameless template, the RCA link, and the actions in order with their actors', async () => {
    const draft = await new PostmortemService(deps(newDir())).draft({ id: 'INC-1', overwrite: false });
    for (const heading of [
      '## Summary',
      '## Impact',
      '## Root causes',
      '## Trigger',
      '## Detection',
      '## Resolution',
      '### Actions taken',
      '## Action items',
      '### What went well',
      '### What went badly',
      '### Where we got lucky',
      '## Timeline',
    ])
      expect(draft.markdown).toContain(heading);
    expect(draft.markdown).toContain('**Draft**');
    expect(draft.markdown).toContain('<https://wiki.example/rca/1>');
    expect(draft.markdown).toContain(
      '| Action | Type (mitigate / prevent / detect) | Owner | Due | Tracking |',
    );
    const actions = draft.markdown.split('### Actions taken')[1]?.split('## Charts')[0] ?? '';
    const lines = actions.split('\n').filter((l) => /^\d+\. /.test(l));
    expect(lines).toEqual([
      '1. 2026-03-02T10:10:00Z — bob — declared INC-1 "Checkout errors" (SEV2, commander bob)',
      '2. 2026-03-02T10:12:00Z — bob — pause sim/checkout-prod (reason: stop the bleeding)',
      '3. 2026-03-02T10:13:00Z — carol — silenced alert am/abc (reason: known, being handled)',
      '4. 2026-03-02T10:15:00Z — bob — abort sim/checkout-prod (reason: roll back)',
      '5. 2026-03-02T10:16:00Z — dave — overrode the freeze to promote sim/search-prod (reason: hotfix)',
      '6. 2026-03-02T10:40:00Z — bob — resolved INC-1; root cause: https://wiki.example/rca/1',
    ]);
    // The request record is bookkeeping: one line per action, not two.
    expect(draft.markdown.split('## Timeline')[1]?.match(/promote sim\/checkout-prod/g)).toHaveLength(1);
  });

  it('names the suspect change and measures detection and mitigation from the signals', async () => {
    const { markdown } = await new PostmortemService(deps(newDir())).draft({ id: 'INC-1', overwrite: false });
    expect(markdown).toContain(
      '**promote sim/checkout-prod (reason: looks fine)** at 2026-03-02T10:05:00Z by alice',
    );
    // Impact from the first reading over 5 % at 10:06; declared 10:10: 4 min.
    expect(markdown).toContain('time to detect **4 min**');
    // The pause did not bring it back under; the abort at 10:15 did: 9 min after 10:06.
    expect(markdown).toContain('Mitigated at 2026-03-02T10:15:00Z by bob');
    expect(markdown).toContain('Time to mitigate **9 min**');
    expect(markdown).toMatch(/> Time to detect: from the start of impact/);
    expect(markdown).toMatch(/> Time to mitigate: from the start of impact/);
  });

  it('takes the first mitigating action when the metrics cannot tell, and the chart says why', async () => {
    const draft = await new PostmortemService(
      deps(newDir(), { errorRate: () => Promise.reject(new Error('prometheus timed out')) }),
    ).draft({ id: 'INC-1', overwrite: false });
    // Impact from the alert at 10:08; first mitigation the pause at 10:12.
    expect(draft.markdown).toContain('Time to mitigate **4 min**');
    expect(draft.markdown).toContain('the metrics cannot tell');
    expect(draft.images[0]?.svg).toContain('no data: prometheus timed out');
  });

  it('writes a well-formed SVG beside the Markdown with the change, alert and mitigation marks', async () => {
    const draft = await new PostmortemService(deps(newDir())).draft({ id: 'INC-1', overwrite: false });
    const image = draft.images[0];
    expect(image?.name).toBe('error-rate.svg');
    expect(draft.markdown).toContain('](error-rate.svg)');
    const svg = fs.readFileSync(image?.path ?? '', 'utf8');
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trim().endsWith('</svg>')).toBe(true);
    // Every tag that opens closes (a cheap well-formedness check on what we emit).
    const opened = (svg.match(/<(g|svg|title|text)[\s>]/g) ?? []).length;
    const closed = (svg.match(/<\/(g|svg|title|text)>/g) ?? []).length;
    expect(opened).toBe(closed);
    expect(svg).not.toMatch(/&(?!(lt|gt|amp|quot|apos);)/);
    for (const kind of ['change', 'alert', 'mitigation', 'declared', 'resolved'])
      expect(svg).toContain(`data-mark="${kind}"`);
    expect(svg).toContain('data-series="checkout / prod"');
    expect(fs.statSync(draft.path).mode & 0o777).toBe(0o600);
    expect(fs.statSync(image?.path ?? '').mode & 0o777).toBe(0o600);
  });

  it('never replaces an edited draft silently: refused, then kept as .bak when asked', async () => {
    const dir = newDir();
    const service = new PostmortemService(deps(dir));
    const first = await service.draft({ id: 'INC-1', overwrite: false });
    // Unedited: a redraft just replaces it.
    await service.draft({ id: 'INC-1', overwrite: false });
    fs.appendFileSync(first.path, '\nOur notes.\n');
    await expect(service.draft({ id: 'INC-1', overwrite: false })).rejects.toThrow(
      /was edited since it was drafted/,
    );
    expect(fs.readFileSync(first.path, 'utf8')).toContain('Our notes.');
    const again = await service.draft({ id: 'INC-1', overwrite: true });
    expect(again.keptEdits).toBe(path.join(dir, 'postmortems', 'INC-1', 'postmortem.md.bak'));
    expect(fs.readFileSync(again.keptEdits ?? '', 'utf8')).toContain('Our notes.');
    expect(fs.readFileSync(first.path, 'utf8')).not.toContain('Our notes.');
  });

  it('says the root cause is not known while the incident is open, and names a missing incident', async () => {
    const { resolvedAt: _r, resolvedBy: _b, rca: _c, ...open } = incident;
    const draft = await new PostmortemService(deps(newDir(), { incident: () => open })).draft({
      id: 'INC-1',
      overwrite: false,
    });
    expect(draft.markdown).toContain('The incident is open: the root cause is not known yet');
    await expect(
      new PostmortemService(deps(newDir(), { incident: () => undefined })).draft({
        id: 'INC-9',
        overwrite: false,
      }),
    ).rejects.toThrow('No incident INC-9');
  });

  it('takes a flag enabled before the first alert as the trigger, and its kill switch as a mitigation', async () => {
    const records = log();
    const flag = (m: number, seq: number, on: boolean, reason: string): AuditRecord => ({
      seq,
      time: min(m),
      actor: on ? 'erin' : 'bob',
      kind: 'flag.changed',
      target: 'new-checkout',
      reason,
      details: {
        connection: 'unleash',
        environment: 'prod',
        change: on ? 'enable' : 'disable',
        before: { enabled: !on },
        after: { enabled: on },
        services: ['checkout', 'payments'],
        message: `new-checkout in prod: ${on ? 'off → on' : 'on → off'}`,
        idempotencyKey: `k${seq}`,
      },
      prev: '',
      hash: '',
    });
    records.push(flag(7, 100, true, 'launch'), flag(14, 101, false, 'kill it'));
    const { markdown } = await new PostmortemService(
      deps(newDir(), {
        records: (from, to) =>
          records
            .filter((r) => Date.parse(r.time) >= from && Date.parse(r.time) <= to)
            .sort((a, b) => a.time.localeCompare(b.time)),
      }),
    ).draft({ id: 'INC-1', overwrite: false });
    expect(markdown).toContain(
      '**flag new-checkout in prod: off → on (touches checkout, payments) (reason: launch)** at 2026-03-02T10:07:00Z by erin',
    );
    expect(markdown).toContain('checkout / prod, payments / prod');
    const actions = markdown.split('### Actions taken')[1]?.split('## Charts')[0] ?? '';
    expect(actions).toContain(
      '2026-03-02T10:14:00Z — bob — flag new-checkout in prod: on → off (touches checkout, payments) (reason: kill it)',
    );
    // One line per flip, not one per service.
    const timeline = markdown.split('## Timeline')[1] ?? '';
    expect(timeline.match(/flag new-checkout/g)).toHaveLength(2);
  });
});
