// Who wrote the article (`byline`) and the outlet it came from (`source`): where on the page the
// credits are, and which of them count. Reading one credit text is credit.ts's matter.

import { type LowerCaseSiteNames, readCredit } from './credit';
import { type Context, hint, inArticle, isNode, ld, ldStrings, ldTypes, meta, metaFirst, type Rule } from './metadata-context';
import { elementText } from './page-structure';
import { collapseWhitespace, looseKey } from './text';

const CREDIT_LINE_CHARS = 120;

/** Byline sources; values of the article header count only where a label ("作者：", "By") says so. */
const BYLINE_RULES: ReadonlyArray<[Rule, 'names' | 'ignore']> = [
  [ldPersons, 'names'],
  [ld('author'), 'names'],
  // Dublin Core's creator is the work's author; `author` is sometimes the site's operator.
  [(c) => metaFirst('dc:creator', 'dcterms:creator', 'dc.creator', 'dcterms.creator')(c).map(uninverted), 'names'],
  [metaAuthor, 'names'],
  [(c) => meta('article:author')(c).filter((v) => !/^https?:|^www\./i.test(v)), 'names'],
  [meta('parsely-author', 'sailthru.author'), 'names'],
  [inArticle('a[rel~="author"], [itemprop~="author"]'), 'names'],
  [(c) => c.header.credits, 'names'],
  [readabilityByline, 'names'],
  // Long header lines are summaries ("…在记者会上表示…"), not credit lines.
  [(c) => c.header.lines.filter((line) => line.length <= CREDIT_LINE_CHARS), 'ignore'],
  [leadingCredits, 'ignore'],
  [trailingCredits, 'ignore'],
];

/**
 * Readability's byline, when the article header shows it: Readability also takes it from any
 * element classed "author" or "byline", such as a navigation link, a "Follow Author" button or a
 * related story's credit. (Often it is the meta author again, which may be an editor's name.)
 */
function readabilityByline(c: Context): string[] {
  const shown = looseKey(c.header.lines.join(' '));
  return withoutEditors(c, hint('byline')(c)).filter((v) => {
    const key = looseKey(v);
    return key !== '' && shown.includes(key);
  });
}

/** JSON-LD authors typed Person: people even when the site bears their name (a personal blog). */
function ldPersons(c: Context): string[] {
  const authors: unknown[] = c.ldArticle ? [c.ldArticle['author']].flat() : [];
  return authors.filter((a) => isNode(a) && ldTypes(a).includes('Person')).flatMap((a) => ldStrings(c, a));
}

const TRAILING_PARAGRAPHS = 4;
const TRAILING_CREDIT_CHARS = 40;

/**
 * Credit lines that close the article ("作者︱春春", "（记者 张三）"): the last short paragraphs
 * beside its first paragraph of text or in its own footer, read for labelled credits only.
 */
function trailingCredits(c: Context): string[] {
  // The article's own <footer> (V8's blog: "Posted by Alon Zakai.") closes it too.
  const footers = c.container.tagName.toUpperCase() === 'ARTICLE' ? [...c.container.querySelectorAll('footer')].filter((f) => !c.noise(f)) : [];
  const paragraphs = [...(c.header.text?.children ?? []), ...footers.flatMap((f) => [...f.querySelectorAll('p')])].filter(
    (el) => el.tagName.toUpperCase() === 'P',
  );
  const lines: string[] = [];
  for (let i = paragraphs.length - 1, seen = 0; i >= 0 && seen < TRAILING_PARAGRAPHS; i--) {
    const text = elementText(paragraphs[i]);
    if (!text) continue;
    seen++;
    if (text.length <= TRAILING_CREDIT_CHARS) lines.push(text);
  }
  // The credit block just after the text ("本文来源：证券时报 作者：张伟 责任编辑：王晓").
  let after = c.header.text?.nextElementSibling;
  for (let n = 0; after && n < FOLLOWING_BLOCKS; n++, after = after.nextElementSibling) {
    const text = elementText(after);
    if (text && text.length <= FOLLOWING_CREDIT_CHARS && !c.noise(after)) lines.push(text);
  }
  return lines;
}

const LEADING_PARAGRAPHS = 2;
const FOLLOWING_BLOCKS = 2;
const FOLLOWING_CREDIT_CHARS = 80;

/**
 * A credit line of its own that opens the text ("澎湃新闻记者 陈静", "文/张三"): one of the first
 * short paragraphs, read for labelled credits only. A paragraph of prose that names its reporter
 * ("（大纪元记者张婷综合报导）周日…") is longer and never read (FORMAT.md: `author`).
 */
function leadingCredits(c: Context): string[] {
  const paragraphs = [...(c.header.text?.children ?? [])].filter((el) => el.tagName.toUpperCase() === 'P');
  return paragraphs
    .slice(0, LEADING_PARAGRAPHS)
    .map(elementText)
    .filter((text) => text && text.length <= TRAILING_CREDIT_CHARS);
}

/** Names the article credits with an author link (rel=author), outside related lists and comments. */
const linkedAuthors = (c: Context): string[] =>
  [...c.container.querySelectorAll('a[rel~="author"]')]
    .filter((a) => !c.noise(a))
    .map((a) => looseKey(elementText(a)))
    .filter(Boolean);

/**
 * `<meta name="author">`, unless the article's own author link names someone else: AO3 gives every
 * work the meta author "Organization for Transformative Works" and links the writer's name.
 */
function metaAuthor(c: Context): string[] {
  const values = withoutEditors(c, meta('author')(c));
  const linked = values.length ? linkedAuthors(c) : [];
  if (linked.length === 0) return values;
  return values.filter((v) => linked.some((l) => l.includes(looseKey(v)) || looseKey(v).includes(l)));
}

const HAN = /\p{Script=Han}/u;
const EDITOR_LABEL = /(?:责任编辑|責任編輯|责编|責編)\s*[:：︱]\s*/g;

/**
 * Chinese sites often fill the meta author with the responsible editor ("青网校园崔宁宁" where the
 * article ends "责任编辑：崔宁宁"): a name the page credits as editor is no author. Read only
 * for Chinese names, where this happens.
 */
function withoutEditors(c: Context, values: string[]): string[] {
  if (!values.some((v) => HAN.test(v))) return values;
  const text = c.container.textContent ?? '';
  // What follows each label; the name's end is unknown (no spaces), so a value is an editor's
  // when one of these starts with the value or its tail ("崔宁宁" of "青网校园崔宁宁").
  const credited = [...text.matchAll(EDITOR_LABEL)].map((m) => text.slice(m.index + m[0].length, m.index + m[0].length + 20));
  const isEditor = (v: string) => {
    const chars = [...v.trim()];
    return chars.some((_, i) => i <= chars.length - 2 && credited.some((after) => after.startsWith(chars.slice(i).join(''))));
  };
  return values.filter((v) => !isEditor(v));
}

/** "Jong, Michiel de" → "Michiel de Jong": Dublin Core creators are written surname first. */
const uninverted = (name: string) => name.replace(/^\s*([^\s,]+),\s*([^,]+?)\s*$/u, '$2 $1');

/**
 * The first byline source that names someone; the outlet (`来源：新华社`) found on the way, or in
 * the header, is kept apart as `source`.
 */
export function readByline(c: Context, siteNames: LowerCaseSiteNames): { byline?: string; source?: string } {
  let source: string | undefined;
  for (const [rule, unlabelled] of BYLINE_RULES) {
    const names = new Set<string>();
    for (const value of rule(c)) {
      const credit = readCredit(collapseWhitespace(value), unlabelled, rule === ldPersons ? [] : siteNames);
      source ??= credit.source;
      credit.names.forEach((name) => names.add(name));
    }
    if (names.size) {
      for (const line of c.header.lines) source ??= readCredit(line, 'ignore', siteNames).source;
      return { byline: [...names].join(', '), source };
    }
  }
  return { source };
}
