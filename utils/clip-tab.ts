import { saveDraft, type ClipperDb } from './db';
import { errorText } from './errors';
import type { ClipOutcome } from './messages';
import { classifyTabUrl } from './tab-access';
import { isExtractResult } from './shapes';
import type { ExtractMode } from './types';

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
}

export interface ClipDeps {
  platform: ClipPlatform;
  db: Promise<ClipperDb>;
  now: () => number;
  newId: () => string;
}

export async function clipTab(deps: ClipDeps, request: { tabId?: number; mode: ExtractMode }): Promise<ClipOutcome> {
  const { platform } = deps;
  const tab = request.tabId === undefined ? await platform.activeTab() : await platform.getTab(request.tabId).catch(() => undefined);
  if (tab?.id === undefined) return { status: 'unclippable', message: 'There is no tab to clip.' };

  const access = classifyTabUrl(tab.url, await platform.isFileAccessAllowed());
  if (access.status !== 'clippable') return access;

  let result: unknown;
  try {
    result = await platform.extract(tab.id, request.mode);
  } catch (error) {
    return { status: 'unclippable', message: `The browser did not let the clipper read this page (${errorText(error)}).` };
  }
  if (!isExtractResult(result)) return { status: 'failed', message: 'The page answered something that is not an article.' };
  if (!result.ok)
    return { status: 'no-article', message: 'No article was found on this page. You can clip the whole page instead.' };

  try {
    const saved = await saveDraft(await deps.db, result.draft, { now: deps.now(), newId: deps.newId });
    return { status: 'saved', ...saved };
  } catch (error) {
    return { status: 'failed', message: `The clip could not be saved (${errorText(error)}). Nothing was stored.` };
  }
}
