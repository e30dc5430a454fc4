/**
 * How deep the containers of a JSON text nest, counted on its raw UTF-8 bytes
 * before JSON.parse: `[` × 500,000 parsed fine but then overflowed the stack of
 * every recursive walk after it (class-transformer, validation) and held the
 * event loop for over a second. One pass, no allocation; stops at the first
 * container past `max`. Brackets inside strings are text: the scan follows
 * string quotes and backslash escapes (the bytes `"`, `\`, `[`, `{` never occur
 * inside a multi-byte UTF-8 sequence, so bytes are enough).
 */
export function exceedsJsonDepth(bytes: Uint8Array, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (inString) {
      if (b === 0x5c)
        i++; // backslash: the next byte is escaped, whatever it is
      else if (b === 0x22) inString = false;
    } else if (b === 0x22) inString = true;
    else if (b === 0x5b || b === 0x7b) {
      if (++depth > max) return true;
    } else if (b === 0x5d || b === 0x7d) depth--;
  }
  return false;
}
