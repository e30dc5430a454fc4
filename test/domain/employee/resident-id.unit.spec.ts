import {
  checkCharOf,
  isBornAfter,
  maskResidentId,
  normalizeResidentId,
  validateResidentId,
} from '../../../src/domain/employee/resident-id';

/**
 * Published examples, each checked by hand (weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2,
 * sum mod 11 indexes '10X98765432'):
 *
 * - 11010519491231002X: GB 11643-1999's own example (北京市朝阳区), also the example in
 *   docs/API.md; reproduced e.g. in the exercise text of a C solution found by the `code`
 *   search ("四、举例如下：北京市朝阳区 : 11010519491231002X").
 *   Sum 167, 167 mod 11 = 2 → 'X'.
 * - 440524188001010014: GB 11643-1999's second example (广东省汕头市), same source.
 *   Sum 195, 195 mod 11 = 8 → '4'. Born 1880-01-01, so refused here by the 1900 rule
 *   although its check digit is right.
 * - 11010219840406970X: valid example in github.com/mahmoudalsaman/national-id-numbers-js,
 *   test/chn.test.js. Sum 266, 266 mod 11 = 2 → 'X'.
 * - 360426199101010071: doctest of github.com/arthurdejong/python-stdnum, stdnum/cn/ric.py.
 *   Sum 231, 231 mod 11 = 0 → '1'.
 * - 123456789012345677: the worked example of the check digit in the 校验码 articles at
 *   twwiki.net (校驗碼) and lwstw.com (校驗碼算法的壹個例子): S = 368, 368 mod 11 = 5 → 7.
 *   Its digits 7-14 are no date, so only the check character is tested.
 */
describe('resident ID number (GB 11643-1999)', () => {
  describe('published examples', () => {
    it('accepts the API example 11010519491231002X and reads its birth date', () => {
      expect(validateResidentId('11010519491231002X')).toEqual({ ok: true, birthDate: '1949-12-31' });
    });

    it('accepts 11010219840406970X (national-id-numbers-js)', () => {
      expect(validateResidentId('11010219840406970X')).toEqual({ ok: true, birthDate: '1984-04-06' });
    });

    it('accepts 360426199101010071 (python-stdnum)', () => {
      expect(validateResidentId('360426199101010071')).toEqual({ ok: true, birthDate: '1991-01-01' });
    });

    it('computes the check character of the worked example 12345678901234567 → 7', () => {
      expect(checkCharOf('12345678901234567')).toBe('7');
    });

    it("computes the standard's 1880 example's check character but refuses its birth date", () => {
      expect(checkCharOf('44052418800101001')).toBe('4');
      expect(validateResidentId('440524188001010014')).toEqual({ ok: false, reason: 'birth date is before 1900-01-01' });
    });

    it('refuses a published example with one digit changed (national-id-numbers-js: 11010219840506970X)', () => {
      expect(validateResidentId('11010219840506970X')).toEqual({ ok: false, reason: 'check character does not match the first 17 digits' });
    });
  });

  describe('refusals', () => {
    it('refuses a wrong check digit', () => {
      expect(validateResidentId('110105194912310021')).toEqual({ ok: false, reason: 'check character does not match the first 17 digits' });
    });

    it('refuses 17 characters and 19 characters', () => {
      expect(validateResidentId('11010519491231002')).toEqual({ ok: false, reason: 'must be 18 characters, got 17' });
      expect(validateResidentId('11010519491231002X0')).toEqual({ ok: false, reason: 'must be 18 characters, got 19' });
    });

    it.each(['11010519491231A02X', '1101051949123100XX', '11010519491231002Y', '11010519491231002 ', '１10105194912310028'])(
      'refuses letters, other characters and X anywhere but last: %s',
      (value) => {
        expect(validateResidentId(value)).toEqual({ ok: false, reason: 'must be 17 digits followed by a digit or X' });
      },
    );

    it('refuses an area code starting with 0 (check digit otherwise right)', () => {
      expect(validateResidentId('010105194912310026')).toEqual({ ok: false, reason: 'area code must not start with 0' });
    });

    it('refuses 30 February (check digit otherwise right)', () => {
      expect(validateResidentId('110105199002300028')).toEqual({ ok: false, reason: 'birth date (digits 7-14) is not a real date' });
    });

    it('refuses 29 February of a common year and accepts it in a leap year', () => {
      expect(validateResidentId('110105194902290029')).toEqual({ ok: false, reason: 'birth date (digits 7-14) is not a real date' });
      expect(validateResidentId('110105200002290021')).toEqual({ ok: true, birthDate: '2000-02-29' });
    });

    it('refuses a birth date of 1899-12-31 and accepts 1900-01-01', () => {
      expect(validateResidentId('110105189912310023')).toEqual({ ok: false, reason: 'birth date is before 1900-01-01' });
      expect(validateResidentId('110105190001010028')).toEqual({ ok: true, birthDate: '1900-01-01' });
    });

    it('never repeats the number in a reason', () => {
      for (const value of ['110105194912310021', '010105194912310026', '110105199002300028', '11010519491231A02X']) {
        const check = validateResidentId(value);
        expect(check.ok).toBe(false);
        if (!check.ok) expect(check.reason).not.toContain(value.slice(0, 6));
      }
    });
  });

  describe('lower-case x', () => {
    it('is accepted', () => {
      expect(validateResidentId('11010519491231002x')).toEqual({ ok: true, birthDate: '1949-12-31' });
    });

    it('is normalized to X', () => {
      expect(normalizeResidentId('11010519491231002x')).toBe('11010519491231002X');
      expect(normalizeResidentId('360426199101010071')).toBe('360426199101010071');
    });
  });

  describe('born in the future (the application supplies today)', () => {
    it('is true only for a birth date after today', () => {
      expect(isBornAfter('2024-06-02', '2024-06-01')).toBe(true);
      expect(isBornAfter('2024-06-01', '2024-06-01')).toBe(false);
      expect(isBornAfter('1949-12-31', '2024-06-01')).toBe(false);
    });
  });

  describe('masking', () => {
    it('keeps the area code and the last four', () => {
      expect(maskResidentId('11010519491231002X')).toBe('110105********002X');
    });

    it('hides anything that is not 18 characters entirely', () => {
      expect(maskResidentId('1101051949')).toBe('**********');
    });
  });
});
