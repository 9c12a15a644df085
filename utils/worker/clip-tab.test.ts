import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { clipForShortcut, clipTab, tabHasSelection, type ClipPlatform, type TabInfo } from './clip-tab';
import { listClips, openClipperDb } from './db';
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
    expect(outcome.status).toBe('unclippable');
    expect(calls).toEqual([]);
    expect(await listClips(await db)).toEqual([]);
  });

  it('reports a page with no article and stores nothing', async () => {
    const { deps, db } = setup(article, () => ({ ok: false, reason: 'no-article', title: 'Sections' }));
    const outcome = await clipTab(deps, { mode: 'article' });
    expect(outcome).toMatchObject({ status: 'no-article', message: expect.stringContaining('whole page') });
    expect(await listClips(await db)).toEqual([]);
  });

  it('turns an injection error into a message', async () => {
    const { deps } = setup(article, () => {
      throw new Error('Cannot access contents of the page');
    });
    const outcome = await clipTab(deps, { mode: 'article' });
    expect(outcome).toMatchObject({ status: 'unclippable', message: expect.stringContaining('Cannot access contents') });
  });

  it('does not store a malformed answer from the page', async () => {
    const { deps, db } = setup(article, () => ({ ok: true, draft: { ...makeDraft(), contentHtml: 42 } }));
    expect((await clipTab(deps, { mode: 'article' })).status).toBe('failed');
    expect(await listClips(await db)).toEqual([]);
  });

  it('answers clearly when the tab is gone', async () => {
    const { deps } = setup(article, () => ({ ok: true, draft: makeDraft() }));
    expect(await clipTab(deps, { tabId: 99, mode: 'article' })).toMatchObject({ status: 'unclippable' });
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
    expect((await clipForShortcut(deps, 1)).status).toBe('unclippable');
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
