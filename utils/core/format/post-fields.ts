// The clip fields every export reads, cleaned the way every preset writes them.

import type { Clip } from '../model/types';
import { archivePostDate, cleanTitle, postTags, siteLabelOf, type ArchivePostInput } from './archive-post';

/** The clip fields exports read (a whole `Clip` will do; so will an imported or restored one). */
export type ExportClip = Pick<Clip, 'url' | 'title' | 'siteName' | 'clippedAt' | 'tags' | 'contentHtml'> &
  Partial<
    Pick<
      Clip,
      | 'id'
      | 'pageUrl'
      | 'byline'
      | 'source'
      | 'lang'
      | 'dir'
      | 'excerpt'
      | 'leadImage'
      | 'publishedAt'
      | 'modifiedAt'
      | 'updatedAt'
      | 'keywords'
      | 'note'
      | 'textLength'
      | 'imported'
    >
  >;

export function archiveInput(clip: ExportClip): ArchivePostInput {
  return {
    title: clip.title,
    url: clip.url,
    byline: clip.byline,
    siteName: clip.siteName,
    publishedAt: clip.publishedAt,
    clippedAt: clip.clippedAt,
    tags: clip.tags,
    contentHtml: clip.contentHtml,
  };
}

/** The clip's fields as every preset writes them: one line each, never empty where a value is required. */
export interface PostFields {
  title: string;
  site: string;
  author: string;
  /** The post's date: the published time when plausible, else the clip time (FORMAT.md `date`). */
  date: number;
  /** The published time when the page gave a plausible one. */
  published?: number;
  modified?: number;
  /** The user's tags, cleaned, without blanks or repeats. */
  tags: string[];
}

export function postFields(clip: ExportClip, now = Date.now()): PostFields {
  const input = archiveInput(clip);
  const date = archivePostDate(input, now);
  const site = siteLabelOf(clip.siteName, clip.url);
  const published = clip.publishedAt !== undefined && date === clip.publishedAt ? date : undefined;
  const modified =
    clip.modifiedAt !== undefined && Number.isFinite(clip.modifiedAt) && clip.modifiedAt > date && clip.modifiedAt <= now
      ? clip.modifiedAt
      : undefined;
  return {
    title: cleanTitle(clip.title),
    site,
    author: cleanTitle(clip.byline ?? '') || site,
    date,
    published,
    modified,
    tags: postTags('', clip.tags),
  };
}

