// Importing posts: `.md` files or zips of them, written by any of our presets or by an existing
// Jekyll archive in the archive-post format (a `_posts` folder), or by other tools with the usual
// front matter keys. Each file gives a clip to import or a clear error; one bad file never stops
// the others, whatever it holds or whatever a parser throws on it; a post that is read but had
// to be mended or cut (an old generator's broken title, a megabyte of title) gets a notice that
// says so. Every clip passes the worker's `isImportDraft`. Nothing here touches the library: the caller adds the clips, and skips the ones
// whose `url` it already has.
//
// Bodies: an archive post's HTML is taken as is; a Markdown body is converted to HTML
// (markdown-to-html), because the library stores, previews, searches and exports HTML. Either is
// then sanitized and normalised by `prepareBody`, like a clipped page. An archive post also keeps
// its whole text and its path in the site (`imported`), so that the archive preset can give it
// back unchanged; other formats have nothing to give back through that preset, which rewrites them.

import { cleanTitle } from '../format/archive-post';
import { CHARACTER_REFERENCE, decodeReference } from '../format/html-text';
import { markdownToHtml } from '../format/markdown-to-html';
import { jekyllCategory } from '../format/archive-post';
import { unprotectLiquid } from '../format/site-generators';
import { errorText } from '../model/errors';
import { cutText, FIELD_LIMITS, isTimeInRange } from '../model/limits';
import { reason, type Reason } from '../model/reasons';
import { isSitePath } from '../model/shapes';
import { MAX_IMPORTED_TEXT, type ImportDraft, type ImportedPost } from '../model/types';
import { readFrontMatter } from './front-matter-read';
import { isMarkdownName, isPostPath, isZipName, MARKDOWN_EXTENSIONS } from './post-paths';
import type { BodyPreparer } from './stored-body';
import { megabytes, ZipReader, type ZipLimits } from './zip-reader';

export interface ImportFile {
  /** The file's name or path (`_posts/2023-06-18-title.md`, `export.zip`). */
  name: string;
  bytes: Uint8Array;
}

/**
 * A clip to add to the library: what the post holds. `tags` are the user's tags from the post (the
 * site name the archive format lists first is not one); `clippedAt` when the note was made, where
 * the post says (Obsidian's `created`).
 */
export interface ImportedClip extends ImportDraft {
  /** Where it came from: the file name, or `zip name/entry path`. */
  file: string;
}

export interface ImportError {
  file: string;
  /** Why, as a reason code with its parameters (the page words it): any code, so new ones only need adding there. */
  reason: Reason;
}

/** What changed on the way in for a post that was imported: a title mended, a field cut. */
export interface ImportNotice {
  file: string;
  reason: Reason;
}

export interface ImportResult {
  clips: ImportedClip[];
  errors: ImportError[];
  notices: ImportNotice[];
  /** Zip entries passed over because they are no posts (images, configuration, a backup's JSON). */
  skipped: string[];
}

export interface ImportOptions {
  /** Sanitizes and normalises a body (bodyPreparer(window) in an extension page). */
  prepareBody: BodyPreparer;
  /** Larger posts are refused. Default 5 MB. */
  maxFileBytes?: number;
  /** A zip stops being read once its entries have inflated to this much. Default 4 GB. */
  maxUnpackedBytes?: number;
  /** A zip stops being read past this many entries. Default 500,000. */
  maxZipEntries?: number;
}

const DEFAULT_MAX_FILE = 5 * 1024 * 1024;
// The byte-order mark is kept in the text (`ignoreBOM`), so that an archive post keeps its bytes.
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

class ImportProblem extends Error {
  constructor(readonly reason: Reason) {
    super(reason.code);
  }
}

// ——— reading values from front matter (every scalar arrives as text) ———

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(text).filter((v) => v !== undefined).join(', ') || undefined;
  return undefined;
}

function list(value: unknown): string[] {
  const items = Array.isArray(value)
    ? value.map(text)
    : typeof value === 'string'
      ? // Jekyll splits a tag string on spaces; a comma-separated string is split on commas.
        value.split(value.includes(',') ? ',' : /\s+/)
      : [];
  return items.map((item) => cleanTitle(item ?? '').replace(/^#+/, '')).filter((item) => item !== '');
}

function first(data: Record<string, unknown>, keys: readonly string[]): string | undefined {
  for (const key of keys) {
    const value = text(data[key])?.trim();
    if (value) return value;
  }
  return undefined;
}

const YAML_TIME = /^(\d{4})-(\d\d?)-(\d\d?)(?:(?:[Tt]|\s+)(\d\d?):(\d\d):(\d\d)(\.\d+)?\s*(Z|[+-]\d\d?(?::?\d\d)?)?)?$/;

/**
 * A YAML/Jekyll timestamp (`2023-06-18`, `2023-06-18 15:48:21 +0800`, ISO 8601) in epoch ms; UTC
 * when no zone is given. Undefined for a day that does not exist (`2023-02-30`), and outside the
 * years 0000 to 9999.
 */
export function parseTime(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const m = YAML_TIME.exec(value.trim());
  if (!m) return undefined;
  const [, y, mo, d, h = '0', mi = '0', s = '0', fraction = '', zone = 'Z'] = m;
  const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, s].map(Number) as [number, number, number, number, number, number];
  const date = new Date(0);
  // Not Date.UTC, which reads the years 0 to 99 as 1900 to 1999.
  date.setUTCFullYear(year, month - 1, day);
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day || hour > 23 || minute > 59 || second > 60) return undefined;
  date.setUTCHours(hour, minute, second, Math.round(Number(`0${fraction || '.0'}`) * 1000));
  const utc = date.getTime();
  let offset = 0;
  if (zone !== 'Z') {
    const z = /^([+-])(\d\d?)(?::?(\d\d))?$/.exec(zone);
    offset = (z?.[1] === '-' ? -1 : 1) * (Number(z?.[2] ?? 0) * 60 + Number(z?.[3] ?? 0)) * 60_000;
  }
  const ms = utc - offset;
  return isTimeInRange(ms) ? ms : undefined;
}

function httpUrl(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Where a post read under `name` sits in its site: from its `_posts` folder on (the folders picked
 * or zipped above it are not the site's), else in `_posts/` as the archive preset writes posts; a
 * zip's own name is no folder of the site. Undefined for a path no export may write.
 */
function sitePathOf(name: string): string | undefined {
  const segments = name.split('/');
  const posts = segments.indexOf('_posts');
  if (posts === -1 && segments.length > 1 && /\.zip$/i.test(segments[0]!)) segments.shift();
  const path = (posts === -1 ? ['_posts', ...segments] : segments.slice(posts)).join('/');
  return isSitePath(path) ? path : undefined;
}

function stem(name: string): string {
  const base = name.split('/').pop() ?? name;
  return base.replace(MARKDOWN_EXTENSIONS, '').replace(/^\d{4}-\d\d?-\d\d?-/, '');
}

// One pass, so an escaped `\&` never starts a reference.
const MARKDOWN_ESCAPE_OR_REFERENCE = new RegExp(`\\\\([!-/:-@[-\`{-~])|${CHARACTER_REFERENCE}`, 'g');

/** Markdown inline text as plain text: backslash escapes and character references resolved. */
function unescapeMarkdown(s: string): string {
  return s.replace(MARKDOWN_ESCAPE_OR_REFERENCE, (whole, escaped: string | undefined) => escaped ?? decodeReference(whole));
}

// ——— bodies ———

interface Body {
  html: string;
  /** The instant in the archive post's `<!--ms-->` line, and the digits as written. */
  instant?: number;
  stamp?: string;
}

const MAX_HEADING_LINES = 10;

/** The archive post layout after the front matter (FORMAT.md), or undefined for any other body. */
function archiveBody(body: string): Body | undefined {
  const lines = body.replace(/\r\n/g, '\n').split('\n');
  const stamp = /^<!--(-?\d+)-->$/.exec(lines[0] ?? '');
  // The heading takes one line, or more where the old generator wrote a title's line breaks raw.
  const rule = lines.slice(0, MAX_HEADING_LINES + 2).indexOf('------', 2);
  if (!stamp || rule === -1 || lines[rule + 1] !== '' || lines[rule + 2] !== '<div>') return undefined;
  let end = lines.length - 1;
  while (end > rule + 2 && lines[end] === '') end -= 1;
  if (lines[end] !== '</div>') return undefined;
  // The writer wrote Liquid delimiters' braces as character references; no other `&#123;` can
  // appear, since a serialiser writes a literal one as `&amp;#123;`.
  const html = lines.slice(rule + 3, end).join('\n').replace(/&#123;/g, '{').replace(/&#125;/g, '}');
  return { html, instant: Number(stamp[1]), stamp: stamp[1] };
}

function firstHeading(markdown: string): string | undefined {
  const m = /^ {0,3}#[ \t]+(.+?)[ \t#]*$/m.exec(markdown);
  return m?.[1] ? unescapeMarkdown(m[1]).trim() : undefined;
}

// ——— one file ———

interface Fields {
  title?: string;
  url?: string;
  author?: string;
  site?: string;
  published?: number;
  created?: number;
  /** Dates the post gives that are no date in range, as written. */
  unreadDates?: string[];
  /** The post has a title that is no text (a list or a map). */
  titleNotText?: boolean;
  tags: string[];
  keywords: string[];
  lang?: string;
  excerpt?: string;
  html: string;
  /** True when the body is in the archive post's layout. */
  archive?: boolean;
}

function fromFrontMatter(name: string, data: Record<string, unknown>, body: string): Fields {
  const url = first(data, ['from', 'source', 'url', 'link', 'source_url', 'original_url', 'canonical_url', 'canonical']);
  const tags = list(data.tags ?? data.tag);
  const categories = list(data.categories ?? data.category);
  let site = first(data, ['site', 'site_name', 'source_name', 'publisher']);
  if (site === undefined && categories[0] !== undefined) {
    // Our Jekyll posts list the site first in tags and, colon-safe, in categories.
    site = tags[0] !== undefined && jekyllCategory(tags[0]) === categories[0] ? tags[0] : categories[0];
  }
  if (site !== undefined && tags[0] === site) tags.shift();
  const archive = archiveBody(body);
  let markdown = body;
  // A Jekyll post's Markdown went through Liquid: undo our protection of Liquid delimiters.
  if (!archive && (data.layout !== undefined || name.includes('_posts/'))) markdown = unprotectLiquid(markdown);
  const dateText = first(data, ['published', 'date', 'pubDate', 'published_at']);
  const createdText = first(data, ['created', 'clipped', 'saved']);
  const instant = archive?.instant !== undefined && isTimeInRange(archive.instant) ? archive.instant : undefined;
  const published = instant ?? parseTime(dateText);
  const created = parseTime(createdText);
  const unreadDates = [published === undefined ? (dateText ?? archive?.stamp) : undefined, created === undefined ? createdText : undefined];
  // A title that YAML reads as a list or a map is no title: the heading or the file name stands in.
  const titleNotText = data.title !== undefined && data.title !== null && typeof data.title !== 'string';
  return {
    title: first(data, titleNotText ? ['name', 'headline'] : ['title', 'name', 'headline']) ?? firstHeading(markdown),
    url,
    author: text(data.author ?? data.authors)?.replace(/\[\[([^\]|]*)(?:\|[^\]]*)?\]\]/g, '$1').trim(),
    site,
    published,
    created,
    unreadDates: unreadDates.filter((d) => d !== undefined),
    titleNotText,
    tags,
    keywords: list(data.keywords),
    lang: first(data, ['lang', 'language', 'locale']),
    excerpt: first(data, ['excerpt', 'description', 'summary']),
    html: archive ? archive.html : markdownToHtml(markdown),
    archive: archive !== undefined,
  };
}

/** Our plain Markdown preset: `# title`, a blank line, `[site](url) · author · YYYY-MM-DD`. */
function fromPlainMarkdown(text: string): Fields | undefined {
  const m = /^# (.+)\n\n\[((?:[^\]\\]|\\.)*)\]\((<[^>\n]*>|\S+)\)((?: · [^\n]*)?)\n(?:\n|$)/.exec(text.replace(/\r\n/g, '\n'));
  if (!m) return undefined;
  const [whole, title = '', site = '', target = '', credit = ''] = m;
  const url = target.replace(/^<(.*)>$/, '$1');
  const parts = credit.split(' · ').slice(1).map((p) => unescapeMarkdown(p).trim());
  const published = parseTime(parts[parts.length - 1]);
  const author = published === undefined ? parts[0] : parts.length > 1 ? parts[0] : undefined;
  return {
    title: unescapeMarkdown(title),
    url,
    site: unescapeMarkdown(site),
    author,
    published,
    tags: [],
    keywords: [],
    html: markdownToHtml(text.replace(/\r\n/g, '\n').slice(whole.length)),
  };
}

/** Cuts fields to FIELD_LIMITS, noting each cut for the import report. */
class Limiter {
  readonly notices: Reason[] = [];

  text(field: string, value: string, max: number): string {
    if (value.length <= max) return value;
    this.notices.push(reason('import-field-cut', { field, limit: max }));
    return cutText(value, max).trimEnd();
  }

  list(field: string, values: string[]): string[] {
    if (values.length > FIELD_LIMITS.tags) this.notices.push(reason('import-list-cut', { field, count: values.length, limit: FIELD_LIMITS.tags }));
    const kept = values.slice(0, FIELD_LIMITS.tags);
    if (kept.some((v) => v.length > FIELD_LIMITS.tag)) this.notices.push(reason('import-field-cut', { field, limit: FIELD_LIMITS.tag }));
    return kept.map((v) => cutText(v, FIELD_LIMITS.tag).trimEnd());
  }
}

const REPAIR_REASONS = { 'title-line-break': 'import-title-line-break', 'title-backslash': 'import-title-backslash' } as const;
// A date is shown in the notice as written, but never a megabyte of it.
const SHOWN_DATE = 40;

function importText(name: string, bytes: Uint8Array, options: ImportOptions): { clip: ImportedClip; notices: Reason[] } {
  const max = options.maxFileBytes ?? DEFAULT_MAX_FILE;
  if (bytes.length > max) throw new ImportProblem(tooLarge(bytes.length, max));
  let whole: string;
  try {
    whole = decoder.decode(bytes);
  } catch {
    throw new ImportProblem(reason('import-not-utf8'));
  }
  const source = whole.replace(/^\ufeff/, '');
  if (source.includes('\0')) throw new ImportProblem(reason('import-binary'));
  const read = readFrontMatter(source);
  const limit = new Limiter();
  let fields: Fields | undefined;
  if (read.ok) {
    fields = fromFrontMatter(name, read.data, read.body);
    for (const repair of read.repairs) limit.notices.push(reason(REPAIR_REASONS[repair]));
  } else if (read.kind === 'broken-yaml') throw new ImportProblem(read.reason);
  else {
    fields = fromPlainMarkdown(source);
    if (!fields) throw new ImportProblem(read.reason);
  }
  const url = httpUrl(fields.url);
  if (!url) throw new ImportProblem(fields.url === undefined ? reason('import-no-url') : reason('import-bad-url', { url: cutText(fields.url, 200) }));
  if (url.length > FIELD_LIMITS.url) throw new ImportProblem(reason('import-url-too-long', { limit: FIELD_LIMITS.url }));
  if (fields.titleNotText) limit.notices.push(reason('import-title-not-text'));
  for (const value of fields.unreadDates ?? []) limit.notices.push(reason('import-date-dropped', { value: cutText(value, SHOWN_DATE) }));
  const site = limit.text('site', cleanTitle(fields.site ?? '') || new URL(url).hostname, FIELD_LIMITS.site);
  const author = limit.text('author', cleanTitle(fields.author ?? ''), FIELD_LIMITS.author);
  const lang = fields.lang && limit.text('lang', fields.lang, FIELD_LIMITS.lang);
  const excerpt = fields.excerpt && limit.text('excerpt', fields.excerpt, FIELD_LIMITS.excerpt);
  const body = options.prepareBody(fields.html, url);
  const clip: ImportedClip = {
    pageUrl: url,
    url,
    title: limit.text('title', cleanTitle(fields.title ?? '') || cleanTitle(stem(name)) || url, FIELD_LIMITS.title),
    // The archive format writes the site name where the page named no author.
    ...(author && author !== site ? { byline: author } : {}),
    siteName: site,
    ...(lang ? { lang } : {}),
    ...(excerpt ? { excerpt } : {}),
    ...(fields.published === undefined ? {} : { publishedAt: fields.published }),
    keywords: limit.list('keywords', fields.keywords),
    contentHtml: body.html,
    textLength: body.textLength,
    fullPage: false,
    tags: limit.list('tags', fields.tags),
    ...(fields.created === undefined ? {} : { clippedAt: fields.created }),
    file: name,
  };
  const imported = fields.archive ? importedPost(name, whole) : undefined;
  return { clip: imported ? { ...clip, imported } : clip, notices: limit.notices };
}

function importedPost(name: string, text: string): ImportedPost | undefined {
  const path = sitePathOf(name);
  return path !== undefined && text.length <= MAX_IMPORTED_TEXT ? { path, text } : undefined;
}

// ——— files and zips ———

const tooLarge = (size: number, max: number) => reason('import-too-large', { size: megabytes(size), max: megabytes(max) });

/** The zip reader's limits for these options. */
export function zipLimits(options: Omit<ImportOptions, 'prepareBody'>): ZipLimits {
  return {
    maxEntryBytes: options.maxFileBytes ?? DEFAULT_MAX_FILE,
    maxTotalBytes: options.maxUnpackedBytes ?? 4 * 1024 ** 3,
    maxEntries: options.maxZipEntries ?? 500_000,
  };
}

/** The per-file limit, for a reader that can refuse a file before reading it. */
export const maxFileBytes = (options: Omit<ImportOptions, 'prepareBody'>) => options.maxFileBytes ?? DEFAULT_MAX_FILE;

/** A file that is too large to read, refused by its size alone. */
export const tooLargeError = (file: string, size: number, options: Omit<ImportOptions, 'prepareBody'>): ImportError => ({
  file,
  reason: tooLarge(size, maxFileBytes(options)),
});

/** One post: the clip it holds, or why it cannot be imported. */
export function importPost(file: ImportFile, options: ImportOptions): { clip: ImportedClip; notices: Reason[] } | { error: ImportError } {
  try {
    return importText(file.name, file.bytes, options);
  } catch (error) {
    if (error instanceof ImportProblem) return { error: { file: file.name, reason: error.reason } };
    // Whatever a parser throws on one file (a stack overflow, a library's own guard) costs that file only.
    return { error: { file: file.name, reason: reason('import-unreadable', { detail: cutText(errorText(error), SHOWN_ERROR) }) } };
  }
}

// Longer words from a parser are cut: the report lists them one line per file.
const SHOWN_ERROR = 300;

function importOne(file: ImportFile, options: ImportOptions, result: ImportResult): void {
  const read = importPost(file, options);
  if ('clip' in read) {
    result.clips.push(read.clip);
    for (const notice of read.notices) result.notices.push({ file: file.name, reason: notice });
  } else result.errors.push(read.error);
}

function importZip(file: ImportFile, options: ImportOptions, result: ImportResult): void {
  const reader = new ZipReader(zipLimits(options), isPostPath);
  for (const item of reader.push(file.bytes, true)) {
    if (item.kind === 'file') importOne({ name: `${file.name}/${item.name}`, bytes: item.bytes }, options, result);
    else if (item.kind === 'skipped') result.skipped.push(`${file.name}/${item.name}`);
    else if (item.kind === 'refused') result.errors.push({ file: `${file.name}/${item.name}`, reason: item.reason });
    else result.errors.push({ file: file.name, reason: item.reason });
  }
}

/**
 * Reads posts from `.md` files and zips held in memory (a zip's Markdown files are read, its other
 * files passed over), in the order they come. Returns the clips to import, one error per file
 * that cannot be imported, and notices of what was mended or cut in the files that were. An
 * import of files from disk streams them instead (import-run.ts).
 */
export function importPosts(files: readonly ImportFile[], options: ImportOptions): ImportResult {
  const result: ImportResult = { clips: [], errors: [], notices: [], skipped: [] };
  for (const file of files) {
    if (isZipName(file.name)) importZip(file, options, result);
    else if (isMarkdownName(file.name)) importOne(file, options, result);
    else result.errors.push(notMarkdown(file.name));
  }
  return result;
}

export const notMarkdown = (file: string): ImportError => ({ file, reason: reason('import-not-markdown') });
