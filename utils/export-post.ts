import { zipSync } from 'fflate';
import { archivePost, archivePostFileName, readFromLine, resolvePostFileName, type ArchivePostInput } from './format/archive-post';
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
  downloadBytes(doc, fileName, new TextEncoder().encode(text), 'text/markdown;charset=utf-8');
}

/**
 * Several posts as one zip in the archive's layout (`_posts/…`), names made unique by the
 * FORMAT.md collision rule.
 */
export function zipPosts(posts: ExportedPost[]): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  const texts = new Map<string, string>();
  const encoder = new TextEncoder();
  for (const post of posts) {
    const name = resolvePostFileName(post.fileName, readFromLine(post.text) ?? '', (n) => texts.get(n));
    texts.set(name, post.text);
    files[`_posts/${name}`] = encoder.encode(post.text);
  }
  return zipSync(files, { level: 6 });
}

/** Downloads bytes under a file name through a blob link. */
export function downloadBytes(doc: Document, fileName: string, bytes: Uint8Array, type: string): void {
  const view = doc.defaultView;
  if (!view) throw new Error('No window to download from.');
  const url = view.URL.createObjectURL(new view.Blob([bytes as BlobPart], { type }));
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
