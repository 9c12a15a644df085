import { browser, type Browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { clipForShortcut, clipFromPopup, clipTab, saveExtracted, tabHasSelection, type ClipDeps } from '@/utils/worker/clip-tab';
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
import { browserClipPlatform, browserJobsPlatform, localeText, setExtractTimeout } from '@/utils/worker/browser-platform';
import { clipWithBadge, MENU_ITEMS, onMenuClick, type JobsDeps } from '@/utils/worker/clip-jobs';
import { reason, ReasonError } from '@/utils/core/model/reasons';
import { serveMessages } from '@/utils/protocol/messaging';
import { ensureRoom, sizeOf } from '@/utils/worker/storage-room';
import { BACKUP_ALARM, onBackupAlarm, planBackupAlarm } from '@/utils/worker/scheduled-backup';
import { loadRecentTags, loadSettings, rememberRecentTags, updateSettings, watchBackupStatus, watchSettings } from '@/utils/shared/settings-store';

export default defineBackground(() => {
  const db = openClipperDb();
  const estimate = () => navigator.storage.estimate();
  const deps: ClipDeps = { platform: browserClipPlatform, db, now: Date.now, newId: () => crypto.randomUUID(), estimate, settings: loadSettings, recentTags: loadRecentTags };

  /** Runs a write, then folds the search index's recent entries in the background if due. */
  async function write<T>(action: (database: ClipperDb) => Promise<T>): Promise<T> {
    const database = await db;
    const result = await action(database);
    void mergeSearchIndexIfDue(database).catch((error: unknown) => console.warn('Search index merge failed; will retry', error));
    return result;
  }

  serveMessages({
    clipTab: (request) => write(() => clipFromPopup(deps, request)),
    saveClip: ({ draft, tags, note }) =>
      write(async () => {
        const outcome = await saveExtracted(deps, draft, { tags, ...(note !== undefined && { note }) });
        if (outcome.status === 'saved') await rememberRecentTags(tags).catch(() => undefined);
        return outcome;
      }),
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

  const jobs: JobsDeps = {
    platform: browserJobsPlatform(async () => (await loadSettings()).batchTabs),
    clipUnattended: (tabId) => write(() => clipForShortcut(deps, tabId)),
    clipSelection: (tabId) => write(() => clipTab(deps, { tabId, mode: 'selection' })),
  };

  /** The keyboard shortcut: no popup to ask, so the badge tells. */
  async function onClipCommand(tab: Browser.tabs.Tab | undefined): Promise<void> {
    await clipWithBadge(jobs, tab?.id, () => write(() => clipForShortcut(deps, tab?.id)));
  }

  browser.commands.onCommand.addListener((command, tab) => {
    if (command === 'clip-page') void onClipCommand(tab);
  });

  // The scheduled backup: the alarm is planned on every start and whenever the schedule or the
  // last backup changes (the options page), and its handler writes the zip.
  const onAlarm = (alarm: Browser.alarms.Alarm) => (alarm.name === BACKUP_ALARM ? onBackupAlarm(db) : Promise.resolve(undefined));
  browser.alarms.onAlarm.addListener((alarm) => void onAlarm(alarm));
  const replan = () => void planBackupAlarm().catch((error: unknown) => console.warn('Could not plan the scheduled backup', error));
  replan();
  watchSettings(replan);
  watchBackupStatus(replan);

  // One-click mode: the toolbar button clips at once instead of opening the popup (an action with
  // no popup gets its clicks as `onClicked`, with `activeTab` granted as for the popup). The
  // browser forgets the change when it restarts, so it is made again each time the worker starts.
  const manifestPopup = browser.runtime.getManifest().action?.default_popup ?? 'popup.html';
  const applyOneClick = (on: boolean) => browser.action.setPopup({ popup: on ? '' : manifestPopup }).catch(() => {});
  void loadSettings().then((settings) => applyOneClick(settings.oneClick));
  watchSettings((settings) => void applyOneClick(settings.oneClick));
  const onToolbarClick = (tab: Browser.tabs.Tab) => clipWithBadge(jobs, tab.id, () => write(() => clipForShortcut(deps, tab.id)));
  browser.action.onClicked.addListener((tab) => void onToolbarClick(tab));

  // Menus outlive the worker (the browser keeps them): made anew when the extension is installed
  // or updated, and at each browser start, when the browser's language may have changed.
  async function createMenus(): Promise<void> {
    await browser.contextMenus.removeAll();
    for (const item of MENU_ITEMS) {
      browser.contextMenus.create({ id: item.id, title: localeText(item.title), contexts: item.contexts, targetUrlPatterns: item.targetUrlPatterns });
    }
  }
  browser.runtime.onInstalled.addListener(() => void createMenus());
  browser.runtime.onStartup.addListener(() => void createMenus());
  browser.contextMenus.onClicked.addListener((info, tab) => void onMenuClick(jobs, info, tab));

  // Headless tests cannot press a shortcut: the test build lets them call what it calls, and lets
  // benchmarks fill the library through the same write path as a clip.
  if (import.meta.env.MODE === 'e2e') {
    Object.assign(globalThis, {
      __newsClipperCommand: onClipCommand,
      // What a click on the toolbar button runs in one-click mode, and the settings' own write.
      __newsClipperToolbarClick: onToolbarClick,
      __newsClipperUpdateSettings: updateSettings,
      // What a click on a context menu item runs (headless tests cannot open a context menu).
      __newsClipperMenuClick: (info: { menuItemId: string; linkUrl?: string }, tab?: { id?: number; windowId?: number }) => onMenuClick(jobs, info, tab),
      // The popup's clip, for a given tab, answering its outcome (reliability tests clip many at once).
      __newsClipperClipTab: (tabId: number, mode: ExtractMode = 'article') => write(() => clipTab(deps, { tabId, mode })),
      __newsClipperSetExtractTimeout: setExtractTimeout,
      // Alarms cannot be fired by hand: tests call the handler the alarm calls.
      __newsClipperOnAlarm: onAlarm,
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
