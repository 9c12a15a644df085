import { isQuotaError, saveDraft, type ClipperDb } from './db';
import { errorText } from '../core/model/errors';
import { ReasonError, reason } from '../core/model/reasons';
import type { ClipOutcome } from '../protocol/messages';
import { classifyTabUrl } from './tab-access';
import { ensureRoom, sizeOf, type StorageEstimate } from './storage-room';
import { isExtractResult } from '../core/model/shapes';
import type { ExtractMode } from '../core/model/types';

// What the toolbar popup, the keyboard shortcut and the command-line clipper all call. The
// browser APIs come in as a small platform so that this runs in unit tests without a browser.

export interface TabInfo {
  id?: number;
  url?: string;
}

export interface ClipPlatform {
  /** The active tab of the last focused normal window. */
  activeTab(): Promise<TabInfo | undefined>;
  getTab(tabId: number): Promise<TabInfo>;
  isFileAccessAllowed(): Promise<boolean>;
  /** Runs the content script in the tab and answers what it returned. */
  extract(tabId: number, mode: ExtractMode): Promise<unknown>;
  /** Whether the tab has text selected. */
  hasSelection(tabId: number): Promise<boolean>;
}

/** Thrown by a platform whose extraction did not answer within its time bound. */
export class ExtractTimeoutError extends Error {
  constructor(readonly ms: number) {
    super(`The page did not answer within ${Math.round(ms / 1000)} seconds.`);
    this.name = 'ExtractTimeoutError';
  }
}

export interface ClipDeps {
  platform: ClipPlatform;
  db: Promise<ClipperDb>;
  now: () => number;
  newId: () => string;
  /** How much room storage has left (`navigator.storage.estimate`); see storage-room.ts. */
  estimate?: StorageEstimate;
}

async function findTab(platform: ClipPlatform, tabId: number | undefined): Promise<TabInfo | undefined> {
  return tabId === undefined ? platform.activeTab() : platform.getTab(tabId).catch(() => undefined);
}

export async function clipTab(deps: ClipDeps, request: { tabId?: number; mode: ExtractMode }): Promise<ClipOutcome> {
  const { platform } = deps;
  const tab = await findTab(platform, request.tabId);
  if (tab?.id === undefined) return { status: 'unclippable', reason: reason('no-tab') };

  const access = classifyTabUrl(tab.url, await platform.isFileAccessAllowed());
  if (access.status !== 'clippable') return access;

  let result: unknown;
  try {
    result = await platform.extract(tab.id, request.mode);
  } catch (error) {
    if (error instanceof ExtractTimeoutError)
      return { status: 'failed', reason: reason('extract-timeout', { seconds: Math.round(error.ms / 1000) }) };
    return { status: 'unclippable', reason: reason('tab-denied', { detail: errorText(error) }) };
  }
  if (!isExtractResult(result)) return { status: 'failed', reason: reason('not-an-article') };
  if (!result.ok) return { status: 'no-article', reason: reason('no-article') };

  try {
    await ensureRoom(deps.estimate, sizeOf(result.draft));
    const saved = await saveDraft(await deps.db, result.draft, { now: deps.now(), newId: deps.newId });
    return { status: 'saved', ...saved };
  } catch (error) {
    if (error instanceof ReasonError) return { status: 'failed', reason: error.reason };
    if (isQuotaError(error)) return { status: 'failed', reason: reason('storage-full') };
    return { status: 'failed', reason: reason('save-failed', { detail: errorText(error) }) };
  }
}

/**
 * The keyboard shortcut has no one to ask: where no article is found it clips the whole page,
 * marked so, and says so.
 */
export async function clipForShortcut(deps: ClipDeps, tabId: number | undefined): Promise<ClipOutcome> {
  const outcome = await clipTab(deps, { tabId, mode: 'article' });
  return outcome.status === 'no-article' ? clipTab(deps, { tabId, mode: 'full-page' }) : outcome;
}

/** Whether the tab to clip has a selection, so the popup can offer "Clip selection". */
export async function tabHasSelection(deps: ClipDeps, tabId: number | undefined): Promise<boolean> {
  const tab = await findTab(deps.platform, tabId);
  if (tab?.id === undefined) return false;
  if (classifyTabUrl(tab.url, await deps.platform.isFileAccessAllowed()).status !== 'clippable') return false;
  return deps.platform.hasSelection(tab.id).catch(() => false);
}
