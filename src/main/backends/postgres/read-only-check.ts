// Runs one statement the only way checks may run: inside BEGIN READ ONLY with a statement timeout,
// reading at most MAX_ROWS rows and MAX_RESULT_BYTES bytes, always rolled back. A statement that
// tries to write (UPDATE, DROP, SELECT … FOR UPDATE, a function that writes) fails with PostgreSQL's
// own read-only error and changes nothing. Afterwards the session's advisory locks are released, and
// a session that still holds something the check left (a prepared statement, a cursor) is reported
// so the next check gets a fresh one.
import type { Client, QueryResult } from 'pg';
import { readFirstRows, type FirstRows } from './first-rows-query';
import type { ReadBudget } from './read-budget';

export const DEFAULT_STATEMENT_TIMEOUT_MS = 5000;
/** Rows a check reads at most: the server stops producing rows there. */
export const MAX_ROWS = 1000;
/** Bytes of the server's answer a check reads at most; past them the connection is cut. */
export const MAX_RESULT_BYTES = 1024 * 1024;

export interface CheckSession {
  client: Client;
  budget: ReadBudget;
}

export interface ReadOnlyRun {
  result: { ok: true; read: FirstRows } | { ok: false; error: unknown };
  /** False when the check broke the session or left state in it: the next check needs a fresh one. */
  reusable: boolean;
}

// Session state that outlives ROLLBACK. Advisory locks are released outright; the rest is counted.
const CLEAN_UP = `ROLLBACK; SELECT pg_advisory_unlock_all(),
  (SELECT count(*) FROM pg_prepared_statements) + (SELECT count(*) FROM pg_cursors)
    + (SELECT count(*) FROM pg_listening_channels()) AS leftovers`;

export async function runReadOnly(
  session: CheckSession,
  text: string,
  values: readonly (string | number | null)[],
  timeoutMs = DEFAULT_STATEMENT_TIMEOUT_MS,
): Promise<ReadOnlyRun> {
  const { client, budget } = session;
  try {
    await client.query(
      `BEGIN READ ONLY; SET LOCAL statement_timeout = ${Math.max(1, Math.round(timeoutMs))}`,
    );
  } catch (error) {
    return { result: { ok: false, error }, reusable: false };
  }
  let result: ReadOnlyRun['result'];
  budget.start(MAX_RESULT_BYTES);
  try {
    result = { ok: true, read: await readFirstRows(client, text, values, MAX_ROWS) };
  } catch (error) {
    result = { ok: false, error: budget.overrun() ?? error };
  } finally {
    budget.stop();
  }
  try {
    // A multi-statement simple query answers with one result per statement.
    const answers = (await client.query(CLEAN_UP)) as unknown as QueryResult<{ leftovers: string }>[];
    return { result, reusable: Number(answers[1]?.rows[0]?.leftovers) === 0 };
  } catch {
    // No rollback: the server ends the transaction with the connection, and this session is done.
    return { result, reusable: false };
  }
}
