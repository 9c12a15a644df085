import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DEFAULT_SETTINGS, LEGACY_SETTINGS_KEY } from '../core/settings/settings';

// The store against WXT's fake browser (an in-memory storage.local): the move from localStorage
// through WXT's own version meta and migrations, as a page runs it.

type Store = typeof import('./settings-store');
/** A fresh module, as a newly opened page (or a restarted worker) defines its items. */
const fresh = async (): Promise<Store> => {
  vi.resetModules();
  return import('./settings-store');
};

function localStorageWith(entries: Record<string, string>): Pick<Storage, 'getItem' | 'removeItem'> & { entries: Record<string, string> } {
  return {
    entries,
    getItem: (k) => entries[k] ?? null,
    removeItem: (k) => void delete entries[k],
  };
}

const LEGACY = { preset: 'jekyll', template: { text: 'T {{title}}', fileName: '{{title|slug}}.md' }, downloadImages: true, previewImages: false, lastBackupAt: 1_700_000_000_000 };

beforeEach(() => fakeBrowser.reset());

describe('the settings store', () => {
  it('reads the defaults from an empty storage', async () => {
    const store = await fresh();
    expect(await store.loadSettingsRead()).toEqual({ settings: DEFAULT_SETTINGS, broken: [] });
  });

  it('moves the localStorage record over on first run, losing nothing, and removes it', async () => {
    const store = await fresh();
    const local = localStorageWith({ [LEGACY_SETTINGS_KEY]: JSON.stringify(LEGACY), other: 'kept' });
    await store.importLegacySettings(local);
    const { lastBackupAt, ...settings } = LEGACY;
    expect(await store.loadSettingsRead()).toEqual({ settings: { ...DEFAULT_SETTINGS, ...settings }, broken: [] });
    expect(await store.loadBackupStatus()).toEqual({ lastAt: lastBackupAt });
    expect(local.entries).toEqual({ other: 'kept' });
    // Stored at the current version, so a restarted context does not migrate it again.
    expect(await fakeBrowser.storage.local.get(['settings$'])).toEqual({ 'settings$': { v: 2 } });
    expect(await (await fresh()).loadSettings()).toEqual({ ...DEFAULT_SETTINGS, ...settings });
  });

  it('migrates a version-1 value that a context finds when it starts', async () => {
    // An import interrupted after writing the record: the next context's item migrates it.
    await fakeBrowser.storage.local.set({ settings: { preset: 'hugo', lastBackupAt: 5 } });
    const store = await fresh();
    expect(await store.loadSettings()).toEqual({ ...DEFAULT_SETTINGS, preset: 'hugo' });
    expect((await fakeBrowser.storage.local.get('settings')).settings).toEqual({ ...SETTINGS_V2_DEFAULTS_WITHOUT_EXPORT, preset: 'hugo' });
  });

  it('lets a value already in extension storage win over a leftover record, and removes the record', async () => {
    const store = await fresh();
    await store.updateSettings({ preset: 'obsidian' });
    const local = localStorageWith({ [LEGACY_SETTINGS_KEY]: JSON.stringify(LEGACY) });
    await store.importLegacySettings(local);
    expect((await store.loadSettings()).preset).toBe('obsidian');
    expect(await store.loadBackupStatus()).toEqual({});
    expect(local.entries).toEqual({});
  });

  it('drops a record that is not JSON, keeping the defaults', async () => {
    const store = await fresh();
    const local = localStorageWith({ [LEGACY_SETTINGS_KEY]: '{broken' });
    await store.importLegacySettings(local);
    expect(await store.loadSettingsRead()).toEqual({ settings: DEFAULT_SETTINGS, broken: [] });
    expect(local.entries).toEqual({});
  });

  it('survives a localStorage that throws', async () => {
    const store = await fresh();
    await expect(store.importLegacySettings({ getItem: () => { throw new Error('SecurityError'); }, removeItem: () => {} })).resolves.toBeUndefined();
  });

  it('reads a broken stored value as the defaults for the broken fields and names them', async () => {
    await fakeBrowser.storage.local.set({ settings: { ...DEFAULT_SETTINGS, batchTabs: 'lots', oneClick: true }, 'settings$': { v: 2 } });
    const store = await fresh();
    expect(await store.loadSettingsRead()).toEqual({ settings: { ...DEFAULT_SETTINGS, oneClick: true }, broken: ['batchTabs'] });
    // A change writes back only sound values.
    await store.updateSettings({ askBeforeSaving: true });
    expect(await store.loadSettingsRead()).toEqual({ settings: { ...DEFAULT_SETTINGS, oneClick: true, askBeforeSaving: true }, broken: [] });
  });

  it('reads a value that is not an object as wholly broken', async () => {
    await fakeBrowser.storage.local.set({ settings: 'garbage', 'settings$': { v: 2 } });
    const store = await fresh();
    expect(await store.loadSettingsRead()).toEqual({ settings: DEFAULT_SETTINGS, broken: ['*'] });
  });

  it('tells watchers of a change made elsewhere', async () => {
    const store = await fresh();
    const seen = new Promise((resolve) => store.watchSettings(resolve));
    await fakeBrowser.storage.local.set({ settings: { ...DEFAULT_SETTINGS, batchTabs: 2 } });
    expect(await seen).toEqual({ ...DEFAULT_SETTINGS, batchTabs: 2 });
  });
});

const { preset: _p, template: _t, downloadImages: _d, previewImages: _i, ...SETTINGS_V2_DEFAULTS_WITHOUT_EXPORT } = DEFAULT_SETTINGS;
