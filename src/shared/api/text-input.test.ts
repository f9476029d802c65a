import type { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { apiInputSchemas } from '../api';
import { text } from './text-input';

type Def = { type: string; shape?: Record<string, z.ZodType>; innerType?: z.ZodType; element?: z.ZodType };

/** Every string field of a schema, by dotted path: what a caller can fill with free text. */
function stringFields(schema: z.ZodType, path: string): Array<[string, z.ZodType]> {
  const def = schema._zod.def as unknown as Def & { format?: string };
  switch (def.type) {
    case 'string':
      // A fixed format (an ISO timestamp) has an ASCII grammar of its own: not free text.
      return def.format ? [] : [[path, schema]];
    case 'object':
      return Object.entries(def.shape ?? {}).flatMap(([key, field]) =>
        stringFields(field, path ? `${path}.${key}` : key),
      );
    case 'optional':
    case 'default':
    case 'nullable':
      return def.innerType ? stringFields(def.innerType, path) : [];
    case 'array':
      return def.element ? stringFields(def.element, `${path}.0`) : [];
    default:
      return [];
  }
}

describe('free text in the API contract', () => {
  it('accepts any well-formed text, surrogate pairs included', () => {
    expect(text().safeParse('pause: p99 ×7 🚨 in prod-eu').success).toBe(true);
  });

  it('names a lone surrogate and where it stands', () => {
    const result = text().safeParse('ok\udc00');
    expect(result.error?.issues[0]?.message).toBe(
      'not well-formed text: a lone surrogate (U+DC00) at character 3',
    );
    expect(text().safeParse('\ud83d').success).toBe(false);
    expect(text().safeParse('\ud83d\ude00\ud83d').success).toBe(false);
  });

  it('rejects a lone surrogate in every string field of every method', () => {
    const fields = Object.entries(apiInputSchemas).flatMap(([method, schema]) =>
      stringFields(schema, '').map(([field, s]) => [`${method} ${field}`, s] as const),
    );
    // The walk must see the fields people type into, or this test proves nothing.
    expect(fields.map(([name]) => name)).toEqual(
      expect.arrayContaining(['rollout.act reason', 'migrations.tick note', 'audit.list text']),
    );
    const accepted = fields.filter(([, s]) =>
      (s.safeParse('abcdefgh\ud800').error?.issues ?? []).every((i) => !/lone surrogate/.test(i.message)),
    );
    expect(accepted.map(([name]) => name)).toEqual([]);
  });
});
