// An import from the user's files as a stream: zips read entry by entry as their bytes arrive,
// each post parsed and sanitized in turn between the page's own tasks (`pace`), and the clips
// sent to the library in large batches, one batch stored while the next is read. Every batch is
// stored whole or not at all, so an import that stops (cancelled, the page closed, the worker gone,
// the disk full) leaves whole batches behind; since known articles are never added twice, running
// the same import again finishes it.

import { errorText } from '../model/errors';
import { reason, reasonOf, type Reason } from '../model/reasons';
import type { ImportDraft } from '../model/types';
import { importPost, maxFileBytes, notMarkdown, tooLargeError, zipLimits, type ImportError, type ImportNotice, type ImportOptions } from './import-posts';
import { isMarkdownName, isPostPath, isZipName } from './post-paths';
import { joinBytes, readZipDirectory, ZipReader, type RangeReader, type ZipDirectory, type ZipItem } from './zip-reader';

export interface ImportSource {
  /** The file's name, or its path within a picked folder (`_posts/archived/2019-05-03/x.md`). */
  name: string;
  /** Its size, when known before reading it (a folder's files tell theirs only when read). */
  size?: number;
  /** The file's bytes, a chunk at a time, in order. */
  chunks(): AsyncIterable<Uint8Array>;
  /** A range of the file's bytes: for a zip, its directory is read first to count its posts. */
  range?: RangeReader;
}

export interface ImportProgress {
  /** Posts settled: stored (new or known) or refused. */
  done: number;
  /** Posts in all, when every source could say beforehand (a zip by its directory). */
  total?: number;
  bytesRead: number;
  totalBytes: number;
  added: number;
  known: number;
  failed: number;
}

export interface ImportRunOptions extends ImportOptions {
  /** Stores one batch in one transaction; answers how many were new. Throws when it stored nothing. */
  send(drafts: ImportDraft[]): Promise<{ added: number; known: number }>;
  /** Called between pieces of work; resolves once the page has had its turn. */
  pace(): Promise<void> | void;
  signal?: AbortSignal;
  onProgress?(progress: ImportProgress): void;
  /** Drafts in a batch, and the body text a batch of more than one may hold (a message's size). */
  batchSize: number;
  batchChars: number;
}

export interface ImportOutcome {
  progress: ImportProgress;
  errors: ImportError[];
  /** What was mended or cut in the posts that were imported. */
  notices: ImportNotice[];
  /** Why the import ended before its end: the user cancelled, or a batch was not stored. */
  stopped?: { cancelled: true } | { reason: Reason };
}

type Item = { kind: 'post'; name: string; bytes: Uint8Array } | { kind: 'error'; error: ImportError; post: boolean };

const EMPTY = new Uint8Array(0);
const IN_FLIGHT = 2;
/** How much of a zip is inflated between two turns of the page. */
const PIECE = 64 * 1024;

async function* zipItems(source: ImportSource, options: ImportRunOptions, read: (n: number) => void, directory?: ZipDirectory): AsyncGenerator<Item> {
  // By its directory when it has one: that alone says for certain where each entry ends.
  const reader = new ZipReader(zipLimits(options), isPostPath, directory);
  const within = (name: string) => `${source.name}/${name}`;
  function* items(list: ZipItem[]): Generator<Item> {
    for (const item of list) {
      if (item.kind === 'file') yield { kind: 'post', name: within(item.name), bytes: item.bytes };
      else if (item.kind === 'refused') yield { kind: 'error', error: { file: within(item.name), reason: item.reason }, post: item.wanted };
      else if (item.kind === 'broken') yield { kind: 'error', error: { file: source.name, reason: item.reason }, post: false };
    }
  }
  for await (const chunk of source.chunks()) {
    read(chunk.length);
    // A slice of the file can hold hundreds of small posts: they are inflated a piece at a time.
    for (let at = 0; at < chunk.length; at += PIECE) {
      yield* items(reader.push(chunk.subarray(at, at + PIECE)));
      await options.pace();
    }
  }
  yield* items(reader.push(EMPTY, true));
}

async function* fileItems(source: ImportSource, options: ImportRunOptions, read: (n: number) => void): AsyncGenerator<Item> {
  const max = maxFileBytes(options);
  if (source.size !== undefined && source.size > max) {
    read(source.size);
    yield { kind: 'error', error: tooLargeError(source.name, source.size, options), post: true };
    return;
  }
  const chunks: Uint8Array[] = [];
  let length = 0;
  for await (const chunk of source.chunks()) {
    read(chunk.length);
    chunks.push(chunk);
    length += chunk.length;
    if (length > max) {
      yield { kind: 'error', error: tooLargeError(source.name, length, options), post: true };
      return;
    }
  }
  yield { kind: 'post', name: source.name, bytes: joinBytes(chunks, length) };
}

/** Every post of every source, in order; a source that cannot be read is one error, and the rest go on. */
async function* allItems(
  sources: readonly ImportSource[],
  options: ImportRunOptions,
  read: (n: number) => void,
  directories: ReadonlyMap<ImportSource, ZipDirectory>,
): AsyncGenerator<Item> {
  for (const source of sources) {
    if (!isZipName(source.name) && !isMarkdownName(source.name)) {
      read(source.size ?? 0);
      yield { kind: 'error', error: notMarkdown(source.name), post: true };
      continue;
    }
    try {
      yield* isZipName(source.name) ? zipItems(source, options, read, directories.get(source)) : fileItems(source, options, read);
    } catch (error) {
      // The file changed or vanished on disk while it was read.
      yield { kind: 'error', error: { file: source.name, reason: reason('import-unreadable', { detail: errorText(error) }) }, post: false };
    }
  }
}

/**
 * The directories of the zips, read from their ends before anything else, and how many posts the
 * sources hold, when each can tell before it is read (a zip by its directory).
 */
async function readDirectories(sources: readonly ImportSource[], pace: () => Promise<void> | void): Promise<{ total?: number; directories: Map<ImportSource, ZipDirectory> }> {
  const directories = new Map<ImportSource, ZipDirectory>();
  let total: number | undefined = 0;
  for (const source of sources) {
    if (!isZipName(source.name)) {
      if (total !== undefined) total += 1;
      continue;
    }
    const { size, range } = source;
    const directory = size !== undefined && range ? await readZipDirectory(size, range, isPostPath, { pace }).catch(() => undefined) : undefined;
    if (directory) directories.set(source, directory);
    total = directory && total !== undefined ? total + directory.wanted : undefined;
  }
  return { ...(total !== undefined && { total }), directories };
}

/** One post, whatever its parser throws: one hostile file must not end the import. */
function readPost(file: { name: string; bytes: Uint8Array }, options: ImportOptions): ReturnType<typeof importPost> {
  try {
    return importPost(file, options);
  } catch (error) {
    return { error: { file: file.name, reason: reasonOf(error) } };
  }
}

export async function runImport(sources: readonly ImportSource[], options: ImportRunOptions): Promise<ImportOutcome> {
  const { signal, send, pace } = options;
  const progress: ImportProgress = { done: 0, bytesRead: 0, totalBytes: sources.reduce((n, s) => n + (s.size ?? 0), 0), added: 0, known: 0, failed: 0 };
  const errors: ImportError[] = [];
  const notices: ImportNotice[] = [];
  const report = () => options.onProgress?.({ ...progress });
  report();
  const { total, directories } = await readDirectories(sources, pace);
  if (total !== undefined) progress.total = total;
  report();

  let batch: ImportDraft[] = [];
  let chars = 0;
  // Batches being stored while the next is read: two, so that the page reads on while the worker
  // folds the search index (a long pause every few thousand clips). A failure surfaces when its
  // batch is waited for.
  const storing: Promise<void>[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const drafts = batch;
    batch = [];
    chars = 0;
    if (storing.length >= IN_FLIGHT) await storing.shift();
    const stored = send(drafts).then(({ added, known }) => {
      progress.added += added;
      progress.known += known;
      progress.done += drafts.length;
      report();
    });
    // Its failure is taken up where it is waited for; until then it is not an unhandled one.
    stored.catch(() => {});
    storing.push(stored);
  };
  const settle = () => Promise.all(storing.splice(0));

  let stopped: ImportOutcome['stopped'];
  try {
    for await (const item of allItems(sources, options, (n) => (progress.bytesRead += n), directories)) {
      if (signal?.aborted) break;
      const read = item.kind === 'post' ? readPost(item, options) : item;
      if ('clip' in read) {
        const { file, ...draft } = read.clip;
        for (const notice of read.notices) notices.push({ file, reason: notice });
        // The post kept for export travels beside its body: both make the message's size.
        const size = draft.contentHtml.length + (draft.imported?.text.length ?? 0);
        if (batch.length > 0 && (batch.length >= options.batchSize || chars + size > options.batchChars)) await flush();
        batch.push(draft);
        chars += size;
      } else {
        errors.push(read.error);
        if (!('post' in read) || read.post) {
          progress.done += 1;
          progress.failed += 1;
        }
        report();
      }
      await pace();
    }
    // Cancelled: the batch being read is dropped; the one being stored is kept whole.
    if (signal?.aborted) stopped = { cancelled: true };
    else await flush();
    await settle();
  } catch (error) {
    await Promise.allSettled(storing);
    const why = reasonOf(error);
    // The worker says the disk is full; the user needs to hear what that means for the import.
    stopped = { reason: why.code === 'storage-full' ? reason('import-storage-full', { added: progress.added }) : why };
  }
  report();
  return { progress, errors, notices, ...(stopped && { stopped }) };
}
