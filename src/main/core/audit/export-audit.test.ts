import { describe, expect, it } from 'vitest';
import type { AuditRecord } from '../../../shared/domain';
import { exportAudit } from './export-audit';
import { GENESIS_PREV, hashRecord } from './record-hash';
import { verifyRecords } from './verify-audit';

function chain(
  entries: Pick<AuditRecord, 'actor' | 'kind' | 'target' | 'reason' | 'details'>[],
): AuditRecord[] {
  const out: AuditRecord[] = [];
  entries.forEach((e, i) => {
    const unhashed = {
      seq: i + 1,
      time: new Date(Date.UTC(2025, 2, 3, 4, 5, i)).toISOString(),
      ...e,
      prev: out[i - 1]?.hash ?? GENESIS_PREV,
    };
    out.push({ ...unhashed, hash: hashRecord(unhashed) });
  });
  return out;
}

const awkward = chain([
  {
    actor: 'o\'brien, "ops"',
    kind: 'rollout.pause',
    target: 'a|b',
    reason: 'line one\nline two, with "quotes" | pipe\r\nand CRLF',
    details: { note: 'x,y', quote: '"', pipes: '||', nl: '\n', back: 'C:\\tmp' },
  },
  { actor: 'plain', kind: 'k', target: 't', reason: '<b>*bold*</b> & `code` [link]', details: {} },
]);

/** A small RFC 4180 parser: quoted fields may hold commas, CR, LF and doubled quotes. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  expect(quoted).toBe(false);
  expect(field).toBe('');
  return rows;
}

describe('exportAudit', () => {
  it('json is a pretty array that parses back to the same, still-verifiable records', () => {
    const text = exportAudit(awkward, 'json');
    expect(text).toContain('\n  {\n    "seq": 1,');
    const back = JSON.parse(text) as AuditRecord[];
    expect(back).toEqual(awkward);
    expect(verifyRecords(back)).toEqual({ ok: true, records: 2 });
  });

  it('csv quotes per RFC 4180 and parses back to the exact values', () => {
    const text = exportAudit(awkward, 'csv');
    const rows = parseCsv(text);
    expect(rows[0]).toEqual(['seq', 'time', 'actor', 'kind', 'target', 'reason', 'details', 'hash']);
    expect(rows).toHaveLength(3);
    awkward.forEach((r, i) => {
      const [seq, time, actor, kind, target, reason, details, hash] = rows[i + 1] as string[];
      expect({ seq: Number(seq), time, actor, kind, target, reason, hash }).toEqual({
        seq: r.seq,
        time: r.time,
        actor: r.actor,
        kind: r.kind,
        target: r.target,
        reason: r.reason,
        hash: r.hash,
      });
      expect(JSON.parse(details as string)).toEqual(r.details);
    });
  });

  it('csv leaves plain fields unquoted and ends every record with CRLF', () => {
    const [r] = chain([{ actor: 'a', kind: 'k', target: 't', reason: 'r', details: { n: 1 } }]) as [
      AuditRecord,
    ];
    expect(exportAudit([r], 'csv')).toBe(
      `seq,time,actor,kind,target,reason,details,hash\r\n1,${r.time},a,k,t,r,"{""n"":1}",${r.hash}\r\n`,
    );
    expect(exportAudit([], 'csv')).toBe('seq,time,actor,kind,target,reason,details,hash\r\n');
  });

  it('csv neutralises every formula start OWASP names, and quotes semicolons and tabs', () => {
    const formulas = ['=HYPERLINK("http://evil.example","ok")', '+1+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1'];
    const records = chain(
      formulas.map((f, i) => ({
        actor: f,
        kind: 'k',
        target: `t${i}`,
        reason: `${f};=cmd|' /C calc'!A0`,
        details: {},
      })),
    );
    const rows = parseCsv(exportAudit(records, 'csv')).slice(1);
    rows.forEach((row, i) => {
      const formula = formulas[i] ?? '';
      expect(row[2]).toBe(`'${formula}`);
      // A spreadsheet splitting on ";" still finds no cell starting with "=": the field is quoted.
      expect(row[5]).toBe(`'${formula};=cmd|' /C calc'!A0`);
    });
    const text = exportAudit(records, 'csv');
    expect(text).toContain(`"'${formulas[0]?.replace(/"/g, '""')};=cmd|' /C calc'!A0"`);
    // JSON stays exact, so it still verifies against the hashes.
    expect(JSON.parse(exportAudit(records, 'json'))).toEqual(records);
  });

  it('markdown escapes strikethrough too, so a name cannot strike out the row', () => {
    const [r] = chain([{ actor: '~~dana~~', kind: 'k', target: 't', reason: 'r', details: {} }]) as [
      AuditRecord,
    ];
    expect(exportAudit([r], 'md')).toContain('| \\~\\~dana\\~\\~ |');
  });

  it('markdown is one table row per record with pipes, newlines and markup escaped', () => {
    const text = exportAudit(awkward, 'md');
    const lines = text.split('\n').slice(0, -1);
    expect(lines).toHaveLength(2 + awkward.length);
    expect(lines[0]).toBe('| seq | time | actor | kind | target | reason | details | hash |');
    expect(lines[1]).toBe('| --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const line of lines.slice(2)) {
      // Splitting on unescaped pipes gives exactly the 8 cells (plus the empty ends).
      expect(line.split(/(?<!\\)\|/)).toHaveLength(10);
      expect(line).not.toMatch(/\r/);
    }
    expect(lines[2]).toContain('| a\\|b |');
    expect(lines[2]).toContain('line one<br>line two, with "quotes" \\| pipe<br>and CRLF');
    expect(lines[2]).toContain('"back":"C:\\\\\\\\tmp"');
    expect(lines[3]).toContain('\\<b\\>\\*bold\\*\\</b\\> \\& \\`code\\` \\[link\\]');
  });
});
