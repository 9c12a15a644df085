import type { Browser } from 'wxt/browser';

// Code that tests run inside the extension's worker or pages (`worker.evaluate`) sees `chrome`.
declare global {
  const chrome: typeof Browser;
  /** Set by the test build's worker: runs what the keyboard shortcut runs. */
  const __newsClipperCommand: (tab: Browser.tabs.Tab | undefined) => Promise<void>;
  /** Set by the test build's worker: runs what a click on the toolbar button runs in one-click mode. */
  const __newsClipperToolbarClick: (tab: Browser.tabs.Tab) => Promise<unknown>;
  /** Set by the test build's worker: writes a change of the settings (the options page's own write). */
  const __newsClipperUpdateSettings: (patch: Partial<import('../utils/core/settings/settings').Settings>) => Promise<unknown>;
  /** Set by the test build's worker: runs what a click on a context menu item runs. */
  const __newsClipperMenuClick: (info: { menuItemId: string; linkUrl?: string }, tab?: { id?: number; windowId?: number }) => Promise<unknown>;
  /** Set by the test build's worker: stores drafts as clips, answering each write's time in ms. */
  /** Set by the test build's worker: stores whole clips in one transaction, then merges the search index if due. */
  const __newsClipperSeedClips: (clips: import('../utils/core/model/types').Clip[], mergeAt?: number) => Promise<{ writeMs: number; mergeMs: number }>;
  const __newsClipperSeed: (drafts: import('../utils/core/model/types').ClipDraft[]) => Promise<number[]>;
}
