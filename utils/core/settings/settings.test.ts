import { describe, expect, it } from 'vitest';
import { DEFAULT_TEMPLATE } from '../format/template';
import { DEFAULT_SETTINGS, SETTINGS_MIGRATIONS, SETTINGS_VERSION, legacyRecord, readBackupStatus, readSettings } from './settings';

const LEGACY = { preset: 'hugo', template: { text: 'T', fileName: 'f.md', target: 'hugo' }, downloadImages: true, previewImages: false, lastBackupAt: 1_700_000_000_000 };

describe('readSettings', () => {
  it('gives the defaults for nothing stored, and reports nothing', () => {
    expect(readSettings(undefined)).toEqual({ settings: DEFAULT_SETTINGS, broken: [] });
    expect(readSettings(null)).toEqual({ settings: DEFAULT_SETTINGS, broken: [] });
  });

  it('keeps every sound field', () => {
    const stored = { ...DEFAULT_SETTINGS, preset: 'obsidian', oneClick: true, defaultTags: ['news', '新聞'], batchTabs: 8, backupEveryDays: 7, askBeforeSaving: true };
    expect(readSettings(stored)).toEqual({ settings: stored, broken: [] });
  });

  it('defaults each broken field, names it, and keeps the others', () => {
    const { settings, broken } = readSettings({
      preset: 'toString',
      template: { text: 1 },
      oneClick: 'yes',
      defaultTags: ['ok', ' '],
      batchTabs: 9,
      backupEveryDays: -1,
      askBeforeSaving: true,
      downloadImages: true,
    });
    expect(broken.sort()).toEqual(['backupEveryDays', 'batchTabs', 'defaultTags', 'oneClick', 'preset', 'template']);
    expect(settings).toEqual({ ...DEFAULT_SETTINGS, askBeforeSaving: true, downloadImages: true });
  });

  it('holds the batch size to 1–8 whole tabs and the backup to 0–365 whole days', () => {
    for (const n of [0, 1.5, 9, Number.NaN]) expect(readSettings({ batchTabs: n }).broken).toEqual(['batchTabs']);
    for (const n of [1, 8]) expect(readSettings({ batchTabs: n }).settings.batchTabs).toBe(n);
    expect(readSettings({ backupEveryDays: 366 }).broken).toEqual(['backupEveryDays']);
    expect(readSettings({ backupEveryDays: 0 }).broken).toEqual([]);
  });

  it('refuses repeated default tags', () => {
    expect(readSettings({ defaultTags: ['a', 'a'] }).broken).toEqual(['defaultTags']);
  });

  it('reports a value that is not an object at all as wholly broken', () => {
    for (const v of ['{"preset":"hugo"}', 42, [DEFAULT_SETTINGS], true]) expect(readSettings(v)).toEqual({ settings: DEFAULT_SETTINGS, broken: ['*'] });
  });

  it('keeps no stray property of a template', () => {
    const { settings } = readSettings({ template: { text: 'x', fileName: 'y.md', evil: 1 } });
    expect(settings.template).toEqual({ text: 'x', fileName: 'y.md' });
    expect(readSettings({ template: { text: 'x', fileName: 'y.md', target: 'evil' } }).broken).toEqual(['template']);
  });

  it('ignores unknown fields', () => {
    expect(readSettings({ later: 1 })).toEqual({ settings: DEFAULT_SETTINGS, broken: [] });
  });
});

describe('legacyRecord (the pages’ localStorage record)', () => {
  it('parses the record and takes out when the last backup was made', () => {
    expect(legacyRecord(JSON.stringify(LEGACY))).toEqual({ value: LEGACY, lastBackupAt: LEGACY.lastBackupAt });
    expect(legacyRecord('{"preset":"jekyll"}')).toEqual({ value: { preset: 'jekyll' } });
  });

  it('finds nothing in no record, broken JSON or a non-object', () => {
    for (const raw of [null, '', 'not json', '[1]', '"x"', 'null']) expect(legacyRecord(raw)).toBeUndefined();
  });

  it('ignores a backup time that is not a time', () => {
    expect(legacyRecord('{"lastBackupAt":"yesterday"}')).toEqual({ value: { lastBackupAt: 'yesterday' } });
    expect(legacyRecord('{"lastBackupAt":-5}')?.lastBackupAt).toBeUndefined();
  });
});

describe('the migrations', () => {
  it('has a step to every version after the first', () => {
    expect(Object.keys(SETTINGS_MIGRATIONS).map(Number)).toEqual(Array.from({ length: SETTINGS_VERSION - 1 }, (_, i) => i + 2));
  });

  it('v1 → v2 keeps every setting of the localStorage record, drops lastBackupAt, adds the new fields at their defaults', () => {
    const v2 = SETTINGS_MIGRATIONS[2]!(LEGACY);
    expect(v2).toEqual({
      preset: 'hugo',
      template: { text: 'T', fileName: 'f.md', target: 'hugo' },
      downloadImages: true,
      previewImages: false,
      oneClick: false,
      defaultTags: [],
      batchTabs: 4,
      backupEveryDays: 0,
      askBeforeSaving: false,
    });
    expect(readSettings(v2).broken).toEqual([]);
  });

  it('v1 → v2 leaves a broken field for readSettings to report, and a non-object as it is', () => {
    const v2 = SETTINGS_MIGRATIONS[2]!({ preset: 'nope', downloadImages: true });
    expect(readSettings(v2)).toEqual({ settings: { ...DEFAULT_SETTINGS, downloadImages: true }, broken: ['preset'] });
    expect(SETTINGS_MIGRATIONS[2]!('x')).toBe('x');
  });

  it('a record of the oldest pages (no previewImages, no template) reads as they showed it', () => {
    const { settings } = readSettings(SETTINGS_MIGRATIONS[2]!(legacyRecord('{"preset":"archive","downloadImages":false}')!.value));
    expect(settings).toEqual({ ...DEFAULT_SETTINGS, template: DEFAULT_TEMPLATE });
  });
});

describe('readBackupStatus', () => {
  it('keeps a sound status and drops a broken one', () => {
    const failure = { at: 5, reason: { code: 'storage-full', params: {} } };
    expect(readBackupStatus({ lastAt: 3, failure })).toEqual({ lastAt: 3, failure });
    expect(readBackupStatus({ lastAt: 'x' })).toEqual({});
    expect(readBackupStatus({ failure: { at: 1, reason: { code: 'no-such-code', params: {} } } })).toEqual({});
    expect(readBackupStatus(null)).toEqual({});
  });
});
