import { maskName } from '../../../src/domain/employee/personal-data';

describe('maskName', () => {
  it.each([
    ['张三', '张*'],
    ['欧阳娜娜', '欧***'],
    ['买买提·艾力', '买*****'],
    // Never a whole name: one character, alone or among spaces, is all stars.
    ['李', '*'],
    [' 李 ', '*'],
    ['𠮷', '*'],
    ['', '*'],
  ])('%s → %s', (name, masked) => {
    expect(maskName(name)).toBe(masked);
  });

  it('counts a character outside the BMP as one character', () => {
    expect(maskName('𠮷野家')).toBe('𠮷**');
    expect(maskName('王𠮷')).toBe('王*');
  });
});
