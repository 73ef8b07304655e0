/** The body checks readJson runs before validation: depth 64, lone surrogates, with and without the text. */
import { checkBodyShape, MAX_JSON_DEPTH } from '../../src/http/bodyShape';
import { HttpError } from '../../src/http/responses';

function problem(text: string): { code: string; details: unknown } | null {
  try {
    checkBodyShape(JSON.parse(text), text);
    return null;
  } catch (err) {
    if (!(err instanceof HttpError)) throw err;
    return { code: err.code, details: err.details };
  }
}

const nested = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;

describe('checkBodyShape', () => {
  it('takes 64 levels and refuses 65, counted iteratively (100,000 levels do not overflow)', () => {
    expect(MAX_JSON_DEPTH).toBe(64);
    expect(problem(nested(64))).toBeNull();
    expect(problem(nested(65))?.code).toBe('too_deep');
    expect(problem(nested(100_000))?.code).toBe('too_deep');
    expect(problem(`{"a":[{"b":${nested(62)}}]}`)?.code).toBe('too_deep');
  });

  it('refuses lone surrogates anywhere, naming the path; pairs and escaped backslashes are fine', () => {
    expect(problem('{"a":["ok","\\ud800"]}')).toEqual({ code: 'bad_text', details: { path: 'a[1]' } });
    expect(problem('{"x\\udfffy":1}')).toEqual({ code: 'bad_text', details: { path: '["x\\udfffy"]' } });
    expect(problem('"\\udc00"')).toEqual({ code: 'bad_text', details: { path: '' } });
    expect(problem('{"a":"\\ud83d\\udca7"}')).toBeNull(); // 💧
    expect(problem('{"a":"\\\\ud800"}')).toBeNull(); // the six characters \ud800, not a surrogate
  });

  it('checks strings also when no text is given', () => {
    expect(() => checkBodyShape({ a: ['\ud800'] })).toThrow(HttpError);
    expect(checkBodyShape({ a: ['💧'] })).toEqual({ a: ['💧'] });
  });
});
