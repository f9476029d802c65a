import { describe, expect, it } from 'vitest';
import { parseYamlText, YamlFileError } from '../config/parse-yaml-file';
import { canaryConfigSchema, loadShippedCanaryConfig, withOverride } from './canary-config';

describe('canary config', () => {
  it('ships a config that judges errors, latency and CPU and rolls back on fail', () => {
    const config = loadShippedCanaryConfig();
    expect(Object.keys(config.metrics)).toEqual(['errorRate', 'latencyP99', 'latencyP50', 'cpu']);
    expect(config).toMatchObject({
      onFail: 'abort',
      confidenceLevel: 0.95,
      thresholds: { pass: 95, marginal: 75 },
    });
    expect(config.background).toBeUndefined();
  });

  it('names the file, line and field of a mistake', () => {
    const text = 'metrics:\n  errorRate:\n    direction: up\n  latencyP99: {}\n';
    expect(() => parseYamlText(text, 'canary.yaml', canaryConfigSchema)).toThrow(YamlFileError);
    expect(() => parseYamlText(text, 'canary.yaml', canaryConfigSchema)).toThrow(
      /canary\.yaml:3: metrics\.errorRate\.direction: Invalid option/,
    );
    expect(() => parseYamlText('metrics: { p999: {} }\n', 'c.yaml', canaryConfigSchema)).toThrow(/p999/);
    expect(() => parseYamlText('metrics: {}\n', 'c.yaml', canaryConfigSchema)).toThrow(/at least one metric/);
    expect(() =>
      parseYamlText('groups: { latncy: 2 }\nmetrics: { cpu: {} }\n', 'c.yaml', canaryConfigSchema),
    ).toThrow(/c\.yaml:1: groups\.latncy: no metric is in this group/);
  });

  it('applies a rollout override: policy, thresholds, whole metrics, background on and off', () => {
    const base = canaryConfigSchema.parse({
      metrics: { errorRate: { allowedIncrease: 1.5, group: 'errors' }, cpu: {} },
      groups: { errors: 2 },
      background: { everyMinutes: 10 },
    });
    const merged = withOverride(base, {
      onFail: 'pause',
      thresholds: { pass: 90, marginal: 60 },
      metrics: {
        errorRate: canaryConfigSchema.shape.metrics.parse({ errorRate: { allowedIncrease: 2 } }).errorRate,
      },
      background: false,
    });
    expect(merged.onFail).toBe('pause');
    expect(merged.thresholds).toEqual({ pass: 90, marginal: 60 });
    expect(merged.metrics.errorRate).toMatchObject({ allowedIncrease: 2, group: 'default' });
    expect(merged.metrics.cpu).toEqual(base.metrics.cpu);
    expect(merged.groups).toEqual({ errors: 2 });
    expect(merged.background).toBeUndefined();
    expect(withOverride(base, undefined)).toBe(base);
    expect(withOverride(base, { confidenceLevel: 0.98 })).toMatchObject({
      confidenceLevel: 0.98,
      onFail: 'abort',
    });
  });
});
