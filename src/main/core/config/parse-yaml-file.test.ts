import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { aliasBomb } from '../../../../test/support/alias-bomb';
import { tempDirs } from '../../../../test/support/temp-dirs';
import { parseYamlFile, parseYamlText, YamlFileError } from './parse-yaml-file';

const tempDir = tempDirs('yaml-file-test-');

const anything = z.unknown();

function problems(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof YamlFileError) return error.problems;
    throw error;
  }
  throw new Error('the file was accepted');
}

describe('reading a YAML file', () => {
  it('names a file that does not exist, or is a directory', () => {
    const dir = tempDir();
    expect(problems(() => parseYamlFile(join(dir, 'nope.yaml'), anything))).toEqual([
      `${join(dir, 'nope.yaml')}: does not exist`,
    ]);
    mkdirSync(join(dir, 'config.yaml'));
    expect(problems(() => parseYamlFile(join(dir, 'config.yaml'), anything))).toEqual([
      `${join(dir, 'config.yaml')}: is a directory, not a file`,
    ]);
  });

  it('refuses an alias bomb quickly, naming the file, line and the key that expands too far', () => {
    const found = problems(() => parseYamlText(aliasBomb(), 'config.yaml', anything));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^config\.yaml:\d+: [a-j]: YAML aliases expand too far/);
  });

  it('blames a nested key when the bomb sits below it', () => {
    const nested = aliasBomb().replace(/^/gm, '    ').trimEnd();
    const found = problems(() =>
      parseYamlText(`simulator:\n  seed: 1\n  fleet:\n${nested}\n`, 'c.yaml', anything),
    );
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^c\.yaml:\d+: simulator\.fleet\.[a-j]: YAML aliases expand too far/);
  });

  it('still accepts the aliases people use to share a block', () => {
    const text = 'base: &base { direction: increase, allowedIncrease: 1.5 }\nerrors: *base\nlatency: *base\n';
    expect(parseYamlText(text, 'canary.yaml', anything)).toEqual({
      base: { direction: 'increase', allowedIncrease: 1.5 },
      errors: { direction: 'increase', allowedIncrease: 1.5 },
      latency: { direction: 'increase', allowedIncrease: 1.5 },
    });
  });
});
