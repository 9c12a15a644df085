import { browser, type Browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { clipTab, type ClipDeps } from '@/utils/clip-tab';
import { errorText } from '@/utils/errors';
import { deleteClip, getClip, listClips, openClipperDb, restoreClip } from '@/utils/db';
import { browserClipPlatform, showOutcomeOnBadge } from '@/utils/browser-platform';
import { serveMessages } from '@/utils/messaging';

export default defineBackground(() => {
  const db = openClipperDb();
  const deps: ClipDeps = { platform: browserClipPlatform, db, now: Date.now, newId: () => crypto.randomUUID() };

  serveMessages({
    clipTab: (request) => clipTab(deps, request),
    listClips: async () => listClips(await db),
    getClip: async ({ id }) => (await getClip(await db, id)) ?? null,
    deleteClip: async ({ id }) => (await deleteClip(await db, id)) ?? null,
    restoreClip: async ({ clip }) => {
      await restoreClip(await db, clip);
      return { restored: true };
    },
  });

  /** The keyboard shortcut: no popup to ask, so the badge tells. */
  async function onClipCommand(tab: Browser.tabs.Tab | undefined): Promise<void> {
    const outcome = await clipTab(deps, { tabId: tab?.id, mode: 'article' }).catch((error: unknown) => ({
      status: 'failed' as const,
      message: errorText(error),
    }));
    await showOutcomeOnBadge(tab?.id, outcome);
  }

  browser.commands.onCommand.addListener((command, tab) => {
    if (command === 'clip-page') void onClipCommand(tab);
  });

  // Headless tests cannot press a shortcut: the test build lets them call what it calls.
  if (import.meta.env.MODE === 'e2e') Object.assign(globalThis, { __newsClipperCommand: onClipCommand });
});
