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

// Runs rather than single characters: each match costs, and CJK text is one long run of them.
const SPACE_RUNS = /\s+/g;
const SURROGATE_PAIRS = /(?:[\ud800-\udbff][\udc00-\udfff])+/g;
/** CJK Unified Ideographs, Extension A, Compatibility; Extension B and later (U+20000–U+3134F) as pairs. */
const HAN = /(?:[\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff]|[\ud840-\ud883][\udc00-\udfff]|\ud884[\udc00-\udf4f])+/g;
const ASTRAL_HAN = /(?:[\ud840-\ud883][\udc00-\udfff]|\ud884[\udc00-\udf4f])+/g;
const KANA = /[\u3040-\u30ff\u31f0-\u31ff]+/g;
const HANGUL = /[\uac00-\ud7af\u1100-\u11ff\u3130-\u318f]+/g;

/** Code units of `text` that `re` (global) matches: what removing them takes off its length. */
function unitsMatching(text: string, re: RegExp): number {
  re.lastIndex = 0;
  if (!re.test(text)) return 0;
  return text.length - text.replace(re, '').length;
}

/** What `\s` matches (JavaScript's whitespace and line terminators), by code unit. */
function isSpace(c: number): boolean {
  return (
    (c >= 0x09 && c <= 0x0d) || c === 0x20 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

/** The same counts in one loop over code units: for long texts (see `countScripts`). */
function countByLoop(text: string): ScriptCounts {
  const counts: ScriptCounts = { total: 0, han: 0, kana: 0, hangul: 0 };
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
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

/** Above this length the loop wins: the engine optimises a long-running loop, and the regular
 * expressions' copies of a text of megabytes cost more in garbage collection than they save. */
const LOOP_ABOVE_CHARS = 200_000;

/**
 * The last few texts counted: a clip counts the page's text sample for Readability's threshold
 * and again, after other counts, for the page's time zone.
 */
const recentCounts: Array<{ text: string; counts: ScriptCounts }> = [];
const RECENT_COUNTS = 4;

/**
 * Counts characters by script. Pages' texts are counted with regular expressions, which run as
 * native code: the content script is injected afresh for every clip, so a loop over each
 * character runs in the interpreter, at several milliseconds for a page's text sample.
 */
export function countScripts(text: string): ScriptCounts {
  const known = recentCounts.find((r) => r.text === text);
  if (known) return { ...known.counts };
  if (text.length > LOOP_ABOVE_CHARS) return countByLoop(text);
  const compact = text.replace(SPACE_RUNS, '');
  // A surrogate pair is one character (two code units); CJK Extension B and later are Han.
  const pairs = unitsMatching(compact, SURROGATE_PAIRS) / 2;
  const astralHan = unitsMatching(compact, ASTRAL_HAN) / 2;
  const counts = {
    total: compact.length - pairs,
    han: unitsMatching(compact, HAN) - astralHan,
    kana: unitsMatching(compact, KANA),
    hangul: unitsMatching(compact, HANGUL),
  };
  recentCounts.unshift({ text, counts });
  recentCounts.length = Math.min(recentCounts.length, RECENT_COUNTS);
  return { ...counts };
}

/** Share of CJK characters among the non-whitespace characters (0 for empty text). */
export function cjkShare(counts: ScriptCounts): number {
  return counts.total === 0 ? 0 : (counts.han + counts.kana + counts.hangul) / counts.total;
}

/** Length in "Latin-equivalent" characters: each CJK character counts three. */
export function weightedLength(counts: ScriptCounts): number {
  return counts.total + 2 * (counts.han + counts.kana + counts.hangul);
}

/**
 * Non-whitespace characters, counted as code points so astral CJK characters count once: the
 * `total` of `countScripts`, without its per-script passes (a stored body's length needs none).
 */
export function countNonWhitespace(text: string): number {
  if (text.length > LOOP_ABOVE_CHARS) return countByLoop(text).total;
  const compact = text.replace(SPACE_RUNS, '');
  return compact.length - unitsMatching(compact, SURROGATE_PAIRS) / 2;
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
 * script a page is written in, and a huge page should not cost a full walk. 8,000 characters (a
 * few screens) tell it as well as 20,000 did: no clip of the 130-page corpus changed, and the walk,
 * one step per text node in cold code, costs about half as much.
 */
export function sampleText(root: Node, limit = 8000): string {
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
