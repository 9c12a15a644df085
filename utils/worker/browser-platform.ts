import { browser, type Browser } from 'wxt/browser';
import { ExtractTimeoutError, type ClipPlatform } from './clip-tab';
import type { ClipOutcome } from '../protocol/messages';
import { EXTRACT_GLOBAL, type ExtractMode } from '../core/model/types';
import { localeMessageName, type BadgeKey } from '../core/i18n/reasons';
import { reason, ReasonError } from '../core/model/reasons';
import { outcomeBadge, tooltipText, type BadgeView } from './badge';
import { WEB_PAGES, type JobsPlatform } from './clip-jobs';

// The worker's side of the browser: finding tabs, running the content script, the badge.

const CONTENT_SCRIPT = '/clipper.js';

/**
 * How long a page may take to answer the clipper (a busy or hostile page must not hold a clip, and
 * the popup waiting for it, forever). Above the content script's own bounds for a multi-page article.
 */
// Long enough for a multi-page article (ten pages, ten seconds each) on a slow connection.
export const EXTRACT_TIMEOUT_MS = 120_000;
let extractTimeoutMs = EXTRACT_TIMEOUT_MS;

/** For tests: a shorter bound (the test build's hook sets it). */
export function setExtractTimeout(ms: number): void {
  extractTimeoutMs = ms;
}

function withinBound<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new ExtractTimeoutError(ms)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

export const browserClipPlatform: ClipPlatform = {
  async activeTab() {
    const [tab] = await browser.tabs.query({ active: true, lastFocusedWindow: true, windowType: 'normal' });
    return tab;
  },
  getTab: (tabId) => browser.tabs.get(tabId),
  isFileAccessAllowed: () => browser.extension.isAllowedFileSchemeAccess(),
  extract(tabId: number, mode: ExtractMode) {
    return withinBound(
      (async () => {
        // Injecting a file cannot pass arguments: the file defines the function, a second call runs it.
        await browser.scripting.executeScript({ target: { tabId }, files: [CONTENT_SCRIPT] });
        const [injection] = await browser.scripting.executeScript({
          target: { tabId },
          func: (name: string, extractMode: ExtractMode) =>
            (globalThis as unknown as Record<string, (m: ExtractMode) => unknown>)[name]?.(extractMode),
          args: [EXTRACT_GLOBAL, mode],
        });
        return injection?.result;
      })(),
      extractTimeoutMs,
    );
  },
  async hasSelection(tabId: number) {
    const [injection] = await browser.scripting.executeScript({
      target: { tabId },
      func: () => (globalThis.getSelection?.()?.toString().trim().length ?? 0) > 0,
    });
    return injection?.result === true;
  },
};

/**
 * A table entry in the language the browser chose among `_locales` (as the pages do), read from
 * the copy there: the worker does not bundle the tables.
 */
export function localeText(key: BadgeKey, ...values: (string | number)[]): string {
  return browser.i18n.getMessage(localeMessageName(key), values.map(String));
}

const BADGE_MS = 6000;
/** Per tab (or `all`, the view every tab shows): when its view fades. */
const badgeTimers = new Map<number | 'all', ReturnType<typeof setTimeout>>();
let badgeQueue: Promise<void> = Promise.resolve();
/**
 * A tab's own badge text can be removed, so that it shows every tab's again, but not its own
 * tooltip (Chrome requires one): a faded tab keeps a copy of every tab's tooltip, updated with it.
 */
let everyTabTitle = '';
const tabsCopyingTitle = new Set<number>();

async function applyBadge(tabId: number | undefined, view: BadgeView): Promise<void> {
  const { action } = browser;
  const title = tooltipText(view.title, (key, values) => localeText(key, ...values));
  await Promise.all([
    action.setBadgeText({ text: view.text, tabId }),
    action.setBadgeBackgroundColor({ color: view.color, tabId }),
    action.setTitle({ title, tabId }),
  ]);
  if (tabId === undefined) {
    everyTabTitle = title;
    for (const id of tabsCopyingTitle) void action.setTitle({ title, tabId: id }).catch(() => tabsCopyingTitle.delete(id));
  } else {
    tabsCopyingTitle.delete(tabId);
  }
  const slot = tabId ?? 'all';
  clearTimeout(badgeTimers.get(slot));
  badgeTimers.delete(slot);
  if (view.keep) return;
  badgeTimers.set(
    slot,
    setTimeout(() => {
      badgeTimers.delete(slot);
      if (tabId === undefined) {
        everyTabTitle = '';
        for (const id of tabsCopyingTitle) void action.setTitle({ title: '', tabId: id }).catch(() => tabsCopyingTitle.delete(id));
        void Promise.all([action.setBadgeText({ text: '' }), action.setTitle({ title: '' })]).catch(() => {});
      } else {
        // The tab's own text is removed (`null`, as Chrome and Firefox document it; the types
        // leave null out): it shows every tab's again.
        tabsCopyingTitle.add(tabId);
        const cleared = { tabId, text: null } as unknown as Browser.action.BadgeTextDetails;
        void Promise.all([action.setBadgeText(cleared), action.setTitle({ title: everyTabTitle, tabId })]).catch(() => tabsCopyingTitle.delete(tabId));
      }
    }, BADGE_MS),
  );
}

/**
 * Shows a view on the toolbar button, for a tab or for all; views are applied in the order they
 * were asked for (a batch's progress must not land after its summary), and a tab closed meanwhile
 * is no error.
 */
export function showBadge(tabId: number | undefined, view: BadgeView): Promise<void> {
  badgeQueue = badgeQueue.then(() => applyBadge(tabId, view)).catch(() => {});
  return badgeQueue;
}

/** The keyboard shortcut has no popup: the badge and its tooltip tell the user what happened. */
export function showOutcomeOnBadge(tabId: number | undefined, outcome: ClipOutcome): Promise<void> {
  return showBadge(tabId, outcomeBadge(outcome));
}

const WEB_ACCESS = { origins: WEB_PAGES };

/** Resolves when the tab has loaded its page (not the blank page a new tab starts with). */
function waitLoaded(tabId: number, ms: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const done = (error?: Error) => {
      clearTimeout(timer);
      browser.tabs.onUpdated.removeListener(onUpdated);
      browser.tabs.onRemoved.removeListener(onRemoved);
      if (error) reject(error);
      else resolve();
    };
    const loaded = (tab: Browser.tabs.Tab) => tab.status === 'complete' && tab.url !== undefined && tab.url !== 'about:blank';
    const onUpdated = (id: number, _change: unknown, tab: Browser.tabs.Tab) => {
      if (id === tabId && loaded(tab)) done();
    };
    const onRemoved = (id: number) => {
      if (id === tabId) done(new ReasonError(reason('no-tab')));
    };
    const timer = setTimeout(() => done(new ReasonError(reason('tab-load-timeout', { seconds: Math.round(ms / 1000) }))), ms);
    browser.tabs.onUpdated.addListener(onUpdated);
    browser.tabs.onRemoved.addListener(onRemoved);
    // It may have loaded before the listener was added.
    browser.tabs.get(tabId).then((tab) => loaded(tab) && done(), () => done(new ReasonError(reason('no-tab'))));
  });
}

export function browserJobsPlatform(batchSize: () => Promise<number>): JobsPlatform {
  return {
    askWebAccess() {
      // Made in the click's handler, so the browser accepts it. Called otherwise (a test's call
      // from the worker, a handler that awaited first), it throws: then what is already granted counts.
      let asked: Promise<boolean>;
      try {
        asked = browser.permissions.request(WEB_ACCESS);
      } catch (error) {
        asked = Promise.reject(error);
      }
      return asked.catch(() => browser.permissions.contains(WEB_ACCESS));
    },
    openTab: async (url, windowId) => {
      const tab = await browser.tabs.create({ url, active: false, windowId });
      if (tab.id === undefined) throw new ReasonError(reason('no-tab'));
      return tab.id;
    },
    waitLoaded,
    closeTab: (tabId) => browser.tabs.remove(tabId),
    async windowTabs(windowId) {
      const tabs = await browser.tabs.query(windowId === undefined ? { lastFocusedWindow: true, windowType: 'normal' } : { windowId });
      return tabs.map((tab) => ({ id: tab.id, url: tab.url, title: tab.title }));
    },
    openLibrary: async () => {
      await browser.tabs.create({ url: browser.runtime.getURL('/library.html') });
    },
    showBadge,
    batchSize,
  };
}
