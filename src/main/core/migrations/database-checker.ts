// The interface every database adapter implements (PostgreSQL, the simulator's database). Each
// check runs in a read-only transaction with a statement timeout and is always rolled back.
import type { CheckOutcome, CheckSpec } from './check-spec';

export interface DatabaseChecker {
  /** Where checks of `database` would run, in words ("PostgreSQL app@db:5432/orders"); undefined when unknown. */
  describe(database: string): string | undefined;
  /**
   * Runs each check in its own read-only transaction, in order. Never throws for a database problem:
   * a refused or failing query, a wrong password or an unreachable server are outcomes with the
   * database's message.
   */
  run(database: string, checks: readonly CheckSpec[], timeoutMs: number): Promise<CheckOutcome[]>;
  close(): Promise<void>;
}
