import fc from 'fast-check';
import { normaliseText, textProblem } from '../../src/domain/shared/text';
import { textPattern } from '../../src/http/validators';

/** The document's pattern for free text is never looser than the rule: what it lets a client send, the service takes. */
describe('the free-text pattern', () => {
  const characters = fc.oneof(
    fc.constantFrom(' ', '\t', '\n', '\r', '\u0000', '\u001b', '\u0085', '\u2028', '\u3000', '张', 'a', '𠮷'),
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }),
  );
  const texts = fc.array(characters, { maxLength: 12 }).map((parts) => parts.join(''));

  for (const multiline of [false, true]) {
    it(`${multiline ? 'multi-line' : 'one line'}: a text the pattern takes has no problem`, () => {
      const pattern = new RegExp(textPattern(multiline));
      fc.assert(
        fc.property(texts, (text) => {
          if (pattern.test(text)) expect(textProblem(normaliseText(text, multiline), { max: 100, multiline })).toBeNull();
        }),
        { numRuns: 5000 },
      );
    });
  }

  it('refuses what the rule refuses: empty, only spaces, a control character inside', () => {
    const line = new RegExp(textPattern());
    expect(['张三', 'O’Brien', 'a b'].every((t) => line.test(t))).toBe(true);
    expect(['', '   ', '\u3000', 'a\u0000b', 'a\nb', 'a\u001bb'].some((t) => line.test(t))).toBe(false);
    expect(new RegExp(textPattern(true)).test('line one\n\tline two')).toBe(true);
  });
});
