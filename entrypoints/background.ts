import { browser, type Browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { clipForShortcut, clipTab, tabHasSelection, type ClipDeps } from '@/utils/clip-tab';
import { deleteClips, getClip, listClips, openClipperDb, restoreClips, retagClips, saveDraft, searchClipIds, updateClip } from '@/utils/db';
import type { ClipDraft } from '@/utils/types';
import { browserClipPlatform, showOutcomeOnBadge } from '@/utils/browser-platform';
import { errorText } from '@/utils/errors';
import { serveMessages } from '@/utils/messaging';

export default defineBackground(() => {
  const db = openClipperDb();
  const deps: ClipDeps = { platform: browserClipPlatform, db, now: Date.now, newId: () => crypto.randomUUID() };

  serveMessages({
    clipTab: (request) => clipTab(deps, request),
    tabHasSelection: ({ tabId }) => tabHasSelection(deps, tabId),
    listClips: async ({ limit }) => listClips(await db, limit),
    searchClips: async ({ query }) => (await searchClipIds(await db, query)) ?? null,
    getClip: async ({ id }) => (await getClip(await db, id)) ?? null,
    updateClip: async ({ id, edit }) => (await updateClip(await db, id, edit)) ?? null,
    retagClips: async ({ ids, add, remove }) => {
      await retagClips(await db, ids, add, remove);
      return { done: true };
    },
    deleteClips: async ({ ids }) => deleteClips(await db, ids),
    restoreClips: async ({ clips }) => {
      await restoreClips(await db, clips);
      return { restored: clips.length };
    },
  });

  /** The keyboard shortcut: no popup to ask, so the badge tells. */
  async function onClipCommand(tab: Browser.tabs.Tab | undefined): Promise<void> {
    const outcome = await clipForShortcut(deps, tab?.id).catch((error: unknown) => ({
      status: 'failed' as const,
      message: errorText(error),
    }));
    await showOutcomeOnBadge(tab?.id, outcome);
  }

  browser.commands.onCommand.addListener((command, tab) => {
    if (command === 'clip-page') void onClipCommand(tab);
  });

  // Headless tests cannot press a shortcut: the test build lets them call what it calls, and lets
  // benchmarks fill the library through the same write path as a clip.
  if (import.meta.env.MODE === 'e2e') {
    Object.assign(globalThis, {
      __newsClipperCommand: onClipCommand,
      __newsClipperSeed: async (drafts: ClipDraft[]) => {
        const times: number[] = [];
        for (const draft of drafts) {
          const start = performance.now();
          await saveDraft(await db, draft, { now: Date.now(), newId: deps.newId });
          times.push(performance.now() - start);
        }
        return times;
      },
    });
  }
});
