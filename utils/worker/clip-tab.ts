import { isQuotaError, saveDraft, type ClipperDb } from './db';
import { errorText } from '../core/model/errors';
import { ReasonError, reason } from '../core/model/reasons';
import type { ClipOutcome, PopupClipOutcome, Refusal } from '../protocol/messages';
import { DEFAULT_SETTINGS, type Settings } from '../core/settings/settings';
import { classifyTabUrl } from './tab-access';
import { ensureRoom, sizeOf, type StorageEstimate } from './storage-room';
import { isExtractResult } from '../core/model/shapes';
import type { ClipDraft, ExtractMode } from '../core/model/types';

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
  /** The user's settings (default tags, asking before saving); the defaults when absent. */
  settings?: () => Promise<Settings>;
  /** The tags used most recently, offered when reviewing a clip. */
  recentTags?: () => Promise<string[]>;
}

async function findTab(platform: ClipPlatform, tabId: number | undefined): Promise<TabInfo | undefined> {
  return tabId === undefined ? platform.activeTab() : platform.getTab(tabId).catch(() => undefined);
}

/** What a tab gave: its draft, or why there is none. */
export type Extraction = { status: 'extracted'; draft: ClipDraft } | Refusal;

/** Reads the article from a tab, storing nothing. */
export async function extractTab(deps: ClipDeps, request: { tabId?: number; mode: ExtractMode }): Promise<Extraction> {
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
  return { status: 'extracted', draft: result.draft };
}

/** Stores a draft with the user's tags (and note), answering what became of it. */
export async function saveExtracted(deps: ClipDeps, draft: ClipDraft, user: { tags: readonly string[]; note?: string }): Promise<ClipOutcome> {
  try {
    await ensureRoom(deps.estimate, sizeOf(draft));
    const saved = await saveDraft(await deps.db, draft, { now: deps.now(), newId: deps.newId, tags: user.tags, ...(user.note !== undefined && { note: user.note }) });
    return { status: 'saved', ...saved };
  } catch (error) {
    if (error instanceof ReasonError) return { status: 'failed', reason: error.reason };
    if (isQuotaError(error)) return { status: 'failed', reason: reason('storage-full') };
    return { status: 'failed', reason: reason('save-failed', { detail: errorText(error) }) };
  }
}

/** The settings a clip reads, while the page is read (the defaults where there are none). */
const settingsOf = (deps: ClipDeps): Promise<Settings> => (deps.settings ?? (async () => DEFAULT_SETTINGS))().catch(() => ({ ...DEFAULT_SETTINGS }));

/** Clips a tab at once: extracted and stored with the default tags. */
export async function clipTab(deps: ClipDeps, request: { tabId?: number; mode: ExtractMode }): Promise<ClipOutcome> {
  const settings = settingsOf(deps);
  const extraction = await extractTab(deps, request);
  if (extraction.status !== 'extracted') return extraction;
  return saveExtracted(deps, extraction.draft, { tags: (await settings).defaultTags });
}

/**
 * The popup's clip: stored at once, or, when the user asked to review clips before saving,
 * answered as a draft with the tags to start from (nothing stored until `saveClip`).
 */
export async function clipFromPopup(deps: ClipDeps, request: { tabId?: number; mode: ExtractMode }): Promise<PopupClipOutcome> {
  const settings = settingsOf(deps);
  const extraction = await extractTab(deps, request);
  if (extraction.status !== 'extracted') return extraction;
  const { askBeforeSaving, defaultTags } = await settings;
  if (!askBeforeSaving) return saveExtracted(deps, extraction.draft, { tags: defaultTags });
  return { status: 'review', draft: extraction.draft, tags: defaultTags, recentTags: await (deps.recentTags?.() ?? Promise.resolve([])).catch(() => []) };
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
