import { describe, expect, it } from 'vitest';
import { BACKUP_RETRY_MS, DAY_MS, FIRST_BACKUP_DELAY_MS, backupDue, backupFileName, dataUrl, nextBackupAt } from './backup-schedule';
import { reason } from '../model/reasons';

const NOW = Date.UTC(2025, 4, 10, 12);

describe('nextBackupAt', () => {
  it('schedules nothing when the schedule is off', () => {
    expect(nextBackupAt(0, { lastAt: NOW - 100 * DAY_MS }, NOW)).toBeUndefined();
  });

  it('is due N days after the last backup', () => {
    expect(nextBackupAt(7, { lastAt: NOW - DAY_MS }, NOW)).toBe(NOW + 6 * DAY_MS);
  });

  it('is due soon when there never was a backup, or when the last one is overdue', () => {
    expect(nextBackupAt(7, {}, NOW)).toBe(NOW + FIRST_BACKUP_DELAY_MS);
    expect(nextBackupAt(1, { lastAt: NOW - 30 * DAY_MS }, NOW)).toBe(NOW + FIRST_BACKUP_DELAY_MS);
  });

  it('waits the retry delay after a failure', () => {
    const failure = { at: NOW - 1000, reason: reason('storage-full') };
    expect(nextBackupAt(7, { lastAt: NOW - 8 * DAY_MS, failure }, NOW)).toBe(NOW - 1000 + BACKUP_RETRY_MS);
    // A failure older than the last success changes nothing.
    expect(nextBackupAt(7, { lastAt: NOW - DAY_MS, failure: { ...failure, at: NOW - 2 * DAY_MS } }, NOW)).toBe(NOW + 6 * DAY_MS);
  });
});

describe('backupDue', () => {
  it('is due when the alarm fires on time, not for an alarm of a schedule since changed', () => {
    expect(backupDue(7, { lastAt: NOW - 7 * DAY_MS }, NOW)).toBe(true);
    expect(backupDue(7, {}, NOW)).toBe(true);
    expect(backupDue(7, { lastAt: NOW - DAY_MS }, NOW)).toBe(false);
    expect(backupDue(0, {}, NOW)).toBe(false);
  });
});

describe('dataUrl', () => {
  it('encodes the bytes of every chunk, across chunk edges, as one base64 string', () => {
    const bytes = Uint8Array.from({ length: 200_003 }, (_, i) => (i * 7919) % 256);
    const chunks = [bytes.subarray(0, 1), bytes.subarray(1, 100_000), bytes.subarray(100_000, 100_002), bytes.subarray(100_002)];
    const url = dataUrl(chunks, 'application/zip');
    expect(url.startsWith('data:application/zip;base64,')).toBe(true);
    expect(url.slice('data:application/zip;base64,'.length)).toBe(Buffer.from(bytes).toString('base64'));
  });

  it('encodes nothing as an empty body', () => {
    expect(dataUrl([], 'application/zip')).toBe('data:application/zip;base64,');
  });
});

it('names the file by its day', () => {
  expect(backupFileName(NOW)).toBe('news-clipper-backup-2025-05-10.zip');
});
