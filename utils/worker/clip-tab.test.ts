import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { STORAGE_RESERVE_BYTES } from './storage-room';
import { clipForShortcut, clipFromPopup, clipTab, ExtractTimeoutError, saveExtracted, tabHasSelection, type ClipPlatform, type TabInfo } from './clip-tab';
import { getClip, listClips, openClipperDb, type ClipperDb } from './db';
import { DEFAULT_SETTINGS, type Settings } from '../core/settings/settings';
import { makeDraft } from '../../test/helpers/drafts';
import type { ExtractMode } from '../core/model/types';

let dbCount = 0;

function setup(tab: TabInfo | undefined, answer: (mode: ExtractMode) => unknown, fileAccess = false, selection = false) {
  const calls: ExtractMode[] = [];
  const platform: ClipPlatform = {
    activeTab: async () => tab,
    getTab: async (id) => {
      if (tab?.id !== id) throw new Error('No tab with id');
      return tab;
    },
    isFileAccessAllowed: async () => fileAccess,
    extract: async (_id, mode) => {
      calls.push(mode);
      return answer(mode);
    },
    hasSelection: async () => selection,
  };
  const db = openClipperDb(`clip-tab-${++dbCount}`);
  return { deps: { platform, db, now: () => 42, newId: () => `id-${dbCount}` }, calls, db };
}

const article = { id: 7, url: 'https://news.example/2024/05/01/story.html' };

describe('clipTab', () => {
  it('stores what the content script extracted from the active tab', async () => {
    const { deps, calls, db } = setup(article, () => ({ ok: true, draft: makeDraft() }));
    const outcome = await clipTab(deps, { mode: 'article' });
    expect(outcome).toMatchObject({ status: 'saved', created: true, clip: { title: 'A story', clippedAt: 42 } });
    expect(calls).toEqual(['article']);
    expect(await listClips(await db)).toHaveLength(1);
  });

  it('refuses browser pages without injecting anything', async () => {
    const { deps, calls, db } = setup({ id: 1, url: 'chrome://settings/' }, () => {
      throw new Error('should not be called');
    });
    const outcome = await clipTab(deps, { mode: 'article' });
    expect(outcome).toEqual({ status: 'unclippable', reason: { code: 'tab-browser-page', params: {} } });
    expect(calls).toEqual([]);
    expect(await listClips(await db)).toEqual([]);
  });

  it('reports a page with no article and stores nothing', async () => {
    const { deps, db } = setup(article, () => ({ ok: false, reason: 'no-article', title: 'Sections' }));
    const outcome = await clipTab(deps, { mode: 'article' });
    expect(outcome).toEqual({ status: 'no-article', reason: { code: 'no-article', params: {} } });
    expect(await listClips(await db)).toEqual([]);
  });

  it('turns an injection error into a reason that keeps the browser’s words', async () => {
    const { deps } = setup(article, () => {
      throw new Error('Cannot access contents of the page');
    });
    const outcome = await clipTab(deps, { mode: 'article' });
    expect(outcome).toEqual({ status: 'unclippable', reason: { code: 'tab-denied', params: { detail: 'Cannot access contents of the page' } } });
  });

  it('gives up on a page that does not answer in time, saying after how long', async () => {
    const { deps, db } = setup(article, () => {
      throw new ExtractTimeoutError(120_000);
    });
    expect(await clipTab(deps, { mode: 'article' })).toEqual({ status: 'failed', reason: { code: 'extract-timeout', params: { seconds: 120 } } });
    expect(await listClips(await db)).toEqual([]);
  });

  it('does not store a malformed answer from the page', async () => {
    const { deps, db } = setup(article, () => ({ ok: true, draft: { ...makeDraft(), contentHtml: 42 } }));
    expect(await clipTab(deps, { mode: 'article' })).toEqual({ status: 'failed', reason: { code: 'not-an-article', params: {} } });
    expect(await listClips(await db)).toEqual([]);
  });

  it.each([
    ['a full disk', new DOMException('The quota has been exceeded.', 'QuotaExceededError'), { code: 'storage-full', params: {} }],
    ['any other failure', new Error('disk on fire'), { code: 'save-failed', params: { detail: 'disk on fire' } }],
  ])('says why a clip could not be saved: %s', async (_name, error, reason) => {
    const { deps } = setup(article, () => ({ ok: true, draft: makeDraft() }));
    const failing = {
      transaction: () => {
        throw error;
      },
    } as unknown as ClipperDb;
    expect(await clipTab({ ...deps, db: Promise.resolve(failing) }, { mode: 'article' })).toEqual({ status: 'failed', reason });
  });

  it('refuses as storage full, writing nothing, when the clip would eat into the disk’s reserve', async () => {
    const { deps, db } = setup(article, () => ({ ok: true, draft: makeDraft() }));
    const nearlyFull = async () => ({ usage: 90e6, quota: 90e6 + STORAGE_RESERVE_BYTES });
    expect(await clipTab({ ...deps, estimate: nearlyFull }, { mode: 'article' })).toEqual({ status: 'failed', reason: { code: 'storage-full', params: {} } });
    expect(await listClips(await db)).toEqual([]);
    const roomy = async () => ({ usage: 90e6, quota: 90e6 + 2 * STORAGE_RESERVE_BYTES });
    expect(await clipTab({ ...deps, estimate: roomy }, { mode: 'article' })).toMatchObject({ status: 'saved' });
  });

  it('answers clearly when the tab is gone', async () => {
    const { deps } = setup(article, () => ({ ok: true, draft: makeDraft() }));
    expect(await clipTab(deps, { tabId: 99, mode: 'article' })).toEqual({ status: 'unclippable', reason: { code: 'no-tab', params: {} } });
  });

  it('passes the full-page mode to the content script', async () => {
    const { deps, calls } = setup(article, () => ({ ok: true, draft: makeDraft({ fullPage: true }) }));
    const outcome = await clipTab(deps, { tabId: 7, mode: 'full-page' });
    expect(calls).toEqual(['full-page']);
    expect(outcome).toMatchObject({ status: 'saved', clip: { fullPage: true } });
  });

  it('the shortcut clips the whole page, marked so, where no article is found', async () => {
    const { deps, calls } = setup(article, (mode) =>
      mode === 'article' ? { ok: false, reason: 'no-article', title: 'Sections' } : { ok: true, draft: makeDraft({ fullPage: true }) },
    );
    const outcome = await clipForShortcut(deps, 7);
    expect(calls).toEqual(['article', 'full-page']);
    expect(outcome).toMatchObject({ status: 'saved', clip: { fullPage: true } });
  });

  it('the shortcut does not fall back on pages that cannot be clipped', async () => {
    const { deps, calls } = setup({ id: 1, url: 'about:blank' }, () => ({ ok: true, draft: makeDraft() }));
    expect(await clipForShortcut(deps, 1)).toEqual({ status: 'unclippable', reason: { code: 'tab-blank', params: {} } });
    expect(calls).toEqual([]);
  });
});

describe('tabHasSelection', () => {
  it('asks the tab, but never a page that cannot be clipped', async () => {
    expect(await tabHasSelection(setup(article, () => null, false, true).deps, undefined)).toBe(true);
    expect(await tabHasSelection(setup(article, () => null, false, false).deps, undefined)).toBe(false);
    expect(await tabHasSelection(setup({ id: 2, url: 'chrome://newtab/' }, () => null, false, true).deps, undefined)).toBe(false);
  });
});

describe('the user’s settings in a clip', () => {
  const withSettings = (patch: Partial<Settings>, recent: string[] = []) => {
    const s = setup(article, () => ({ ok: true, draft: makeDraft() }));
    return { ...s, deps: { ...s.deps, settings: async () => ({ ...DEFAULT_SETTINGS, ...patch }), recentTags: async () => recent } };
  };

  it('adds the default tags to every clip, and to an article clipped again', async () => {
    const { deps, db } = withSettings({ defaultTags: ['news', '存档'] });
    expect(await clipTab(deps, { mode: 'article' })).toMatchObject({ status: 'saved', clip: { tags: ['news', '存档'] } });
    const database = await db;
    const [first] = await listClips(database);
    await saveExtracted(deps, makeDraft(), { tags: ['mine'], note: 'first note' });
    expect((await getClip(database, first!.id))).toMatchObject({ tags: ['news', '存档', 'mine'], note: 'first note' });
    await clipTab(deps, { mode: 'article' });
    expect((await getClip(database, first!.id))).toMatchObject({ tags: ['news', '存档', 'mine'], note: 'first note' });
  });

  it('keeps a note given again after the earlier one', async () => {
    const { deps, db } = withSettings({});
    await saveExtracted(deps, makeDraft(), { tags: [], note: 'one' });
    await saveExtracted(deps, makeDraft(), { tags: [], note: 'two' });
    await saveExtracted(deps, makeDraft(), { tags: [], note: '  ' });
    const [only] = await listClips(await db);
    expect((await getClip(await db, only!.id))?.note).toBe('one\n\ntwo');
  });

  it('stores the popup’s clip at once unless the user asked to review it', async () => {
    const { deps, db } = withSettings({ defaultTags: ['news'] });
    expect(await clipFromPopup(deps, { mode: 'article' })).toMatchObject({ status: 'saved', clip: { tags: ['news'] } });
    expect(await listClips(await db)).toHaveLength(1);
  });

  it('answers the draft to review, with the default and recent tags, and stores nothing', async () => {
    const { deps, db } = withSettings({ askBeforeSaving: true, defaultTags: ['news'] }, ['politics']);
    expect(await clipFromPopup(deps, { mode: 'article' })).toEqual({ status: 'review', draft: makeDraft(), tags: ['news'], recentTags: ['politics'] });
    expect(await listClips(await db)).toEqual([]);
  });

  it('still refuses what cannot be clipped, with no review', async () => {
    const s = setup({ id: 1, url: 'chrome://settings/' }, () => null);
    const deps = { ...s.deps, settings: async () => ({ ...DEFAULT_SETTINGS, askBeforeSaving: true }) };
    expect(await clipFromPopup(deps, { mode: 'article' })).toMatchObject({ status: 'unclippable' });
  });

  it('clips with the defaults when the settings cannot be read', async () => {
    const s = setup(article, () => ({ ok: true, draft: makeDraft() }));
    const deps = { ...s.deps, settings: () => Promise.reject(new Error('storage gone')) };
    expect(await clipFromPopup(deps, { mode: 'article' })).toMatchObject({ status: 'saved', clip: { tags: [] } });
  });

  it('never reviews the shortcut’s clip', async () => {
    const { deps } = withSettings({ askBeforeSaving: true });
    expect(await clipForShortcut(deps, undefined)).toMatchObject({ status: 'saved' });
  });
});
