import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import { indexTerms, queryTerms, type QueryTerm } from './search-terms';
import { htmlToText } from './search-text';
import type { Clip, ClipDraft, ClipEdit, ClipOriginal, ClipRevision, ClipSummary } from './types';
import { articleUrlKeys } from './url';

// The one IndexedDB module. The background worker owns the database; other contexts ask it
// through messages. Schema changes only ever append a step to the ladder in `openClipperDb`.

export const DB_NAME = 'news-clipper';
export const DB_VERSION = 2;

/** Article bodies live apart from summaries so that lists never load them. */
export interface ClipContent {
  id: string;
  contentHtml: string;
  revisions: ClipRevision[];
  original?: ClipOriginal;
}

/** The full-text index: one record per clip, its terms under a multi-entry index. */
export interface ClipSearchEntry {
  id: string;
  terms: string[];
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
      'by-tag': string;
    };
  };
  contents: {
    key: string;
    value: ClipContent;
  };
  search: {
    key: string;
    value: ClipSearchEntry;
    indexes: { 'by-term': string };
  };
}

export type ClipperDb = IDBPDatabase<ClipperDbSchema>;
type Stores = StoreNames<ClipperDbSchema>;
type WriteTx = IDBPTransaction<ClipperDbSchema, Stores[], 'readwrite' | 'versionchange'>;
const ALL_STORES: Stores[] = ['clips', 'contents', 'search'];

export function openClipperDb(name = DB_NAME): Promise<ClipperDb> {
  return openDB<ClipperDbSchema>(name, DB_VERSION, {
    async upgrade(db, oldVersion, _newVersion, transaction) {
      if (oldVersion < 1) {
        const clips = db.createObjectStore('clips', { keyPath: 'id' });
        clips.createIndex('by-clippedAt', 'clippedAt');
        clips.createIndex('by-updatedAt', 'updatedAt');
        clips.createIndex('by-publishedAt', 'publishedAt');
        clips.createIndex('by-siteName', 'siteName');
        clips.createIndex('by-urlKey', 'urlKeys', { multiEntry: true });
        db.createObjectStore('contents', { keyPath: 'id' });
      }
      if (oldVersion < 2) {
        transaction.objectStore('clips').createIndex('by-tag', 'tags', { multiEntry: true });
        db.createObjectStore('search', { keyPath: 'id' }).createIndex('by-term', 'terms', { multiEntry: true });
        // Index what version 1 stored.
        let cursor = await transaction.objectStore('clips').openCursor();
        while (cursor) {
          const content = await transaction.objectStore('contents').get(cursor.value.id);
          await transaction.objectStore('search').put(searchEntry(cursor.value, content?.contentHtml ?? ''));
          cursor = await cursor.continue();
        }
      }
    },
    // An old popup or worker holding the database open must not block a newer version forever.
    blocking(_currentVersion, _blockedVersion, event) {
      (event.target as IDBDatabase).close();
    },
  });
}

function searchEntry(summary: ClipSummary, contentHtml: string): ClipSearchEntry {
  const { title, siteName, byline = '', tags, note = '' } = summary;
  return { id: summary.id, terms: indexTerms([title, siteName, byline, ...tags, note, htmlToText(contentHtml)].join('\n')) };
}

/** Writes a whole clip (summary, body, index entry) in a transaction that spans all stores. */
async function writeClip(tx: WriteTx, summary: ClipSummary, content: ClipContent): Promise<void> {
  await Promise.all([
    tx.objectStore('clips').put(summary),
    tx.objectStore('contents').put(content),
    tx.objectStore('search').put(searchEntry(summary, content.contentHtml)),
  ]);
}

function joinClip(summary: ClipSummary, content: ClipContent): Clip {
  return { ...summary, contentHtml: content.contentHtml, revisions: content.revisions, ...(content.original && { original: content.original }) };
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
  const tx = db.transaction(ALL_STORES, 'readwrite');
  const clips = tx.objectStore('clips');

  let existing: ClipSummary | undefined;
  for (const key of urlKeys) {
    existing = await clips.index('by-urlKey').get(key);
    if (existing) break;
  }

  let result: SaveResult;
  if (!existing) {
    const clip: ClipSummary = { ...meta, id: newId(), clippedAt: now, updatedAt: now, tags: [], urlKeys, revisionCount: 0 };
    await writeClip(tx, clip, { id: clip.id, contentHtml, revisions: [] });
    result = { clip, created: true, revisionAdded: false };
  } else {
    const before = await tx.objectStore('contents').get(existing.id);
    const revisions = before?.revisions ?? [];
    const changed = Boolean(before) && (before!.contentHtml !== contentHtml || existing.title !== draft.title);
    if (changed) revisions.push(revisionOf(existing, before!.contentHtml));
    const clip: ClipSummary = {
      ...meta,
      id: existing.id,
      clippedAt: existing.clippedAt,
      updatedAt: now,
      tags: existing.tags,
      ...(existing.note !== undefined && { note: existing.note }),
      urlKeys: [...new Set([...existing.urlKeys, ...urlKeys])],
      revisionCount: revisions.length,
    };
    // A fresh extraction replaces the user's edits of the body; the edited version is the revision.
    await writeClip(tx, clip, { id: clip.id, contentHtml, revisions });
    result = { clip, created: false, revisionAdded: changed };
  }
  await tx.done;
  return result;
}

function revisionOf(summary: ClipSummary, contentHtml: string): ClipRevision {
  const { title, byline, publishedAt, modifiedAt, textLength, updatedAt } = summary;
  return { clippedAt: updatedAt, title, byline, publishedAt, modifiedAt, contentHtml, textLength };
}

/**
 * Summaries, most recently clipped first (a re-clipped article moves to the top); `limit` reads
 * only that many, so a popup can show its first rows before the whole library has arrived.
 */
export async function listClips(db: ClipperDb, limit?: number): Promise<ClipSummary[]> {
  if (limit === undefined) return (await db.getAllFromIndex('clips', 'by-updatedAt')).reverse();
  const out: ClipSummary[] = [];
  let cursor = await db.transaction('clips').store.index('by-updatedAt').openCursor(null, 'prev');
  while (cursor && out.length < limit) {
    out.push(cursor.value);
    cursor = await cursor.continue();
  }
  return out;
}

export async function getClip(db: ClipperDb, id: string): Promise<Clip | undefined> {
  const tx = db.transaction(['clips', 'contents'], 'readonly');
  const [summary, content] = await Promise.all([tx.objectStore('clips').get(id), tx.objectStore('contents').get(id)]);
  await tx.done;
  return summary && content ? joinClip(summary, content) : undefined;
}

/** Deletes clips and hands them back whole, so that the user can undo. */
export async function deleteClips(db: ClipperDb, ids: string[]): Promise<Clip[]> {
  const tx = db.transaction(ALL_STORES, 'readwrite');
  const deleted = await Promise.all(
    ids.map(async (id) => {
      const [summary, content] = await Promise.all([tx.objectStore('clips').get(id), tx.objectStore('contents').get(id)]);
      await Promise.all(ALL_STORES.map((store) => tx.objectStore(store).delete(id)));
      return summary && content ? joinClip(summary, content) : undefined;
    }),
  );
  await tx.done;
  return deleted.filter((clip): clip is Clip => clip !== undefined);
}

/** Puts back clips that `deleteClips` returned (undo). */
export async function restoreClips(db: ClipperDb, clips: Clip[]): Promise<void> {
  const tx = db.transaction(ALL_STORES, 'readwrite');
  await Promise.all(
    clips.map(({ contentHtml, revisions, original, ...summary }) =>
      writeClip(tx, { ...summary, revisionCount: revisions.length }, { id: summary.id, contentHtml, revisions, ...(original && { original }) }),
    ),
  );
  await tx.done;
}

/** Applies the user's edits; the first edit of title, byline or body keeps the extraction. */
export async function updateClip(db: ClipperDb, id: string, edit: ClipEdit): Promise<ClipSummary | undefined> {
  const tx = db.transaction(ALL_STORES, 'readwrite');
  const [summary, content] = await Promise.all([tx.objectStore('clips').get(id), tx.objectStore('contents').get(id)]);
  if (!summary || !content) {
    await tx.done;
    return undefined;
  }
  const touchesExtraction = edit.title !== undefined || edit.byline !== undefined || edit.contentHtml !== undefined;
  const original = content.original ?? (touchesExtraction ? { title: summary.title, byline: summary.byline, contentHtml: content.contentHtml } : undefined);
  const { contentHtml, ...fields } = edit;
  const next: ClipSummary = { ...summary, ...fields, ...(touchesExtraction && { edited: true }) };
  await writeClip(tx, next, { ...content, contentHtml: contentHtml ?? content.contentHtml, ...(original && { original }) });
  await tx.done;
  return next;
}

/** Adds and removes tags on several clips at once. */
export async function retagClips(db: ClipperDb, ids: string[], add: string[], remove: string[]): Promise<void> {
  const tx = db.transaction(ALL_STORES, 'readwrite');
  await Promise.all(
    ids.map(async (id) => {
      const [summary, content] = await Promise.all([tx.objectStore('clips').get(id), tx.objectStore('contents').get(id)]);
      if (!summary || !content) return;
      const tags = [...new Set([...summary.tags.filter((t) => !remove.includes(t)), ...add])];
      await writeClip(tx, { ...summary, tags }, content);
    }),
  );
  await tx.done;
}

async function idsFor(db: ClipperDb, term: QueryTerm): Promise<Set<string>> {
  const range = 'exact' in term ? IDBKeyRange.only(term.exact) : IDBKeyRange.bound(term.prefix, `${term.prefix}\uffff`);
  return new Set(await db.getAllKeysFromIndex('search', 'by-term', range));
}

/**
 * Ids of the clips whose title, site, byline, tags, note or text hold every term of the query;
 * undefined when the query has nothing to search for.
 */
export async function searchClipIds(db: ClipperDb, query: string): Promise<string[] | undefined> {
  const terms = queryTerms(query);
  if (terms.length === 0) return undefined;
  let result: Set<string> | undefined;
  // Exact terms first: they are the most selective, and an empty set ends the search early.
  for (const term of [...terms].sort((a, b) => Number('prefix' in a) - Number('prefix' in b))) {
    const ids = await idsFor(db, term);
    result = result ? new Set([...result].filter((id) => ids.has(id))) : ids;
    if (result.size === 0) break;
  }
  return [...(result ?? [])];
}
