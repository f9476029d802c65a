// What an automated SQL item asks the database, and what the database answers. Built-in templates
// cover the common expand/contract questions so plans need no hand-written SQL for them; a plan may
// still give its own read-only query. The SQL itself belongs to each DatabaseChecker (PostgreSQL, the
// simulator); the core only judges the facts that come back.
import { z } from 'zod';
import { durationSchema } from '../config/duration';

const identifier = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_$]*$/, 'must be a plain SQL identifier (letters, digits, _)');
const relation = z
  .string()
  .regex(
    /^([A-Za-z_][A-Za-z0-9_$]*\.)?[A-Za-z_][A-Za-z0-9_$]*$/,
    'must be a table (or index) name, optionally schema-qualified',
  );
const count = z.number().int().min(0);

export const templateCallSchema = z.discriminatedUnion('name', [
  /** The column exists (or, with exists: false, is gone), optionally with the given nullability. */
  z
    .object({
      name: z.literal('column-exists'),
      table: relation,
      column: identifier,
      exists: z.boolean().default(true),
      nullable: z.boolean().optional(),
    })
    .strict(),
  /** Rows whose new column is still empty while the old one has a value. */
  z
    .object({
      name: z.literal('rows-left'),
      table: relation,
      column: identifier,
      from: identifier,
      atMost: count.default(0),
    })
    .strict(),
  /** Rows where the new column disagrees with the old one. */
  z
    .object({
      name: z.literal('drift'),
      table: relation,
      column: identifier,
      from: identifier,
      atMost: count.default(0),
    })
    .strict(),
  /** The index exists and is valid (a failed CREATE INDEX CONCURRENTLY leaves an invalid one). */
  z.object({ name: z.literal('index-valid'), index: relation }).strict(),
  /** The constraint exists and is validated (not left NOT VALID). */
  z.object({ name: z.literal('constraint-validated'), table: relation, constraint: identifier }).strict(),
  /** Transactions open longer than `olderThan`: they hold back DDL and vacuum. */
  z
    .object({
      name: z.literal('long-transactions'),
      olderThan: durationSchema.default(300_000),
      atMost: count.default(0),
    })
    .strict(),
  /** Sessions waiting on another session's lock. */
  z.object({ name: z.literal('blocking-sessions'), atMost: count.default(0) }).strict(),
  /** Every client connected as application_name "<application>/<version>" runs minVersion or later. */
  z
    .object({
      name: z.literal('app-versions'),
      application: z.string().regex(/^[A-Za-z0-9._-]+$/, 'must be an application name without / or spaces'),
      minVersion: z.union([z.string(), z.number()]).transform(String),
    })
    .strict(),
]);
export type TemplateCall = z.output<typeof templateCallSchema>;
export type TemplateName = TemplateCall['name'];

export const TEMPLATE_NAMES = templateCallSchema.options.map((o) => o.shape.name.value);

/** The expected result of a hand-written query. */
export const expectSchema = z.union([
  z.literal('zero-rows'),
  z.literal(true),
  z.object({ equals: z.union([z.string(), z.number(), z.boolean(), z.null()]) }).strict(),
  z.object({ atMost: z.number() }).strict(),
]);
export type Expectation = z.output<typeof expectSchema>;

export type CheckSpec = TemplateCall | { name: 'query'; sql: string };

/** A result cell as the database sent it, made JSON-safe. */
export type Cell = string | number | boolean | null;

/** What kind of value a result column holds, by its SQL type (bigint is 'integer' though sent as text). */
export type ValueType = 'null' | 'boolean' | 'integer' | 'number' | 'text';

export type CheckFact =
  | { name: 'column-exists'; exists: boolean; nullable: boolean | null }
  | { name: 'rows-left'; count: number }
  | { name: 'drift'; count: number }
  | { name: 'index-valid'; exists: boolean; valid: boolean }
  | { name: 'constraint-validated'; exists: boolean; validated: boolean }
  | { name: 'long-transactions'; count: number; oldestSec: number }
  | { name: 'blocking-sessions'; count: number }
  /** application_name values of connected clients of that application, with their connection counts. */
  | { name: 'app-versions'; clients: { applicationName: string; connections: number }[] }
  /**
   * rowCount rows were read; moreRows when the server had more than a check may read (they were
   * not). firstRow's cells may be long (up to the adapter's byte cap): they are judged, never stored.
   */
  | { name: 'query'; rowCount: number; moreRows: boolean; firstRow: Cell[] | null; types: ValueType[] };

export type CheckOutcome =
  | { ok: true; fact: CheckFact; ms: number }
  /**
   * The database's own message, e.g. "cannot execute DROP TABLE in a read-only transaction";
   * refused when the check was not run because the role may do more than a read-only transaction stops.
   */
  | { ok: false; error: string; ms: number; refused?: boolean };

/** The tables and indexes a template names: the role must not own them (an owner can change them). */
export function checkedRelations(spec: CheckSpec): string[] {
  switch (spec.name) {
    case 'column-exists':
    case 'rows-left':
    case 'drift':
    case 'constraint-validated':
      return [spec.table];
    case 'index-valid':
      return [spec.index];
    default:
      return [];
  }
}

/** One line saying what a template looks at, for the checklist and the CLI. */
export function describeCheck(spec: CheckSpec): string {
  switch (spec.name) {
    case 'column-exists': {
      const shape = spec.nullable === undefined ? '' : spec.nullable ? ', nullable' : ', NOT NULL';
      return spec.exists
        ? `column ${spec.table}.${spec.column} exists${shape}`
        : `column ${spec.table}.${spec.column} is gone`;
    }
    case 'rows-left':
      return `rows of ${spec.table} with ${spec.column} empty but ${spec.from} set: at most ${spec.atMost}`;
    case 'drift':
      return `rows of ${spec.table} where ${spec.column} differs from ${spec.from}: at most ${spec.atMost}`;
    case 'index-valid':
      return `index ${spec.index} exists and is valid`;
    case 'constraint-validated':
      return `constraint ${spec.constraint} on ${spec.table} is validated`;
    case 'long-transactions':
      return `transactions open longer than ${spec.olderThan >= 60_000 ? `${Math.round(spec.olderThan / 60_000)} min` : `${Math.round(spec.olderThan / 1000)} s`}: at most ${spec.atMost}`;
    case 'blocking-sessions':
      return `sessions waiting on a lock: at most ${spec.atMost}`;
    case 'app-versions':
      return `clients connected as ${spec.application}/<version> run ${spec.minVersion} or later`;
    case 'query':
      return 'read-only query';
  }
}
