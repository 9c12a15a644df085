import { browser, type Browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { clipForShortcut, clipTab, tabHasSelection, type ClipDeps } from '@/utils/worker/clip-tab';
import {
  deleteClips,
  getClip,
  getClips,
  importDrafts,
  IMPORT_MERGE_AT,
  isQuotaError,
  listClips,
  mergeSearchIndexIfDue,
  openClipperDb,
  restoreClips,
  retagClips,
  saveDraft,
  searchClipSeqs,
  updateClip,
} from '@/utils/worker/db';
import { libraryFacets, viewIds, viewPage } from '@/utils/worker/library-views';
import type { Clip, ClipDraft, ExtractMode } from '@/utils/core/model/types';
import type { ClipperDb } from '@/utils/worker/db';
import { browserClipPlatform, setExtractTimeout, showOutcomeOnBadge } from '@/utils/worker/browser-platform';
import { reason, reasonOf, ReasonError } from '@/utils/core/model/reasons';
import { serveMessages } from '@/utils/protocol/messaging';
import { ensureRoom, sizeOf } from '@/utils/worker/storage-room';

export default defineBackground(() => {
  const db = openClipperDb();
  const estimate = () => navigator.storage.estimate();
  const deps: ClipDeps = { platform: browserClipPlatform, db, now: Date.now, newId: () => crypto.randomUUID(), estimate };

  /** Runs a write, then folds the search index's recent entries in the background if due. */
  async function write<T>(action: (database: ClipperDb) => Promise<T>): Promise<T> {
    const database = await db;
    const result = await action(database);
    void mergeSearchIndexIfDue(database).catch((error: unknown) => console.warn('Search index merge failed; will retry', error));
    return result;
  }

  serveMessages({
    clipTab: (request) => write(() => clipTab(deps, request)),
    tabHasSelection: ({ tabId }) => tabHasSelection(deps, tabId),
    listClips: async ({ limit }) => listClips(await db, limit),
    viewClips: async (request) => viewPage(await db, request),
    viewIds: async (request) => viewIds(await db, request),
    libraryFacets: async () => libraryFacets(await db),
    searchClips: async ({ query }) => (await searchClipSeqs(await db, query)) ?? null,
    getClip: async ({ id }) => (await getClip(await db, id)) ?? null,
    getClips: async ({ ids }) => getClips(await db, ids),
    importClips: async ({ drafts }) => {
      const database = await db;
      try {
        await ensureRoom(estimate, sizeOf(drafts));
        return await importDrafts(database, drafts, { now: Date.now(), newId: deps.newId });
      } catch (error) {
        throw isQuotaError(error) ? new ReasonError(reason('storage-full')) : error;
      } finally {
        void mergeSearchIndexIfDue(database, IMPORT_MERGE_AT).catch((error: unknown) => console.warn('Search index merge failed; will retry', error));
      }
    },
    updateClip: ({ id, edit }) => write(async (d) => (await updateClip(d, id, edit)) ?? null),
    retagClips: ({ ids, add, remove }) => write(async (d) => (await retagClips(d, ids, add, remove), { done: true as const })),
    deleteClips: ({ ids }) => write((d) => deleteClips(d, ids)),
    restoreClips: ({ clips }) => write(async (d) => (await ensureRoom(estimate, sizeOf(clips)), await restoreClips(d, clips), { restored: clips.length })),
  });

  /** The keyboard shortcut: no popup to ask, so the badge tells. */
  async function onClipCommand(tab: Browser.tabs.Tab | undefined): Promise<void> {
    const outcome = await write(() => clipForShortcut(deps, tab?.id)).catch((error: unknown) => ({
      status: 'failed' as const,
      reason: reasonOf(error),
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
      // The popup's clip, for a given tab, answering its outcome (reliability tests clip many at once).
      __newsClipperClipTab: (tabId: number, mode: ExtractMode = 'article') => write(() => clipTab(deps, { tabId, mode })),
      __newsClipperSetExtractTimeout: setExtractTimeout,
      // Whole clips in one transaction (a backup's restore path), then the index merge it makes
      // due (at `mergeAt` pending clips), waited for: fills a large library quickly, each batch's
      // cost its own.
      __newsClipperSeedClips: async (clips: Clip[], mergeAt?: number) => {
        const database = await db;
        const start = performance.now();
        await restoreClips(database, clips);
        const written = performance.now();
        await mergeSearchIndexIfDue(database, mergeAt);
        return { writeMs: written - start, mergeMs: performance.now() - written };
      },
      __newsClipperSeed: async (drafts: ClipDraft[]) => {
        const times: number[] = [];
        for (const draft of drafts) {
          const start = performance.now();
          await write((d) => saveDraft(d, draft, { now: Date.now(), newId: deps.newId }));
          times.push(performance.now() - start);
        }
        return times;
      },
    });
  }
});
