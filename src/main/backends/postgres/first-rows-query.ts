// One statement through the extended protocol, reading only its first rows: Execute asks the
// server for at most maxRows + 1 rows, so it stops there (PortalSuspended) instead of computing and
// sending the rest. The extended protocol also takes exactly one statement, so "SELECT 1; COMMIT;
// DROP TABLE t" is refused whole. A node-postgres Submittable, the extension point pg-cursor uses.
import type { ClientBase, Connection, Submittable } from 'pg';

export interface FirstRows {
  /** At most maxRows rows, as arrays of parsed cells in column order. */
  rows: unknown[][];
  /** The server had more rows than maxRows; they were not read. */
  moreRows: boolean;
  /** The PostgreSQL type OID of each column. */
  columnTypes: number[];
}

// The messages node-postgres hands a Submittable, as far as this query reads them.
interface RowDescription {
  fields: { dataTypeID: number }[];
}
interface DataRow {
  fields: (string | null)[];
}
type Settle = (error: Error | null, rows?: FirstRows) => void;

class FirstRowsQuery implements Submittable {
  private readonly rows: unknown[][] = [];
  private parsers: ((text: string) => unknown)[] = [];
  private columnTypes: number[] = [];
  private failed = false;

  constructor(
    private readonly client: ClientBase,
    private readonly text: string,
    private readonly values: readonly (string | number | null)[],
    private readonly maxRows: number,
    /** node-postgres wraps this to clear its query_timeout timer, so every ending goes through it. */
    public callback: Settle,
  ) {}

  submit(connection: Connection): void {
    const stream = connection.stream;
    stream.cork();
    try {
      connection.parse({ text: this.text, name: '', types: [] }, true);
      connection.bind({ values: this.values.map((v) => (v === null ? null : String(v))) }, true);
      connection.describe({ type: 'P' }, true);
      // @types/pg types rows as a string; the protocol writes it as an Int32.
      connection.execute({ rows: (this.maxRows + 1) as unknown as string }, true);
      connection.sync();
    } finally {
      stream.uncork();
    }
  }

  handleRowDescription(msg: RowDescription): void {
    this.columnTypes = msg.fields.map((f) => f.dataTypeID);
    this.parsers = msg.fields.map((f) => this.client.getTypeParser(f.dataTypeID, 'text'));
  }

  handleDataRow(msg: DataRow): void {
    if (this.rows.length > this.maxRows) return;
    this.rows.push(msg.fields.map((cell, i) => (cell === null ? null : (this.parsers[i]?.(cell) ?? cell))));
  }

  handlePortalSuspended(): void {}
  handleCommandComplete(): void {}
  handleEmptyQuery(): void {}
  handleCopyData(): void {}

  handleCopyInResponse(connection: Connection & { sendCopyFail(message: string): void }): void {
    connection.sendCopyFail('a migration check only reads: it does not copy data in');
  }

  /** A server error (Sync was sent with the query, so ReadyForQuery follows) or a lost connection. */
  handleError(error: Error): void {
    if (this.failed) return;
    this.failed = true;
    this.callback(error);
  }

  handleReadyForQuery(): void {
    if (this.failed) return;
    const moreRows = this.rows.length > this.maxRows;
    this.callback(null, {
      rows: moreRows ? this.rows.slice(0, this.maxRows) : this.rows,
      moreRows,
      columnTypes: this.columnTypes,
    });
  }
}

export function readFirstRows(
  client: ClientBase,
  text: string,
  values: readonly (string | number | null)[],
  maxRows: number,
): Promise<FirstRows> {
  return new Promise((resolve, reject) => {
    const query = new FirstRowsQuery(client, text, values, maxRows, (error, rows) =>
      error ? reject(error) : resolve(rows as FirstRows),
    );
    client.query(query);
  });
}
