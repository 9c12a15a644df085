import { PRESETS, type PresetId } from '../format/presets';
import { DEFAULT_TEMPLATE, type CustomTemplate } from '../format/template';
import { FIELD_LIMITS } from '../model/limits';
import { array, int, isObject, literal, object, optional, refine, string, type Check } from '../model/schema';
import { isReason, type Reason } from '../model/reasons';
import { isTag } from '../model/shapes';

// The user's settings, as every context reads them: the pages (export, popup) and the worker
// (one-click, default tags, batches, the scheduled backup). Stored in `storage.local`
// (utils/shared/settings-store.ts); this module is the pure part: the shape, the defaults, reading
// a stored value field by field, and the steps from older stored versions.

export interface Settings {
  preset: PresetId;
  template: CustomTemplate;
  /** Store the articles' images in zips (asks for access to the image hosts at that moment). */
  downloadImages: boolean;
  /** Load the articles' images in the preview (off: a preview makes no network request). */
  previewImages: boolean;
  /** The toolbar button clips at once, with no popup. */
  oneClick: boolean;
  /** Added to every clip. */
  defaultTags: string[];
  /** How many tabs a batch clips at once. */
  batchTabs: number;
  /** Every how many days the worker writes a full backup into the downloads folder; 0: never. */
  backupEveryDays: number;
  /** The popup shows the article with tag and note fields, and saves on Save (or Enter). */
  askBeforeSaving: boolean;
}

export type SettingsField = keyof Settings;

export const BATCH_TABS = { min: 1, max: 8 } as const;
/** The longest backup interval the options page offers (a year). */
export const BACKUP_DAYS_MAX = 365;

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  preset: 'archive',
  template: DEFAULT_TEMPLATE,
  downloadImages: false,
  previewImages: true,
  oneClick: false,
  defaultTags: [],
  batchTabs: 4,
  backupEveryDays: 0,
  askBeforeSaving: false,
});

const boolean: Check<boolean> = (v): v is boolean => typeof v === 'boolean';
const isPreset: Check<PresetId> = (v): v is PresetId => typeof v === 'string' && Object.hasOwn(PRESETS, v);
const isTemplate: Check<CustomTemplate> = object({
  text: string(),
  fileName: string(),
  target: optional(literal('gfm', 'jekyll', 'hugo', 'obsidian')),
});

/** Each field's check: a stored field that fails its check is replaced by its default. */
export const SETTINGS_FIELDS: { readonly [F in SettingsField]: Check<Settings[F]> } = {
  preset: isPreset,
  template: isTemplate,
  downloadImages: boolean,
  previewImages: boolean,
  oneClick: boolean,
  defaultTags: refine(array(isTag, FIELD_LIMITS.tags), (tags) => new Set(tags).size === tags.length),
  batchTabs: refine(int(BATCH_TABS.min), (n) => n <= BATCH_TABS.max),
  backupEveryDays: refine(int(0), (n) => n <= BACKUP_DAYS_MAX),
  askBeforeSaving: boolean,
};
const FIELDS = Object.keys(SETTINGS_FIELDS) as SettingsField[];

export interface ReadSettings {
  settings: Settings;
  /**
   * The stored fields that were present but broken (replaced by their defaults), or `['*']` when
   * the stored value was not an object at all. Empty when everything read is sound.
   */
  broken: (SettingsField | '*')[];
}

/**
 * The settings in a stored value: each sound field kept, each missing one defaulted, each broken
 * one defaulted and named in `broken`. Never throws: a damaged storage never breaks a page.
 */
export function readSettings(stored: unknown): ReadSettings {
  if (stored === null || stored === undefined) return { settings: { ...DEFAULT_SETTINGS }, broken: [] };
  if (!isObject(stored)) return { settings: { ...DEFAULT_SETTINGS }, broken: ['*'] };
  const settings = { ...DEFAULT_SETTINGS } as Record<SettingsField, unknown>;
  const broken: SettingsField[] = [];
  for (const field of FIELDS) {
    const value = stored[field];
    if (value === undefined) continue;
    // The template object is copied without unknown keys, so no stray property survives a save.
    if (SETTINGS_FIELDS[field](value)) settings[field] = field === 'template' ? pickTemplate(value as CustomTemplate) : value;
    else broken.push(field);
  }
  return { settings: settings as unknown as Settings, broken };
}

const pickTemplate = ({ text, fileName, target }: CustomTemplate): CustomTemplate => ({ text, fileName, ...(target && { target }) });

// Versions of the stored value (WXT's `version`; the storage module passes these steps as its
// `migrations`). Version 1 is the record the pages kept in their localStorage before the settings
// moved to extension storage, copied over verbatim on first run (see `legacyRecord`); each later
// version's step takes the value of the version before it.

export const SETTINGS_KEY = 'settings';
export const SETTINGS_VERSION = 2;
/** The localStorage key the pages used until version 2. */
export const LEGACY_SETTINGS_KEY = 'news-clipper.settings';

export const SETTINGS_MIGRATIONS: Record<number, (old: unknown) => unknown> = {
  /**
   * v1 → v2: the localStorage record (preset, template, images, `lastBackupAt`) gains the fields
   * the worker reads. `lastBackupAt` is not a setting: it moves to the backup status (the import
   * copies it there before this step runs), so the step drops it. Unknown or broken fields are
   * left for `readSettings` to report.
   */
  2: (old) => {
    if (!isObject(old)) return old;
    const { lastBackupAt: _moved, ...rest } = old;
    return {
      ...rest,
      oneClick: DEFAULT_SETTINGS.oneClick,
      defaultTags: [...DEFAULT_SETTINGS.defaultTags],
      batchTabs: DEFAULT_SETTINGS.batchTabs,
      backupEveryDays: DEFAULT_SETTINGS.backupEveryDays,
      askBeforeSaving: DEFAULT_SETTINGS.askBeforeSaving,
    };
  },
};

export interface LegacyRecord {
  /** The record as it was, to store as version 1. */
  value: Record<string, unknown>;
  /** When the user last made a backup, which the backup status keeps from now on. */
  lastBackupAt?: number;
}

/**
 * The pages' localStorage record, parsed. `undefined` when there is none or it is not a JSON
 * object (nothing to keep: the defaults are what the pages used for it too).
 */
export function legacyRecord(raw: string | null): LegacyRecord | undefined {
  if (raw === null) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (!isObject(value)) return undefined;
  const at = value.lastBackupAt;
  return { value, ...(typeof at === 'number' && Number.isFinite(at) && at > 0 && { lastBackupAt: at }) };
}

/** What the worker records after each scheduled (or manual) backup. */
export interface BackupStatus {
  /** When the last backup succeeded (epoch ms). */
  lastAt?: number;
  /** The last scheduled backup's failure, cleared by the next success. */
  failure?: { at: number; reason: Reason };
}

export const BACKUP_STATUS_KEY = 'backup-status';

export const isBackupStatus: Check<BackupStatus> = object({
  lastAt: optional(refine(int(0), (n) => n > 0)),
  failure: optional(object({ at: int(0), reason: isReason })),
});

/** The stored backup status, or none when it is missing or broken. */
export const readBackupStatus = (stored: unknown): BackupStatus => (isBackupStatus(stored) ? stored : {});
