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

/**
 * About what a write of these values takes on disk (UTF-16 strings, before compression): their
 * strings' lengths, keys included, and a few bytes for each other value. A walk, not
 * JSON.stringify: an import's batch is 2 MB of text, and writing it out only to measure it cost
 * the worker a third of a millisecond a post.
 */
export function sizeOf(value: unknown): number {
  let bytes = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const item = stack.pop();
    if (typeof item === 'string') bytes += item.length * 2 + 4;
    else if (typeof item === 'number' || typeof item === 'boolean') bytes += 8;
    else if (Array.isArray(item)) for (const child of item) stack.push(child);
    else if (typeof item === 'object' && item !== null) {
      for (const [key, child] of Object.entries(item)) {
        bytes += key.length * 2 + 4;
        stack.push(child);
      }
    }
  }
  return bytes;
}
