import type { ImportSource } from '../core/backup/import-run';
import { isPostPath, mayHoldPosts } from '../core/backup/post-paths';

// What an import reads from: files the user picked (read a slice at a time, never whole), or the
// posts of a picked folder and its sub-folders (Chromium's File System Access API).

/** Zips are read this much at a time: small enough to stay light, large enough to read fast. */
const CHUNK = 1024 * 1024;

async function* slices(blob: Blob): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < blob.size; at += CHUNK) yield new Uint8Array(await blob.slice(at, at + CHUNK).arrayBuffer());
}

export function fileSource(file: File): ImportSource {
  return {
    name: file.name,
    size: file.size,
    chunks: () => slices(file),
    range: async (start, end) => new Uint8Array(await file.slice(start, end).arrayBuffer()),
  };
}

/** The parts of a directory handle that reading a folder needs. */
export interface ReadableFolder {
  readonly kind: 'directory';
  readonly name: string;
  values(): AsyncIterable<ReadableFolder | ReadableFile>;
}

export interface ReadableFile {
  readonly kind: 'file';
  readonly name: string;
  getFile(): Promise<File>;
}

/** A folder's file, opened only when its turn comes. */
function folderFileSource(handle: ReadableFile, path: string): ImportSource {
  return {
    name: path,
    async *chunks() {
      yield* slices(await handle.getFile());
    },
  };
}

interface Walk {
  signal: AbortSignal;
  onFinding?: (found: number) => void;
  pace: () => Promise<void>;
}

/**
 * Adds the posts under `folder` to `found`, depth first, by their path from the picked folder
 * (`_posts/archived/2019-05-03/x.md`): the site's `_posts` and its dated sub-folders as they are,
 * and no folder that never holds posts (`_site`, `.git`…).
 */
export async function findPosts(folder: ReadableFolder, path: string, found: ImportSource[], walk: Walk): Promise<void> {
  const folders: [ReadableFolder, string][] = [];
  const files: [ReadableFile, string][] = [];
  for await (const entry of folder.values()) {
    if (walk.signal.aborted) return;
    const at = `${path}/${entry.name}`;
    if (entry.kind === 'directory') {
      if (mayHoldPosts(at)) folders.push([entry, at]);
    } else if (isPostPath(at)) files.push([entry, at]);
    await walk.pace();
  }
  // In name order, as a zip of the folder would list them.
  const byPath = ([, a]: [unknown, string], [, b]: [unknown, string]) => (a < b ? -1 : a > b ? 1 : 0);
  found.push(...files.sort(byPath).map(([file, at]) => folderFileSource(file, at)));
  walk.onFinding?.(found.length);
  for (const [sub, at] of folders.sort(byPath)) await findPosts(sub, at, found, walk);
}
