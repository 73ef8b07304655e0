/**
 * Where JSON text first goes wrong (0-based UTF-16 offset). V8's JSON.parse names the position only
 * for some errors and in wording that changes between Node versions, so we find it ourselves:
 * a strict RFC 8259 scan that runs only after JSON.parse has failed.
 *
 * The scan is a loop over an explicit stack of open containers, never a recursion: a body of
 * `[` × 100,000 must get its 400, not overflow the call stack.
 */
export function locateJsonError(text: string): number {
  let i = 0;
  const open: ('{' | '[')[] = [];
  const ws = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text[i] ?? '')) i++;
  };
  // What the scan expects next: a value, an object key, or what follows a value (`,` or a closer).
  let expecting: 'value' | 'key' | 'after' = 'value';
  for (;;) {
    ws();
    if (expecting === 'value') {
      const c = text[i];
      if (c === '{' || c === '[') {
        i++;
        ws();
        if (text[i] === (c === '{' ? '}' : ']')) {
          i++;
          expecting = 'after';
        } else {
          open.push(c);
          expecting = c === '{' ? 'key' : 'value';
        }
        continue;
      }
      const end =
        c === '"'
          ? scanString(text, i)
          : c === '-' || (c !== undefined && c >= '0' && c <= '9')
            ? scanNumber(text, i)
            : scanLiteral(text, i);
      if (end < 0) return -end - 1;
      i = end;
      expecting = 'after';
      continue;
    }
    if (expecting === 'key') {
      if (text[i] !== '"') return i;
      const end = scanString(text, i);
      if (end < 0) return -end - 1;
      i = end;
      ws();
      if (text[i] !== ':') return i;
      i++;
      expecting = 'value';
      continue;
    }
    const top = open[open.length - 1];
    if (top === undefined) return i;
    if (text[i] === ',') {
      i++;
      expecting = top === '{' ? 'key' : 'value';
    } else if (text[i] === (top === '{' ? '}' : ']')) {
      i++;
      open.pop();
    } else return i;
  }
}

// The scanners answer the index after the token, or -(position of the error) - 1.

function scanString(text: string, start: number): number {
  let i = start + 1;
  for (;;) {
    if (i >= text.length) return -i - 1;
    const code = text.charCodeAt(i);
    if (code === 0x22) return i + 1;
    if (code < 0x20) return -i - 1;
    if (code === 0x5c) {
      const escape = text[i + 1] ?? '';
      if (escape === 'u') {
        if (!/^[0-9A-Fa-f]{4}$/.test(text.slice(i + 2, i + 6))) return -i - 1;
        i += 6;
      } else if (escape !== '' && '"\\/bfnrt'.includes(escape)) i += 2;
      else return -i - 1;
    } else i++;
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

function scanNumber(text: string, start: number): number {
  NUMBER.lastIndex = start;
  return NUMBER.exec(text) ? NUMBER.lastIndex : -start - 1;
}

function scanLiteral(text: string, start: number): number {
  for (const literal of ['true', 'false', 'null']) {
    if (text.startsWith(literal, start)) return start + literal.length;
  }
  return -start - 1;
}
