import { runBatch, type BatchReport } from './batch';
import { batchProgressBadge, batchSummaryBadge, outcomeBadge, workingBadge, type BadgeLine, type BadgeView } from './badge';
import type { TabInfo } from './clip-tab';
import { reason, reasonOf, type Reason } from '../core/model/reasons';
import type { BadgeKey } from '../core/i18n/reasons';
import type { ClipOutcome } from '../protocol/messages';

// The ways in that have no popup to talk through: the context menu (this page, the selection, a
// link, every tab of the window), the toolbar button in one-click mode and the keyboard shortcut.
// Each tells the user on the badge: working, then ✓ or ! with why in the tooltip; a batch counts
// up and ends with a summary. The browser comes in as a small platform, so this runs with fakes.

/** What a web page's address looks like, for the menu's link item and the host access it asks for. */
export const WEB_PAGES = ['http://*/*', 'https://*/*'];

export type MenuId = 'clip-page' | 'clip-selection' | 'clip-link' | 'clip-all-tabs' | 'open-library';
export type MenuContext = 'page' | 'selection' | 'link' | 'action';

export interface MenuItem {
  id: MenuId;
  title: BadgeKey;
  contexts: [MenuContext, ...MenuContext[]];
  targetUrlPatterns?: string[];
}

/**
 * The context menu. Everything but the selection and a link is also on the toolbar button's own
 * menu (`action`): in one-click mode the button no longer opens the popup, and the library is
 * opened from there.
 */
export const MENU_ITEMS: readonly MenuItem[] = [
  { id: 'clip-page', title: 'menuClipPage', contexts: ['page', 'action'] },
  { id: 'clip-selection', title: 'menuClipSelection', contexts: ['selection'] },
  { id: 'clip-link', title: 'menuClipLink', contexts: ['link'], targetUrlPatterns: WEB_PAGES },
  { id: 'clip-all-tabs', title: 'menuClipAllTabs', contexts: ['page', 'action'] },
  { id: 'open-library', title: 'menuOpenLibrary', contexts: ['page', 'action'] },
];

/** Opening a link or reading other tabs needs host access: `activeTab` covers only the clicked tab. */
const NEEDS_WEB_ACCESS: ReadonlySet<string> = new Set<MenuId>(['clip-link', 'clip-all-tabs']);

/** How long a link opened in the background may take to load before it is given up. */
export const LINK_LOAD_TIMEOUT_MS = 60_000;

export interface WindowTab extends TabInfo {
  title?: string;
}

export interface JobsPlatform {
  /**
   * Asks for access to web pages (the optional host permission; the browser asks the user only
   * the first time), answering whether it is granted. Browsers accept the request only during a
   * user gesture, which ends at the handler's first `await`: it is called before anything else.
   */
  askWebAccess(): Promise<boolean>;
  /** Opens `url` in a background tab of the window; answers the tab's id at once. */
  openTab(url: string, windowId: number | undefined): Promise<number>;
  /** Resolves once the tab has loaded; rejects with a ReasonError after `ms`. */
  waitLoaded(tabId: number, ms: number): Promise<void>;
  closeTab(tabId: number): Promise<void>;
  /** The tabs of a window (the last focused one when undefined), in their order. */
  windowTabs(windowId: number | undefined): Promise<WindowTab[]>;
  openLibrary(): Promise<void>;
  /**
   * Shows a view on the toolbar button: for one tab, or (undefined) for all of them (a batch,
   * whose tabs come and go). Views are shown in the order asked for; a failure to show one (a tab
   * closed meanwhile) is swallowed.
   */
  showBadge(tabId: number | undefined, view: BadgeView): Promise<void>;
  /** How many tabs a batch clips at once (the user's setting). */
  batchSize(): Promise<number>;
}

export interface JobsDeps {
  platform: JobsPlatform;
  /** Clips a tab where no one is asked: the article, or else the whole page, marked so. */
  clipUnattended(tabId: number): Promise<ClipOutcome>;
  /** Clips the tab's selected text. */
  clipSelection(tabId: number): Promise<ClipOutcome>;
}

const failed = (r: Reason): ClipOutcome => ({ status: 'failed', reason: r });

/** One clip, told on the tab's badge: working, then ✓ or ! and why. */
export async function clipWithBadge(deps: JobsDeps, tabId: number | undefined, clip: () => Promise<ClipOutcome>): Promise<ClipOutcome> {
  await deps.platform.showBadge(tabId, workingBadge());
  const outcome = await clip().catch((error: unknown) => failed(reasonOf(error)));
  await deps.platform.showBadge(tabId, outcomeBadge(outcome));
  return outcome;
}

/** Opens a link in a background tab, clips it there, and closes the tab whatever happened. */
export async function clipLink(deps: JobsDeps, url: string, windowId: number | undefined): Promise<ClipOutcome> {
  if (!/^https?:\/\//i.test(url)) return { status: 'unclippable', reason: reason('link-not-web') };
  const { platform } = deps;
  const tabId = await platform.openTab(url, windowId);
  try {
    await platform.waitLoaded(tabId, LINK_LOAD_TIMEOUT_MS);
    return await deps.clipUnattended(tabId);
  } catch (error) {
    return failed(reasonOf(error));
  } finally {
    await platform.closeTab(tabId).catch(() => {});
  }
}

/** What the tooltip calls a tab: its address, else its title, else its place in the window. */
function tabLabel(tab: WindowTab, index: number): string | BadgeLine {
  return tab.url || tab.title || { key: 'badgeTabNumber', values: [index + 1] };
}

export type WindowBatchReport = BatchReport<WindowTab, ClipOutcome, Reason>;

/**
 * Clips every tab of a window, a bounded number at once; a tab that fails is reported and the
 * others go on. The badge counts up on every tab, and ends with how many were clipped and which
 * were not, and why.
 */
export async function clipWindowTabs(deps: JobsDeps, windowId: number | undefined): Promise<WindowBatchReport> {
  const { platform } = deps;
  const tabs = (await platform.windowTabs(windowId)).filter((tab) => tab.id !== undefined);
  const concurrency = await platform.batchSize();
  let failures = 0;
  await platform.showBadge(undefined, batchProgressBadge({ done: 0, total: tabs.length, failed: 0 }));
  const report = await runBatch(tabs, {
    concurrency,
    work: async (tab) => {
      const outcome = await deps.clipUnattended(tab.id!);
      return outcome.status === 'saved' ? { ok: true, value: outcome } : { ok: false, failure: outcome.reason };
    },
    failureOf: (error) => reasonOf(error),
    onProgress: ({ done, total, last }) => {
      if (!last.result.ok) failures++;
      void platform.showBadge(undefined, batchProgressBadge({ done, total, failed: failures }));
    },
  });
  const failuresListed = report.failed.map((f) => ({ label: tabLabel(f.item, f.index), reason: f.failure }));
  await platform.showBadge(undefined, batchSummaryBadge(report.succeeded.length, report.total, failuresListed));
  return report;
}

export interface MenuClick {
  menuItemId: string | number;
  linkUrl?: string;
}

export interface MenuTab {
  id?: number;
  windowId?: number;
}

/**
 * A click on one of the menu's items. Not `async`: the host access request must be made before
 * the first `await` (see `askWebAccess`), so it is made here, synchronously, then the rest runs.
 */
export function onMenuClick(deps: JobsDeps, info: MenuClick, tab: MenuTab | undefined): Promise<unknown> {
  const id = String(info.menuItemId);
  const access = NEEDS_WEB_ACCESS.has(id) ? deps.platform.askWebAccess().catch(() => false) : Promise.resolve(true);
  return (async () => {
    const tabId = tab?.id;
    if (!(await access)) {
      const refused: ClipOutcome = { status: 'unclippable', reason: reason('hosts-refused') };
      await deps.platform.showBadge(tabId, outcomeBadge(refused));
      return refused;
    }
    switch (id as MenuId) {
      case 'clip-page':
        return tabId === undefined ? undefined : clipWithBadge(deps, tabId, () => deps.clipUnattended(tabId));
      case 'clip-selection':
        return tabId === undefined ? undefined : clipWithBadge(deps, tabId, () => deps.clipSelection(tabId));
      case 'clip-link':
        return clipWithBadge(deps, tabId, () => clipLink(deps, info.linkUrl ?? '', tab?.windowId));
      case 'clip-all-tabs':
        return clipWindowTabs(deps, tab?.windowId);
      case 'open-library':
        return deps.platform.openLibrary();
      default:
        return undefined;
    }
  })();
}
