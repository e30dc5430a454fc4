import iconv from 'iconv-lite';
import { decodeText } from '../../src/import/encoding';
import { FileRejectedError } from '../../src/import/file-rejected';

const TEXT = '工号,姓名,身份证号\r\nE1001,张三,11010519491231002X\r\n';

describe('the text encoding of a CSV export', () => {
  it('reads UTF-8 with a byte-order mark (Excel "CSV UTF-8") without the mark', () => {
    expect(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT)]))).toEqual({ text: TEXT, encoding: 'utf-8' });
  });

  it('reads UTF-8 without a mark', () => {
    expect(decodeText(Buffer.from(TEXT))).toEqual({ text: TEXT, encoding: 'utf-8' });
  });

  it('reads what Chinese Excel saves as "CSV" (GBK) as GB18030', () => {
    expect(decodeText(iconv.encode(TEXT, 'gbk'))).toEqual({ text: TEXT, encoding: 'gb18030' });
  });

  it('reads characters beyond GBK from a GB18030 file (a rare surname, 𠮷)', () => {
    const rare = '姓名\r\n𠮷野\r\n';
    expect(decodeText(iconv.encode(rare, 'gb18030')).text).toBe(rare);
  });

  it('takes the encoding it is given, and refuses one it does not know', () => {
    expect(decodeText(iconv.encode(TEXT, 'gbk'), 'gbk')).toEqual({ text: TEXT, encoding: 'gbk' });
    expect(() => decodeText(Buffer.from(TEXT), 'klingon')).toThrow(FileRejectedError);
  });
});
