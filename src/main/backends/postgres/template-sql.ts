// The PostgreSQL SQL behind each built-in check template, and how its rows become a fact the core
// judges. Every statement here only reads; they still run in a read-only transaction like any other.
import type { Cell, CheckFact, CheckSpec, ValueType } from '../../core/migrations/check-spec';
import type { FirstRows } from './first-rows-query';
import { escapeLike, quoteIdent } from './quote-ident';

export interface TemplateQuery {
  text: string;
  values: (string | number | null)[];
  /** What was read (at most MAX_ROWS rows) as the fact the core judges. */
  toFact(read: FirstRows): CheckFact;
}

const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));

function toCell(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return v.toString();
  if (v instanceof Date) return v.toISOString();
  if (Buffer.isBuffer(v)) return `\\x${v.toString('hex')}`;
  return JSON.stringify(v);
}

// PostgreSQL type OIDs (pg_type.h) of the columns whose values are numbers or booleans.
const VALUE_TYPES: Record<number, ValueType> = {
  16: 'boolean',
  20: 'integer',
  21: 'integer',
  23: 'integer',
  26: 'integer',
  700: 'number',
  701: 'number',
  1700: 'number',
};

export function templateQuery(spec: CheckSpec): TemplateQuery {
  switch (spec.name) {
    case 'column-exists':
      return {
        text: `SELECT NOT a.attnotnull FROM pg_attribute a
               WHERE a.attrelid = to_regclass($1) AND a.attname = $2 AND a.attnum > 0 AND NOT a.attisdropped`,
        values: [spec.table, spec.column],
        toFact: ({ rows }) => ({
          name: 'column-exists',
          exists: rows.length > 0,
          nullable: rows[0] ? rows[0][0] === true : null,
        }),
      };
    case 'rows-left':
      return {
        text: `SELECT count(*) FROM ${quoteIdent(spec.table)}
               WHERE ${quoteIdent(spec.column)} IS NULL AND ${quoteIdent(spec.from)} IS NOT NULL`,
        values: [],
        toFact: ({ rows }) => ({ name: 'rows-left', count: num(rows[0]?.[0]) }),
      };
    case 'drift':
      return {
        text: `SELECT count(*) FROM ${quoteIdent(spec.table)}
               WHERE ${quoteIdent(spec.column)} IS NOT NULL AND ${quoteIdent(spec.column)} IS DISTINCT FROM ${quoteIdent(spec.from)}`,
        values: [],
        toFact: ({ rows }) => ({ name: 'drift', count: num(rows[0]?.[0]) }),
      };
    case 'index-valid':
      return {
        text: 'SELECT i.indisvalid AND i.indisready FROM pg_index i WHERE i.indexrelid = to_regclass($1)',
        values: [spec.index],
        toFact: ({ rows }) => ({
          name: 'index-valid',
          exists: rows.length > 0,
          valid: rows[0]?.[0] === true,
        }),
      };
    case 'constraint-validated':
      return {
        text: 'SELECT c.convalidated FROM pg_constraint c WHERE c.conrelid = to_regclass($1) AND c.conname = $2',
        values: [spec.table, spec.constraint],
        toFact: ({ rows }) => ({
          name: 'constraint-validated',
          exists: rows.length > 0,
          validated: rows[0]?.[0] === true,
        }),
      };
    case 'long-transactions':
      return {
        text: `SELECT count(*), coalesce(extract(epoch FROM max(clock_timestamp() - xact_start)), 0)::float8
               FROM pg_stat_activity
               WHERE xact_start < clock_timestamp() - make_interval(secs => $1::float8)
                 AND pid <> pg_backend_pid() AND datname = current_database()`,
        values: [spec.olderThan / 1000],
        toFact: ({ rows }) => ({
          name: 'long-transactions',
          count: num(rows[0]?.[0]),
          oldestSec: num(rows[0]?.[1]),
        }),
      };
    case 'blocking-sessions':
      return {
        text: `SELECT count(*) FROM pg_stat_activity
               WHERE cardinality(pg_blocking_pids(pid)) > 0 AND datname = current_database()`,
        values: [],
        toFact: ({ rows }) => ({ name: 'blocking-sessions', count: num(rows[0]?.[0]) }),
      };
    case 'app-versions':
      return {
        text: `SELECT application_name, count(*) FROM pg_stat_activity
               WHERE application_name LIKE $1 AND pid <> pg_backend_pid() AND datname = current_database()
               GROUP BY application_name ORDER BY application_name`,
        values: [`${escapeLike(spec.application)}/%`],
        toFact: ({ rows }) => ({
          name: 'app-versions',
          clients: rows.map((r) => ({ applicationName: String(r[0]), connections: num(r[1]) })),
        }),
      };
    case 'query':
      return {
        text: spec.sql,
        values: [],
        toFact: ({ rows, moreRows, columnTypes }) => ({
          name: 'query',
          rowCount: rows.length,
          moreRows,
          firstRow: rows[0] ? rows[0].map(toCell) : null,
          types: columnTypes.map((oid) => VALUE_TYPES[oid] ?? 'text'),
        }),
      };
  }
}
