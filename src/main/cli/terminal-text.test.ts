import { describe, expect, it } from 'vitest';

/* eslint-disable no-control-regex -- these tests look for control characters */
import { terminalJson, terminalLine, terminalSafe, terminalText } from './terminal-text';

const hostile = 'controller\n\u001b[2K\u001b]0;pwned\u0007\r\u009b31m\u202edelif\u2028x\ud800';

describe('terminal text', () => {
  it('shows every control character of a value as a visible escape, on one line', () => {
    const line = terminalLine(hostile);
    expect(line).toBe('controller\\n\\x1b[2K\\x1b]0;pwned\\x07\\r\\x9b31m\\u202edelif\\u2028x\\ud800');
    expect(line).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202e\u2028]/);
  });

  it('keeps the line breaks of composed text and nothing else', () => {
    expect(terminalText('a\nb\u001b[2Kc\td')).toBe('a\nb\\x1b[2Kc\\td');
  });

  it('makes every string of a value safe, leaving numbers, booleans and shape alone', () => {
    expect(terminalSafe({ actor: hostile, seq: 3, ok: true, list: ['\u001b'], none: null })).toEqual({
      actor: terminalLine(hostile),
      seq: 3,
      ok: true,
      list: ['\\x1b'],
      none: null,
    });
  });

  it('writes JSON whose text is inert and whose values are exact', () => {
    const value = { actor: hostile, reason: 'ok' };
    const text = terminalJson(value);
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e\u2028]/);
    expect(JSON.parse(text)).toEqual(value);
  });
});
