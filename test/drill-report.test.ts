// The drill's after-action report and history as a team reads them: identical reports for identical
// runs (apart from the wall-clock section), every scenario/actor string escaped in the HTML page,
// and a history that lists runs newest first with trends and names the damaged ones.
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDrill } from '../src/main/compose/create-drill-room';
import { scenarioLibrary } from '../src/main/compose/drill-workspace';
import { createDrillArchive } from '../src/main/compose/create-drill-archive';
import { parseYamlText } from '../src/main/core/config/parse-yaml-file';
import { afterActionHtml, WALL_END, WALL_START } from '../src/main/core/drills/after-action-html';
import { afterActionMarkdown, WALL_HEADING } from '../src/main/core/drills/after-action-report';
import { readDrillHistory } from '../src/main/core/drills/drill-history';
import { saveDrillRun } from '../src/main/core/drills/drill-run-files';
import type { DrillResult } from '../src/main/core/drills/drill-runner';
import { responseScriptSchema } from '../src/main/core/drills/response-script';
import { checkProbe } from '../src/main/core/drills/steady-state';
import { MetricsUnavailable } from '../src/main/core/rollouts/metrics-backend';
import type { RolloutSummary } from '../src/shared/domain';
import { BAD_CANARY_SCRIPT, GOOD_CANARY_SCRIPT } from './support/canary-drill-scripts';
import { tempDirs } from './support/temp-dirs';

const temp = tempDirs('drill-report-');

const GOOD = GOOD_CANARY_SCRIPT;
const BAD = BAD_CANARY_SCRIPT;

async function run(
  workspaceDir: string,
  options: { script?: string; team?: string; title?: string; note?: string } = {},
) {
  const loaded = scenarioLibrary().load('canary-error-rate');
  const scenario = {
    ...loaded,
    ...(options.title ? { title: options.title, briefing: `${options.title}\nsecond line` } : {}),
    timeline: loaded.timeline.map((t) => (options.note ? { ...t, note: options.note } : t)),
  };
  const script = options.script
    ? parseYamlText(options.script, 'responses.yaml', responseScriptSchema(scenario))
    : undefined;
  const drill = createDrill({
    scenario,
    workspaceDir,
    ...(script ? { script } : {}),
    ...(options.team ? { team: options.team } : {}),
  });
  const result = await drill.runToEnd();
  drill.close();
  return result;
}

const read = (dir: string, name: string) => readFileSync(join(dir, name), 'utf8');
const cutMarkdown = (text: string) => text.slice(0, text.indexOf(`\n${WALL_HEADING}\n`));
const cutHtml = (text: string) =>
  text.slice(0, text.indexOf(WALL_START)) + text.slice(text.indexOf(WALL_END));

describe('after-action report', () => {
  it('is byte-identical for two runs with one seed and script, apart from the wall-clock section', async () => {
    const [a, b] = [
      await run(temp(), { script: GOOD, team: 'blue' }),
      await run(temp(), { script: GOOD, team: 'blue' }),
    ];
    saveDrillRun(a.wall.workspace, a);
    saveDrillRun(b.wall.workspace, b);
    const [da, db] = [a.wall.workspace, b.wall.workspace];
    expect(read(da, 'report.md')).not.toBe(read(db, 'report.md')); // the wall section differs
    expect(cutMarkdown(read(da, 'report.md'))).toBe(cutMarkdown(read(db, 'report.md')));
    expect(cutHtml(read(da, 'report.html'))).toBe(cutHtml(read(db, 'report.html')));
    const json = (d: string) => ({ ...(JSON.parse(read(d, 'result.json')) as DrillResult), wall: undefined });
    expect(json(da)).toEqual(json(db));
    expect(statSync(join(da, 'report.html')).mode & 0o777).toBe(0o600);
  });

  it('has the blameless-review sections, with reasons and concrete changes for a bad response', async () => {
    const r = await run(temp(), { script: BAD, team: 'red' });
    const md = afterActionMarkdown(r);
    const order = [
      '## Summary',
      '## What happened',
      '## What went well',
      '## What went badly',
      '## What to change',
      '## Scorecard',
      WALL_HEADING,
    ];
    expect(order.map((h) => md.indexOf(h))).toEqual(order.map((h) => md.indexOf(h)).sort((x, y) => x - y));
    expect(md).toContain('- **Team:** red');
    expect(md).toContain('- **Time to mitigate:** not mitigated');
    const badly = md.slice(md.indexOf('## What went badly'), md.indexOf('## What to change'));
    expect(badly).toMatch(
      /Forbidden actions \(0\/15\): forbidden: drill-script promote checkout-prod-eu at \+06:00/,
    );
    const change = md.slice(md.indexOf('## What to change'), md.indexOf('## Scorecard'));
    expect(change).toContain('- Abort checkout-prod-eu within 10m of canary-errors');
    expect(change).toContain('- Do not promote checkout-prod-eu while canary-errors is in effect');
    expect(change).toContain('- Leave payments-prod-us alone');
    // One timeline: the inject, the break, the participant's actions and the controller, in order.
    const happened = md.slice(md.indexOf('## What happened'), md.indexOf('## What went well'));
    const at = (s: string) => happened.indexOf(s);
    expect(at('+03:00 **drill**: inject canary-errors')).toBeGreaterThan(-1);
    expect(at('+03:00 **drill**')).toBeLessThan(at('steady state BROKEN'));
    expect(at('steady state BROKEN')).toBeLessThan(
      at('+06:00 **drill-script**: promote checkout-prod-eu: succeeded'),
    );
    expect(at('**controller**')).toBeGreaterThan(-1);
  });

  it('charts each probe against its tolerance, with the injects and actions marked', async () => {
    const r = await run(temp(), { script: GOOD });
    const series = r.series ?? [];
    expect(series.map((s) => s.probe)).toEqual(['checkout-eu-errors', 'payments-us-errors']);
    const checkout = series[0]!;
    expect(checkout.max).toBe(0.01);
    expect(checkout.points.length).toBe(r.durationMs / 10_000 + 1);
    expect(Math.max(...checkout.points.map((p) => p.value ?? 0))).toBeGreaterThan(0.01);
    const html = afterActionHtml(r);
    expect(html.match(/<svg class="chart"/g)).toHaveLength(2);
    expect(html).toContain('<title>tolerance: max 1.00%</title>');
    expect(html).toContain('class="label-inject"');
    expect(html).toMatch(/<title>\+05:10 drill-script: pause checkout-prod-eu: succeeded/);
  });

  it('charts missing data as no data, never as a healthy zero', async () => {
    const probe = {
      name: 'p',
      metric: 'errorRate',
      service: 'checkout',
      environment: 'prod-eu',
      max: 0.01,
      window: 60_000,
    } as const;
    const rollout = {
      phase: 'progressing',
      weight: 10,
      stableVersion: '1',
      canaryVersion: '2',
      connection: 'simulator',
    } as RolloutSummary;
    const outage = { name: 'm', query: () => Promise.reject(new MetricsUnavailable('metrics backend down')) };
    const checked = await checkProbe(probe, rollout, outage, 0);
    expect(checked).toMatchObject({ holds: false });
    expect(checked.value).toBeUndefined();
    const fine = {
      name: 'm',
      query: () =>
        Promise.resolve([
          { time: 0, value: 0.002 },
          { time: 1, value: 0.004 },
        ]),
    };
    expect((await checkProbe(probe, rollout, fine, 0)).value).toBeCloseTo(0.003);

    const r = await run(temp());
    const series = r.series![0]!;
    // Twelve checks without data in the middle, as a metrics outage leaves them.
    series.points.slice(60, 72).forEach((p) => {
      delete p.value;
      p.holds = false;
    });
    const html = afterActionHtml(r);
    expect(html).toContain('<title>no data +10:00 to +11:50</title>');
    expect(html).toContain('no data at 12 checks');
    // The line breaks at the gap: two pieces, not one line through zero.
    const chart = html.slice(html.indexOf('<svg'), html.indexOf('</svg>'));
    expect(chart.match(/<polyline class="value"/g)).toHaveLength(2);
  });

  it('escapes every string from the scenario and the script in the HTML page, and loads nothing', async () => {
    const title = '<script>alert(1)</script> Tom & "Jerry"';
    const r = await run(temp(), {
      title,
      note: '<img src=x onerror=alert(2)>',
      script: `actor: "<b>eve</b>"\n${GOOD}`,
    });
    const html = afterActionHtml(r);
    expect(html).not.toMatch(/<script|<img|<b>|onerror=alert\(2\)>/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Tom &amp; &quot;Jerry&quot;');
    expect(html).toContain('&lt;img src=x onerror=alert(2)&gt;');
    expect(html).toContain('&lt;b&gt;eve&lt;/b&gt;');
    // Self-contained: no fetch of any kind (the SVG namespace is a name, not a load).
    expect(html).not.toMatch(/<[a-z][^>]*\s(src|href)=|@import|url\(|<link/i);
  });
});

describe('drill history', () => {
  it('lists finished runs newest first with trends per scenario and team, and names damaged runs', async () => {
    const ws = temp();
    const first = await run(ws, { team: 'blue' });
    const second = await run(ws, { script: GOOD, team: 'blue' });
    const other = await run(ws, { script: BAD, team: 'red' });
    for (const r of [first, second, other]) saveDrillRun(r.wall.workspace, r);
    // A run whose result.json was cut short, one whose save never got renamed, one still running.
    const damaged = join(ws, 'drills', 'canary-error-rate-9');
    mkdirSync(damaged);
    writeFileSync(join(damaged, 'result.json'), '{"scenario": {"id": "canary-error-rate", "ti');
    const half = join(ws, 'drills', 'canary-error-rate-10');
    mkdirSync(half);
    writeFileSync(join(half, '.result.json.tmp-123-abcd1234'), '{"scen');
    mkdirSync(join(ws, 'drills', 'canary-error-rate-11'));

    const history = readDrillHistory(ws);
    expect(history.runs.map((r) => [r.id, r.team, r.score])).toEqual([
      ['canary-error-rate-3', 'red', other.score.score],
      ['canary-error-rate-2', 'blue', second.score.score],
      ['canary-error-rate-1', 'blue', first.score.score],
    ]);
    expect(history.runs[1]?.timeToDetectMs).toBe(second.score.timeToDetectMs);
    const blue = history.trends.find((t) => t.team === 'blue');
    expect(blue?.runs.map((r) => r.id)).toEqual(['canary-error-rate-1', 'canary-error-rate-2']);
    expect(blue?.change).toBe(second.score.score - first.score.score);
    expect(blue!.change).toBeGreaterThan(50);
    expect(history.trends.find((t) => t.team === 'red')?.runs).toHaveLength(1);
    expect(history.unreadable).toEqual([
      { id: 'canary-error-rate-10', reason: expect.stringMatching(/result\.json: half-written/) },
      {
        id: 'canary-error-rate-9',
        reason: expect.stringMatching(/result\.json: not JSON .*damaged or half-written/),
      },
    ]);

    const red = readDrillHistory(ws, { team: 'red' });
    expect(red.runs.map((r) => r.id)).toEqual(['canary-error-rate-3']);
    expect(red.trends).toHaveLength(1);
    expect(readDrillHistory(ws, { scenario: 'latency-one-region' }).runs).toEqual([]);

    // The API's archive serves the same history and the saved report; a bad id is not-found.
    const archive = createDrillArchive(ws);
    expect(archive.history({}).runs).toHaveLength(3);
    const report = archive.report('canary-error-rate-2');
    expect(report.markdown).toBe(read(second.wall.workspace, 'report.md'));
    expect(report.html.startsWith('<!doctype html>')).toBe(true);
    expect(() => archive.report('../../etc')).toThrow(/no drill run "..\/..\/etc"/);
    expect(() => archive.report('canary-error-rate-11')).toThrow(/did not finish/);
  });

  it('is empty, not an error, for a workspace that never ran a drill', () => {
    expect(readDrillHistory(temp())).toEqual({ runs: [], trends: [], unreadable: [] });
  });
});
