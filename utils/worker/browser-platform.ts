import { browser } from 'wxt/browser';
import { ExtractTimeoutError, type ClipPlatform } from './clip-tab';
import type { ClipOutcome } from '../protocol/messages';
import { EXTRACT_GLOBAL, type ExtractMode } from '../core/model/types';
import { localeMessageName, reasonKey, type BadgeKey } from '../core/i18n/reasons';
import { reasonValues } from '../core/model/reasons';

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
let badgeTimer: ReturnType<typeof setTimeout> | undefined;

/** The keyboard shortcut has no popup: the badge and its tooltip tell the user what happened. */
export async function showOutcomeOnBadge(tabId: number | undefined, outcome: ClipOutcome): Promise<void> {
  const { action } = browser;
  const saved = outcome.status === 'saved';
  const title = saved
    ? localeText(outcome.clip.fullPage ? 'badgeClippedFullPage' : 'badgeClipped', outcome.clip.title)
    : localeText(reasonKey(outcome.reason.code), ...reasonValues(outcome.reason));
  await Promise.all([
    action.setBadgeText({ text: saved ? '✓' : '!', tabId }),
    action.setBadgeBackgroundColor({ color: saved ? '#1a7f37' : '#cf222e', tabId }),
    action.setTitle({ title, tabId }),
  ]);
  clearTimeout(badgeTimer);
  badgeTimer = setTimeout(() => {
    void Promise.all([action.setBadgeText({ text: '', tabId }), action.setTitle({ title: '', tabId })]).catch(() => {});
  }, BADGE_MS);
}
