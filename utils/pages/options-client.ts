import { createBackup } from '../core/backup/backup';
import { restoreBackup } from '../core/backup/restore';
import { NO_FILTERS } from '../core/library/library-view';
import { downloadBlob } from './export-post';
import { clipsInBatches } from './extension-client';
import { BATCH_LIMIT } from '../protocol/messages';
import { sendMessage } from '../protocol/messaging';
import type { Clip } from '../core/model/types';

// The options page's window on the extension: a clip for the template preview, backup, restore
// and import. Backups and imports go through the worker a batch at a time.

export interface ImportReport {
  added: number;
  known: number;
  /** One line per file that could not be read, with the reason. */
  errors: string[];
}

export interface OptionsClient {
  newestClip(): Promise<Clip | null>;
  /** Downloads a full backup; answers how many clips it holds. */
  backup(): Promise<number>;
  restore(file: File): Promise<{ restored: number; errors: string[] }>;
  importFiles(files: File[]): Promise<ImportReport>;
}

async function inBatches<T>(items: T[], send: (batch: T[]) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += BATCH_LIMIT) await send(items.slice(i, i + BATCH_LIMIT));
}

const bytesOf = async (file: File) => new Uint8Array(await file.arrayBuffer());

export function optionsClient(win: Window): OptionsClient {
  return {
    async newestClip() {
      const [newest] = await sendMessage('listClips', { limit: 1 });
      return newest ? sendMessage('getClip', { id: newest.id }) : null;
    },
    async backup() {
      const { ids } = await sendMessage('viewIds', { query: '', filters: NO_FILTERS });
      const chunks: Uint8Array[] = [];
      const { clipCount } = await createBackup(clipsInBatches(ids), { write: (chunk) => void chunks.push(chunk), total: ids.length });
      downloadBlob(win.document, `news-clipper-backup-${new Date().toISOString().slice(0, 10)}.zip`, chunks as BlobPart[], 'application/zip');
      return clipCount;
    },
    async restore(file) {
      const { clips, errors } = restoreBackup(await bytesOf(file));
      await inBatches(clips, async (batch) => void (await sendMessage('restoreClips', { clips: batch })));
      return { restored: clips.length, errors };
    },
    async importFiles(files) {
      // The Markdown reader and the post parsing load only when the user imports.
      const [{ importPosts }, { bodyPreparer }, read] = await Promise.all([
        import('../core/backup/import-posts'),
        import('../core/backup/stored-body'),
        Promise.all(files.map(async (file) => ({ name: file.name, bytes: await bytesOf(file) }))),
      ]);
      const { clips, errors } = importPosts(read, { prepareBody: bodyPreparer(win) });
      let added = 0;
      let known = 0;
      await inBatches(
        clips.map(({ file: _file, ...draft }) => draft),
        async (drafts) => {
          const result = await sendMessage('importClips', { drafts });
          added += result.added;
          known += result.known;
        },
      );
      return { added, known, errors: errors.map((e) => `${e.file}: ${e.message}`) };
    },
  };
}
