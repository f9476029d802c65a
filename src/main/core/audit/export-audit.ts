// Audit export for people and spreadsheets. JSON is exact, so an exported record can still be
// checked against its hash. CSV and Markdown are for reading: a value that a spreadsheet would run as
// a formula, or that would become Markdown or HTML, is neutralised there.
import type { AuditRecord } from '../../../shared/domain';

export type AuditExportFormat = 'json' | 'csv' | 'md';

const COLUMNS = ['seq', 'time', 'actor', 'kind', 'target', 'reason', 'details', 'hash'] as const;

function cells(r: AuditRecord): string[] {
  return COLUMNS.map((c) => (c === 'details' ? JSON.stringify(r.details) : String(r[c])));
}

/**
 * OWASP's CSV-injection rule: a field starting with = + - @ tab or CR is a formula to Excel,
 * LibreOffice and Google Sheets, so it gets a leading apostrophe (shown as text, not run).
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * RFC 4180: quote a field holding a comma, quote, CR or LF, and double its quotes. Also a semicolon
 * or tab, the separators spreadsheets use in some locales, so no value can start a cell of its own.
 */
function csvField(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",;\t\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * Escapes a table cell: a backslash and the characters that would end the cell or start markup or HTML,
 * and line breaks as <br> (a Markdown table row cannot span lines).
 */
function mdCell(value: string): string {
  return value.replace(/[\\|`*_~[\]<>&]/g, (ch) => `\\${ch}`).replace(/\r\n|\r|\n/g, '<br>');
}

export function exportAudit(records: readonly AuditRecord[], format: AuditExportFormat): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(records, null, 2)}\n`;
    case 'csv':
      // RFC 4180 records end with CRLF.
      return [COLUMNS.join(','), ...records.map((r) => cells(r).map(csvField).join(','))]
        .map((line) => `${line}\r\n`)
        .join('');
    case 'md':
      return [
        `| ${COLUMNS.join(' | ')} |`,
        `|${COLUMNS.map(() => ' --- ').join('|')}|`,
        ...records.map((r) => `| ${cells(r).map(mdCell).join(' | ')} |`),
      ]
        .map((line) => `${line}\n`)
        .join('');
    default: {
      const unknown: never = format;
      throw new Error(`unknown audit export format: ${String(unknown)}`);
    }
  }
}
