// What a check read is recorded and shown in at most 1 KiB: a database value (a file read with
// pg_read_file, a 200 MB string) never lands whole in the audit log, the UI or the CLI.

/** The most a check's value, error or summary may take, in UTF-8 bytes, marker included. */
export const SUMMARY_LIMIT_BYTES = 1024;

export interface BoundedText {
  /** The text, or its start followed by the truncation marker when it was longer. */
  text: string;
  truncated: boolean;
  /** The whole text's size in UTF-8 bytes. */
  bytes: number;
}

/** UTF-8 size of a string; a lone surrogate counts as U+FFFD (3 bytes), as an encoder writes it. */
function utf8Bytes(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

export const truncationMarker = (bytes: number): string =>
  ` … [truncated: ${bytes.toLocaleString('en-US')} bytes in all]`;

/** Cuts `text` to at most `limit` UTF-8 bytes, marker included, between whole characters. */
export function boundText(text: string, limit = SUMMARY_LIMIT_BYTES): BoundedText {
  const bytes = utf8Bytes(text);
  if (bytes <= limit) return { text, truncated: false, bytes };
  const marker = truncationMarker(bytes);
  const room = Math.max(0, limit - utf8Bytes(marker));
  let used = 0;
  let end = 0;
  // Whole code points only, so a cut never leaves a lone surrogate (which the audit log refuses).
  for (const ch of text) {
    const size = utf8Bytes(ch);
    if (used + size > room) break;
    used += size;
    end += ch.length;
  }
  return { text: `${text.slice(0, end)}${marker}`, truncated: true, bytes };
}
