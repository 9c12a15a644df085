// Export into a folder the user picked (Chromium's File System Access API, from the library
// opened as a tab): posts are written in the preset's layout and updated on the next export. The
// folder arrives as a handle, so the writer is tested against an in-memory fake.
//
// Names follow FORMAT.md: a file of the same name that holds another article keeps its name and
// the new post gets ` (2)`, ` (3)` …; a file that holds the same article (same source URL) is
// replaced. When the picked folder is the layout's own first folder (the user picked a site's
// `_posts`), posts go straight into it.

import { nameKey } from './file-names';
import { frontMatterValue } from './front-matter';
import { exportClip, exportPath, type ExportClip, type ExportOptions, type PresetId } from './presets';
import { each } from './zip';

/** What the writer uses of a `FileSystemFileHandle`. */
export interface FileHandleLike {
  getFile(): Promise<{ text(): Promise<string> }>;
  createWritable(): Promise<{ write(data: string): Promise<void>; close(): Promise<void> }>;
}

/** What the writer uses of a `FileSystemDirectoryHandle`. */
export interface FolderHandle {
  readonly name: string;
  getDirectoryHandle(name: string, options?: { create?: boolean }): Promise<FolderHandle>;
  getFileHandle(name: string, options?: { create?: boolean }): Promise<FileHandleLike>;
}

export interface FolderExportOptions extends ExportOptions {
  preset: PresetId;
  folder: FolderHandle;
  signal?: AbortSignal;
  onProgress?: (progress: { done: number; total?: number; path: string }) => void;
  total?: number;
}

export interface FolderEntry {
  path: string;
  url: string;
  id?: string;
  /** True when an earlier export of the same article was overwritten. */
  replaced: boolean;
}

export interface FolderExportResult {
  written: FolderEntry[];
  /** Clips of an article already written in this export (same URL): written once. */
  duplicates: FolderEntry[];
}

/** The article URL a post names (`from:`, `source:` or `url:`, or a plain Markdown source line). */
export function readSourceUrl(post: string): string | undefined {
  const lines = post.replace(/^\ufeff/, '').split(/\r?\n/);
  if (lines[0] === '---') return frontMatterValue(post, ['from', 'source', 'url']);
  const plain = /^\[(?:[^\]\\]|\\.)*\]\((<[^>\n]*>|\S+)\)/.exec(lines[2] ?? '');
  return plain?.[1]?.replace(/^<(.*)>$/, '$1');
}

/**
 * Whether a post naming `written` as its article is the article at `url` (a normalised URL): an
 * archive's older posts write the address as the feed gave it (`https://www.dw.com/zh/丁家喜…`).
 */
function isArticle(written: string | undefined, url: string): boolean {
  if (written === undefined) return false;
  if (written === url) return true;
  try {
    return new URL(written).href === url;
  } catch {
    return false;
  }
}

function isNotFound(error: unknown): boolean {
  return (error as { name?: string } | null)?.name === 'NotFoundError' || (error as { name?: string } | null)?.name === 'TypeMismatchError';
}

async function existingText(folder: FolderHandle, name: string): Promise<string | undefined> {
  try {
    return await (await (await folder.getFileHandle(name)).getFile()).text();
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

function numbered(name: string, n: number): string {
  if (n === 1) return name;
  const dot = name.lastIndexOf('.');
  return dot > 0 ? `${name.slice(0, dot)} (${n})${name.slice(dot)}` : `${name} (${n})`;
}

/** Writes `clips` into `options.folder` in the preset's layout. */
export async function exportToFolder(clips: Iterable<ExportClip> | AsyncIterable<ExportClip>, options: FolderExportOptions): Promise<FolderExportResult> {
  const now = options.now ?? Date.now();
  const exportOptions: ExportOptions = { parser: options.parser, template: options.template, now };
  // Names given in this export, and the article each went to.
  const session = new Map<string, string>();
  const folders = new Map<string, Promise<FolderHandle>>();
  const folderAt = (segments: string[]): Promise<FolderHandle> => {
    const key = segments.join('/');
    let folder = folders.get(key);
    if (!folder) {
      folder = segments.reduce<Promise<FolderHandle>>(async (parent, name) => (await parent).getDirectoryHandle(name, { create: true }), Promise.resolve(options.folder));
      folders.set(key, folder);
    }
    return folder;
  };
  const result: FolderExportResult = { written: [], duplicates: [] };
  let done = 0;
  for await (const clip of each(clips)) {
    options.signal?.throwIfAborted();
    let segments = exportPath(clip, options.preset, exportOptions).split('/');
    if (segments.length > 1 && segments[0] === options.folder.name) segments = segments.slice(1);
    const name = segments.pop() ?? 'untitled.md';
    const folder = await folderAt(segments);
    let chosen = name;
    let replaced = false;
    let duplicate = false;
    let before: string | undefined;
    for (let n = 1; ; n += 1) {
      const candidate = numbered(name, n);
      const key = nameKey([...segments, candidate].join('/'));
      const owner = session.get(key);
      if (owner !== undefined) {
        if (owner !== clip.url) continue;
        chosen = candidate;
        duplicate = true;
        break;
      }
      const existing = await existingText(folder, candidate);
      if (existing === undefined || isArticle(readSourceUrl(existing), clip.url)) {
        chosen = candidate;
        replaced = existing !== undefined;
        before = existing;
        session.set(key, clip.url);
        break;
      }
    }
    const path = [...segments, chosen].join('/');
    const entry: FolderEntry = { path, url: clip.url, ...(clip.id === undefined ? {} : { id: clip.id }), replaced };
    if (duplicate) result.duplicates.push(entry);
    else {
      const { text } = exportClip(clip, options.preset, exportOptions);
      // A file that already holds these bytes is left alone, so that its modification time (which
      // a site build or a sync tool reads) stays too.
      if (text !== before) {
        const writable = await (await folder.getFileHandle(chosen, { create: true })).createWritable();
        await writable.write(text);
        await writable.close();
      }
      result.written.push(entry);
    }
    done += 1;
    options.onProgress?.({ done, total: options.total, path });
  }
  return result;
}
