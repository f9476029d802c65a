// Turns what the database answered into passed/failed and the value seen, in words.
import type { ResultSummary } from '../../../shared/migrations';
import { boundText, SUMMARY_LIMIT_BYTES } from './bounded-text';
import type { Cell, CheckFact, CheckSpec, Expectation, ValueType } from './check-spec';
import { compareVersions } from './compare-versions';

export interface Judgement {
  passed: boolean;
  value: string;
  /** For hand-written queries: the type and size of what was read. */
  summary?: ResultSummary;
}

type QueryFact = Extract<CheckFact, { name: 'query' }>;

const n = (x: number) => x.toLocaleString('en-US');
const rows = (x: number) => `${n(x)} ${x === 1 ? 'row' : 'rows'}`;
// Room left after a value for words such as " (not a number)", so the whole stays within 1 KiB.
const VALUE_LIMIT_BYTES = SUMMARY_LIMIT_BYTES - 32;

function cellText(cell: Cell | undefined): string {
  if (cell === undefined) return 'no value';
  return cell === null ? 'NULL' : String(cell);
}

function cellType(cell: Cell | undefined, declared: ValueType | undefined): ValueType {
  if (cell === null || cell === undefined) return 'null';
  if (declared) return declared;
  if (typeof cell === 'boolean') return 'boolean';
  if (typeof cell === 'number') return Number.isInteger(cell) ? 'integer' : 'number';
  return 'text';
}

export function judgeQuery(fact: QueryFact, expect: Expectation): Judgement {
  const read = { rows: fact.rowCount, moreRows: fact.moreRows };
  if (expect === 'zero-rows') {
    const count = fact.moreRows ? `more than ${rows(fact.rowCount)}` : rows(fact.rowCount);
    return {
      passed: fact.rowCount === 0 && !fact.moreRows,
      value: count,
      summary: { type: 'rows', bytes: 0, truncated: false, ...read },
    };
  }
  if (fact.firstRow === null)
    return {
      passed: false,
      value: 'no rows',
      summary: { type: 'no-rows', bytes: 0, truncated: false, ...read },
    };
  const first = fact.firstRow[0];
  // The value is judged whole but shown and recorded only as its first kilobyte.
  const shown = boundText(cellText(first), VALUE_LIMIT_BYTES);
  const type = cellType(first, fact.types[0]);
  const summary: ResultSummary = {
    type,
    bytes: type === 'null' ? 0 : shown.bytes,
    truncated: shown.truncated,
    ...read,
  };
  if (expect === true)
    return { passed: first === true || first === 't' || first === 'true', value: shown.text, summary };
  if ('equals' in expect) {
    const passed =
      first === expect.equals ||
      (first !== null && first !== undefined && String(first) === String(expect.equals));
    return { passed, value: shown.text, summary };
  }
  const number = typeof first === 'number' ? first : Number(first);
  if (first === null || first === undefined || !Number.isFinite(number))
    return { passed: false, value: `${shown.text} (not a number)`, summary };
  return { passed: number <= expect.atMost, value: n(number), summary };
}

/** The database answered; did the item pass? `expect` is used for hand-written queries only. */
export function judgeFact(spec: CheckSpec, fact: CheckFact, expect?: Expectation): Judgement {
  if (spec.name !== fact.name) return { passed: false, value: `unexpected answer (${fact.name})` };
  switch (fact.name) {
    case 'column-exists': {
      if (spec.name !== 'column-exists') break;
      if (!spec.exists) return { passed: !fact.exists, value: fact.exists ? 'still exists' : 'gone' };
      if (!fact.exists) return { passed: false, value: 'missing' };
      const shape = fact.nullable ? 'nullable' : 'NOT NULL';
      return {
        passed: spec.nullable === undefined || spec.nullable === fact.nullable,
        value: `exists, ${shape}`,
      };
    }
    case 'rows-left':
      if (spec.name !== 'rows-left') break;
      return {
        passed: fact.count <= spec.atMost,
        value: `${n(fact.count)} ${fact.count === 1 ? 'row' : 'rows'} left`,
      };
    case 'drift':
      if (spec.name !== 'drift') break;
      return { passed: fact.count <= spec.atMost, value: `${rows(fact.count)} differ` };
    case 'index-valid':
      if (!fact.exists) return { passed: false, value: 'missing' };
      return { passed: fact.valid, value: fact.valid ? 'valid' : 'INVALID (rebuild it)' };
    case 'constraint-validated':
      if (!fact.exists) return { passed: false, value: 'missing' };
      return { passed: fact.validated, value: fact.validated ? 'validated' : 'NOT VALID' };
    case 'long-transactions': {
      if (spec.name !== 'long-transactions') break;
      const oldest = fact.count > 0 ? ` (oldest ${Math.round(fact.oldestSec / 60)} min)` : '';
      return { passed: fact.count <= spec.atMost, value: `${n(fact.count)} open${oldest}` };
    }
    case 'blocking-sessions':
      if (spec.name !== 'blocking-sessions') break;
      return { passed: fact.count <= spec.atMost, value: `${n(fact.count)} waiting on a lock` };
    case 'app-versions': {
      if (spec.name !== 'app-versions') break;
      const prefix = `${spec.application}/`;
      const clients = fact.clients.filter((c) => c.applicationName.startsWith(prefix));
      if (clients.length === 0) return { passed: true, value: `no ${spec.application} clients connected` };
      const old = clients.filter(
        (c) => compareVersions(c.applicationName.slice(prefix.length), spec.minVersion) < 0,
      );
      const list = (cs: typeof clients) => cs.map((c) => `${c.applicationName} ×${c.connections}`).join(', ');
      return old.length === 0
        ? { passed: true, value: list(clients) }
        : { passed: false, value: `still connected: ${list(old)}` };
    }
    case 'query':
      return expect === undefined ? { passed: false, value: 'no expectation' } : judgeQuery(fact, expect);
  }
  return { passed: false, value: `unexpected answer (${fact.name})` };
}
