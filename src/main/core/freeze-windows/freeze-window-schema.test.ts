// config.yaml's freezeWindows: as a person writes it, and every refusal naming file:line and field.
import { describe, expect, it } from 'vitest';
import { configSchema } from '../config/config-schema';
import { parseYamlText, YamlFileError } from '../config/parse-yaml-file';

function problems(yaml: string): string[] {
  try {
    parseYamlText(yaml, 'config.yaml', configSchema);
  } catch (error) {
    if (error instanceof YamlFileError) return error.problems;
    throw error;
  }
  throw new Error('accepted');
}

const windows = (body: string) => `actor: dana\nfreezeWindows:\n${body}`;

describe('freezeWindows in config.yaml', () => {
  it('reads a weekly window crossing the weekend and a one-off, with their defaults', () => {
    const config = parseYamlText(
      windows(
        [
          '  - name: weekend',
          '    environments: [prod-eu, prod-us]',
          '    timezone: Europe/Berlin',
          '    weekly: { from: "Fri 16:00", to: "Mon 08:00" }',
          '  - name: black friday',
          '    start: 2025-11-28T00:00',
          '    end: "2025-12-01 09:00"',
          '    reason: Peak trading',
        ].join('\n'),
      ),
      'config.yaml',
      configSchema,
    );
    expect(config.freezeWindows).toHaveLength(2);
    expect(config.freezeWindows[0]).toMatchObject({
      name: 'weekend',
      environments: ['prod-eu', 'prod-us'],
      timezone: 'Europe/Berlin',
      schedule: { kind: 'weekly', spans: [{ from: { day: 4, minute: 960 }, to: { day: 0, minute: 480 } }] },
    });
    expect(config.freezeWindows[1]).toMatchObject({
      timezone: 'UTC',
      reason: 'Peak trading',
      schedule: { kind: 'once', start: { year: 2025, month: 11, day: 28 }, end: { day: 1, hour: 9 } },
    });
    expect(configSchema.parse({}).freezeWindows).toEqual([]);
  });

  it.each([
    [
      'a bad time zone',
      '    timezone: Europe/Berlinn\n    weekly: { from: "Fri 16:00", to: "Mon 08:00" }',
      4,
      'freezeWindows.0.timezone: "Europe/Berlinn" is not an IANA time zone',
    ],
    [
      'a bad time',
      '    weekly:\n      from: "Fri 16:60"\n      to: "Mon 08:00"',
      5,
      'freezeWindows.0.weekly.from: "16:60" is not a time of day',
    ],
    [
      'an unknown day',
      '    weekly:\n      from: "Fri 16:00"\n      to: "Mun 08:00"',
      6,
      'freezeWindows.0.weekly.to: "Mun" is not a day of the week (Mon, Tue',
    ],
    [
      'an unknown day in days',
      '    weekly: { days: [Mon, Fry], from: "18:00", to: "08:00" }',
      4,
      'freezeWindows.0.weekly.days.1: "Fry" is not a day of the week',
    ],
    [
      'end before start',
      '    start: 2025-12-02T09:00\n    end: 2025-12-01T09:00',
      5,
      'freezeWindows.0.end: 2025-12-01T09:00 is before start 2025-12-02T09:00',
    ],
    [
      'a one-off that never ends',
      '    start: 2025-12-02T09:00',
      3,
      'freezeWindows.0.end: a start without an end: a freeze window that never ends is refused',
    ],
    [
      'from == to, the whole week',
      '    weekly: { from: "Fri 16:00", to: "fri 16:00" }',
      4,
      'freezeWindows.0.weekly.to: from and to are both Fri 16:00: the window would cover the whole week and never end',
    ],
    [
      'an offset in a local time',
      '    start: 2025-12-01T09:00Z\n    end: 2025-12-02T09:00',
      4,
      'freezeWindows.0.start: "2025-12-01T09:00Z" has a UTC offset',
    ],
    [
      'no date',
      '    start: 2025-02-30T09:00\n    end: 2025-03-02T09:00',
      4,
      'freezeWindows.0.start: "2025-02-30T09:00": 2025-02-30 is not a date',
    ],
    [
      'both kinds',
      '    start: 2025-12-01T09:00\n    end: 2025-12-02T09:00\n    weekly: { from: "Fri 16:00", to: "Mon 08:00" }',
      6,
      'freezeWindows.0.weekly: a window is either one-off (start, end) or weekly, not both',
    ],
    ['no schedule', '    reason: because', 3, 'freezeWindows.0: needs a schedule'],
    [
      'an unknown key',
      '    weekly: { from: "Fri 16:00", to: "Mon 08:00" }\n    until: Monday',
      5,
      'freezeWindows.0: Unrecognized key: "until"',
    ],
    [
      'an empty environment list',
      '    environments: []\n    weekly: { from: "Fri 16:00", to: "Mon 08:00" }',
      4,
      'freezeWindows.0.environments: lists no environment',
    ],
  ])('refuses %s, naming the line and the field', (_what, body, line, message) => {
    const found = problems(windows(`  - name: w\n${body}\n`));
    expect(found).toHaveLength(1);
    expect(found[0]).toContain(`config.yaml:${line}: ${message}`);
  });

  it('refuses seven days round the clock as a window that never ends', () => {
    const found = problems(
      windows(
        '  - name: w\n    weekly: { days: [Mon, Tue, Wed, Thu, Fri, Sat, Sun], from: "08:00", to: "08:00" }\n',
      ),
    );
    expect(found[0]).toContain(
      'config.yaml:4: freezeWindows.0.weekly.to: from and to are both 08:00: the window would never end',
    );
    // A minute open every morning is a window that ends: allowed.
    const config = parseYamlText(
      windows(
        '  - name: w\n    weekly: { days: [Mon, Tue, Wed, Thu, Fri, Sat, Sun], from: "08:00", to: "07:59" }\n',
      ),
      'config.yaml',
      configSchema,
    );
    expect(config.freezeWindows[0]?.schedule).toMatchObject({ kind: 'weekly' });
  });

  it('refuses two windows of one name at the second one', () => {
    const found = problems(
      windows(
        '  - name: weekend\n    weekly: { from: "Fri 16:00", to: "Mon 08:00" }\n  - name: Weekend\n    weekly: { from: "Sat 00:00", to: "Sun 00:00" }\n',
      ),
    );
    expect(found).toEqual([
      'config.yaml:5: freezeWindows.1.name: "Weekend" names another window too: names must differ',
    ]);
  });
});
