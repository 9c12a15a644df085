// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { translator } from '@/utils/core/i18n';
import { dictionaryFor } from '../test/helpers/i18n';
import type { OptionsClient } from '@/utils/pages/options-client';
import { reason } from '@/utils/core/model/reasons';
import { SAMPLE_CLIP } from '@/utils/core/model/sample-clip';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DEFAULT_SETTINGS, LEGACY_SETTINGS_KEY } from '@/utils/core/settings/settings';
import { settingsClient } from '@/utils/pages/settings';
import { loadBackupStatus, loadSettingsRead } from '@/utils/shared/settings-store';
import { I18n } from './i18n-context';
import { OptionsApp } from './OptionsApp';

afterEach(cleanup);
beforeEach(() => fakeBrowser.reset());

/** The real settings client over WXT's fake browser (an in-memory storage.local). */
const stored = async () => (await loadSettingsRead()).settings;

function setup(overrides: Partial<OptionsClient> = {}, language = 'en') {
  const calls: string[] = [];
  const storageReads: number[] = [];
  const readStorage = async () => (storageReads.push(Date.now()), { usage: 3 * 1024 * 1024, quota: 80 * 1024 ** 3, persistent: false });
  const client: OptionsClient = {
    newestClip: async () => ({ ...SAMPLE_CLIP, title: 'Newest: a "quoted" title' }),
    backup: async () => (calls.push('backup'), 12),
    restore: async () => ({ restored: 3, errors: [] }),
    importFiles: async () => ({
      progress: { done: 4, total: 4, bytesRead: 1, totalBytes: 1, added: 2, known: 1, failed: 1 },
      errors: [{ file: 'notes.txt', reason: reason('import-not-markdown') }],
      notices: [{ file: '_posts/2020-06-18-A\nB.md', reason: reason('import-title-line-break') }],
    }),
    importFolder: async () => Promise.reject(new Error('no folder here')),
    ...overrides,
  };
  const settings = settingsClient({ localStorage: window.localStorage });
  render(
    <I18n.Provider value={translator(dictionaryFor(language))}>
      <OptionsApp client={client} settings={settings} parser={new DOMParser()} sampleClip={SAMPLE_CLIP} now={() => Date.UTC(2024, 0, 10)} readStorage={readStorage} />
    </I18n.Provider>,
  );
  return { calls, storageReads };
}

const previewText = () => document.querySelector('.preview-text')?.textContent ?? '';

describe('OptionsApp', () => {
  it('previews the archive post of the newest clip, and switching preset is saved and previewed', async () => {
    setup();
    await waitFor(() => expect(previewText()).toContain('title: "Newest: a \\"quoted\\" title"'));
    expect(document.querySelector('.preview-path')?.textContent).toMatch(/^_posts\/2023-06-18-/);
    fireEvent.click(screen.getByRole('radio', { name: /^Hugo/ }));
    await waitFor(async () => expect((await stored()).preset).toBe('hugo'));
    await waitFor(() => expect(document.querySelector('.preview-path')?.textContent).toMatch(/^content\/posts\//));
  });

  it.each([
    ['zh-CN', /^Hugo 页面 — 带有 Markdown 正文的 Hugo 内容页/, /^存档文章 — /],
    ['zh-TW', /^Hugo 頁面 — 帶有 Markdown 內文的 Hugo 內容頁/, /^存檔文章 — /],
  ])('names and describes the export formats in %s', async (language, hugo, archive) => {
    setup({}, language);
    expect(await screen.findByRole('radio', { name: hugo })).toBeTruthy();
    expect(screen.getByRole('radio', { name: archive })).toBeTruthy();
    expect(screen.queryByText(/Plain Markdown|Custom template|A Hugo content page/)).toBeNull();
  });

  it('edits a custom template with a live preview and reports mistakes with their place', async () => {
    setup();
    fireEvent.click(await screen.findByRole('radio', { name: /^Custom template/ }));
    const text = await screen.findByRole('textbox', { name: 'Template' });
    fireEvent.input(text, { target: { value: '---\ntitle: Clip – {{title}}\n---\n{{body_markdown}}\n' } });
    await waitFor(() => expect(previewText()).toContain('title: "Clip – Newest: a \\"quoted\\" title"'));
    await waitFor(async () => expect((await stored()).template.text).toContain('Clip – {{title}}'));
    fireEvent.input(text, { target: { value: '{{titel}}' } });
    expect((await screen.findByRole('alert')).textContent).toMatch(/line 1, column \d+/);
  });

  it('reminds to back up, backs up, and imports with a per-file report', async () => {
    const { calls } = setup();
    expect(screen.getByText(/Removing the extension deletes the library/)).toBeTruthy();
    expect(screen.getByText(/time for a backup/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Back up now' }));
    await screen.findByText('Backed up 12 clips.');
    expect(calls).toEqual(['backup']);
    expect((await loadBackupStatus()).lastAt).toBe(Date.UTC(2024, 0, 10));
    const input = screen.getByLabelText(/Import posts/) as HTMLInputElement;
    fireEvent.change(input, { target: { files: [new File(['x'], 'notes.txt')] } });
    await screen.findByText('Imported 2 new articles; 1 were already in the library.');
    expect(screen.getByText('notes.txt: Not a Markdown file (.md) or a zip of them.')).toBeTruthy();
    expect(screen.getByText('These files were imported with changes:')).toBeTruthy();
    expect(screen.getByText(/^_posts\/2020-06-18-A\sB\.md: Its title had a line break inside the quotes/)).toBeTruthy();
  });

  it('shows how far a backup and a restore are, with their controls in labelled rows', async () => {
    let step: (() => void) | undefined;
    const paused = () => new Promise<void>((resolve) => (step = resolve));
    setup({
      backup: async (onProgress) => {
        onProgress?.(1, 3);
        await paused();
        onProgress?.(3, 3);
        return 3;
      },
      restore: async (_file, onProgress) => {
        onProgress?.(0, 2);
        await paused();
        return { restored: 2, errors: [] };
      },
    });
    // Each control is named by its row's words, and the file inputs are drawn as buttons.
    const restoreInput = screen.getByLabelText('Restore a backup (.zip)') as HTMLInputElement;
    expect(restoreInput.type).toBe('file');
    expect(restoreInput.closest('.setting-row')?.textContent).toContain('Choose a backup…');
    expect((screen.getByLabelText('Import posts (.md files or a .zip)') as HTMLInputElement).multiple).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Back up now' }));
    await screen.findByText('Backing up: 1 of 3 clips');
    const bar = screen.getByRole('progressbar', { name: 'Progress' }) as HTMLProgressElement;
    expect([bar.value, bar.max]).toEqual([1, 3]);
    expect(restoreInput.disabled).toBe(true);
    step!();
    await screen.findByText('Backed up 3 clips.');
    expect(screen.queryByRole('progressbar')).toBeNull();
    fireEvent.change(restoreInput, { target: { files: [new File(['x'], 'backup.zip')] } });
    await screen.findByText('Restoring: 0 of 2 clips');
    step!();
    await screen.findByText(/Restored 2/);
    expect(screen.queryByRole('progressbar')).toBeNull();
  });

  it('shows the room the library takes, and reads it again after an import', async () => {
    const { storageReads } = setup();
    await screen.findByText('The library takes 3 MB of the 80 GB the browser allows it.');
    expect(storageReads).toHaveLength(1);
    fireEvent.change(screen.getByLabelText(/Import posts/), { target: { files: [new File(['x'], 'a.md')] } });
    await waitFor(() => expect(storageReads).toHaveLength(2));
  });

  it('offers a folder import only where the browser has a folder picker', async () => {
    setup();
    expect(screen.queryByRole('button', { name: /Import a folder of posts/ })).toBeNull();
    cleanup();
    const pickFolder = vi.fn(() => new Promise<never>(() => {}));
    setup({ pickFolder });
    fireEvent.click(screen.getByRole('button', { name: /Import a folder of posts/ }));
    expect(pickFolder).toHaveBeenCalledOnce();
    await screen.findByText('Looking for posts… 0 found');
    expect((screen.getByLabelText(/Import posts/) as HTMLInputElement).disabled).toBe(true);
  });

  it('turns preview images off', async () => {
    setup();
    const box = (await screen.findByRole('checkbox', { name: /Load the articles’ images in previews/ })) as HTMLInputElement;
    expect(box.checked).toBe(true);
    fireEvent.click(box);
    await waitFor(async () => expect((await stored()).previewImages).toBe(false));
  });

  it('turns images in exported zips on (the export bar reads the same setting)', async () => {
    setup();
    const box = (await screen.findByRole('checkbox', { name: /Store the articles’ images in exported zips/ })) as HTMLInputElement;
    expect(box.checked).toBe(false);
    fireEvent.click(box);
    await waitFor(async () => expect((await stored()).downloadImages).toBe(true));
  });

  it('says when something fails', async () => {
    setup({ backup: async () => Promise.reject(new Error('quota exceeded')) });
    fireEvent.click(screen.getByRole('button', { name: 'Back up now' }));
    expect((await screen.findByText(/That did not work/)).textContent).toContain('quota exceeded');
  });

  it('moves the localStorage settings over and shows them, the last backup included', async () => {
    window.localStorage.setItem(LEGACY_SETTINGS_KEY, JSON.stringify({ preset: 'obsidian', downloadImages: true, lastBackupAt: Date.UTC(2024, 0, 9) }));
    setup();
    expect(((await screen.findByRole('radio', { name: /^Obsidian/ })) as HTMLInputElement).checked).toBe(true);
    expect((screen.getByRole('checkbox', { name: /Store the articles’ images in exported zips/ }) as HTMLInputElement).checked).toBe(true);
    await waitFor(() => expect(screen.queryByText(/time for a backup/)).toBeNull());
    expect(window.localStorage.getItem(LEGACY_SETTINGS_KEY)).toBeNull();
    expect(await stored()).toEqual({ ...DEFAULT_SETTINGS, preset: 'obsidian', downloadImages: true });
  });

  it('reports a broken stored value once, shows the defaults, and stores the repaired value', async () => {
    await fakeBrowser.storage.local.set({ settings: { ...DEFAULT_SETTINGS, preset: 42, previewImages: false }, 'settings$': { v: 2 } });
    setup();
    expect((await screen.findByRole('alert')).textContent).toMatch(/could not be read and were reset/);
    expect((screen.getByRole('radio', { name: /^Archive post/ }) as HTMLInputElement).checked).toBe(true);
    expect((screen.getByRole('checkbox', { name: /Load the articles’ images in previews/ }) as HTMLInputElement).checked).toBe(false);
    await waitFor(async () => expect((await loadSettingsRead()).broken).toEqual([]));
    cleanup();
    setup();
    await screen.findByRole('radio', { name: /^Archive post/ });
    expect(screen.queryByText(/could not be read/)).toBeNull();
  });

  it('edits the clipping settings and the scheduled backup', async () => {
    setup();
    fireEvent.click(await screen.findByRole('checkbox', { name: /One click/ }));
    fireEvent.click(screen.getByRole('checkbox', { name: /tags and a note before saving/ }));
    fireEvent.change(screen.getByRole('textbox', { name: /Tags added to every clip/ }), { target: { value: ' news, 新聞，news ,, ' } });
    fireEvent.change(screen.getByRole('spinbutton', { name: /Tabs clipped at once/ }), { target: { value: '12' } });
    fireEvent.change(screen.getByRole('combobox', { name: /Back up automatically/ }), { target: { value: '7' } });
    await waitFor(async () =>
      expect(await stored()).toEqual({ ...DEFAULT_SETTINGS, oneClick: true, askBeforeSaving: true, defaultTags: ['news', '新聞'], batchTabs: 8, backupEveryDays: 7 }),
    );
    expect((screen.getByRole('textbox', { name: /Tags added to every clip/ }) as HTMLInputElement).value).toBe('news, 新聞');
  });

  it('shows a scheduled backup’s failure, and the last backup the worker made', async () => {
    setup();
    await screen.findByText(/No backup made yet/);
    await fakeBrowser.storage.local.set({ 'backup-status': { lastAt: Date.UTC(2024, 0, 9), failure: { at: Date.UTC(2024, 0, 10), reason: reason('backup-no-downloads', { detail: 'FILE_NO_SPACE' }) } } });
    expect((await screen.findByText(/The scheduled backup of .* failed/)).textContent).toContain('FILE_NO_SPACE');
    expect(screen.getByText(/Last backup:/)).toBeTruthy();
  });
});
