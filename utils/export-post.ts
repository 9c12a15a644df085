import { archivePost, archivePostFileName, type ArchivePostInput } from './format/archive-post';
import type { Clip } from './types';

// The popup's export: the archive post of a clip, as a download or as text for the clipboard.

export interface ExportedPost {
  /** The file name FORMAT.md gives, without the `_posts/` folder (a download cannot name folders). */
  fileName: string;
  text: string;
}

export function archivePostOf(clip: Clip, now = Date.now()): ExportedPost {
  const input: ArchivePostInput = {
    title: clip.title,
    url: clip.url,
    byline: clip.byline,
    siteName: clip.siteName,
    publishedAt: clip.publishedAt,
    clippedAt: clip.clippedAt,
    tags: clip.tags,
    contentHtml: clip.contentHtml,
  };
  return { fileName: archivePostFileName(input, now), text: archivePost(input, now) };
}

/**
 * Saves text through a blob link. Unlike `downloads.download`, this needs no permission and
 * keeps the file name in every browser.
 */
export function downloadTextFile(doc: Document, { fileName, text }: ExportedPost): void {
  const view = doc.defaultView;
  if (!view) throw new Error('No window to download from.');
  const url = view.URL.createObjectURL(new view.Blob([text], { type: 'text/markdown;charset=utf-8' }));
  const link = doc.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  doc.body.append(link);
  link.click();
  link.remove();
  // Revoking at once can cancel the download in some browsers.
  view.setTimeout(() => view.URL.revokeObjectURL(url), 10_000);
}
