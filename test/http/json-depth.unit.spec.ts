import { exceedsJsonDepth } from '../../src/http/json-depth';

const deep = (text: string, max = 3) => exceedsJsonDepth(Buffer.from(text, 'utf8'), max);

describe('exceedsJsonDepth', () => {
  it('counts arrays and objects, each level once', () => {
    expect(deep('[[[1]]]')).toBe(false);
    expect(deep('[[[[1]]]]')).toBe(true);
    expect(deep('{"a":{"b":{"c":1}}}')).toBe(false);
    expect(deep('{"a":[{"c":[]}]}')).toBe(true);
    expect(deep('[[],[],[],[[]]]')).toBe(false);
  });

  it('reads brackets inside strings as text, escaped quotes and backslashes included', () => {
    expect(deep('["[[[[{{{{"]')).toBe(false);
    expect(deep('["\\"[[[[", "\\\\", [[1]]]')).toBe(false);
    expect(deep('["\\\\"[[[[1]]]]]')).toBe(true);
    expect(deep('{"名字":"张[[[[三"}')).toBe(false);
  });

  it('stops early on an unbalanced flood of brackets, in linear time', () => {
    const flood = Buffer.from('['.repeat(1_000_000));
    const started = process.hrtime.bigint();
    expect(exceedsJsonDepth(flood, 32)).toBe(true);
    expect(exceedsJsonDepth(Buffer.from(`${'"x",'.repeat(250_000)}`), 32)).toBe(false);
    expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(200);
  });
});
