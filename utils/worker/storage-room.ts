import { ReasonError, reason } from '../core/model/reasons';

// With `unlimitedStorage` the browser's quota for the library is the free disk, so IndexedDB
// writes until the disk is full to the last byte, and a disk that full keeps the database from
// opening at all (its files need room to open), even to read or delete. So the worker keeps a
// reserve: below it, clips, imports and restores are refused as "storage full" while the library
// can still be read and cleaned up.
export const STORAGE_RESERVE_BYTES = 32 * 1024 * 1024;

/** `navigator.storage.estimate`, or a stand-in for it. */
export type StorageEstimate = () => Promise<{ usage?: number; quota?: number }>;

/**
 * Refuses (a "storage full" reason) a write of about `bytes` that would leave less than the
 * reserve free. An estimate that fails or says nothing lets the write try: the browser's own
 * refusal is still there behind it.
 */
export async function ensureRoom(estimate: StorageEstimate | undefined, bytes: number): Promise<void> {
  let free: number | undefined;
  try {
    const { usage, quota } = (await estimate?.()) ?? {};
    if (usage !== undefined && quota !== undefined) free = quota - usage;
  } catch {
    free = undefined;
  }
  if (free !== undefined && free - bytes < STORAGE_RESERVE_BYTES) throw new ReasonError(reason('storage-full'));
}

/** About what a write of these values takes on disk (UTF-16 strings, before compression). */
export function sizeOf(value: unknown): number {
  return JSON.stringify(value)?.length * 2 || 0;
}
