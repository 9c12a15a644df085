// Reading a full backup back: the clips exactly as they were backed up, plus a message for each
// entry that cannot be read (the others still restore). Nothing here touches the library: the
// caller decides how restored clips join it.

import { unzipSync } from 'fflate';
import { isClip } from '../model/shapes';
import type { Clip } from '../model/types';
import { CLIP_FOLDER, MANIFEST_PATH, manifestProblem, type Manifest } from './manifest';

export class BackupError extends Error {
  override name = 'BackupError';
}

export interface RestoreResult {
  clips: Clip[];
  /** One message per clip that could not be restored. */
  errors: string[];
  /** When the backup was made (epoch ms). */
  createdAt: number;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

function readJson(data: Uint8Array | undefined): unknown {
  if (!data) return undefined;
  try {
    return JSON.parse(decoder.decode(data)) as unknown;
  } catch {
    return undefined;
  }
}

function unpack(bytes: Uint8Array): Record<string, Uint8Array> {
  try {
    // Only the manifest and the clips are unpacked: posts and images are there for people.
    return unzipSync(bytes, { filter: (file) => file.name === MANIFEST_PATH || file.name.startsWith(CLIP_FOLDER) });
  } catch {
    throw new BackupError('This file is not a zip, or the zip is damaged.');
  }
}

/** True when `bytes` is a zip with a backup manifest (whatever its version). */
export function isBackupZip(bytes: Uint8Array): boolean {
  try {
    const files = unzipSync(bytes, { filter: (file) => file.name === MANIFEST_PATH });
    const manifest = readJson(files[MANIFEST_PATH]);
    return typeof manifest === 'object' && manifest !== null && (manifest as { format?: unknown }).format === 'news-clipper-backup';
  } catch {
    return false;
  }
}

/**
 * The clips of a backup zip. Throws a BackupError when the file is no backup at all (or one made
 * by a newer version); damaged clip entries are reported in `errors` and the rest restore.
 */
export function restoreBackup(bytes: Uint8Array): RestoreResult {
  const files = unpack(bytes);
  const manifest = readJson(files[MANIFEST_PATH]);
  const problem = manifestProblem(manifest);
  if (problem) throw new BackupError(problem);
  const { clips: entries, createdAt } = manifest as Manifest;
  const clips: Clip[] = [];
  const errors: string[] = [];
  const seen = new Set<string>();
  for (const entry of entries) {
    const clip = readJson(files[entry.file]);
    if (clip === undefined) {
      errors.push(`${entry.file}: missing or not valid JSON.`);
    } else if (!isClip(clip)) {
      errors.push(`${entry.file}: not a complete clip.`);
    } else if (clip.id !== entry.id) {
      errors.push(`${entry.file}: holds clip ${clip.id}, the manifest says ${entry.id}.`);
    } else if (seen.has(clip.id)) {
      errors.push(`${entry.file}: clip ${clip.id} is in the backup twice.`);
    } else {
      seen.add(clip.id);
      clips.push(clip);
    }
  }
  return { clips, errors, createdAt: typeof createdAt === 'number' ? createdAt : 0 };
}
