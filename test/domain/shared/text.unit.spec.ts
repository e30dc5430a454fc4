import { normaliseText, textProblem } from '../../../src/domain/shared/text';

describe('free text', () => {
  const line = { max: 6 };
  const lines = { max: 50, multiline: true };

  it('accepts ordinary names, Chinese and astral characters counted once', () => {
    for (const value of ['张三', 'Li Na', 'O’Neil', '𠮷𠮷𠮷𠮷𠮷𠮷']) expect(textProblem(value, line)).toBeNull();
    expect(textProblem('𠮷𠮷𠮷𠮷𠮷𠮷𠮷', line)).toMatch(/at most 6/);
  });

  it('refuses blanks, control characters and lone surrogates', () => {
    for (const value of ['', '   ', '\u3000']) expect(textProblem(value, line)).toMatch(/empty/);
    for (const value of ['a\u0000', 'a\r', 'a\n', 'a\t', '\u001bb', 'a\u007f', 'a\u0085', 'a\u009b', 'a\u2028'])
      expect(textProblem(value, line)).toMatch(/control/);
    for (const value of ['a\ud800', '\udc00a', 'a\udbff\udbff']) expect(textProblem(value, line)).toMatch(/surrogate/);
    expect(textProblem(42, line)).toBe('must be text');
  });

  it('lets notes keep LF and tab, never a bare CR', () => {
    expect(textProblem('one\ntwo\n\tthree', lines)).toBeNull();
    expect(textProblem('one\rtwo', lines)).toMatch(/control/);
    expect(textProblem(normaliseText('one\r\ntwo\r\n', true), lines)).toBeNull();
  });

  it('trims both ends, the ideographic space included; a CRLF becomes LF only in notes', () => {
    expect(normaliseText('\u3000 张三\t ')).toBe('张三');
    expect(normaliseText('a\r\nb', true)).toBe('a\nb');
    expect(normaliseText('a\r\nb')).toBe('a\r\nb');
  });
});
