// Runs one statement the only way checks may run: inside BEGIN READ ONLY with a statement timeout,
// always rolled back. A statement that tries to write (UPDATE, DROP, SELECT … FOR UPDATE, a function
// that writes) fails with PostgreSQL's own read-only error and changes nothing.
import type { ClientBase, QueryArrayConfig } from 'pg';

export const DEFAULT_STATEMENT_TIMEOUT_MS = 5000;

export class BrokenConnection extends Error {}

export async function runReadOnly(
  client: ClientBase,
  text: string,
  values: readonly (string | number | null)[],
  timeoutMs = DEFAULT_STATEMENT_TIMEOUT_MS,
): Promise<unknown[][]> {
  await client.query('BEGIN READ ONLY');
  let failure: unknown;
  let rows: unknown[][] = [];
  try {
    await client.query(`SET LOCAL statement_timeout = ${Math.max(1, Math.round(timeoutMs))}`);
    // The extended protocol takes exactly one statement, so "SELECT 1; COMMIT; DROP TABLE t" is
    // refused whole instead of ending the read-only transaction half way. (queryMode is not in
    // @types/pg yet, hence the widened type.)
    const query: QueryArrayConfig & { queryMode: 'extended' } = {
      text,
      values: [...values],
      rowMode: 'array',
      queryMode: 'extended',
    };
    rows = (await client.query(query)).rows;
  } catch (error) {
    failure = error;
  }
  try {
    await client.query('ROLLBACK');
  } catch (error) {
    // Without a rollback the connection cannot be trusted for the next check.
    const first = failure ?? error;
    throw new BrokenConnection(first instanceof Error ? first.message : String(first), { cause: first });
  }
  if (failure !== undefined) throw failure;
  return rows;
}
