// The interface every database adapter implements (PostgreSQL, the simulator's database). Each
// check runs in a read-only transaction with a statement timeout and is always rolled back, reads a
// bounded result, and runs only as a role that cannot do what a read-only transaction does not stop.
import type { CheckOutcome, CheckSpec } from './check-spec';

export interface DatabaseChecker {
  /** Where checks of `database` would run, in words ("PostgreSQL app@db:5432/orders"); undefined when unknown. */
  describe(database: string): string | undefined;
  /**
   * Runs each check in its own read-only transaction, in order. Never throws for a database problem:
   * a refused or failing query, a wrong password or an unreachable server are outcomes with the
   * database's message.
   */
  run(
    database: string,
    checks: readonly CheckSpec[],
    timeoutMs: number,
    /** Tables the plan changes, besides those its templates name: the role must not own them. */
    tables?: readonly string[],
  ): Promise<CheckOutcome[]>;
  /**
   * Set when the profile lets checks run as a role that may do more than read (allowPrivilegedRole),
   * naming what the role was last seen to be allowed.
   */
  roleWarning?(database: string): string | undefined;
  close(): Promise<void>;
}
