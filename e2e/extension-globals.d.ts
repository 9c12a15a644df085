import type { Browser } from 'wxt/browser';

// Code that tests run inside the extension's worker or pages (`worker.evaluate`) sees `chrome`.
declare global {
  const chrome: typeof Browser;
  /** Set by the test build's worker: runs what the keyboard shortcut runs. */
  const __newsClipperCommand: (tab: Browser.tabs.Tab | undefined) => Promise<void>;
}
