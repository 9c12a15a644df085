// Text measures shared by extraction: CJK-aware counting (one Han character carries about as much
// as a short Latin word, so thresholds written for Latin text must not starve Chinese pages) and
// whitespace collapsing for single-line metadata.

export interface ScriptCounts {
  /** Non-whitespace characters (code points). */
  total: number;
  han: number;
  kana: number;
  hangul: number;
}

/** What `\s` matches (JavaScript's whitespace and line terminators), by code unit. */
function isSpace(c: number): boolean {
  return (
    (c >= 0x09 && c <= 0x0d) || c === 0x20 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

/**
 * Counts in one pass over code units: pages run to megabytes of text, and per-character regular
 * expressions cost tens of milliseconds there.
 */
export function countScripts(text: string): ScriptCounts {
  const counts: ScriptCounts = { total: 0, han: 0, kana: 0, hangul: 0 };
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      // A surrogate pair is one character; CJK Extension B and later are Han.
      c = 0x10000 + ((c - 0xd800) << 10) + (text.charCodeAt(++i) - 0xdc00);
      counts.total++;
      if (c >= 0x20000 && c <= 0x3134f) counts.han++;
      continue;
    }
    if (isSpace(c)) continue;
    counts.total++;
    if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff)) counts.han++;
    else if ((c >= 0x3040 && c <= 0x30ff) || (c >= 0x31f0 && c <= 0x31ff)) counts.kana++;
    else if ((c >= 0xac00 && c <= 0xd7af) || (c >= 0x1100 && c <= 0x11ff) || (c >= 0x3130 && c <= 0x318f)) counts.hangul++;
  }
  return counts;
}

/** Share of CJK characters among the non-whitespace characters (0 for empty text). */
export function cjkShare(counts: ScriptCounts): number {
  return counts.total === 0 ? 0 : (counts.han + counts.kana + counts.hangul) / counts.total;
}

/** Length in "Latin-equivalent" characters: each CJK character counts three. */
export function weightedLength(counts: ScriptCounts): number {
  return counts.total + 2 * (counts.han + counts.kana + counts.hangul);
}

/** Non-whitespace characters, counted as code points so astral CJK characters count once. */
export function countNonWhitespace(text: string): number {
  return countScripts(text).total;
}

/** One line: every whitespace run (newlines, U+2028, ideographic space included) becomes one space. */
export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}

/** A comparison key that ignores case, spaces and dots ("BBC News" ~ "bbcnews", "Example.com"). */
export function looseKey(text: string): string {
  return text.toLowerCase().replace(/[\s.]/g, '');
}

const SKIPPED_TEXT_PARENTS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE']);
const SHOW_TEXT = 0x4; // NodeFilter.SHOW_TEXT, written out so no global is needed

/**
 * The page's readable text (no script or style source), capped: a sample is enough to tell the
 * script a page is written in, and a huge page should not cost a full walk.
 */
export function sampleText(root: Node, limit = 20000): string {
  const doc = root.ownerDocument ?? (root as Document);
  const walker = doc.createTreeWalker(root, SHOW_TEXT);
  let out = '';
  for (let node = walker.nextNode(); node && out.length < limit; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (parent && SKIPPED_TEXT_PARENTS.has(parent.tagName.toUpperCase())) continue;
    out += `${node.nodeValue ?? ''} `;
  }
  return out.slice(0, limit);
}
