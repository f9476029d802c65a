import { describe, expect, it } from 'vitest';
import { boundText, SUMMARY_LIMIT_BYTES } from './bounded-text';

const utf8 = (s: string) => new TextEncoder().encode(s).length;

describe('text recorded from a check is at most 1 KiB', () => {
  it('keeps short text as it is', () => {
    expect(boundText('628,000 rows left')).toEqual({
      text: '628,000 rows left',
      truncated: false,
      bytes: 17,
    });
    const exact = 'x'.repeat(SUMMARY_LIMIT_BYTES);
    expect(boundText(exact).truncated).toBe(false);
  });

  it('cuts long text to 1 KiB with the marker saying how long it was', () => {
    const cut = boundText('y'.repeat(200_000));
    expect(cut.truncated).toBe(true);
    expect(cut.bytes).toBe(200_000);
    expect(utf8(cut.text)).toBeLessThanOrEqual(SUMMARY_LIMIT_BYTES);
    expect(cut.text).toMatch(/^y+ … \[truncated: 200,000 bytes in all\]$/);
  });

  it('never splits a character, so no lone surrogate reaches the audit log', () => {
    const emoji = '🚀'.repeat(1000); // 4 bytes and two UTF-16 units each
    const cut = boundText(emoji);
    expect(cut.bytes).toBe(4000);
    expect(utf8(cut.text)).toBeLessThanOrEqual(SUMMARY_LIMIT_BYTES);
    expect(cut.text).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
    expect(cut.text.startsWith('🚀🚀')).toBe(true);
  });
});
