// Text measures shared by extraction: CJK-aware counting (one Han character carries about as much
// as a short Latin word, so thresholds written for Latin text must not starve Chinese pages) and
// whitespace collapsing for single-line metadata.

const HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u{20000}-\u{3134f}]/u;
const KANA = /[\u3040-\u30ff\u31f0-\u31ff]/u;
const HANGUL = /[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]/u;

export interface ScriptCounts {
  /** Non-whitespace characters (code points). */
  total: number;
  han: number;
  kana: number;
  hangul: number;
}

export function countScripts(text: string): ScriptCounts {
  const counts: ScriptCounts = { total: 0, han: 0, kana: 0, hangul: 0 };
  for (const ch of text) {
    if (/\s/u.test(ch)) continue;
    counts.total++;
    if (HAN.test(ch)) counts.han++;
    else if (KANA.test(ch)) counts.kana++;
    else if (HANGUL.test(ch)) counts.hangul++;
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
  let n = 0;
  for (const ch of text) if (!/\s/u.test(ch)) n++;
  return n;
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
