// Where a JSON text first goes wrong, as a character offset. V8's JSON.parse names the position
// for some errors only ("Unexpected token '}', ... is not valid JSON" has none), and a pipeline
// author needs the line and column every time. Runs only after JSON.parse has failed.

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const HEX4 = /[0-9a-fA-F]{4}/y;

/** Offset of the first syntax error, or -1 when the text is valid JSON. */
export function jsonErrorOffset(text: string): number {
  let i = 0;
  const fail = (): never => {
    throw new SyntaxAt(i);
  };
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text.charAt(i))) i++;
  };
  const expect = (token: string) => {
    for (const ch of token) {
      if (text.charAt(i) !== ch) fail();
      i++;
    }
  };
  const string = () => {
    i++; // opening quote
    while (i < text.length) {
      const c = text.charAt(i);
      if (c === '"') {
        i++;
        return;
      }
      if (c < ' ') fail();
      if (c !== '\\') {
        i++;
        continue;
      }
      i++;
      const escape = text.charAt(i);
      if (escape === 'u') {
        HEX4.lastIndex = i + 1;
        if (!HEX4.test(text)) fail();
        i += 5;
      } else if ('"\\/bfnrt'.includes(escape) && escape !== '') i++;
      else fail();
    }
    fail();
  };
  const number = () => {
    NUMBER.lastIndex = i;
    const match = NUMBER.exec(text);
    if (!match) fail();
    i = NUMBER.lastIndex;
  };
  const value = (): void => {
    ws();
    const c = text.charAt(i);
    if (c === '{') {
      i++;
      ws();
      if (text.charAt(i) === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (text.charAt(i) !== '"') fail();
        string();
        ws();
        expect(':');
        value();
        ws();
        if (text.charAt(i) === '}') {
          i++;
          return;
        }
        expect(',');
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text.charAt(i) === ']') {
        i++;
        return;
      }
      for (;;) {
        value();
        ws();
        if (text.charAt(i) === ']') {
          i++;
          return;
        }
        expect(',');
      }
    }
    if (c === '"') return string();
    if (c === 't') return expect('true');
    if (c === 'f') return expect('false');
    if (c === 'n') return expect('null');
    if (c === '-' || (c >= '0' && c <= '9')) return number();
    fail();
  };
  try {
    value();
    ws();
    if (i < text.length) fail();
    return -1;
  } catch (error) {
    if (error instanceof SyntaxAt) return error.offset;
    return text.length; // nested too deep to walk: at least say the text is broken
  }
}

class SyntaxAt {
  constructor(readonly offset: number) {}
}
