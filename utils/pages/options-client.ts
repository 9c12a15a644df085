import { createBackup } from '../core/backup/backup';
import { restoreBackup } from '../core/backup/restore';
import { NO_FILTERS } from '../core/library/library-view';
import { downloadBlob } from './export-post';
import { clipsInBatches } from './extension-client';
import { fileSource, findPosts, type ReadableFolder } from './import-sources';
import { slicer } from './slicer';
import { BATCH_LIMIT, IMPORT_BATCH_CHARS, IMPORT_BATCH_LIMIT } from '../protocol/messages';
import { sendMessage } from '../protocol/messaging';
import type { ImportOutcome, ImportProgress, ImportSource } from '../core/backup/import-run';
import { ReasonError } from '../core/model/reasons';
import type { Clip, ImportDraft } from '../core/model/types';

// The options page's window on the extension: a clip for the template preview, backup, restore
// and import. Backups and imports go through the worker a batch at a time.

export interface ImportControl {
  signal: AbortSignal;
  onProgress: (progress: ImportProgress) => void;
}

type PickerWindow = Window & { showDirectoryPicker?: (options: { id?: string; mode?: 'read' }) => Promise<ReadableFolder> };

/**
 * Stores a batch. A worker that stopped midway (the browser ends idle service workers) answers
 * nothing, and its transaction was undone: the batch is sent once more, to a fresh worker. Had it
 * committed after all, the second time finds every article known, and adds nothing.
 */
async function storeBatch(drafts: ImportDraft[]): Promise<{ added: number; known: number }> {
  try {
    return await sendMessage('importClips', { drafts });
  } catch (error) {
    if (error instanceof ReasonError && error.reason.code !== 'no-answer') throw error;
    return sendMessage('importClips', { drafts });
  }
}

async function runImportIn(win: Window, sources: ImportSource[], { signal, onProgress }: ImportControl): Promise<ImportOutcome> {
  // The Markdown reader, the zip reader and the post parsing load only when the user imports.
  const [{ runImport }, { bodyPreparer }] = await Promise.all([import('../core/backup/import-run'), import('../core/backup/stored-body')]);
  return runImport(sources, {
    prepareBody: bodyPreparer(win),
    send: storeBatch,
    pace: slicer(),
    signal,
    onProgress,
    batchSize: IMPORT_BATCH_LIMIT,
    batchChars: IMPORT_BATCH_CHARS,
  });
}

export interface OptionsClient {
  newestClip(): Promise<Clip | null>;
  /** Downloads a full backup; answers how many clips it holds. `onProgress` hears of each clip written. */
  backup(onProgress?: (done: number, total: number) => void): Promise<number>;
  /** Restores a backup; `onProgress` hears of each batch of clips stored. */
  restore(file: File, onProgress?: (done: number, total: number) => void): Promise<{ restored: number; errors: string[] }>;
  /** Imports posts from `.md` files and zips, streaming them. */
  importFiles(files: File[], control: ImportControl): Promise<ImportOutcome>;
  /**
   * Opens the browser's folder picker (call it from a click): a site's `_posts`, sub-folders and
   * all. Absent where the browser has no folder picker.
   */
  pickFolder?: () => Promise<ReadableFolder>;
  /** Imports every post in a picked folder and its sub-folders, keeping their relative paths. */
  importFolder(folder: ReadableFolder, control: ImportControl & { onFinding?: (found: number) => void }): Promise<ImportOutcome>;
}

async function inBatches<T>(items: T[], send: (batch: T[]) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += BATCH_LIMIT) await send(items.slice(i, i + BATCH_LIMIT));
}

const bytesOf = async (file: File) => new Uint8Array(await file.arrayBuffer());

export function optionsClient(win: Window): OptionsClient {
  const picker = (win as PickerWindow).showDirectoryPicker?.bind(win);
  return {
    async newestClip() {
      const [newest] = await sendMessage('listClips', { limit: 1 });
      return newest ? sendMessage('getClip', { id: newest.id }) : null;
    },
    async backup(onProgress) {
      const { ids } = await sendMessage('viewIds', { query: '', filters: NO_FILTERS });
      const chunks: Uint8Array[] = [];
      const { clipCount } = await createBackup(clipsInBatches(ids), {
        write: (chunk) => void chunks.push(chunk),
        total: ids.length,
        onProgress: ({ done }) => onProgress?.(done, ids.length),
      });
      downloadBlob(win.document, `news-clipper-backup-${new Date().toISOString().slice(0, 10)}.zip`, chunks as BlobPart[], 'application/zip');
      return clipCount;
    },
    async restore(file, onProgress) {
      const { clips, errors } = restoreBackup(await bytesOf(file));
      let done = 0;
      onProgress?.(0, clips.length);
      await inBatches(clips, async (batch) => {
        await sendMessage('restoreClips', { clips: batch });
        onProgress?.((done += batch.length), clips.length);
      });
      return { restored: clips.length, errors };
    },
    importFiles: (files, control) => runImportIn(win, files.map(fileSource), control),
    ...(picker && { pickFolder: () => picker({ id: 'import-posts', mode: 'read' }) }),
    async importFolder(folder, control) {
      const sources: ImportSource[] = [];
      await findPosts(folder, folder.name, sources, { ...control, pace: slicer() });
      return runImportIn(win, sources, control);
    },
  };
}
