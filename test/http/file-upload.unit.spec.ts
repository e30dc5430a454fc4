import { formFile } from '../../src/http/file-upload';

const form = (boundary: string, parts: string[]) =>
  Buffer.from(`${parts.map((p) => `--${boundary}\r\n${p}\r\n`).join('')}--${boundary}--\r\n`, 'utf8');

describe('a file in a multipart/form-data body', () => {
  it('takes the part named file, with its name and its bytes up to the boundary', () => {
    const body = form('XyZ', [
      'Content-Disposition: form-data; name="note"\r\n\r\nhello',
      'Content-Disposition: form-data; name="file"; filename="回执.csv"\r\nContent-Type: text/csv\r\n\r\na,b\r\n1,2\r\n',
    ]);
    const file = formFile(body, 'multipart/form-data; boundary=XyZ');
    expect(file.fileName).toBe('回执.csv');
    expect(file.bytes.toString('utf8')).toBe('a,b\r\n1,2\r\n');
  });

  it('reads an RFC 5987 file name and keeps only its last path segment', () => {
    const body = form('b', [
      `Content-Disposition: form-data; name="file"; filename*=UTF-8''${encodeURIComponent('C:\\x\\减员.xlsx')}\r\n\r\nPK`,
    ]);
    expect(formFile(body, 'multipart/form-data; boundary="b"').fileName).toBe('减员.xlsx');
  });

  it('answers 400 NO_FILE without a boundary or without a part named file', () => {
    expect(() => formFile(Buffer.from(''), 'multipart/form-data')).toThrow(
      expect.objectContaining({ response: expect.objectContaining({ code: 'NO_FILE' }) }),
    );
    const other = form('b', ['Content-Disposition: form-data; name="upload"; filename="x.csv"\r\n\r\na']);
    expect(() => formFile(other, 'multipart/form-data; boundary=b')).toThrow(
      expect.objectContaining({ response: expect.objectContaining({ code: 'NO_FILE' }) }),
    );
  });
});
