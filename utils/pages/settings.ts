import { PRESETS, type PresetId } from '../core/format/presets';
import { DEFAULT_TEMPLATE, type CustomTemplate } from '../core/format/template';
import { isObject, isString } from '../core/model/shapes';

// The user's export settings. They live in the extension pages' localStorage: only the popup,
// the library tab and the options page read them, and that asks for no extra permission.

export interface ExportSettings {
  preset: PresetId;
  template: CustomTemplate;
  /** Store the articles' images in zips (asks for access to the image hosts at that moment). */
  downloadImages: boolean;
  /** Load the articles' images in the preview (off: a preview makes no network request). */
  previewImages: boolean;
  /** When the user last made a full backup (epoch ms). */
  lastBackupAt?: number;
}

export const DEFAULT_SETTINGS: ExportSettings = { preset: 'archive', template: DEFAULT_TEMPLATE, downloadImages: false, previewImages: true };
const KEY = 'news-clipper.settings';
const TARGETS = new Set(['gfm', 'jekyll', 'hugo', 'obsidian']);

/** Reads stored settings, keeping defaults for anything missing or malformed. */
export function parseSettings(raw: string | null): ExportSettings {
  let value: unknown;
  try {
    value = raw === null ? undefined : JSON.parse(raw);
  } catch {
    value = undefined;
  }
  if (!isObject(value)) return DEFAULT_SETTINGS;
  const template = isObject(value.template) && isString(value.template.text) && isString(value.template.fileName)
    ? {
        text: value.template.text,
        fileName: value.template.fileName,
        ...(TARGETS.has(value.template.target as string) && { target: value.template.target as CustomTemplate['target'] }),
      }
    : DEFAULT_TEMPLATE;
  return {
    preset: isString(value.preset) && Object.hasOwn(PRESETS, value.preset) ? (value.preset as PresetId) : DEFAULT_SETTINGS.preset,
    template,
    downloadImages: value.downloadImages === true,
    previewImages: value.previewImages !== false,
    ...(typeof value.lastBackupAt === 'number' && { lastBackupAt: value.lastBackupAt }),
  };
}

export function loadSettings(storage: Storage): ExportSettings {
  return parseSettings(storage.getItem(KEY));
}

export function saveSettings(storage: Storage, settings: ExportSettings): void {
  storage.setItem(KEY, JSON.stringify(settings));
}
