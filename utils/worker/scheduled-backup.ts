import { browser, type Browser } from 'wxt/browser';
import { createBackup } from '../core/backup/backup';
import { reasonKey } from '../core/i18n/reasons';
import { NO_FILTERS } from '../core/library/library-view';
import { reason, reasonOf, reasonValues, ReasonError, type Reason } from '../core/model/reasons';
import { errorText } from '../core/model/errors';
import { backupDue, backupFileName, dataUrl, nextBackupAt } from '../core/settings/backup-schedule';
import type { BackupStatus } from '../core/settings/settings';
import { BATCH_LIMIT } from '../protocol/messages';
import { loadBackupStatus, loadSettings, saveBackupStatus } from '../shared/settings-store';
import { localeText } from './browser-platform';
import { getClips, type ClipperDb } from './db';
import { viewIds } from './library-views';

// The scheduled backup: an alarm every N days (the options page's setting), and a full backup zip
// written into the downloads folder with nobody there. What happened is kept in the backup status
// (the options page shows it); a failure also puts "!" on the toolbar button until a backup works.

export const BACKUP_ALARM = 'scheduled-backup';

/** Sets the alarm for the next backup, or clears it when the schedule is off. */
export async function planBackupAlarm(now = Date.now()): Promise<number | undefined> {
  const [settings, status] = await Promise.all([loadSettings(), loadBackupStatus()]);
  const when = nextBackupAt(settings.backupEveryDays, status, now);
  if (when === undefined) {
    await browser.alarms.clear(BACKUP_ALARM);
    return undefined;
  }
  const existing = await browser.alarms.get(BACKUP_ALARM);
  // Creating an alarm again replaces it: only when its time changed (each worker start plans).
  if (existing?.scheduledTime !== when) await browser.alarms.create(BACKUP_ALARM, { when });
  return when;
}

async function* allClips(db: ClipperDb) {
  const { ids } = await viewIds(db, { query: '', filters: NO_FILTERS });
  for (let i = 0; i < ids.length; i += BATCH_LIMIT) yield* await getClips(db, ids.slice(i, i + BATCH_LIMIT));
}

/** A URL the downloads API can fetch: a blob's where the context has them (Firefox), else data. */
function downloadUrl(chunks: Uint8Array[]): { url: string; release(): void } {
  const type = 'application/zip';
  if (typeof URL.createObjectURL === 'function') {
    const url = URL.createObjectURL(new Blob(chunks as BlobPart[], { type }));
    return { url, release: () => URL.revokeObjectURL(url) };
  }
  return { url: dataUrl(chunks, type), release: () => {} };
}

/** Waits until the download is complete, or throws why it was interrupted. */
function downloadEnded(id: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const settle = (state: string | undefined, error: string | undefined) => {
      if (state === 'complete') resolve();
      else if (state === 'interrupted') reject(new ReasonError(reason('backup-no-downloads', { detail: error ?? 'interrupted' })));
      else return;
      browser.downloads.onChanged.removeListener(onChanged);
    };
    const onChanged = (delta: Browser.downloads.DownloadDelta) => {
      if (delta.id === id) settle(delta.state?.current, delta.error?.current);
    };
    browser.downloads.onChanged.addListener(onChanged);
    // It may have ended before the listener was added.
    void browser.downloads.search({ id }).then(([item]) => item && settle(item.state, item.error));
  });
}

export interface BackupRun {
  /** When the backup ran. */
  at: number;
  clipCount?: number;
  /** The file written (its name as the browser chose it), when it was. */
  filename?: string;
  failure?: Reason;
}

/** Writes a full backup into the downloads folder now, and records how it went. */
export async function runBackupNow(db: Promise<ClipperDb>, now = Date.now()): Promise<BackupRun> {
  let run: BackupRun;
  try {
    const chunks: Uint8Array[] = [];
    const { clipCount } = await createBackup(allClips(await db), { write: (chunk) => void chunks.push(chunk), now });
    const { url, release } = downloadUrl(chunks);
    try {
      const id = await browser.downloads.download({ url, filename: backupFileName(now), conflictAction: 'uniquify', saveAs: false }).catch((error: unknown) => {
        throw new ReasonError(reason('backup-no-downloads', { detail: errorText(error) }));
      });
      await downloadEnded(id);
      const [item] = await browser.downloads.search({ id });
      run = { at: now, clipCount, ...(item?.filename && { filename: item.filename }) };
    } finally {
      release();
    }
  } catch (error) {
    run = { at: now, failure: reasonOf(error) };
  }
  const before = await loadBackupStatus();
  const status: BackupStatus = run.failure ? { ...before, failure: { at: now, reason: run.failure } } : { lastAt: now };
  await saveBackupStatus(status);
  await showBackupOnBadge(run.failure);
  return run;
}

/** A failure stays on the button (every tab) until a backup works; a success clears it. */
async function showBackupOnBadge(failure: Reason | undefined): Promise<void> {
  const { action } = browser;
  if (!failure) {
    await Promise.all([action.setBadgeText({ text: '' }), action.setTitle({ title: '' })]);
    return;
  }
  const why = localeText(reasonKey(failure.code), ...reasonValues(failure));
  await Promise.all([
    action.setBadgeText({ text: '!' }),
    action.setBadgeBackgroundColor({ color: '#cf222e' }),
    action.setTitle({ title: localeText('badgeBackupFailed', why) }),
  ]);
}

/** The alarm's handler: a backup when one is due under the current settings, then the next alarm. */
export async function onBackupAlarm(db: Promise<ClipperDb>, now = Date.now()): Promise<BackupRun | undefined> {
  const [settings, status] = await Promise.all([loadSettings(), loadBackupStatus()]);
  const run = backupDue(settings.backupEveryDays, status, now) ? await runBackupNow(db, now) : undefined;
  await planBackupAlarm(Date.now());
  return run;
}
