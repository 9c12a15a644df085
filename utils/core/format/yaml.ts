// Scalars for hand-written front matter. The archive format fixes the layout byte for byte, so
// no YAML library writes it; these helpers only have to guarantee that each value reads back as
// the same string under YAML 1.2 (most tools) and YAML 1.1 (Jekyll's Psych, libyaml).

const SHORT_ESCAPES: ReadonlyMap<number, string> = new Map([
  [0x00, '\\0'],
  [0x07, '\\a'],
  [0x08, '\\b'],
  [0x09, '\\t'],
  [0x0a, '\\n'],
  [0x0b, '\\v'],
  [0x0c, '\\f'],
  [0x0d, '\\r'],
  [0x1b, '\\e'],
  [0x22, '\\"'],
  [0x5c, '\\\\'],
  // YAML 1.1 reads these three as line breaks, so written raw they would not survive.
  [0x85, '\\N'],
  [0x2028, '\\L'],
  [0x2029, '\\P'],
]);

function hex(code: number, width: number): string {
  return code.toString(16).toUpperCase().padStart(width, '0');
}

/** Not in YAML's printable set (C0 except the break/tab ones, DEL, C1, U+FFFE/U+FFFF), or a BOM. */
function needsCodeEscape(code: number): boolean {
  return (
    code < 0x20 ||
    (code >= 0x7f && code <= 0x9f) ||
    code === 0xfeff ||
    code === 0xfffe ||
    code === 0xffff
  );
}

/** A YAML double-quoted scalar that parses back to `s` under YAML 1.1 and 1.2. */
export function yamlDoubleQuoted(s: string): string {
  let out = '"';
  for (const ch of s) {
    const code = ch.codePointAt(0) ?? 0;
    const short = SHORT_ESCAPES.get(code);
    if (short !== undefined) {
      out += short;
    } else if (code >= 0xd800 && code <= 0xdfff) {
      // A lone surrogate has no UTF-8 form and libyaml rejects `\uD800`; the file's encoder
      // would write U+FFFD anyway, so say so explicitly.
      out += '\\uFFFD';
    } else if (needsCodeEscape(code)) {
      out += code <= 0xff ? `\\x${hex(code, 2)}` : `\\u${hex(code, 4)}`;
    } else {
      out += ch;
    }
  }
  return `${out}"`;
}

// Words that YAML 1.1 or 1.2 resolve to null or a boolean. Matched case-insensitively: quoting
// `nUll` costs nothing, missing `NO` would turn a string into false.
const NULL_OR_BOOL = /^(?:~|null|true|false|yes|no|on|off|y|n)$/i;
// A superset of every YAML 1.1/1.2/Psych number form (0x, 0o, 0b, `_` and `,` separators,
// exponents, sexagesimal `1:20`, `.5`, `+.`): only these characters, and at least a digit or a dot.
const NUMBER_LIKE_CHARS = /^[0-9a-fA-FxXoObB_.,:+-]+$/;
const HAS_DIGIT_OR_DOT = /[0-9.]/;
const SPECIAL_FLOAT = /^[-+]?\.(?:inf|nan)$/i;
// YAML 1.1 timestamps and Psych's dates/times all start like this (Psych allows a leading `-`).
const DATE_PREFIX = /^-?\d{4}-\d\d?-\d\d?/;
// `<<` is the YAML 1.1 merge key, `=` the YAML 1.1 value key.
const YAML_11_KEYS = new Set(['<<', '=']);

const LEADING_INDICATOR = /^[-?:,[\]{}#&*!|>'"%@`]/;
const EDGE_SPACE = /^\s|\s$/;

/** Line breaks (incl. the YAML 1.1 ones), tabs, other controls, lone surrogates: never plain. */
function hasUnsafeChar(s: string): boolean {
  for (const ch of s) {
    const code = ch.codePointAt(0) ?? 0;
    if (needsCodeEscape(code) || code === 0x2028 || code === 0x2029 || (code >= 0xd800 && code <= 0xdfff)) {
      return true;
    }
  }
  return false;
}

function resolvesToNonString(s: string): boolean {
  return (
    NULL_OR_BOOL.test(s) ||
    (NUMBER_LIKE_CHARS.test(s) && HAS_DIGIT_OR_DOT.test(s)) ||
    SPECIAL_FLOAT.test(s) ||
    DATE_PREFIX.test(s) ||
    YAML_11_KEYS.has(s)
  );
}

function isSafePlain(s: string): boolean {
  return (
    s !== '' &&
    !EDGE_SPACE.test(s) &&
    !LEADING_INDICATOR.test(s) &&
    !s.includes(': ') &&
    !s.includes(' #') &&
    !s.endsWith(':') &&
    !hasUnsafeChar(s) &&
    !resolvesToNonString(s)
  );
}

/** A block-context value: plain when that reads back as the same string, else double-quoted. */
export function yamlScalar(s: string): string {
  return isSafePlain(s) ? s : yamlDoubleQuoted(s);
}

// Flow indicators end a plain scalar inside `[ … ]`. Any `:` is quoted too: older libyaml
// releases (behind some Psych builds) reject every `:` inside a flow plain scalar.
const FLOW_UNSAFE = /[,[\]{}:]/;

/** A value inside a flow sequence `[ … ]`. */
export function yamlFlowItem(s: string): string {
  return isSafePlain(s) && !FLOW_UNSAFE.test(s) ? s : yamlDoubleQuoted(s);
}

const UNESCAPES: Readonly<Record<string, string>> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  t: '\t',
  '\t': '\t',
  n: '\n',
  v: '\v',
  f: '\f',
  r: '\r',
  e: '\x1b',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  N: '\u0085',
  _: '\u00a0',
  L: '\u2028',
  P: '\u2029',
};
const HEX_WIDTH: Readonly<Record<string, number>> = { x: 2, u: 4, U: 8 };

/**
 * Reads a one-line double-quoted scalar that starts at `text[0]`. Returns the value, or
 * undefined when it is not a well-formed single-line double-quoted scalar.
 */
export function readDoubleQuoted(text: string): string | undefined {
  if (!text.startsWith('"')) return undefined;
  let out = '';
  let i = 1;
  while (i < text.length) {
    const ch = text[i] ?? '';
    if (ch === '"') return out;
    if (ch !== '\\') {
      out += ch;
      i += 1;
      continue;
    }
    const key = text[i + 1] ?? '';
    const simple = UNESCAPES[key];
    if (simple !== undefined) {
      out += simple;
      i += 2;
      continue;
    }
    const width = HEX_WIDTH[key];
    if (width === undefined) return undefined;
    const digits = text.slice(i + 2, i + 2 + width);
    if (!new RegExp(`^[0-9a-fA-F]{${width}}$`).test(digits)) return undefined;
    const code = parseInt(digits, 16);
    if (code > 0x10ffff) return undefined;
    out += String.fromCodePoint(code);
    i += 2 + width;
  }
  return undefined;
}
