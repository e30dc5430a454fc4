import iconv from 'iconv-lite';
import { FileRejectedError } from './file-rejected';

/**
 * The text of a CSV export. Chinese Excel saves "CSV" in the ANSI code page
 * (GBK, code page 936); "CSV UTF-8" with a byte-order mark; other tools write
 * UTF-8 without one. Detection: a UTF-8 BOM wins; bytes that are valid UTF-8
 * are UTF-8 (GBK text of any length is practically never valid UTF-8); anything
 * else is read as GB18030, the superset of GBK and GB2312. `--encoding` overrides.
 */
export interface DecodedText {
  text: string;
  encoding: string;
}

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

export function decodeText(bytes: Buffer, encoding?: string): DecodedText {
  if (encoding !== undefined) {
    if (!iconv.encodingExists(encoding))
      throw new FileRejectedError(
        `不支持的编码 ${encoding}（可用 utf-8、gbk、gb18030）`,
        `unsupported encoding ${encoding} (use utf-8, gbk or gb18030)`,
      );
    // iconv-lite strips a BOM of the encoding it decodes.
    return { text: iconv.decode(bytes, encoding), encoding: encoding.toLowerCase() };
  }
  if (bytes.subarray(0, 3).equals(UTF8_BOM)) return { text: bytes.subarray(3).toString('utf8'), encoding: 'utf-8' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: iconv.decode(bytes, 'gb18030'), encoding: 'gb18030' };
  }
}
