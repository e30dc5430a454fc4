/**
 * What free text (names, org units, positions, notes, reasons) may hold. A C0 or
 * C1 control character is never typed by a person: NUL truncates strings in C
 * consumers, ESC drives terminals, a bare CR starts a new row in a spreadsheet
 * (CSV injection), and U+2028/2029 break lines where no line break is expected.
 * A lone surrogate is not Unicode at all: it cannot be encoded as UTF-8 and
 * turns into U+FFFD, differently in every consumer. Notes may span lines, so
 * multi-line text keeps LF and tab (a CRLF from a Windows client is read as LF
 * before this check; a bare CR is still refused).
 */
// Matching control characters is the point of these two patterns.
// eslint-disable-next-line no-control-regex
const SINGLE_LINE_CONTROLS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
// eslint-disable-next-line no-control-regex
const MULTI_LINE_CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export interface TextRule {
  /** At most this many characters (code points, so that 𠮷 counts once). */
  max: number;
  multiline?: boolean;
}

/** Trimmed at both ends (whitespace includes the ideographic space U+3000), CRLF read as LF in multi-line text. */
export function normaliseText(value: string, multiline = false): string {
  return (multiline ? value.replace(/\r\n/g, '\n') : value).trim();
}

/** Why the (normalised) text is refused, as the end of a sentence naming the field; null when it is fine. */
export function textProblem(value: unknown, rule: TextRule): string | null {
  if (typeof value !== 'string') return 'must be text';
  if (value.trim() === '') return 'must not be empty or only spaces';
  if (LONE_SURROGATE.test(value)) return 'must be valid Unicode (it holds a lone surrogate)';
  if (rule.multiline ? MULTI_LINE_CONTROLS.test(value) : SINGLE_LINE_CONTROLS.test(value)) {
    return rule.multiline
      ? 'must not hold control characters (line breaks and tabs are allowed)'
      : 'must be one line without control characters (no line breaks, tabs, NUL or ESC)';
  }
  // Counting code points: a string has at least as many UTF-16 units, so the cheap check comes first.
  if (value.length > rule.max && Array.from(value).length > rule.max) return `must be at most ${rule.max} characters`;
  return null;
}
