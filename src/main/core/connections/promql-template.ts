// PromQL templates of a Prometheus connection's metrics: `{{service}}`, `{{environment}}` and
// `{{version}}` go inside quoted label values (escaped for the string literal, and for RE2 too
// after `=~` / `!~`), `{{window}}` goes where a duration does (`rate(x[{{window}}])`). Anything
// else between `{{ }}` is refused when config.yaml is read, with where it is.

export const PLACEHOLDERS = ['service', 'environment', 'version', 'window'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];
export type TemplateValues = Record<Placeholder, string>;

/** Where a placeholder stands: inside "…" or '…', or outside any string (a duration). */
type SlotContext = 'double' | 'single' | 'bare';

interface Slot {
  name: Placeholder;
  /** Offsets in the template text, `end` exclusive. */
  start: number;
  end: number;
  context: SlotContext;
  /** The string is the right side of `=~` or `!~`: the value is a regular expression there. */
  regex: boolean;
}

export interface PromqlTemplate {
  text: string;
  slots: Slot[];
}

export type TemplateResult = { ok: true; template: PromqlTemplate } | { ok: false; problems: string[] };

const PLACEHOLDER_LIST = '{{service}}, {{environment}}, {{version}} and {{window}}';
const LABEL_VALUES: ReadonlySet<string> = new Set(['service', 'environment', 'version']);

/** "2:14": PromQL's own way of naming a place (line and byte column, both from 1). */
export function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `${line}:${column}`;
}

/** The string literal's opening quote is the right side of a regex matcher. */
function afterRegexMatcher(text: string, quoteAt: number): boolean {
  const before = text.slice(0, quoteAt).trimEnd();
  return before.endsWith('=~') || before.endsWith('!~');
}

/**
 * Reads a template, skipping `# comments`, and says for each placeholder whether it stands in a
 * string literal (and which) or outside one.
 */
export function parsePromqlTemplate(text: string): TemplateResult {
  const slots: Slot[] = [];
  const problems: string[] = [];
  let quote: '"' | "'" | '`' | undefined;
  let quoteAt = 0;
  let regex = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote === undefined && c === '#') {
      const newline = text.indexOf('\n', i);
      i = newline === -1 ? text.length : newline;
      continue;
    }
    if (quote !== undefined && quote !== '`' && c === '\\') {
      i++;
      continue;
    }
    if (c === '"' || c === "'" || c === '`') {
      if (quote === undefined) {
        quote = c;
        quoteAt = i;
        regex = afterRegexMatcher(text, i);
      } else if (quote === c) quote = undefined;
      continue;
    }
    if (c !== '{' || text[i + 1] !== '{') continue;
    const close = text.indexOf('}}', i + 2);
    const at = lineColumn(text, i);
    if (close === -1) {
      problems.push(`${at}: "{{" is not closed with "}}"`);
      break;
    }
    const raw = text.slice(i, close + 2);
    const name = text.slice(i + 2, close).trim();
    i = close + 1;
    if (!(PLACEHOLDERS as readonly string[]).includes(name)) {
      problems.push(`${at}: unknown placeholder ${raw}; a template may use ${PLACEHOLDER_LIST}`);
      continue;
    }
    const placeholder = name as Placeholder;
    const context: SlotContext | 'raw' =
      quote === undefined ? 'bare' : quote === '"' ? 'double' : quote === "'" ? 'single' : 'raw';
    if (context === 'raw')
      problems.push(
        `${at}: ${raw} is in a \`raw string\` (from ${lineColumn(text, quoteAt)}), which cannot escape a value: use "…"`,
      );
    else if (LABEL_VALUES.has(placeholder) && context === 'bare')
      problems.push(`${at}: ${raw} must be inside a quoted label value, e.g. ${placeholder}="${raw}"`);
    else if (placeholder === 'window' && context !== 'bare')
      problems.push(`${at}: ${raw} is a duration and goes outside quotes, e.g. rate(x[${raw}])`);
    else
      slots.push({
        name: placeholder,
        start: i + 1 - raw.length,
        end: i + 1,
        context,
        regex: context !== 'bare' && regex,
      });
  }
  if (quote !== undefined && problems.length === 0)
    problems.push(`${lineColumn(text, quoteAt)}: the string opened here with ${quote} is not closed`);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, template: { text, slots } };
}

/** RE2 metacharacters, escaped so a version like 2.4.0 matches only itself after `=~`. */
function escapeRegex(value: string): string {
  return value.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');
}

/** The body of a PromQL string literal (Go escapes) that reads back as `value`. */
function escapeString(value: string, quote: '"' | "'"): string {
  let out = '';
  for (const ch of value) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '\\' || ch === quote) out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return out;
}

function slotValue(slot: Slot, values: TemplateValues): string {
  const value = values[slot.name];
  if (slot.context === 'bare') return value;
  return escapeString(slot.regex ? escapeRegex(value) : value, slot.context === 'double' ? '"' : "'");
}

/** The query with every placeholder filled in, each value escaped for where it stands. */
export function fillPromqlTemplate(template: PromqlTemplate, values: TemplateValues): string {
  let out = '';
  let from = 0;
  for (const slot of template.slots) {
    out += template.text.slice(from, slot.start) + slotValue(slot, values);
    from = slot.end;
  }
  return out + template.text.slice(from);
}

/**
 * The template filled with stand-ins exactly as long as each placeholder, so Prometheus's
 * `line:col` in an error about this query is the place in the template as written in config.yaml.
 */
export function fillWithStandIns(template: PromqlTemplate): string {
  let out = '';
  let from = 0;
  for (const slot of template.slots) {
    const width = slot.end - slot.start;
    // A duration of the same width: zeros then "1m" ("0000001m" is one minute to Prometheus).
    const standIn = slot.name === 'window' ? `${'0'.repeat(Math.max(0, width - 2))}1m` : 'x'.repeat(width);
    out += template.text.slice(from, slot.start) + standIn;
    from = slot.end;
  }
  return out + template.text.slice(from);
}

/** A duration as PromQL writes one: "1m", "90s", "1500ms". */
export function promDuration(ms: number): string {
  const whole = Math.max(1, Math.round(ms));
  for (const [unit, size] of [
    ['d', 86_400_000],
    ['h', 3_600_000],
    ['m', 60_000],
    ['s', 1000],
  ] as const)
    if (whole % size === 0) return `${whole / size}${unit}`;
  return `${whole}ms`;
}
