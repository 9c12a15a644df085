// The data shapes shared by every context. JSON-safe on purpose: times are epoch ms, no Date
// objects, so drafts cross `executeScript` and messages, and clips sit in IndexedDB, unchanged.

/** What the content script reads from a page: everything a clip needs except what the worker adds. */
export interface ClipDraft {
  /** The address the page was clipped from (`location.href`). */
  pageUrl: string;
  /** The article URL used in exports: the canonical URL when trustworthy, else `pageUrl` without tracking parameters. */
  url: string;
  title: string;
  /** A person or author account; absent when the page names none. */
  byline?: string;
  /** The outlet the page credits (`来源：新华社`), kept apart from the byline. */
  source?: string;
  siteName: string;
  lang?: string;
  dir?: 'ltr' | 'rtl';
  excerpt?: string;
  leadImage?: string;
  publishedAt?: number;
  modifiedAt?: number;
  /** The page's own keywords (never mixed with the user's tags). */
  keywords: string[];
  /** Sanitized article HTML, already normalised to its stored one-line form (FORMAT.md "Body"). */
  contentHtml: string;
  /** Characters of visible text, whitespace excluded (so CJK and Latin text count alike). */
  textLength: number;
  /** True when the whole page was clipped because no article was found. */
  fullPage: boolean;
  /** True when only the user's selection was clipped. */
  selection?: boolean;
  /**
   * True when the page held too little for an article (a video's description, a short notice)
   * and its text was clipped instead; absent for an article.
   */
  fallback?: boolean;
  /** Pages joined into this clip when the article spans several pages (absent for one page). */
  pageCount?: number;
  /** Next-page addresses that could not be fetched: the clip holds the pages before them. */
  missingPages?: string[];
}

export type ExtractMode = 'article' | 'full-page' | 'selection';

/** An imported post: a draft with the post's tags, and its clipping time when the post had one. */
export interface ImportDraft extends ClipDraft {
  tags: string[];
  clippedAt?: number;
  /** The archive post it was read from, when it was one (see ImportedPost). */
  imported?: ImportedPost;
}

/**
 * An archive post exactly as an import read it, kept beside the clip so that the archive preset
 * gives it back byte for byte while the clip is as imported (the library voids it when the user
 * changes what that preset writes: title, byline, body or tags). Only exports read it: pages show,
 * search and preview the sanitized `contentHtml`, never this text.
 */
export interface ImportedPost {
  /** Where the post sits in its site, `_posts/` included (`_posts/archived/2019-05-03/….md`). */
  path: string;
  /** The whole file as it came (a byte-order mark and CRLF line ends included). */
  text: string;
}

/** Longer posts are not kept whole: the import's own limit on a post (5 MB of UTF-8) is within it. */
export const MAX_IMPORTED_TEXT = 5 * 1024 * 1024;

/**
 * The name under which the content script leaves its entry function in the page's isolated
 * world, for the worker to call with a mode (a file injection cannot take arguments).
 */
export const EXTRACT_GLOBAL = '__newsClipperExtract';

/** What the content script answers. */
export type ExtractResult =
  | { ok: true; draft: ClipDraft }
  | { ok: false; reason: 'no-article'; title: string };

/** An earlier version of a clip, kept when the same article is clipped again and has changed. */
export interface ClipRevision {
  /** When this version was clipped. */
  clippedAt: number;
  title: string;
  byline?: string;
  publishedAt?: number;
  modifiedAt?: number;
  contentHtml: string;
  textLength: number;
}

/** What lists need: every field of a clip except the article bodies. */
export interface ClipSummary extends Omit<ClipDraft, 'contentHtml'> {
  id: string;
  /** The clip's number in the search index (assigned once, never reused). */
  seq: number;
  /** First time this article was clipped. */
  clippedAt: number;
  /** Last time it was clipped again (equals `clippedAt` until then). */
  updatedAt: number;
  /** The user's own tags. */
  tags: string[];
  /** The user's own note about the clip. */
  note?: string;
  /** True once the user edited the title, byline or body (the extraction is kept in `original`). */
  edited?: boolean;
  /** Normalised URLs that identify this article (page URL without tracking parameters, canonical URL). */
  urlKeys: string[];
  revisionCount: number;
}

/** A whole clip, as the popup edits and exports it. */
export interface Clip extends ClipSummary {
  contentHtml: string;
  revisions: ClipRevision[];
  /** What was extracted, kept when the user first edits the clip. */
  original?: ClipOriginal;
  /** The archive post the clip was imported from, while the clip is as imported. */
  imported?: ImportedPost;
}

export interface ClipOriginal {
  title: string;
  byline?: string;
  contentHtml: string;
}

/** What the user can change on a clip. */
export interface ClipEdit {
  title?: string;
  byline?: string;
  tags?: string[];
  note?: string;
  contentHtml?: string;
}
