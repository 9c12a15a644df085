// A full backup: one zip with every clip as JSON (all fields: tags, note, edits, the original,
// revisions), an archive post per article for people and Jekyll, and manifest.json. Written clip
// by clip like any export, so a large library never sits in memory at once.

import { NameRegistry } from '../format/file-names';
import { exportClip } from '../format/presets';
import { each } from '../format/zip';
import { ZipWriter, type ZipSink } from '../format/zip-writer';
import type { Clip } from '../model/types';
import { BACKUP_FORMAT, BACKUP_VERSION, CLIP_FOLDER, MANIFEST_PATH, type Manifest, type ManifestEntry } from './manifest';

export interface BackupOptions {
  write: ZipSink;
  signal?: AbortSignal;
  onProgress?: (progress: { done: number; total?: number }) => void;
  total?: number;
  now?: number;
}

export interface BackupResult {
  clipCount: number;
  bytes: number;
}

export async function createBackup(clips: Iterable<Clip> | AsyncIterable<Clip>, options: BackupOptions): Promise<BackupResult> {
  const now = options.now ?? Date.now();
  const zip = new ZipWriter(options.write);
  const names = new NameRegistry();
  names.reserve(MANIFEST_PATH);
  const entries: ManifestEntry[] = [];
  try {
    for await (const clip of each(clips)) {
      options.signal?.throwIfAborted();
      const file = `${CLIP_FOLDER}${String(entries.length + 1).padStart(6, '0')}.json`;
      await zip.add(file, JSON.stringify(clip), { mtime: clip.updatedAt });
      const post = exportClip(clip, 'archive', { now });
      const claim = names.claim(post.path, clip.url);
      if (!claim.duplicate) await zip.add(claim.path, post.text, { mtime: clip.updatedAt });
      entries.push({ id: clip.id, file, ...(claim.duplicate ? {} : { post: claim.path }) });
      options.onProgress?.({ done: entries.length, total: options.total });
    }
    options.signal?.throwIfAborted();
    const manifest: Manifest = { format: BACKUP_FORMAT, version: BACKUP_VERSION, createdAt: now, clipCount: entries.length, clips: entries };
    await zip.add(MANIFEST_PATH, `${JSON.stringify(manifest, null, 2)}\n`, { mtime: now });
    return { clipCount: entries.length, bytes: await zip.finish() };
  } catch (error) {
    zip.abort();
    throw error;
  }
}
