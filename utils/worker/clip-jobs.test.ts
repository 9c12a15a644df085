import { describe, expect, it } from 'vitest';
import { clipLink, clipWindowTabs, MENU_ITEMS, onMenuClick, type JobsDeps, type JobsPlatform, type WindowTab } from './clip-jobs';
import { tooltipText, type BadgeView } from './badge';
import { reason, ReasonError } from '../core/model/reasons';
import type { ClipOutcome } from '../protocol/messages';
import type { ClipSummary } from '../core/model/types';
import { translatorFor } from '../../test/helpers/i18n';

const saved = (title: string): ClipOutcome => ({ status: 'saved', clip: { title } as ClipSummary, created: true, revisionAdded: false });

/** A browser of fakes: tabs are numbers, each tab's clip answers what `outcomes` says for its URL. */
function fakeBrowser(options: { tabs?: WindowTab[]; outcomes?: Record<string, ClipOutcome | Error>; access?: boolean; batchSize?: number; loads?: boolean } = {}) {
  const badges: { tabId: number | undefined; view: BadgeView }[] = [];
  const opened: { url: string; windowId: number | undefined; id: number }[] = [];
  const closed: number[] = [];
  const urls = new Map<number, string>((options.tabs ?? []).map((t) => [t.id!, t.url ?? '']));
  let nextId = 100;
  let running = 0;
  let peak = 0;
  const calls: string[] = [];
  const platform: JobsPlatform = {
    askWebAccess: async () => {
      calls.push('askWebAccess');
      return options.access ?? true;
    },
    openTab: async (url, windowId) => {
      const id = nextId++;
      opened.push({ url, windowId, id });
      urls.set(id, url);
      return id;
    },
    waitLoaded: async () => {
      if (options.loads === false) throw new ReasonError(reason('tab-load-timeout', { seconds: 60 }));
    },
    closeTab: async (id) => void closed.push(id),
    windowTabs: async () => options.tabs ?? [],
    openLibrary: async () => void calls.push('openLibrary'),
    showBadge: async (tabId, view) => void badges.push({ tabId, view }),
    batchSize: async () => options.batchSize ?? 4,
  };
  const clip = async (tabId: number, how: string): Promise<ClipOutcome> => {
    calls.push(`${how}:${tabId}`);
    peak = Math.max(peak, ++running);
    await new Promise((r) => setTimeout(r, 1));
    running--;
    const answer = options.outcomes?.[urls.get(tabId) ?? ''] ?? saved(`Story ${tabId}`);
    if (answer instanceof Error) throw answer;
    return answer;
  };
  const deps: JobsDeps = { platform, clipUnattended: (id) => clip(id, 'unattended'), clipSelection: (id) => clip(id, 'selection') };
  return { deps, badges, opened, closed, calls, peak: () => peak };
}

const en = translatorFor('en');
const tooltip = (view: BadgeView, t = en) => tooltipText(view.title, (key, values) => t(key, ...values));

describe('the context menu', () => {
  it('offers the five items, the selection only on a selection and the link only on web links', () => {
    expect(MENU_ITEMS.map((m) => [m.id, m.contexts])).toEqual([
      ['clip-page', ['page', 'action']],
      ['clip-selection', ['selection']],
      ['clip-link', ['link']],
      ['clip-all-tabs', ['page', 'action']],
      ['open-library', ['page', 'action']],
    ]);
    expect(MENU_ITEMS.find((m) => m.id === 'clip-link')?.targetUrlPatterns).toEqual(['http://*/*', 'https://*/*']);
  });

  it('asks for web access before anything is awaited, only for a link and for all tabs', () => {
    for (const id of ['clip-link', 'clip-all-tabs']) {
      const b = fakeBrowser();
      void onMenuClick(b.deps, { menuItemId: id, linkUrl: 'https://news.example/a' }, { id: 1, windowId: 9 });
      // Synchronously: the click's user gesture ends at the first await.
      expect(b.calls, id).toEqual(['askWebAccess']);
    }
    for (const id of ['clip-page', 'clip-selection', 'open-library']) {
      const b = fakeBrowser();
      void onMenuClick(b.deps, { menuItemId: id }, { id: 1, windowId: 9 });
      expect(b.calls, id).toEqual([]);
    }
  });

  it('explains a refused access on the badge and opens nothing', async () => {
    const b = fakeBrowser({ access: false });
    await onMenuClick(b.deps, { menuItemId: 'clip-link', linkUrl: 'https://news.example/a' }, { id: 1, windowId: 9 });
    expect(b.opened).toEqual([]);
    expect(b.badges).toHaveLength(1);
    expect(b.badges[0]!.tabId).toBe(1);
    expect(b.badges[0]!.view.text).toBe('!');
    expect(tooltip(b.badges[0]!.view)).toBe(en('reason.hosts-refused'));
    expect(tooltip(b.badges[0]!.view, translatorFor('zh-TW'))).toBe(translatorFor('zh-TW')('reason.hosts-refused'));
  });

  it('clips the page and the selection on the clicked tab, saying working, then ✓', async () => {
    const b = fakeBrowser();
    await onMenuClick(b.deps, { menuItemId: 'clip-page' }, { id: 3 });
    await onMenuClick(b.deps, { menuItemId: 'clip-selection' }, { id: 4 });
    expect(b.calls).toEqual(['unattended:3', 'selection:4']);
    expect(b.badges.map((x) => [x.tabId, x.view.text])).toEqual([
      [3, '…'],
      [3, '✓'],
      [4, '…'],
      [4, '✓'],
    ]);
    expect(tooltip(b.badges[1]!.view)).toBe('Clipped: Story 3');
  });

  it('opens the library', async () => {
    const b = fakeBrowser();
    await onMenuClick(b.deps, { menuItemId: 'open-library' }, { id: 3 });
    expect(b.calls).toEqual(['openLibrary']);
  });
});

describe('clipping a link', () => {
  it('opens it in a background tab of the window, clips it there and closes the tab', async () => {
    const b = fakeBrowser();
    const outcome = await clipLink(b.deps, 'https://news.example/a', 9);
    expect(outcome.status).toBe('saved');
    expect(b.opened).toEqual([{ url: 'https://news.example/a', windowId: 9, id: 100 }]);
    expect(b.calls).toEqual(['unattended:100']);
    expect(b.closed).toEqual([100]);
  });

  it('closes the tab when the page does not load or the clip throws, and says why', async () => {
    const slow = fakeBrowser({ loads: false });
    await expect(clipLink(slow.deps, 'https://news.example/slow', 9)).resolves.toEqual({ status: 'failed', reason: reason('tab-load-timeout', { seconds: 60 }) });
    expect(slow.calls).toEqual([]);
    expect(slow.closed).toEqual([100]);

    const broken = fakeBrowser({ outcomes: { 'https://news.example/b': new Error('gone') } });
    await expect(clipLink(broken.deps, 'https://news.example/b', 9)).resolves.toEqual({ status: 'failed', reason: reason('unexpected', { detail: 'gone' }) });
    expect(broken.closed).toEqual([100]);
  });

  it('refuses a link that is not to a web page without opening a tab', async () => {
    const b = fakeBrowser();
    await expect(clipLink(b.deps, 'mailto:desk@news.example', 9)).resolves.toEqual({ status: 'unclippable', reason: reason('link-not-web') });
    expect(b.opened).toEqual([]);
  });
});

describe('clipping every tab of the window', () => {
  const tabs: WindowTab[] = [
    { id: 1, url: 'https://news.example/1', title: 'One' },
    { id: 2, url: 'chrome://settings/', title: 'Settings' },
    { id: 3, url: 'https://news.example/3' },
    { id: 4, title: 'New Tab' },
    { id: 5, url: 'https://news.example/5' },
    { id: 6, url: 'https://news.example/6' },
    { id: 7, url: 'https://news.example/7' },
    {},
  ];
  const outcomes = {
    'chrome://settings/': { status: 'unclippable', reason: reason('tab-browser-page') } as ClipOutcome,
    'https://news.example/5': new Error('crashed'),
    '': { status: 'unclippable', reason: reason('tab-no-page') } as ClipOutcome,
  };

  it('clips the others when some fail, a bounded number at once, and sums up which failed and why', async () => {
    const b = fakeBrowser({ tabs, outcomes, batchSize: 2 });
    const report = await clipWindowTabs(b.deps, 9);
    expect(b.peak()).toBe(2);
    expect(report.succeeded.map((s) => s.item.id)).toEqual([1, 3, 6, 7]);
    expect(report.failed.map((f) => [f.item.id, f.failure.code])).toEqual([
      [2, 'tab-browser-page'],
      [4, 'tab-no-page'],
      [5, 'unexpected'],
    ]);

    // Every tab sees the batch: progress from 0/7 to 7/7, then the summary, which stays.
    const views = b.badges.map((x) => x.view);
    expect(b.badges.every((x) => x.tabId === undefined)).toBe(true);
    expect(views.map((v) => v.text)).toEqual(['0/7', '1/7', '2/7', '3/7', '4/7', '5/7', '6/7', '7/7', '!']);
    expect(tooltip(views.at(-2)!)).toBe('Clipping 7 pages: 7 done, 3 failed so far…');
    const summary = views.at(-1)!;
    expect(summary.keep).toBe(true);
    expect(tooltip(summary).split('\n')).toEqual([
      'Clipped 4 of 7 pages. Not clipped:',
      `chrome://settings/: ${en('reason.tab-browser-page')}`,
      `New Tab: ${en('reason.tab-no-page')}`,
      'https://news.example/5: crashed',
    ]);
    const zh = translatorFor('zh-CN');
    expect(tooltip(summary, zh).split('\n')[0]).toBe('已剪藏 7 个页面中的 4 个。未剪藏：');
  });

  it('all clipped: ✓, and the summary fades', async () => {
    const b = fakeBrowser({ tabs: tabs.slice(0, 1) });
    await clipWindowTabs(b.deps, 9);
    const summary = b.badges.at(-1)!.view;
    expect([summary.text, tooltip(summary), summary.keep]).toEqual(['✓', 'Clipped all 1 pages.', false]);
  });

  it('names a tab with neither address nor title by its place, and lists at most ten failures', async () => {
    const many: WindowTab[] = Array.from({ length: 12 }, (_, i) => ({ id: i + 1 }));
    const b = fakeBrowser({ tabs: many, outcomes: { '': { status: 'unclippable', reason: reason('tab-no-page') } } });
    await clipWindowTabs(b.deps, 9);
    const lines = tooltip(b.badges.at(-1)!.view).split('\n');
    expect(lines[1]).toBe(`Tab 1: ${en('reason.tab-no-page')}`);
    expect(lines).toHaveLength(12);
    expect(lines.at(-1)).toBe('… and 2 more.');
  });

  it('shows a batch past four characters as a percentage', async () => {
    const many: WindowTab[] = Array.from({ length: 20 }, (_, i) => ({ id: i + 1, url: `https://news.example/${i}` }));
    const b = fakeBrowser({ tabs: many, batchSize: 4 });
    await clipWindowTabs(b.deps, 9);
    expect(b.badges.map((x) => x.view.text).slice(0, 3)).toEqual(['0/20', '1/20', '2/20']);
    expect(b.badges.at(-1)!.view.text).toBe('✓');
    const long = fakeBrowser({ tabs: Array.from({ length: 120 }, (_, i) => ({ id: i + 1, url: `https://n.example/${i}` })), batchSize: 16 });
    await clipWindowTabs(long.deps, 9);
    expect(long.badges.map((x) => x.view.text)).toContain('50%');
    expect(long.peak()).toBeLessThanOrEqual(16);
  });
});
