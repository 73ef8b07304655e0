import fc from 'fast-check';
import { locateJsonError } from '../../src/http/jsonPosition';
import { formatPath, parseJson } from '../../src/http/readJson';
import { HttpError } from '../../src/http/responses';

describe('locateJsonError', () => {
  it.each([
    ['{"a":1,}', 7],
    ['[1 2]', 3],
    ['[1,]', 3],
    ['{"a" 1}', 5],
    ["{'a':1}", 1],
    ['{"a":01}', 6],
    ['"tab\there"', 4],
    ['"bad \\x escape"', 5],
    ['{"a":1', 6],
    ['[1] x', 4],
    ['', 0],
    ['NaN', 0],
  ])('%j fails at %i', (text, position) => {
    expect(() => JSON.parse(text)).toThrow();
    expect(locateJsonError(text)).toBe(position);
  });

  it('finds no error in anything JSON.stringify writes', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = JSON.stringify(value, null, 2);
        expect(locateJsonError(text)).toBe(text.length);
      }),
    );
  });
});

describe('parseJson', () => {
  it('throws a 400 HttpError with line and column (1-based) of the error', () => {
    const error = (() => {
      try {
        parseJson('[\n  1,\n  2 3\n]');
      } catch (err) {
        return err;
      }
    })();
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).status).toBe(400);
    expect((error as HttpError).details).toMatchObject({ line: 3, column: 5, position: 11 });
  });
});

describe('formatPath', () => {
  it('writes zod paths the way people read them', () => {
    expect(formatPath(['lines', 3, 'qty'])).toBe('lines[3].qty');
    expect(formatPath([0, 'model'])).toBe('[0].model');
    expect(formatPath(['totals', '片区 A'])).toBe('totals["片区 A"]');
    expect(formatPath([])).toBe('');
  });
});
