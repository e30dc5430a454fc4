import { csvCell, toCsv } from '../../src/http/csv';

describe('CSV exports', () => {
  it('quotes every field holding a CR, an LF, a quote or a comma; a bare CR no longer starts a row', () => {
    const csv = toCsv(
      ['a', 'b'],
      [
        { a: 'x\r=2+5*cmd|calc', b: 'y' },
        { a: 'line\nbreak', b: 'say "hi", twice' },
        { a: 'crlf\r\nend', b: 'plain' },
      ],
    );
    expect(csv).toBe('a,b\n"x\r=2+5*cmd|calc",y\n"line\nbreak","say ""hi"", twice"\n"crlf\r\nend",plain\n');
  });

  it.each([
    ['=2+5*cmd|calc', `'=2+5*cmd|calc`],
    ['+1', `'+1`],
    ['-1+1', `'-1+1`],
    ['@SUM(A1)', `'@SUM(A1)`],
    ['\t=1', `'\t=1`],
    ['\r=1', `'\r=1`],
    ['  =HYPERLINK("x")', `'  =HYPERLINK("x")`],
    ['\u3000+1', `'\u3000+1`],
    ['\n-1', `'\n-1`],
  ])('neutralises the formula prefix of %j', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it('leaves ordinary text, numbers and formula characters not in front alone', () => {
    expect(csvCell('Finance')).toBe('Finance');
    expect(csvCell('a=b')).toBe('a=b');
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(null)).toBe('');
    expect(csvCell(['=1', 'b'])).toBe(`'=1; b`);
    expect(csvCell(['a', '=1'])).toBe('a; =1');
  });

  it('quotes a neutralised cell that still holds a line break', () => {
    expect(toCsv(['a'], [{ a: '\r=1' }])).toBe(`a\n"'\r=1"\n`);
  });
});
