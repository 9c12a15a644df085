// The archive post of FORMAT.md: a Jekyll post whose bytes are fixed by the golden file.

import { cutAtBoundary, isRefusedChar } from './file-names';
import { flowList, frontMatterValue } from './front-matter';
import { yamlDoubleQuoted, yamlScalar } from './yaml';

export interface ArchivePostInput {
  title: string;
  /** The article URL (canonical or tracking-free page address), already normalised. */
  url: string;
  byline?: string;
  siteName: string;
  publishedAt?: number;
  clippedAt: number;
  /** The user's own tags, appended after the site name in `tags:` only. */
  tags: string[];
  /** The sanitized body in its stored one-line form. */
  contentHtml: string;
}

// Earlier "published" times on news pages are placeholders (epoch 0, 1970-01-01), not dates.
const EARLIEST_PUBLISHED = Date.UTC(1990, 0, 1);

/** The instant written as `date:` and `<!--ms-->`: a plausible published time, else the clip time. */
export function archivePostDate(input: ArchivePostInput, now: number = Date.now()): number {
  const published = input.publishedAt;
  if (
    published !== undefined &&
    Number.isFinite(published) &&
    published >= EARLIEST_PUBLISHED &&
    published <= now
  ) {
    return published;
  }
  // `date:` must never be NaN, even for a clip record damaged in storage.
  return Number.isFinite(input.clippedAt) ? input.clippedAt : now;
}

// `\s` covers NBSP, U+2028/U+2029 and the other Unicode spaces as well as newlines.
const WHITESPACE_RUN = /\s+/g;

/** Whitespace runs (newlines included) become one space; the result is trimmed. */
export function cleanTitle(s: string): string {
  return s.replace(WHITESPACE_RUN, ' ').trim();
}

const LIQUID_OPENER_NEXT = new Set(['{', '%']);
const LIQUID_CLOSER_PREVIOUS = new Set(['}', '%']);

/**
 * Writes the braces of Liquid delimiters (`{{`, `{%`, `%}`, `}}`) as character references so a
 * Jekyll build shows them as text; a lone `{` or `}` stays as it is.
 */
export function escapeLiquid(s: string): string {
  return s.replace(/[{}]/g, (brace, index: number) => {
    const before = s[index - 1];
    const after = s[index + 1];
    if (brace === '{') {
      const delimiter = (after !== undefined && LIQUID_OPENER_NEXT.has(after)) || before === '{';
      return delimiter ? '&#123;' : brace;
    }
    const delimiter = (before !== undefined && LIQUID_CLOSER_PREVIOUS.has(before)) || after === '}';
    return delimiter ? '&#125;' : brace;
  });
}

// A newline in the body would add lines and break the 17-line layout. The stored body has none
// (FORMAT.md "Line breaks"); if one slips through, `&#10;` is the same character to an HTML
// parser in text, in attribute values and in <pre>, which is where serialised HTML can hold one.
function oneLine(html: string): string {
  return html.replace(/\r\n|\r|\n/g, '&#10;');
}

// Braces in the heading's link target: `{` and `}` are legal unescaped in a URL query, and
// percent-encoding them names the same resource without giving Liquid a delimiter.
function headingUrl(url: string): string {
  return oneLine(url).replace(/\{/g, '%7B').replace(/\}/g, '%7D');
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
}

/** The site name; a page without a usable one still gets a category: the host it came from. */
export function siteLabelOf(siteName: string, url: string): string {
  return cleanTitle(siteName) || hostOf(url);
}

/** The site name, and the user's tags after it, without blanks or repeats. */
export function postTags(siteLabel: string, userTags: readonly string[]): string[] {
  const tags: string[] = [];
  for (const tag of [siteLabel, ...userTags]) {
    const clean = cleanTitle(tag);
    if (clean !== '' && !tags.includes(clean)) tags.push(clean);
  }
  return tags;
}

/**
 * Jekyll puts categories in post URLs and parses each as a URI: a category with a colon whose
 * prefix is no URI scheme (`BBC News: World`, `1:20`) crashes the whole build. Colons become
 * dashes in categories (tags keep the name as it is), as FORMAT.md says.
 */
export function jekyllCategory(site: string): string {
  return site.replace(/\s*:\s*/g, ' - ').trim();
}

/** The whole post: 17 lines, LF, ending with a newline. */
export function archivePost(input: ArchivePostInput, now?: number): string {
  const instant = archivePostDate(input, now);
  const title = cleanTitle(input.title);
  const siteLabel = siteLabelOf(input.siteName, input.url);
  const author = cleanTitle(input.byline ?? '') || siteLabel;
  const categories = postTags(jekyllCategory(siteLabel), []);
  const lines = [
    '---',
    'layout: post',
    `title: ${yamlDoubleQuoted(title)}`,
    `date: ${new Date(instant).toISOString()}`,
    `author: ${yamlScalar(author)}`,
    `from: ${yamlScalar(input.url)}`,
    `tags: ${flowList(postTags(siteLabel, input.tags))}`,
    'comments: True',
    `categories: ${flowList(categories)}`,
    '---',
    `<!--${instant}-->`,
    `[${escapeLiquid(title)}](${headingUrl(input.url)})`,
    '------',
    '',
    '<div>',
    escapeLiquid(oneLine(input.contentHtml)),
    '</div>',
  ];
  return `${lines.join('\n')}\n`;
}

const MAX_TITLE_UNITS = 50;

// FORMAT.md cuts the title to its first 50 UTF-16 code units, which cuts English words in half.
// Deliberate (issue 16): the cut goes back to the last word boundary within those 50 units (any
// character boundary in Chinese and Japanese), so a name is never longer than FORMAT.md's and is
// the same for every title of 50 units or fewer (the golden post's name among them).
function cutTitle(title: string): string {
  return cutAtBoundary(title, (start) => start.length <= MAX_TITLE_UNITS);
}

/** `YYYY-MM-DD-<title>.md`, without the `_posts/` folder. */
export function archivePostFileName(input: ArchivePostInput, now?: number): string {
  const day = new Date(archivePostDate(input, now)).toISOString().slice(0, 10);
  const title = Array.from(cutTitle(cleanTitle(input.title)).replace(/\//g, '--'))
    .map((ch) => (isRefusedChar(ch) ? '_' : ch))
    .join('')
    .replace(/^[. ]+|[. ]+$/g, '');
  return `${day}-${title || 'untitled'}.md`;
}

/**
 * The name to write a post under: `name` unless another article's post already has it, then
 * `name (2).md`, `name (3).md` …; a post of the same article (same `from:`) is replaced.
 */
export function resolvePostFileName(
  name: string,
  from: string,
  readExisting: (name: string) => string | undefined,
): string {
  const stem = name.endsWith('.md') ? name.slice(0, -'.md'.length) : name;
  const extension = name.endsWith('.md') ? '.md' : '';
  for (let n = 1; ; n += 1) {
    const candidate = n === 1 ? name : `${stem} (${n})${extension}`;
    const existing = readExisting(candidate);
    if (existing === undefined || frontMatterValue(existing, ['from']) === from) return candidate;
  }
}
