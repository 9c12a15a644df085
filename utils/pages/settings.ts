import type { BackupStatus, ReadSettings, Settings } from '../core/settings/settings';
import {
  importLegacySettings,
  loadBackupStatus,
  loadSettingsRead,
  saveBackupStatus,
  saveSettings,
  updateSettings,
  watchBackupStatus,
  watchSettings,
} from '../shared/settings-store';

// The pages' window on the settings in extension storage (utils/shared/settings-store.ts), handed
// to components as a prop. Each page moves the old localStorage record over before its first read.

export type { BackupStatus, ReadSettings, Settings };

export interface SettingsClient {
  /** The settings, and the stored fields that were broken (read as their defaults). */
  load(): Promise<ReadSettings>;
  /** Writes a change over the stored settings. */
  update(patch: Partial<Settings>): Promise<Settings>;
  /** Stores these settings whole (replacing a broken stored value with the sound one read). */
  repair(settings: Settings): Promise<void>;
  watch(onChange: (settings: Settings) => void): () => void;
  backupStatus(): Promise<BackupStatus>;
  watchBackupStatus(onChange: (status: BackupStatus) => void): () => void;
  /** Notes a backup the user made from the page. */
  recordBackup(at: number): Promise<void>;
}

export function settingsClient(win: Pick<Window, 'localStorage'>): SettingsClient {
  let local: Storage | undefined;
  try {
    local = win.localStorage;
  } catch {
    local = undefined; // Storage blocked for the page: there is nothing to move.
  }
  const moved = local ? importLegacySettings(local).catch(() => undefined) : Promise.resolve();
  // This page's writes, one after another (each reads what the one before wrote), and what they
  // wrote: the change events of the page's own writes arrive late, and would undo a newer edit
  // (fast typing in the template) if they were taken for another page's change.
  let queue: Promise<unknown> = moved;
  const own = new Set<string>();
  const write = <T>(step: () => Promise<T>): Promise<T> => {
    const done = queue.then(step);
    queue = done.catch(() => undefined);
    return done;
  };
  const mark = (settings: Settings) => (own.add(JSON.stringify(settings)), settings);
  return {
    load: () => moved.then(loadSettingsRead),
    update: (patch) => write(() => updateSettings(patch, mark)),
    repair: (settings) => write(() => saveSettings(mark(settings))),
    watch: (onChange) =>
      watchSettings((settings) => {
        if (!own.delete(JSON.stringify(settings))) onChange(settings);
      }),
    backupStatus: () => moved.then(loadBackupStatus),
    watchBackupStatus,
    recordBackup: async (at) => {
      await moved;
      // A successful backup also ends a scheduled one's failure notice.
      await saveBackupStatus({ lastAt: at });
    },
  };
}
