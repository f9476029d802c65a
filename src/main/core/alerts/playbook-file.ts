// A playbook: a Markdown file whose YAML front matter names the alert it answers, what the alert
// means technically, its business impact, how to fix it and the countermeasures the app can run.
// Bad front matter is refused with file:line and the field, as every YAML the product reads.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { Playbook } from '../../../shared/alerts';
import { parseYamlText, YamlFileError } from '../config/parse-yaml-file';

const name = z.string().regex(/^[A-Za-z0-9_:.-]+$/, 'must be an alert name (alertname)');
const words = z.string().trim().min(1);

const countermeasureSchema = z
  .object({
    label: words.max(120),
    action: z.enum(['pause', 'abort', 'pause-all']),
    /** Absent: the service of the alert. */
    service: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]*$/, 'must be a service name')
      .optional(),
    environment: z.string().min(1).max(100).optional(),
    target: z.literal('newest-rollout').default('newest-rollout'),
  })
  .strict();

export const playbookFrontMatterSchema = z
  .object({
    alert: z.union([name, z.array(name).min(1)]),
    title: words.max(200),
    description: words,
    impact: words,
    fix: z.union([words, z.array(words).min(1)]),
    countermeasures: z.array(countermeasureSchema).default([]),
  })
  .strict();

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/;

export function parsePlaybook(text: string, file: string, origin: Playbook['origin']): Playbook {
  const match = FRONT_MATTER.exec(text);
  if (!match)
    throw new YamlFileError(file, [
      `${file}:1: the file must start with YAML front matter between two "---" lines (alert, title, description, impact, fix)`,
    ]);
  // One leading newline stands for the opening "---": line numbers are then the file's own.
  const front = parseYamlText(`\n${match[1] ?? ''}`, file, playbookFrontMatterSchema);
  return {
    alerts: typeof front.alert === 'string' ? [front.alert] : front.alert,
    title: front.title,
    description: front.description,
    impact: front.impact,
    fix: typeof front.fix === 'string' ? [front.fix] : front.fix,
    countermeasures: front.countermeasures,
    notes: text.slice(match[0].length).trim(),
    origin,
    file,
  };
}

export function readPlaybook(file: string, origin: Playbook['origin']): Playbook {
  return parsePlaybook(readFileSync(file, 'utf8'), file, origin);
}
