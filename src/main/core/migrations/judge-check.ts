// Turns what the database answered into passed/failed and the value seen, in words.
import type { Cell, CheckFact, CheckSpec, Expectation } from './check-spec';
import { compareVersions } from './compare-versions';

export interface Judgement {
  passed: boolean;
  value: string;
}

const n = (x: number) => x.toLocaleString('en-US');
const rows = (x: number) => `${n(x)} ${x === 1 ? 'row' : 'rows'}`;

function cellText(cell: Cell | undefined): string {
  if (cell === undefined) return 'no value';
  return cell === null ? 'NULL' : String(cell);
}

export function judgeQuery(
  fact: { rowCount: number; firstRow: Cell[] | null },
  expect: Expectation,
): Judgement {
  const first = fact.firstRow?.[0];
  if (expect === 'zero-rows') return { passed: fact.rowCount === 0, value: rows(fact.rowCount) };
  if (fact.firstRow === null) return { passed: false, value: 'no rows' };
  if (expect === true)
    return { passed: first === true || first === 't' || first === 'true', value: cellText(first) };
  if ('equals' in expect) {
    const passed =
      first === expect.equals ||
      (first !== null && first !== undefined && String(first) === String(expect.equals));
    return { passed, value: cellText(first) };
  }
  const number = typeof first === 'number' ? first : Number(first);
  if (first === null || first === undefined || !Number.isFinite(number))
    return { passed: false, value: `${cellText(first)} (not a number)` };
  return { passed: number <= expect.atMost, value: n(number) };
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
