import { describe, expect, it } from 'vitest';
import { parseYamlText, YamlFileError } from '../config/parse-yaml-file';
import { setFileSchema } from './set-definition-schema';

function problemsOf(text: string): string[] {
  try {
    parseYamlText(text, 'sets/s.yaml', setFileSchema);
  } catch (error) {
    if (error instanceof YamlFileError) return error.problems;
    throw error;
  }
  throw new Error('it was accepted');
}

describe('release set definitions', () => {
  it('reads the short form into service and migration members, in order', () => {
    const set = parseYamlText(
      'members: checkout 2.4.0 + payments 5.13.0 + orders-customer-id schema P5\n',
      'sets/s.yaml',
      setFileSchema,
    );
    expect(set.members).toEqual([
      { kind: 'service', service: 'checkout', version: '2.4.0' },
      { kind: 'service', service: 'payments', version: '5.13.0' },
      { kind: 'migration', plan: 'orders-customer-id', phase: 'P5' },
    ]);
  });

  it('names file:line and field for a short-form member without a version or with an unknown phase', () => {
    expect(problemsOf('name: s\nmembers: checkout + payments 5.13.0\n')).toEqual([
      'sets/s.yaml:2: members: "checkout" needs a version ("checkout 2.4.0") or a migration phase ("checkout schema P5")',
    ]);
    expect(problemsOf('members:\n  - checkout 2.4.0\n  - orders schema P9\n')).toEqual([
      'sets/s.yaml:3: members.1: "orders schema P9": "P9" is not a migration phase (phases are P0, P1, P2, P3, P4, P5, P6, P7)',
    ]);
  });

  it('refuses members that wait for each other, naming the cycle', () => {
    expect(
      problemsOf(
        [
          'members:',
          '  - { service: checkout, version: 2.4.0, after: payments }',
          '  - { service: payments, version: 5.13.0 }',
        ].join('\n'),
      ),
    ).toEqual([
      'sets/s.yaml:2: members.0.after: the members form a cycle, so none of them could start: checkout → payments → checkout',
    ]);
  });

  it('refuses an unknown key, a member without its version and an after naming no member', () => {
    expect(
      problemsOf(
        [
          'members:',
          '  - { service: checkout }',
          '  - { service: payments, version: 5.13.0, after: billing }',
          'envs: [prod]',
        ].join('\n'),
      ),
    ).toEqual([
      'sets/s.yaml:2: members.0.version: checkout needs the version to release',
      'sets/s.yaml:4: (top level): Unrecognized key: "envs"',
    ]);
    expect(
      problemsOf(
        'members:\n  - checkout 2.4.0\n  - { service: payments, version: 5.13.0, after: billing }\n',
      ),
    ).toEqual([
      'sets/s.yaml:3: members.1.after: "billing" is not a member of the set (members: checkout, payments)',
    ]);
  });
});
