// Markdown to HTML for imported posts: the library stores articles as HTML, so a Markdown body is
// read back into HTML (then sanitized and normalised by the importer like a clipped page). It
// follows CommonMark and GFM for what posts hold: ATX and setext headings, paragraphs, hard
// breaks, block quotes, nested lists, fenced and indented code, thematic breaks, GFM tables, raw
// HTML, code spans, emphasis (CommonMark's delimiter rules), strikethrough, links, images,
// reference links, autolinks, backslash escapes and character references. Not covered: footnotes,
// math, and some rare edge cases of the spec (e.g. lazy lines deep inside nested containers).

type Refs = Map<string, { url: string; title?: string }>;

const ASCII_PUNCTUATION = /^[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]$/;
const PUNCTUATION = /[\p{P}\p{S}]/u;
const WHITESPACE = /\s/u;
const ENTITY = /^&(?:#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|[A-Za-z][A-Za-z0-9]{1,31});/;
const OPEN_TAG = /^<[A-Za-z][A-Za-z0-9-]*(?:\s+[A-Za-z_:][\w.:-]*(?:\s*=\s*(?:[^\s"'=<>`]+|'[^']*'|"[^"]*"))?)*\s*\/?>/;
const CLOSE_TAG = /^<\/[A-Za-z][A-Za-z0-9-]*\s*>/;
const COMMENT = /^<!--[\s\S]*?-->/;
const AUTOLINK = /^<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*)>/;
const EMAIL = /^<([A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*)>/;

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (ch) => (ch === '&' ? '&amp;' : ch === '<' ? '&lt;' : ch === '>' ? '&gt;' : '&quot;'));
}

/** Backslash escapes removed (for URLs, titles, info strings); character references kept. */
function unescapeText(text: string): string {
  return text.replace(/\\([!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~])/g, '$1');
}

const attribute = (text: string) => escapeHtml(unescapeText(text)).replace(/&amp;(?=#?[A-Za-z0-9]+;)/g, '&');

const normalizeLabel = (label: string) => label.trim().replace(/\s+/g, ' ').toLowerCase();

// ——— inline ———

type Token =
  | { kind: 'html'; html: string }
  | { kind: 'text'; text: string }
  | { kind: 'delim'; char: string; count: number; original: number; canOpen: boolean; canClose: boolean; active: boolean; opens: string[]; closes: string[] };

function flanking(before: string, after: string) {
  const ws = (c: string) => c === '' || WHITESPACE.test(c);
  const punct = (c: string) => c !== '' && PUNCTUATION.test(c);
  const left = !ws(after) && (!punct(after) || ws(before) || punct(before));
  const right = !ws(before) && (!punct(before) || ws(after) || punct(after));
  return { left, right, punctBefore: punct(before), punctAfter: punct(after) };
}

/** Where the code span opening with the backtick run at `i` ends, or -1. */
function codeSpanEnd(s: string, i: number, run: number): number {
  let j = i + run;
  while (j < s.length) {
    const next = s.indexOf('`', j);
    if (next === -1) return -1;
    let k = next;
    while (s[k] === '`') k += 1;
    if (k - next === run) return next;
    j = k;
  }
  return -1;
}

/** The index of the `]` closing the `[` at `open`, skipping escapes and code spans. */
function closingBracket(s: string, open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i += 1) {
    const ch = s[i];
    if (ch === '\\') i += 1;
    else if (ch === '`') {
      let k = i;
      while (s[k] === '`') k += 1;
      const end = codeSpanEnd(s, i, k - i);
      i = end === -1 ? k - 1 : end + (k - i) - 1;
    } else if (ch === '[') depth += 1;
    else if (ch === ']') {
      depth -= 1;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/** `(dest "title")` at `i`: the destination, title and the index after `)`. */
function inlineTarget(s: string, i: number): { url: string; title?: string; end: number } | undefined {
  if (s[i] !== '(') return undefined;
  let j = i + 1;
  while (WHITESPACE.test(s[j] ?? '')) j += 1;
  let url = '';
  if (s[j] === '<') {
    const close = s.indexOf('>', j);
    if (close === -1 || s.slice(j, close).includes('\n')) return undefined;
    url = s.slice(j + 1, close);
    j = close + 1;
  } else {
    let depth = 0;
    const start = j;
    while (j < s.length) {
      const ch = s[j] ?? '';
      if (ch === '\\' && ASCII_PUNCTUATION.test(s[j + 1] ?? '')) j += 2;
      else if (WHITESPACE.test(ch)) break;
      else if (ch === '(') {
        depth += 1;
        j += 1;
      } else if (ch === ')') {
        if (depth === 0) break;
        depth -= 1;
        j += 1;
      } else j += 1;
    }
    url = s.slice(start, j);
  }
  while (WHITESPACE.test(s[j] ?? '')) j += 1;
  let title: string | undefined;
  const quote = s[j];
  if (quote === '"' || quote === "'" || quote === '(') {
    const closer = quote === '(' ? ')' : quote;
    let k = j + 1;
    while (k < s.length && s[k] !== closer) k += s[k] === '\\' ? 2 : 1;
    if (k >= s.length) return undefined;
    title = s.slice(j + 1, k);
    j = k + 1;
    while (WHITESPACE.test(s[j] ?? '')) j += 1;
  }
  if (s[j] !== ')') return undefined;
  return { url, title, end: j + 1 };
}

function plainText(html: string): string {
  return html.replace(/<[^>]*>/g, '');
}

function tokenize(s: string, refs: Refs): Token[] {
  const tokens: Token[] = [];
  let text = '';
  const pushText = () => {
    if (text) tokens.push({ kind: 'text', text });
    text = '';
  };
  const html = (h: string) => {
    pushText();
    tokens.push({ kind: 'html', html: h });
  };
  let i = 0;
  while (i < s.length) {
    const ch = s[i] ?? '';
    const rest = s.slice(i, i + 2048);
    if (ch === '\\') {
      const next = s[i + 1] ?? '';
      if (next === '\n') {
        html('<br>\n');
        i += 2;
      } else if (ASCII_PUNCTUATION.test(next)) {
        text += next;
        i += 2;
      } else {
        text += ch;
        i += 1;
      }
    } else if (ch === '`') {
      let k = i;
      while (s[k] === '`') k += 1;
      const run = k - i;
      const end = codeSpanEnd(s, i, run);
      if (end === -1) {
        text += s.slice(i, k);
        i = k;
      } else {
        let code = s.slice(k, end).replace(/\n/g, ' ');
        // CommonMark strips one space on each side when both are there and the span is not all spaces.
        if (code.length >= 2 && code.startsWith(' ') && code.endsWith(' ') && /[^ ]/.test(code)) code = code.slice(1, -1);
        html(`<code>${escapeHtml(code)}</code>`);
        i = end + run;
      }
    } else if (ch === '&' && ENTITY.test(rest)) {
      const entity = ENTITY.exec(rest)?.[0] ?? '&';
      html(entity);
      i += entity.length;
    } else if (ch === '<' && (AUTOLINK.test(rest) || EMAIL.test(rest))) {
      const auto = AUTOLINK.exec(rest);
      const email = auto ? undefined : EMAIL.exec(rest);
      const target = auto?.[1] ?? email?.[1] ?? '';
      html(`<a href="${escapeHtml(email ? `mailto:${target}` : target)}">${escapeHtml(target)}</a>`);
      i += (auto?.[0] ?? email?.[0] ?? '').length;
    } else if (ch === '<' && (OPEN_TAG.test(rest) || CLOSE_TAG.test(rest) || COMMENT.test(rest))) {
      const raw = (OPEN_TAG.exec(rest) ?? CLOSE_TAG.exec(rest) ?? COMMENT.exec(rest))?.[0] ?? '<';
      html(raw);
      i += raw.length;
    } else if (ch === '[' || (ch === '!' && s[i + 1] === '[')) {
      const image = ch === '!';
      const open = image ? i + 1 : i;
      const close = closingBracket(s, open);
      const link = close === -1 ? undefined : resolveLink(s, open, close, refs);
      if (!link) {
        text += ch;
        i += 1;
        continue;
      }
      const inner = s.slice(open + 1, close);
      const title = link.title === undefined ? '' : ` title="${attribute(link.title)}"`;
      html(
        image
          ? `<img src="${attribute(link.url)}" alt="${escapeHtml(plainText(renderInline(inner, refs)))}"${title}>`
          : `<a href="${attribute(link.url)}"${title}>${renderInline(inner, refs)}</a>`,
      );
      i = link.end;
    } else if (ch === '*' || ch === '_' || ch === '~') {
      let k = i;
      while (s[k] === ch) k += 1;
      const count = k - i;
      const f = flanking(s[i - 1] ?? '', s[k] ?? '');
      let canOpen = f.left;
      let canClose = f.right;
      if (ch === '_') {
        canOpen = f.left && (!f.right || f.punctBefore);
        canClose = f.right && (!f.left || f.punctAfter);
      }
      if (ch === '~' && count > 2) {
        text += s.slice(i, k);
      } else {
        pushText();
        tokens.push({ kind: 'delim', char: ch, count, original: count, canOpen, canClose, active: true, opens: [], closes: [] });
      }
      i = k;
    } else if (ch === '\n') {
      const hard = / {2,}$/.test(text);
      text = text.replace(/ +$/, '');
      if (hard) html('<br>\n');
      else text += '\n';
      i += 1;
      while (s[i] === ' ') i += 1;
    } else {
      text += ch;
      i += 1;
    }
  }
  pushText();
  return tokens;
}

function resolveLink(s: string, open: number, close: number, refs: Refs): { url: string; title?: string; end: number } | undefined {
  const inline = inlineTarget(s, close + 1);
  if (inline) return inline;
  const label = s.slice(open + 1, close);
  if (s[close + 1] === '[') {
    const end = s.indexOf(']', close + 2);
    if (end !== -1) {
      const ref = refs.get(normalizeLabel(s.slice(close + 2, end) || label));
      if (ref) return { ...ref, end: end + 1 };
    }
  }
  const ref = refs.get(normalizeLabel(label));
  return ref ? { ...ref, end: close + 1 } : undefined;
}

const EMPHASIS_TAGS: Readonly<Record<string, [string, string]>> = { '*': ['em', 'strong'], _: ['em', 'strong'], '~': ['del', 'del'] };

function processEmphasis(tokens: Token[]): void {
  for (let c = 0; c < tokens.length; c += 1) {
    const closer = tokens[c];
    if (closer?.kind !== 'delim' || !closer.canClose || !closer.active) continue;
    while (closer.count > 0) {
      let o = c - 1;
      let opener: Extract<Token, { kind: 'delim' }> | undefined;
      for (; o >= 0; o -= 1) {
        const t = tokens[o];
        if (t?.kind !== 'delim' || !t.active || t.char !== closer.char || !t.canOpen || t.count === 0) continue;
        if (t.char === '~' && t.count !== closer.count) continue;
        const oddMatch =
          t.char !== '~' && (t.canClose || closer.canOpen) && (t.original + closer.original) % 3 === 0 && !(t.original % 3 === 0 && closer.original % 3 === 0);
        if (oddMatch) continue;
        opener = t;
        break;
      }
      if (!opener) break;
      const use = closer.char === '~' ? closer.count : Math.min(2, opener.count, closer.count);
      const [em, strong] = EMPHASIS_TAGS[closer.char] ?? ['em', 'strong'];
      const tag = use === 2 ? strong : em;
      opener.count -= use;
      closer.count -= use;
      opener.opens.unshift(`<${tag}>`);
      closer.closes.push(`</${tag}>`);
      for (let k = o + 1; k < c; k += 1) {
        const between = tokens[k];
        if (between?.kind === 'delim') between.active = false;
      }
    }
  }
}

function renderTokens(tokens: Token[]): string {
  return tokens
    .map((t) => {
      if (t.kind === 'html') return t.html;
      if (t.kind === 'text') return escapeHtml(t.text);
      return `${t.closes.join('')}${escapeHtml(t.char.repeat(t.count))}${t.opens.join('')}`;
    })
    .join('');
}

function renderInline(s: string, refs: Refs): string {
  const tokens = tokenize(s, refs);
  processEmphasis(tokens);
  return renderTokens(tokens);
}

// ——— blocks ———

const ATX = /^ {0,3}(#{1,6})(?=[ \t]|$)(.*)$/;
const THEMATIC = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const SETEXT = /^ {0,3}(=+|-+)[ \t]*$/;
const FENCE = /^( {0,3})(`{3,}|~{3,})(.*)$/;
const QUOTE = /^ {0,3}> ?/;
const LIST_ITEM = /^( {0,3})([-+*]|\d{1,9}[.)])([ \t]+|$)/;
const HTML_BLOCK =
  /^ {0,3}(?:<!--|<\/?(?:address|article|aside|audio|blockquote|center|details|dialog|dd|div|dl|dt|fieldset|figcaption|figure|footer|form|h[1-6]|header|hr|iframe|li|main|nav|ol|p|picture|pre|section|summary|table|tbody|td|tfoot|th|thead|tr|ul|video)(?=[\s/>]|$))/i;
const REF_DEF = /^ {0,3}\[((?:[^\]\\]|\\.)+)\]:[ \t]*(<[^>\n]*>|\S+)(?:[ \t]+("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|\((?:[^)\\]|\\.)*\)))?[ \t]*$/;
const TABLE_DELIMITER = /^ {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/;

const isBlank = (line: string) => line.trim() === '';
const indentOf = (line: string) => /^ */.exec(line)?.[0].length ?? 0;

function startsBlock(line: string): boolean {
  return ATX.test(line) || THEMATIC.test(line) || FENCE.test(line) || QUOTE.test(line) || HTML_BLOCK.test(line) || (LIST_ITEM.test(line) && !isBlank(line.replace(LIST_ITEM, '')));
}

function splitRow(line: string): string[] {
  let row = line.trim();
  if (row.startsWith('|')) row = row.slice(1);
  if (row.endsWith('|') && !row.endsWith('\\|')) row = row.slice(0, -1);
  const cells: string[] = [];
  let current = '';
  for (let i = 0; i < row.length; i += 1) {
    const ch = row[i] ?? '';
    if (ch === '\\' && row[i + 1] === '|') {
      current += '|';
      i += 1;
    } else if (ch === '|') {
      cells.push(current.trim());
      current = '';
    } else current += ch;
  }
  cells.push(current.trim());
  return cells;
}

function renderTable(header: string[], aligns: string[], rows: string[][], refs: Refs): string {
  const cell = (tag: string, text: string, i: number) => {
    const align = aligns[i];
    return `<${tag}${align ? ` align="${align}"` : ''}>${renderInline(text, refs)}</${tag}>`;
  };
  const head = `<thead><tr>${header.map((h, i) => cell('th', h, i)).join('')}</tr></thead>`;
  const body = rows.length
    ? `<tbody>${rows.map((r) => `<tr>${header.map((_h, i) => cell('td', r[i] ?? '', i)).join('')}</tr>`).join('')}</tbody>`
    : '';
  return `<table>${head}${body}</table>`;
}

function collectRefs(lines: readonly string[], refs: Refs): void {
  let fence: string | undefined;
  for (const line of lines) {
    const f = FENCE.exec(line);
    if (fence) {
      if (f && (f[2] ?? '').startsWith(fence) && (f[3] ?? '').trim() === '') fence = undefined;
      continue;
    }
    if (f) {
      fence = f[2];
      continue;
    }
    const def = REF_DEF.exec(line.replace(QUOTE, ''));
    if (def) {
      const label = normalizeLabel(def[1] ?? '');
      const url = (def[2] ?? '').replace(/^<|>$/g, '');
      if (!refs.has(label)) refs.set(label, { url, title: def[3]?.slice(1, -1) });
    }
  }
}

interface ListItem {
  lines: string[];
  /** True when a blank line separates this item's blocks or follows it inside the list. */
  loose: boolean;
}

function renderBlocks(lines: readonly string[], refs: Refs, tight = false): string {
  const out: string[] = [];
  let paragraph: string[] = [];
  const flush = () => {
    if (paragraph.length === 0) return;
    const inner = renderInline(paragraph.join('\n').trim(), refs);
    out.push(tight ? inner : `<p>${inner}</p>`);
    paragraph = [];
  };
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] ?? '';
    if (isBlank(line)) {
      flush();
      i += 1;
      continue;
    }
    if (paragraph.length === 0 && indentOf(line) >= 4) {
      const code: string[] = [];
      while (i < lines.length && (isBlank(lines[i] ?? '') || indentOf(lines[i] ?? '') >= 4)) code.push((lines[i++] ?? '').slice(4));
      while (code.length && isBlank(code[code.length - 1] ?? '')) code.pop();
      out.push(`<pre><code>${escapeHtml(code.join('\n'))}\n</code></pre>`);
      continue;
    }
    const fence = FENCE.exec(line);
    if (fence && !(fence[2]?.startsWith('`') && fence[3]?.includes('`'))) {
      flush();
      const [, indent = '', marker = '', info = ''] = fence;
      const code: string[] = [];
      i += 1;
      while (i < lines.length) {
        const close = FENCE.exec(lines[i] ?? '');
        if (close && close[2]?.[0] === marker[0] && (close[2]?.length ?? 0) >= marker.length && (close[3] ?? '').trim() === '') {
          i += 1;
          break;
        }
        code.push((lines[i] ?? '').replace(new RegExp(`^ {0,${indent.length}}`), ''));
        i += 1;
      }
      const language = unescapeText(info.trim().split(/\s+/)[0] ?? '');
      const cls = language ? ` class="language-${escapeHtml(language)}"` : '';
      out.push(`<pre><code${cls}>${escapeHtml(code.join('\n'))}${code.length ? '\n' : ''}</code></pre>`);
      continue;
    }
    const setext = paragraph.length > 0 ? SETEXT.exec(line) : null;
    if (setext) {
      const level = (setext[1] ?? '').startsWith('=') ? 1 : 2;
      out.push(`<h${level}>${renderInline(paragraph.join('\n').trim(), refs)}</h${level}>`);
      paragraph = [];
      i += 1;
      continue;
    }
    const atx = ATX.exec(line);
    if (atx) {
      flush();
      const level = (atx[1] ?? '#').length;
      const content = (atx[2] ?? '').replace(/(?:^|[ \t]+)#+[ \t]*$/, '').trim();
      out.push(`<h${level}>${renderInline(content, refs)}</h${level}>`);
      i += 1;
      continue;
    }
    if (THEMATIC.test(line)) {
      flush();
      out.push('<hr>');
      i += 1;
      continue;
    }
    if (QUOTE.test(line)) {
      flush();
      const quoted: string[] = [];
      while (i < lines.length) {
        const current = lines[i] ?? '';
        if (QUOTE.test(current)) quoted.push(current.replace(QUOTE, ''));
        else if (!isBlank(current) && quoted.length && !isBlank(quoted[quoted.length - 1] ?? '') && !startsBlock(current)) quoted.push(current);
        else break;
        i += 1;
      }
      out.push(`<blockquote>${renderBlocks(quoted, refs)}</blockquote>`);
      continue;
    }
    const item = LIST_ITEM.exec(line);
    if (item && (paragraph.length === 0 || (!isBlank(line.replace(LIST_ITEM, '')) && (!/^\d/.test(item[2] ?? '') || /^1[.)]$/.test(item[2] ?? ''))))) {
      flush();
      const end = renderList(lines, i, refs, out);
      i = end;
      continue;
    }
    if (HTML_BLOCK.test(line)) {
      flush();
      const raw: string[] = [];
      const comment = /^ {0,3}<!--/.test(line);
      while (i < lines.length && !isBlank(lines[i] ?? '')) {
        raw.push(lines[i] ?? '');
        i += 1;
        if (comment && (raw[raw.length - 1] ?? '').includes('-->')) break;
      }
      out.push(raw.join('\n'));
      continue;
    }
    const next = lines[i + 1] ?? '';
    if (paragraph.length === 0 && line.includes('|') && TABLE_DELIMITER.test(next)) {
      const header = splitRow(line);
      const aligns = splitRow(next).map((d) => (d.startsWith(':') && d.endsWith(':') ? 'center' : d.endsWith(':') ? 'right' : d.startsWith(':') ? 'left' : ''));
      if (aligns.length === header.length) {
        const rows: string[][] = [];
        i += 2;
        while (i < lines.length && !isBlank(lines[i] ?? '') && !startsBlock(lines[i] ?? '')) rows.push(splitRow(lines[i++] ?? ''));
        out.push(renderTable(header, aligns, rows, refs));
        continue;
      }
    }
    if (paragraph.length === 0 && REF_DEF.test(line)) {
      i += 1;
      continue;
    }
    paragraph.push(line);
    i += 1;
  }
  flush();
  return out.join(tight ? '' : '\n');
}

/** Renders the list starting at `start` into `out`; returns the index after it. */
function renderList(lines: readonly string[], start: number, refs: Refs, out: string[]): number {
  const first = LIST_ITEM.exec(lines[start] ?? '');
  const marker = first?.[2] ?? '-';
  const ordered = /^\d/.test(marker);
  const kind = ordered ? marker.slice(-1) : marker;
  const items: ListItem[] = [];
  let i = start;
  let sawBlank = false;
  while (i < lines.length) {
    const line = lines[i] ?? '';
    const m = LIST_ITEM.exec(line);
    const sameKind = m && (ordered ? /^\d/.test(m[2] ?? '') && (m[2] ?? '').endsWith(kind) : m[2] === kind);
    if (!m || !sameKind) break;
    if (sawBlank && items.length) (items[items.length - 1] as ListItem).loose = true;
    const spaces = (m[3] ?? '').replace(/\t/g, '    ').length;
    const rest = line.slice((m[0] ?? '').length);
    const contentIndent = (m[1] ?? '').length + (m[2] ?? '').length + (spaces === 0 || spaces > 4 || isBlank(rest) ? 1 : spaces);
    const body: string[] = [spaces > 4 ? `${' '.repeat(spaces - 1)}${rest}` : rest];
    i += 1;
    sawBlank = false;
    let innerBlank = false;
    while (i < lines.length) {
      const current = lines[i] ?? '';
      if (isBlank(current)) {
        sawBlank = true;
        body.push('');
        i += 1;
        continue;
      }
      if (indentOf(current) >= contentIndent) {
        if (sawBlank) innerBlank = true;
        sawBlank = false;
        body.push(current.slice(contentIndent));
        i += 1;
        continue;
      }
      // A lazy continuation line of the item's last paragraph.
      if (!sawBlank && !startsBlock(current) && !LIST_ITEM.test(current)) {
        body.push(current.trim());
        i += 1;
        continue;
      }
      break;
    }
    while (body.length && isBlank(body[body.length - 1] ?? '')) body.pop();
    items.push({ lines: body, loose: innerBlank });
  }
  const loose = items.some((item) => item.loose);
  const startAttr = ordered && Number.parseInt(marker, 10) !== 1 ? ` start="${Number.parseInt(marker, 10)}"` : '';
  const tag = ordered ? 'ol' : 'ul';
  out.push(`<${tag}${startAttr}>${items.map((item) => `<li>${renderBlocks(item.lines, refs, !loose)}</li>`).join('')}</${tag}>`);
  return i;
}

/** HTML for a Markdown document (not sanitized: the caller sanitizes). */
export function markdownToHtml(markdown: string): string {
  const lines = markdown
    .replace(/\r\n?/g, '\n')
    .replace(/\0/g, '\ufffd')
    .split('\n')
    .map((line) => line.replace(/^[ \t]+/, (lead) => lead.replace(/\t/g, '    ')));
  const refs: Refs = new Map();
  collectRefs(lines, refs);
  return renderBlocks(lines, refs);
}
