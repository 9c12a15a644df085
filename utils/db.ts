import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { Clip, ClipDraft, ClipRevision, ClipSummary } from './types';
import { articleUrlKeys } from './url';

// The one IndexedDB module. The background worker owns the database; other contexts ask it
// through messages. Schema changes only ever append a step to `upgradeLadder`.

export const DB_NAME = 'news-clipper';
export const DB_VERSION = 1;

/** Article bodies live apart from summaries so that lists never load them. */
export interface ClipContent {
  id: string;
  contentHtml: string;
  revisions: ClipRevision[];
}

export interface ClipperDbSchema extends DBSchema {
  clips: {
    key: string;
    value: ClipSummary;
    indexes: {
      'by-clippedAt': number;
      'by-updatedAt': number;
      'by-publishedAt': number;
      'by-siteName': string;
      'by-urlKey': string;
    };
  };
  contents: {
    key: string;
    value: ClipContent;
  };
}

export type ClipperDb = IDBPDatabase<ClipperDbSchema>;

export function openClipperDb(name = DB_NAME): Promise<ClipperDb> {
  return openDB<ClipperDbSchema>(name, DB_VERSION, {
    upgrade(db, oldVersion) {
      if (oldVersion < 1) {
        const clips = db.createObjectStore('clips', { keyPath: 'id' });
        clips.createIndex('by-clippedAt', 'clippedAt');
        clips.createIndex('by-updatedAt', 'updatedAt');
        clips.createIndex('by-publishedAt', 'publishedAt');
        clips.createIndex('by-siteName', 'siteName');
        clips.createIndex('by-urlKey', 'urlKeys', { multiEntry: true });
        db.createObjectStore('contents', { keyPath: 'id' });
      }
    },
    // An old popup or worker holding the database open must not block a newer version forever.
    blocking(_currentVersion, _blockedVersion, event) {
      (event.target as IDBDatabase).close();
    },
  });
}

export interface SaveResult {
  clip: ClipSummary;
  /** False when the draft updated an earlier clip of the same article. */
  created: boolean;
  /** True when that earlier clip's content had changed and was kept as a revision. */
  revisionAdded: boolean;
}

export interface SaveOptions {
  now: number;
  newId: () => string;
}

/**
 * Stores a draft. Clipping the same article again (same URL without tracking parameters, or the
 * same canonical URL) updates that clip; if its text or title changed, the earlier version is kept
 * as a revision. The lookup and the write share one transaction, so concurrent saves of one
 * article cannot both create a clip.
 */
export async function saveDraft(db: ClipperDb, draft: ClipDraft, { now, newId }: SaveOptions): Promise<SaveResult> {
  const { contentHtml, ...meta } = draft;
  const urlKeys = articleUrlKeys(draft.pageUrl, draft.url);
  const tx = db.transaction(['clips', 'contents'], 'readwrite');
  const clips = tx.objectStore('clips');
  const contents = tx.objectStore('contents');

  let existing: ClipSummary | undefined;
  for (const key of urlKeys) {
    existing = await clips.index('by-urlKey').get(key);
    if (existing) break;
  }

  let result: SaveResult;
  if (!existing) {
    const clip: ClipSummary = { ...meta, id: newId(), clippedAt: now, updatedAt: now, tags: [], urlKeys, revisionCount: 0 };
    await Promise.all([clips.add(clip), contents.add({ id: clip.id, contentHtml, revisions: [] })]);
    result = { clip, created: true, revisionAdded: false };
  } else {
    const before = await contents.get(existing.id);
    const revisions = before?.revisions ?? [];
    const changed = !before || before.contentHtml !== contentHtml || existing.title !== draft.title;
    if (before && changed) revisions.push(revisionOf(existing, before.contentHtml));
    const clip: ClipSummary = {
      ...meta,
      id: existing.id,
      clippedAt: existing.clippedAt,
      updatedAt: now,
      tags: existing.tags,
      urlKeys: [...new Set([...existing.urlKeys, ...urlKeys])],
      revisionCount: revisions.length,
    };
    await Promise.all([clips.put(clip), contents.put({ id: clip.id, contentHtml, revisions })]);
    result = { clip, created: false, revisionAdded: Boolean(before && changed) };
  }
  await tx.done;
  return result;
}

function revisionOf(summary: ClipSummary, contentHtml: string): ClipRevision {
  const { title, byline, publishedAt, modifiedAt, textLength, updatedAt } = summary;
  return { clippedAt: updatedAt, title, byline, publishedAt, modifiedAt, contentHtml, textLength };
}

/** Summaries, most recently clipped first (a re-clipped article moves to the top). */
export async function listClips(db: ClipperDb): Promise<ClipSummary[]> {
  const all = await db.getAllFromIndex('clips', 'by-updatedAt');
  return all.reverse();
}

export async function getClip(db: ClipperDb, id: string): Promise<Clip | undefined> {
  const tx = db.transaction(['clips', 'contents'], 'readonly');
  const [summary, content] = await Promise.all([tx.objectStore('clips').get(id), tx.objectStore('contents').get(id)]);
  await tx.done;
  if (!summary || !content) return undefined;
  return { ...summary, contentHtml: content.contentHtml, revisions: content.revisions };
}

/** Deletes a clip and hands it back whole, so that the user can undo. */
export async function deleteClip(db: ClipperDb, id: string): Promise<Clip | undefined> {
  const tx = db.transaction(['clips', 'contents'], 'readwrite');
  const clips = tx.objectStore('clips');
  const contents = tx.objectStore('contents');
  const [summary, content] = await Promise.all([clips.get(id), contents.get(id)]);
  await Promise.all([clips.delete(id), contents.delete(id)]);
  await tx.done;
  if (!summary || !content) return undefined;
  return { ...summary, contentHtml: content.contentHtml, revisions: content.revisions };
}

/** Puts back a clip that `deleteClip` returned (undo). */
export async function restoreClip(db: ClipperDb, clip: Clip): Promise<void> {
  const { contentHtml, revisions, ...summary } = clip;
  const tx = db.transaction(['clips', 'contents'], 'readwrite');
  await Promise.all([
    tx.objectStore('clips').put({ ...summary, revisionCount: revisions.length }),
    tx.objectStore('contents').put({ id: clip.id, contentHtml, revisions }),
  ]);
  await tx.done;
}
