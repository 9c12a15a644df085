import { storage } from 'wxt/utils/storage';
import {
  BACKUP_STATUS_KEY,
  LEGACY_SETTINGS_KEY,
  SETTINGS_KEY,
  SETTINGS_MIGRATIONS,
  SETTINGS_VERSION,
  legacyRecord,
  readBackupStatus,
  readSettings,
  type BackupStatus,
  type ReadSettings,
  type Settings,
} from '../core/settings/settings';

// The settings in `storage.local`, which the worker and the pages both read (utils/shared: neither
// context's own folder). Only the wiring to WXT's storage lives here; what a stored value means is
// utils/core/settings/settings.ts.

const settingsItem = storage.defineItem<unknown>(`local:${SETTINGS_KEY}`, {
  version: SETTINGS_VERSION,
  migrations: SETTINGS_MIGRATIONS,
});
const backupStatusItem = storage.defineItem<unknown>(`local:${BACKUP_STATUS_KEY}`);

/** The settings, with what was broken in storage (each broken field falls back to its default). */
export async function loadSettingsRead(): Promise<ReadSettings> {
  try {
    return readSettings(await settingsItem.getValue());
  } catch {
    // Storage itself failed (it should not): the defaults keep the page working.
    return readSettings(undefined);
  }
}

export const loadSettings = async (): Promise<Settings> => (await loadSettingsRead()).settings;

/**
 * Writes a change over the stored settings (read just before, so another page's change stays).
 * `beforeWrite` sees the whole value about to be written.
 */
export async function updateSettings(patch: Partial<Settings>, beforeWrite?: (next: Settings) => void): Promise<Settings> {
  const next = { ...(await loadSettings()), ...patch };
  beforeWrite?.(next);
  await settingsItem.setValue(next);
  return next;
}

/** Stores these settings as they are (the options page repairing a broken value). */
export const saveSettings = (settings: Settings): Promise<void> => settingsItem.setValue(settings);

export const watchSettings = (onChange: (settings: Settings) => void): (() => void) =>
  settingsItem.watch((value) => onChange(readSettings(value).settings));

export async function loadBackupStatus(): Promise<BackupStatus> {
  try {
    return readBackupStatus(await backupStatusItem.getValue());
  } catch {
    return {};
  }
}

export const saveBackupStatus = (status: BackupStatus): Promise<void> => backupStatusItem.setValue(status);

export const watchBackupStatus = (onChange: (status: BackupStatus) => void): (() => void) =>
  backupStatusItem.watch((value) => onChange(readBackupStatus(value)));

/**
 * First run after the settings moved: the pages' localStorage record becomes version 1 of the
 * stored value, WXT's migrations bring it to the current version, and the record is removed. Only
 * the pages can do it (the worker has no localStorage); every page calls it before it reads the
 * settings, and it does nothing once the record is gone. A value already in extension storage
 * wins: the record is then a leftover of an earlier, interrupted move.
 */
export async function importLegacySettings(local: Pick<Storage, 'getItem' | 'removeItem'>): Promise<void> {
  let raw: string | null;
  try {
    raw = local.getItem(LEGACY_SETTINGS_KEY);
  } catch {
    return; // localStorage refused (e.g. blocked): nothing can be moved, nothing is lost.
  }
  if (raw === null) return;
  const record = legacyRecord(raw);
  if (record && (await settingsItem.getValue()) === null) {
    if (record.lastBackupAt !== undefined) {
      const status = await loadBackupStatus();
      if ((status.lastAt ?? 0) < record.lastBackupAt) await saveBackupStatus({ ...status, lastAt: record.lastBackupAt });
    }
    // Written as version 1 (no version meta), then migrated by WXT's own steps.
    await storage.removeMeta(`local:${SETTINGS_KEY}`);
    await storage.setItem(`local:${SETTINGS_KEY}`, record.value);
    await settingsItem.migrate();
  }
  local.removeItem(LEGACY_SETTINGS_KEY);
}
