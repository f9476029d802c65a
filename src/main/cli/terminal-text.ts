// What the CLI prints passes through here. Actor names, reasons, notes and a remote server's answers
// are stored as given, but on a terminal a control character could clear or rewrite lines (ESC
// sequences), fake a line (a newline in a name) or reorder text (bidi overrides). They are shown as
// visible escapes instead; JSON output keeps every value exact.

/** C0 and C1 controls, DEL, bidi and line/paragraph separators, and lone surrogates. */
/* eslint-disable no-control-regex -- finding control characters is the point */
const UNSAFE =
  /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]|\p{Cs}/gu;
const UNSAFE_BUT_NEWLINE =
  /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]|\p{Cs}/gu;
/* eslint-enable no-control-regex */
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escape(ch: string): string {
  const code = ch.charCodeAt(0);
  return NAMED[ch] ?? (code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16)}`);
}

/** One value on one line: every control character, newlines included, becomes a visible escape. */
export function terminalLine(text: string): string {
  return text.replace(UNSAFE, escape);
}

/** Text the CLI composed: its own line breaks stay, every other control character is escaped. */
export function terminalText(text: string): string {
  return text.replace(UNSAFE_BUT_NEWLINE, escape);
}

/** Every string in a value made safe for one line (for text output built from API answers). */
export function terminalSafe<T>(value: T): T {
  if (typeof value === 'string') return terminalLine(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => terminalSafe(v)) as T;
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, terminalSafe(v)])) as T;
  return value;
}

/**
 * JSON for a terminal or a pipe: the same values, but the characters JSON.stringify leaves raw (C1
 * controls, bidi controls, U+2028/9) are written as \u escapes, so the text is inert and still exact.
 */
export function terminalJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(
    /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

export function writeOut(text: string): void {
  process.stdout.write(terminalText(text));
}

export function writeErr(text: string): void {
  process.stderr.write(terminalText(text));
}
