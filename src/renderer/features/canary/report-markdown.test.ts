import { describe, expect, it } from 'vitest';
import { fixtureAnalysis } from './canary-fixture';
import { reportFileName, reportMarkdown } from './report-markdown';

describe('canary report as Markdown', () => {
  const markdown = reportMarkdown(fixtureAnalysis());
  const lines = markdown.split('\n');

  it('leads with the title, the verdict and score, then the reason', () => {
    expect(lines[0]).toBe('# Canary analysis #3: checkout-prod-eu');
    expect(markdown).toContain('**Verdict: Fail** · score **0**/100 (pass at 95, marginal at 75)');
    expect(markdown).toContain(
      '> p99 latency +80% (CI +72%..+88%), above the critical +50%: fails the canary',
    );
    expect(markdown.indexOf('Verdict')).toBeLessThan(markdown.indexOf('## Metrics'));
  });

  it('names the run: trigger, window, who judged, what the rollout did', () => {
    expect(markdown).toContain('| Run | #3 · Analysis step 3 |');
    expect(markdown).toContain('| Analysis window | 2025-11-27 14:00:00 – 14:10:00 UTC (10m) |');
    expect(markdown).toContain('| Judged at | 2025-11-27 14:10:02 UTC by judge |');
    expect(markdown).toContain('| Decision | Rolled back automatically |');
    expect(markdown).toContain('| Baseline → canary | 2.3.1 → 2.4.0 |');
  });

  it('tables every metric, failing first, the critical one marked', () => {
    const rows = lines.filter((l) => l.startsWith('| ') && /\| (High|Low|Pass|No data) \|/.test(l));
    expect(rows.map((r) => r.split(' | ')[0])).toEqual([
      '| p99 latency (fails the canary)',
      '| Error rate',
      '| p50 latency',
      '| Request rate',
    ]);
    const p99 = rows[0] ?? '';
    expect(p99).toContain('| High |');
    expect(p99).toContain('| 120 ms | 216 ms |');
    expect(p99).toContain('+96 ms (+80%); CI +86.4 ms to +106 ms (+72% to +88%)');
    expect(p99).toContain('| +80% | < 0.001 |');
    const errors = rows[1] ?? '';
    expect(errors).toContain('+1.2 pp (+600%)');
    expect(errors).toContain('| 0.2% | 1.4% |');
  });

  it('keeps the table intact when a reason contains a pipe', () => {
    const errors = lines.find((l) => l.startsWith('| Error rate')) ?? '';
    expect(errors).toContain('above the allowed +20% \\| ratio');
    const columns = errors.split(/(?<!\\)\|/).length - 2;
    expect(columns).toBe(8);
  });

  it('every table row has as many cells as its header', () => {
    let expected = 0;
    for (const line of lines) {
      if (!line.startsWith('|')) {
        expected = 0;
        continue;
      }
      const count = line.split(/(?<!\\)\|/).length - 2;
      if (expected === 0) expected = count;
      expect(count, line).toBe(expected);
    }
  });

  it('lists group scores and explains p-value and CI', () => {
    expect(markdown).toContain('| latency | 60 | 50 | latencyP99, latencyP50 |');
    expect(markdown).toMatch(/\*\*p-value:\*\* The p-value is/);
    expect(markdown).toMatch(/confidence interval \(CI\)/);
  });

  it('says when nothing was judged', () => {
    const empty = fixtureAnalysis();
    empty.report.metrics = [];
    empty.report.groups = [];
    const text = reportMarkdown(empty);
    expect(text).toContain('No metrics were judged.');
    expect(text).not.toContain('## Groups');
  });

  it('names the files after the rollout and the run', () => {
    expect(reportFileName(fixtureAnalysis(), 'md')).toBe('canary-checkout-prod-eu-3.md');
    expect(reportFileName(fixtureAnalysis(), 'json')).toBe('canary-checkout-prod-eu-3.json');
  });
});
