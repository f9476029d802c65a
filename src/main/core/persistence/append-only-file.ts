// A file that only grows, one durable append at a time: every append is written whole and fsynced
// before it returns, or cut back off so the file ends at the last acknowledged byte. The descriptor
// stays open for the life of the file, so a process out of file descriptors can still append.
import fs from 'node:fs';

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export class AppendOnlyFile {
  /** Set when a failed append could not be cut back: the next append truncates first. */
  private rollbackPending = false;

  private constructor(
    readonly filePath: string,
    private fd: number,
    /** Bytes on disk that belong to this file: what the next append expects the file to hold. */
    private bytes: number,
  ) {}

  /** Opens (creating, mode 0600) for appending; `size` is where the acknowledged content ends. */
  static open(filePath: string, size: number): AppendOnlyFile {
    const fd = fs.openSync(filePath, 'a', 0o600);
    try {
      // Files created before every workspace file was private get tightened too.
      fs.fchmodSync(fd, 0o600);
    } catch {
      // Not the owner (or a platform without modes): the content is still appended safely.
    }
    return new AppendOnlyFile(filePath, fd, size);
  }

  get size(): number {
    return this.bytes;
  }

  /** Appends `data` durably; throws (with the file as it was) when it cannot. */
  append(data: Buffer, what: string): void {
    this.checkSize(what);
    try {
      for (let off = 0; off < data.length;) off += fs.writeSync(this.fd, data, off, data.length - off);
      fs.fsyncSync(this.fd);
    } catch (err) {
      this.rollBack();
      throw new Error(`Cannot write to ${what} at ${this.filePath}: ${errorText(err)}`, { cause: err });
    }
    this.bytes += data.length;
  }

  /** Cuts the file to `size` bytes (which must not exceed what is acknowledged) and syncs it. */
  truncate(size: number): void {
    fs.ftruncateSync(this.fd, size);
    fs.fsyncSync(this.fd);
    this.bytes = size;
  }

  close(): void {
    if (this.fd < 0) return;
    fs.closeSync(this.fd);
    this.fd = -1;
  }

  /** Refuses to append after another writer changed the file: that would fork what is in it. */
  private checkSize(what: string): void {
    if (this.fd < 0) throw new Error(`${what} at ${this.filePath} is closed`);
    const actual = fs.fstatSync(this.fd).size;
    if (actual === this.bytes) return;
    if (this.rollbackPending && actual > this.bytes) {
      fs.ftruncateSync(this.fd, this.bytes);
      this.rollbackPending = false;
      return;
    }
    throw new Error(
      `${what} at ${this.filePath} changed on disk (${actual} bytes, expected ${this.bytes}): ` +
        'another process may be writing it; reopen it',
    );
  }

  /** Cuts a partly written (or unsynced) append so the file ends at the last acknowledged byte. */
  private rollBack(): void {
    try {
      fs.ftruncateSync(this.fd, this.bytes);
      fs.fsyncSync(this.fd);
    } catch {
      this.rollbackPending = true;
    }
  }
}
