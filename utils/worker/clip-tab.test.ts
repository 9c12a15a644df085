import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { STORAGE_RESERVE_BYTES } from './storage-room';
import { clipForShortcut, clipTab, ExtractTimeoutError, tabHasSelection, type ClipPlatform, type TabInfo } from './clip-tab';
import { listClips, openClipperDb, type ClipperDb } from './db';
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
