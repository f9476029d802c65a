// A cap on the bytes a check may read. node-postgres buffers a whole DataRow before parsing it, so
// a row limit alone does not bound one 200 MB value: the bytes arriving on the connection's stream
// are counted while a check runs, and past the cap the connection is cut before more is buffered.
import type { Duplex } from 'node:stream';

export class ResultTooLarge extends Error {}

export class ReadBudget {
  private used = 0;
  private limit = Number.POSITIVE_INFINITY;
  private cutAt: number | undefined;

  constructor(stream: Duplex) {
    stream.on('data', (chunk: Buffer) => {
      this.used += chunk.length;
      if (this.used > this.limit && this.cutAt === undefined) {
        this.cutAt = this.limit;
        stream.destroy();
      }
    });
  }

  /** Counts from zero until the next stop(); the connection is cut once more than `bytes` arrive. */
  start(bytes: number): void {
    this.used = 0;
    this.limit = bytes;
  }

  stop(): void {
    this.limit = Number.POSITIVE_INFINITY;
  }

  /** The error to report instead of "connection terminated" when the cap cut the connection. */
  overrun(): ResultTooLarge | undefined {
    return this.cutAt === undefined
      ? undefined
      : new ResultTooLarge(`result larger than ${this.cutAt.toLocaleString('en-US')} bytes: not read`);
  }
}
