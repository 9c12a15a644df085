import { FIELD_LIMITS, isTimeInRange } from './limits';
import { array, both, finite, isObject, object, optional, refine, string, type Check } from './schema';
import { MAX_IMPORTED_TEXT, type Clip, type ClipDraft, type ClipEdit, type ExtractResult, type ImportDraft, type ImportedPost } from './types';

// Runtime checks for data that crosses a boundary: what a content script returns from a page,
// and what an extension page sends to the worker. Types alone cannot vouch for either.

export { isObject };
export const isString = (v: unknown): v is string => typeof v === 'string';
export const isId = (v: unknown): v is string => isString(v) && v.length > 0 && v.length <= 100;
const isOptionalString = (v: unknown) => v === undefined || isString(v);
const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isOptionalNumber = (v: unknown) => v === undefined || isFiniteNumber(v);
export const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every(isString);

export function isDraft(v: unknown): v is ClipDraft {
  return (
    isObject(v) &&
    [v.url, v.pageUrl, v.title, v.siteName, v.contentHtml].every(isString) &&
    [v.byline, v.source, v.lang, v.excerpt, v.leadImage].every(isOptionalString) &&
    (v.dir === undefined || v.dir === 'ltr' || v.dir === 'rtl') &&
    [v.publishedAt, v.modifiedAt].every(isOptionalNumber) &&
    isFiniteNumber(v.textLength) &&
    isStringArray(v.keywords) &&
    typeof v.fullPage === 'boolean' &&
    (v.selection === undefined || typeof v.selection === 'boolean') &&
    (v.fallback === undefined || v.fallback === true) &&
    (v.pageCount === undefined || (Number.isInteger(v.pageCount) && (v.pageCount as number) >= 1)) &&
    (v.missingPages === undefined || isStringArray(v.missingPages))
  );
}

export function isExtractResult(v: unknown): v is ExtractResult {
  if (!isObject(v)) return false;
  if (v.ok === true) return isDraft(v.draft);
  return v.ok === false && v.reason === 'no-article' && isString(v.title);
}

function isRevision(v: unknown): boolean {
  return (
    isObject(v) &&
    isFiniteNumber(v.clippedAt) &&
    isString(v.title) &&
    isString(v.contentHtml) &&
    isFiniteNumber(v.textLength) &&
    isOptionalString(v.byline) &&
    isOptionalNumber(v.publishedAt) &&
    isOptionalNumber(v.modifiedAt)
  );
}

export function isClip(v: unknown): v is Clip {
  if (!isDraft(v)) return false;
  const c = v as unknown as Record<string, unknown>;
  return (
    isId(c.id) &&
    Number.isInteger(c.seq) &&
    [c.clippedAt, c.updatedAt, c.revisionCount].every(isFiniteNumber) &&
    [c.tags, c.urlKeys].every(isStringArray) &&
    isOptionalString(c.note) &&
    (c.edited === undefined || typeof c.edited === 'boolean') &&
    (c.original === undefined || isOriginal(c.original)) &&
    (c.imported === undefined || isImportedPost(c.imported)) &&
    Array.isArray(c.revisions) &&
    c.revisions.every(isRevision)
  );
}

function isOriginal(v: unknown): boolean {
  return isObject(v) && isString(v.title) && isOptionalString(v.byline) && isString(v.contentHtml);
}

const EDITABLE = new Set(['title', 'byline', 'tags', 'note', 'contentHtml']);

/** An edit names only editable fields, each of the right type; a title cannot be emptied. */
export function isClipEdit(v: unknown): v is ClipEdit {
  return (
    isObject(v) &&
    Object.keys(v).every((k) => EDITABLE.has(k)) &&
    (v.title === undefined || (isString(v.title) && v.title.trim().length > 0)) &&
    [v.byline, v.note, v.contentHtml].every(isOptionalString) &&
    (v.tags === undefined || isStringArray(v.tags))
  );
}

/** The user's tags as a page sends them: none blank, none longer than 100 characters. */
export const isTag = refine(string(FIELD_LIMITS.tag), (tag) => tag.trim().length > 0);
export const isTagList = array(isTag);

/**
 * A post's path in its site as an export may write it: relative, no empty, `.` or `..` segment
 * (with `\` read as a separator too, as some unzip tools do), no NUL. Anything else a file name
 * may hold stays, since the archive's own names hold it (even a line break).
 */
export function isSitePath(v: unknown): v is string {
  if (!isString(v) || v.length === 0 || v.length > 4096 || v.includes('\0')) return false;
  const segments = v.split('/');
  return segments.every((s) => s !== '') && segments.flatMap((s) => s.split('\\')).every((s) => s !== '.' && s !== '..');
}

export const isImportedPost: Check<ImportedPost> = object({ path: isSitePath, text: string(MAX_IMPORTED_TEXT) });

const isTime = refine(finite, isTimeInRange);
const isKeywordList = array(string(FIELD_LIMITS.tag), FIELD_LIMITS.tags);

/**
 * An imported post as the importer makes it: every field within FIELD_LIMITS and every date in
 * the years the format writes. (Clipped drafts are not held to these: a page's title is its own.)
 */
export const isImportDraft: Check<ImportDraft> = both(
  isDraft,
  object({
    url: string(FIELD_LIMITS.url),
    pageUrl: string(FIELD_LIMITS.url),
    title: string(FIELD_LIMITS.title),
    byline: optional(string(FIELD_LIMITS.author)),
    siteName: string(FIELD_LIMITS.site),
    lang: optional(string(FIELD_LIMITS.lang)),
    excerpt: optional(string(FIELD_LIMITS.excerpt)),
    publishedAt: optional(isTime),
    keywords: isKeywordList,
    tags: array(isTag, FIELD_LIMITS.tags),
    clippedAt: optional(isTime),
    imported: optional(isImportedPost),
  }),
);
