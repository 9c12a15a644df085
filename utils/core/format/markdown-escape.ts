// Escaping article text so Markdown shows it as written. The escapes are the ones a parser would
// otherwise act on, chosen to be valid in CommonMark/GFM (Hugo, Obsidian, GitHub) and in kramdown
// (Jekyll): every backslash escape used here is in kramdown-parser-gfm's ESCAPED_CHARS_GFM
// (\ . * _ + ` < > ( ) [ ] { } # ! : | " ' $ = - ~), and where kramdown has no backslash escape
// (`&`) a character reference is used instead. CJK text and CJK punctuation are never touched:
// none of them is Markdown syntax.

/**
 * Which Markdown reads the text. `gfm`: CommonMark with GitHub's extensions (Hugo's goldmark,
 * GitHub, most editors). `kramdown`: Jekyll's parser, which also reads `$$` as math, `{:` as
 * attribute lists, a line starting with `:` as a definition, and underscores inside words as
 * emphasis. `obsidian`: GFM plus Obsidian's `$` math, `==` highlights, `%%` comments and `#tags`.
 */
export type MarkdownFlavor = 'gfm' | 'kramdown' | 'obsidian';

// Escaped wherever they occur: emphasis, code, links, tables (kramdown makes a table of any line
// with a pipe) and strikethrough. `_` is escaped inside words too: kramdown reads `a_b_c` as
// emphasis.
const ALWAYS = new Set(['\\', '*', '_', '`', '[', ']', '|', '~']);
// A `<` that could open a tag, comment or autolink; `&` that could start a character reference.
const TAG_START = /^[A-Za-z/!?_]/;
const REFERENCE_START = /^&#?[A-Za-z0-9]+;/;
// Line-start syntax: headings (kramdown needs no space after `#`), quotes, list markers, setext
// underlines, thematic breaks.
const LINE_START_SINGLE = new Set(['#', '>', '-', '+', '=']);
const ORDERED_MARKER = /^(\d{1,9})([.)])(?=\s|$)/;
// C0 controls other than tab/newline/CR are not text in HTML, YAML or Markdown.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

export interface EscapeOptions {
  flavor: MarkdownFlavor;
  /** True when the text starts a line (a block's first text, or the text after a `<br>`). */
  lineStart: boolean;
}

function escapeLineStart(text: string, flavor: MarkdownFlavor): { head: string; rest: string } {
  const first = text[0];
  if (first === undefined) return { head: '', rest: text };
  if (LINE_START_SINGLE.has(first) || (flavor === 'kramdown' && first === ':')) {
    return { head: `\\${first}`, rest: text.slice(1) };
  }
  const ordered = ORDERED_MARKER.exec(text);
  if (ordered) {
    const [whole, digits = '', mark = ''] = ordered;
    return { head: `${digits}\\${mark}`, rest: text.slice(whole.length) };
  }
  return { head: '', rest: text };
}

// Every character some rule below may escape; text without any is returned as it is.
const CANDIDATES = /[\\*_`[\]|~<&${=%#]/g;

function escapeAt(ch: string, previous: string, next: string, rest: string, flavor: MarkdownFlavor): string {
  if (ALWAYS.has(ch)) return `\\${ch}`;
  if (ch === '<') return TAG_START.test(next) ? '&lt;' : ch;
  if (ch === '&') return REFERENCE_START.test(rest) ? '&amp;' : ch;
  if (flavor === 'kramdown') {
    if (ch === '$' && (next === '$' || previous === '$')) return '\\$';
    if (ch === '{' && next === ':') return '\\{';
    return ch;
  }
  if (flavor === 'obsidian') {
    if (ch === '$') return '\\$';
    if ((ch === '=' || ch === '%') && (next === ch || previous === ch)) return `\\${ch}`;
    if (ch === '#' && (previous === '' || /\s/.test(previous)) && /[^\s#]/.test(next)) return '\\#';
  }
  return ch;
}

/** Escapes one run of article text (no line breaks in it) for the given Markdown flavor. */
export function escapeMarkdownText(input: string, { flavor, lineStart }: EscapeOptions): string {
  const text = input.replace(CONTROL, '');
  let head = '';
  let start = 0;
  if (lineStart) {
    const lead = /^\s*/.exec(text)?.[0] ?? '';
    const escaped = escapeLineStart(text.slice(lead.length), flavor);
    head = lead + escaped.head;
    start = text.length - escaped.rest.length;
  }
  const rest = text.slice(start);
  const before = text[start - 1] ?? '';
  return (
    head +
    rest.replace(CANDIDATES, (ch: string, i: number) =>
      escapeAt(ch, i > 0 ? (rest[i - 1] ?? '') : before, rest[i + 1] ?? '', ch === '&' ? rest.slice(i, i + 40) : '', flavor),
    )
  );
}

/** Escapes text that must stay inside one link or image label (`[...]`), e.g. an image's alt. */
export function escapeLabel(text: string, flavor: MarkdownFlavor): string {
  return escapeMarkdownText(text.replace(/\s+/g, ' ').trim(), { flavor, lineStart: false });
}
