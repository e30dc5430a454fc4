import { JsonAnswers } from '../../src/http/json-answers';

/** A maker that counts its calls and answers what it is given. */
function maker(answer: () => unknown) {
  const made = { calls: 0 };
  const make = async () => {
    made.calls++;
    return answer();
  };
  return { made, make };
}

const text = (bytes: Buffer) => bytes.toString('utf8');

describe('JsonAnswers', () => {
  it('gives the JSON Fastify would send, UTF-8 encoded (Chinese text, undefined fields left out)', async () => {
    const answers = new JsonAnswers(1 << 20);
    const value = { title: { zh: '社保转出', en: 'transfer-out' }, note: undefined, days: [1, null] };
    const bytes = await answers.answer('k', 'v1', async () => value);
    expect(text(bytes)).toBe('{"title":{"zh":"社保转出","en":"transfer-out"},"days":[1,null]}');
    // Four Chinese characters of three bytes each.
    expect(bytes.length).toBe('{"title":{"zh":"","en":"transfer-out"},"days":[1,null]}'.length + 4 * 3);
    expect(JSON.parse(text(bytes))).toEqual({ title: { zh: '社保转出', en: 'transfer-out' }, days: [1, null] });
  });

  it('makes an answer once per version and again when the version moves on', async () => {
    const answers = new JsonAnswers(1 << 20);
    let n = 0;
    const { made, make } = maker(() => ({ n: ++n }));
    expect(text(await answers.answer('case-1', 'p5@2024-06-20', make))).toBe('{"n":1}');
    expect(text(await answers.answer('case-1', 'p5@2024-06-20', make))).toBe('{"n":1}');
    expect(made.calls).toBe(1);
    expect(text(await answers.answer('case-1', 'p6@2024-06-20', make))).toBe('{"n":2}');
    // The business day is part of the version: the next day's answer is made again.
    expect(text(await answers.answer('case-1', 'p6@2024-06-21', make))).toBe('{"n":3}');
    // Another key never shares an answer.
    expect(text(await answers.answer('case-2', 'p6@2024-06-21', make))).toBe('{"n":4}');
    expect(made.calls).toBe(4);
  });

  it('keeps nothing without a version', async () => {
    const answers = new JsonAnswers(1 << 20);
    const { made, make } = maker(() => ({ ok: true }));
    await answers.answer('k', null, make);
    await answers.answer('k', null, make);
    expect(made.calls).toBe(2);
    // Nor does an unversioned read leave anything a versioned one could take.
    await answers.answer('k', 'v', make);
    expect(made.calls).toBe(3);
  });

  it('keeps nothing when making fails, and tries again on the next read', async () => {
    const answers = new JsonAnswers(1 << 20);
    let fail = true;
    const { made, make } = maker(() => {
      if (fail) throw new Error('store down');
      return { ok: true };
    });
    await expect(answers.answer('k', 'v', make)).rejects.toThrow('store down');
    fail = false;
    expect(text(await answers.answer('k', 'v', make))).toBe('{"ok":true}');
    expect(made.calls).toBe(2);
  });

  it('stays within its budget in bytes, dropping the answers kept longest first', async () => {
    // Each answer below is 14 bytes ({"x":"abcdef"}); the budget holds three.
    const answers = new JsonAnswers(42);
    const { made, make } = maker(() => ({ x: 'abcdef' }));
    for (const key of ['a', 'b', 'c', 'd']) await answers.answer(key, 'v', make);
    expect(made.calls).toBe(4);
    // b, c and d are kept; a was dropped to make room for d.
    for (const key of ['b', 'c', 'd']) await answers.answer(key, 'v', make);
    expect(made.calls).toBe(4);
    await answers.answer('a', 'v', make);
    expect(made.calls).toBe(5);
    // Making a again dropped b, the oldest.
    await answers.answer('b', 'v', make);
    expect(made.calls).toBe(6);
  });

  it('replaces a key in place, counting its bytes once', async () => {
    const answers = new JsonAnswers(42);
    const { made, make } = maker(() => ({ x: 'abcdef' }));
    for (let version = 0; version < 10; version++) await answers.answer('a', `v${version}`, make);
    await answers.answer('b', 'v', make);
    await answers.answer('c', 'v', make);
    expect(made.calls).toBe(12);
    // Ten versions of a took the room of one: a, b and c are all still kept.
    for (const key of ['a', 'b', 'c']) await answers.answer(key, key === 'a' ? 'v9' : 'v', make);
    expect(made.calls).toBe(12);
  });

  it('does not keep an answer larger than the whole budget', async () => {
    const answers = new JsonAnswers(8);
    const { made, make } = maker(() => ({ x: 'abcdef' }));
    await answers.answer('a', 'v', make);
    await answers.answer('a', 'v', make);
    expect(made.calls).toBe(2);
  });
});
