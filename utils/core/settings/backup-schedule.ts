import type { BackupStatus } from './settings';

// When the scheduled backup runs next, and how its zip reaches the downloads API. Pure: the worker
// (utils/worker/scheduled-backup.ts) holds the alarm and writes the file.

export const DAY_MS = 24 * 3600 * 1000;
/** A scheduled backup that failed is tried again after this long (or sooner, if it is due sooner). */
export const BACKUP_RETRY_MS = 6 * 3600 * 1000;
/** The first backup after the schedule is turned on, for a library never backed up. */
export const FIRST_BACKUP_DELAY_MS = 60 * 1000;

/**
 * When the next scheduled backup is due (epoch ms), or undefined when none is scheduled. Due `N`
 * days after the last backup (a manual one counts); soon when there never was one; and after a
 * failure, once the retry delay has passed.
 */
export function nextBackupAt(everyDays: number, status: BackupStatus, now: number): number | undefined {
  if (!(everyDays > 0)) return undefined;
  const period = everyDays * DAY_MS;
  let due = status.lastAt === undefined ? now + FIRST_BACKUP_DELAY_MS : status.lastAt + period;
  if (status.failure && status.failure.at > (status.lastAt ?? 0)) due = Math.max(due, status.failure.at + Math.min(BACKUP_RETRY_MS, period));
  return Math.max(due, now + FIRST_BACKUP_DELAY_MS);
}

/** Whether a scheduled backup is due now (an alarm may fire early or for a schedule since changed). */
export function backupDue(everyDays: number, status: BackupStatus, now: number): boolean {
  const due = nextBackupAt(everyDays, status, now - FIRST_BACKUP_DELAY_MS);
  return due !== undefined && due <= now;
}

/** The backup's file name in the downloads folder: its day, in UTC. */
export const backupFileName = (now: number): string => `news-clipper-backup-${new Date(now).toISOString().slice(0, 10)}.zip`;

/**
 * The bytes as a `data:` URL. Chrome's service worker has no `URL.createObjectURL`, and the
 * downloads API takes a `data:` URL (Chromium allows them up to 512 MB). Encoded a slice at a
 * time: the whole array as one call's arguments would overflow the call stack.
 */
export function dataUrl(chunks: readonly Uint8Array[], type: string): string {
  const parts: string[] = [];
  let carry = new Uint8Array(0);
  for (const chunk of [...chunks, undefined]) {
    // Base64 encodes 3 bytes at a time: every piece but the last is a multiple of 3 bytes long.
    const bytes = chunk ? concat(carry, chunk) : carry;
    const usable = chunk ? bytes.length - (bytes.length % 3) : bytes.length;
    if (usable > 0) parts.push(base64(bytes.subarray(0, usable)));
    carry = bytes.slice(usable);
  }
  return `data:${type};base64,${parts.join('')}`;
}

type WithBase64 = Uint8Array & { toBase64?: () => string };

/** The engine's own encoder where it has one (Chromium 140+, Firefox 133+), else `btoa` by slices. */
function base64(bytes: Uint8Array): string {
  const native = (bytes as WithBase64).toBase64;
  if (typeof native === 'function') return native.call(bytes);
  // Bytes a slice turns into characters through one call's arguments: few enough for any
  // engine's stack (a service worker's is smaller than Node's).
  const SLICE = 0x3000;
  const parts: string[] = [];
  for (let i = 0; i < bytes.length; i += SLICE) parts.push(btoa(String.fromCharCode(...bytes.subarray(i, i + SLICE))));
  return parts.join('');
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
