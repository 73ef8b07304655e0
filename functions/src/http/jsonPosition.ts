/**
 * Where JSON text first goes wrong (0-based UTF-16 offset). V8's JSON.parse names the position only
 * for some errors and in wording that changes between Node versions, so we find it ourselves:
 * a strict RFC 8259 scan that runs only after JSON.parse has failed.
 */
export function locateJsonError(text: string): number {
  let i = 0;
  const fail = (at: number): never => {
    throw new JsonErrorAt(at);
  };
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i] ?? '')) i++;
  };
  const expect = (c: string) => (text[i] === c ? i++ : fail(i));

  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{') return object();
    if (c === '[') return array();
    if (c === '"') return string();
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return number();
    for (const literal of ['true', 'false', 'null']) {
      if (text.startsWith(literal, i)) {
        i += literal.length;
        return;
      }
    }
    fail(i);
  };
  const object = () => {
    i++;
    ws();
    if (text[i] === '}') return void i++;
    for (;;) {
      ws();
      if (text[i] !== '"') fail(i);
      string();
      ws();
      expect(':');
      value();
      ws();
      if (text[i] === ',') i++;
      else return void expect('}');
    }
  };
  const array = () => {
    i++;
    ws();
    if (text[i] === ']') return void i++;
    for (;;) {
      value();
      ws();
      if (text[i] === ',') i++;
      else return void expect(']');
    }
  };
  const string = () => {
    i++;
    for (;;) {
      if (i >= text.length) fail(i);
      const code = text.charCodeAt(i);
      if (code === 0x22) return void i++;
      if (code < 0x20) fail(i);
      if (code === 0x5c) {
        const escape = text[i + 1] ?? '';
        if (escape === 'u') {
          if (!/^[0-9A-Fa-f]{4}$/.test(text.slice(i + 2, i + 6))) fail(i);
          i += 6;
        } else if ('"\\/bfnrt'.includes(escape) && escape !== '') i += 2;
        else fail(i);
      } else i++;
    }
  };
  const number = () => {
    const match = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
    match.lastIndex = i;
    const found = match.exec(text);
    if (!found) fail(i);
    i = match.lastIndex;
  };

  try {
    value();
    ws();
    if (i < text.length) fail(i);
    return text.length;
  } catch (err) {
    if (err instanceof JsonErrorAt) return err.position;
    throw err;
  }
}

class JsonErrorAt {
  constructor(readonly position: number) {}
}
