import { openDB, unwrap, wrap, type DBSchema, type IDBPDatabase, type IDBPObjectStore, type IDBPTransaction, type StoreNames } from 'idb';
import { noteClipDeleted, noteClipWritten } from './library-views';
import { INDEX_STORES, mergePending, MERGE_AT, pendingCount, searchSeqs, SEGMENT, stageMany, stageTerms, termsIn, writeBuckets, type IndexChange, type IndexStores, type TermsRecord } from './search-index';
import { indexTerms } from '../core/search/search-terms';
import { htmlToText } from '../core/search/search-text';
import type { Clip, ClipDraft, ClipEdit, ClipOriginal, ClipRevision, ClipSummary, ImportDraft, ImportedPost } from '../core/model/types';
import { articleUrlKeys } from '../core/model/url';
import { FIELD_LIMITS } from '../core/model/limits';

// The one IndexedDB module. The background worker owns the database; other contexts ask it
// through messages. Schema changes only ever append a step to the ladder in `openClipperDb`.

export const DB_NAME = 'news-clipper';
export const DB_VERSION = 4;

/**
 * Article bodies live apart from summaries so that lists never load them; so does the archive post
 * a clip was imported from, which only exports read (no search term is taken from it).
 */
export interface ClipContent {
  id: string;
  contentHtml: string;
  revisions: ClipRevision[];
  original?: ClipOriginal;
  imported?: ImportedPost;
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
  termBuckets: IndexStores['termBuckets'];
  pending: IndexStores['pending'];
  docTerms: IndexStores['docTerms'];
  /** Counters: `nextSeq` numbers clips for the search index. */
  meta: { key: string; value: number };
}

export type ClipperDb = IDBPDatabase<ClipperDbSchema>;
type Stores = StoreNames<ClipperDbSchema>;
type WriteTx = IDBPTransaction<ClipperDbSchema, Stores[], 'readwrite' | 'versionchange'>;
const ALL_STORES: Stores[] = ['clips', 'contents', ...INDEX_STORES, 'meta'];

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
        unwrap(db).createObjectStore('postings');
        // Version 3 drops this index; the typed schema, which is version 3's, no longer names it.
        unwrap(db.createObjectStore('pending', { keyPath: 'seq' })).createIndex('by-term', 'terms', { multiEntry: true });
        db.createObjectStore('docTerms', { keyPath: 'seq' });
        db.createObjectStore('meta');
        await numberAndIndex(transaction);
      }
      if (oldVersion < 3) await upgradeTo3(db, transaction);
      if (oldVersion < 4) await upgradeTo4(db, transaction);
    },
    // An old popup or worker holding the database open must not block a newer version forever.
    blocking(_currentVersion, _blockedVersion, event) {
      (event.target as IDBDatabase).close();
    },
    // Every version since 1 closes itself when asked (above), so a wait here is short; say why.
    blocked(currentVersion) {
      console.warn(`The clip library (version ${currentVersion}) is still open elsewhere; its upgrade waits for it to close.`);
    },
  });
}

type UpgradeTx = IDBPTransaction<ClipperDbSchema, Stores[], 'versionchange'>;

/** Numbers the clips stored before there were numbers, and stages their terms for the search index. */
async function numberAndIndex(transaction: UpgradeTx): Promise<void> {
  let seq = 0;
  let cursor = await transaction.objectStore('clips').openCursor();
  while (cursor) {
    const summary = { ...cursor.value, seq: ++seq };
    const content = await transaction.objectStore('contents').get(summary.id);
    await Promise.all([cursor.update(summary), stageTerms(transaction, seq, termsOf(summary, content?.contentHtml ?? ''))]);
    cursor = await cursor.continue();
  }
  await transaction.objectStore('meta').put(seq + 1, 'nextSeq');
}

/** Version 3's posting segment: a frozen copy, since a later segment size would need its own step. */
const V3_SEGMENT = 2048;

/**
 * Version 2's search index changed shape three times within version 2 (see the history of
 * search-index.ts). Its first release kept one `search` store of each clip's terms and numbered no
 * clips; the second kept postings under the bare term; the third under [term, segment]; the last
 * wrote pending terms under `words`, out of sight of the `by-term` index on `terms`, which nothing
 * reads since. Version 3 is that last shape without the index, whichever of them a database holds.
 */
async function upgradeTo3(db: IDBPDatabase<ClipperDbSchema>, transaction: UpgradeTx): Promise<void> {
  const raw = unwrap(db);
  if (raw.objectStoreNames.contains('search')) {
    // Nothing of it carries over: the clips are numbered and their terms staged anew.
    raw.deleteObjectStore('search');
    raw.createObjectStore('postings');
    db.createObjectStore('pending', { keyPath: 'seq' });
    db.createObjectStore('docTerms', { keyPath: 'seq' });
    db.createObjectStore('meta');
    await numberAndIndex(transaction);
    return;
  }
  const pending = transaction.objectStore('pending');
  pending.deleteIndex('by-term');
  for (let cursor = await pending.openCursor(); cursor; cursor = await cursor.continue()) {
    const { seq, terms } = cursor.value as unknown as { seq: number; terms?: string[] };
    if (terms) await cursor.update({ seq, words: terms } as unknown as TermsRecord);
  }
  // String keys sort before every array key: this range holds exactly the bare-term postings.
  const postings = wrap(unwrap(transaction).objectStore('postings')) as unknown as IDBPObjectStore<V3Postings, ['postings'], 'postings', 'versionchange'>;
  for (let cursor = await postings.openCursor(IDBKeyRange.bound('', [], false, true)); cursor; cursor = await cursor.continue()) {
    const term = cursor.key as unknown as string;
    const bySegment = new Map<number, number[]>();
    for (const seq of cursor.value) {
      const segment = Math.floor(seq / V3_SEGMENT);
      (bySegment.get(segment) ?? bySegment.set(segment, []).get(segment)!).push(seq);
    }
    await Promise.all([...[...bySegment].map(([segment, seqs]) => postings.put(Uint32Array.from(seqs), [term, segment])), cursor.delete()]);
  }
}

/** Version 3's postings store, which version 4 replaces: [term, segment] → the clips' numbers. */
interface V3Postings extends DBSchema {
  postings: { key: [string, number] | string; value: Uint32Array };
}

/**
 * Version 4 keeps the merged index in buckets of terms (`termBuckets`, see search-index.ts), not
 * a record per term and segment: they are built again from each clip's merged terms (`docTerms`),
 * a segment at a time, and version 3's `postings` dropped. Pending clips stay pending. A clip's
 * terms, pending or merged, are stored as one text (`TermsRecord`), no longer as a list.
 */
async function upgradeTo4(db: IDBPDatabase<ClipperDbSchema>, transaction: UpgradeTx): Promise<void> {
  const raw = unwrap(db);
  if (raw.objectStoreNames.contains('postings')) raw.deleteObjectStore('postings');
  db.createObjectStore('termBuckets');
  // Records written by the steps above are already version 4's (stageTerms writes them so).
  const asText = (seq: number, value: unknown): TermsRecord | undefined => {
    const list = (value as { words?: unknown; terms?: unknown }).words ?? (value as { terms?: unknown }).terms;
    return Array.isArray(list) ? { seq, termText: (list as string[]).join('\n') } : undefined;
  };
  for (let cursor = await transaction.objectStore('pending').openCursor(); cursor; cursor = await cursor.continue()) {
    const record = asText(cursor.value.seq, cursor.value);
    if (record) await cursor.update(record);
  }
  let segment: IndexChange[] = [];
  const flush = async () => {
    await writeBuckets(transaction, segment);
    segment = [];
  };
  for (let cursor = await transaction.objectStore('docTerms').openCursor(); cursor; cursor = await cursor.continue()) {
    const record = asText(cursor.value.seq, cursor.value) ?? cursor.value;
    if (record !== cursor.value) await cursor.update(record);
    const { seq } = record;
    if (segment.length > 0 && Math.floor(segment[0]!.seq / SEGMENT) !== Math.floor(seq / SEGMENT)) await flush();
    segment.push({ seq, before: [], after: termsIn(record) });
  }
  if (segment.length > 0) await flush();
}

/** Whether `error` (or what it wraps) says the browser's storage quota for the extension is used up. */
export function isQuotaError(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const { name, message } = e as { name?: unknown; message?: unknown };
    // With `unlimitedStorage` Chromium's quota is the free disk, so a full disk is what stops a
    // write: IndexedDB then closes the connection with LevelDB's "FILE_ERROR_NO_SPACE".
    if (name === 'QuotaExceededError' || (typeof message === 'string' && /quota|FILE_ERROR_NO_SPACE/i.test(message))) return true;
  }
  return false;
}

function termsOf(summary: ClipSummary, contentHtml: string): string[] {
  const { title, siteName, byline = '', tags, note = '' } = summary;
  return indexTerms([title, siteName, byline, ...tags, note, htmlToText(contentHtml)].join('\n'));
}

/** Writes a whole clip (summary, body, index terms) in a transaction that spans all stores. */
async function writeClip(tx: WriteTx, summary: ClipSummary, content: ClipContent): Promise<void> {
  noteClipWritten(tx, summary);
  await Promise.all([
    tx.objectStore('clips').put(summary),
    tx.objectStore('contents').put(content),
    stageTerms(tx, summary.seq, termsOf(summary, content.contentHtml)),
  ]);
}

async function nextSeq(tx: WriteTx): Promise<number> {
  const seq = (await tx.objectStore('meta').get('nextSeq')) ?? 1;
  await tx.objectStore('meta').put(seq + 1, 'nextSeq');
  return seq;
}

function joinClip(summary: ClipSummary, content: ClipContent): Clip {
  const { contentHtml, revisions, original, imported } = content;
  return { ...summary, contentHtml, revisions, ...(original && { original }), ...(imported && { imported }) };
}

/**
 * The content to write when a clip changes from `before` to `after`: the archive post it was
 * imported from stays only while what the archive preset writes of the clip is unchanged. That is
 * its title, byline, body and tags (their order too), whoever changes them: an edit, a retag, or
 * a later import of the same article bringing other tags. The note, which no archive post holds,
 * keeps it. Once gone it stays gone (removing a tag just added brings nothing back), and a re-clip
 * writes a fresh content record without it.
 */
function contentFor(content: ClipContent, before: ClipSummary, after: ClipSummary, contentHtml = content.contentHtml): ClipContent {
  const { imported, ...rest } = content;
  const same =
    before.title === after.title &&
    (before.byline ?? '') === (after.byline ?? '') &&
    content.contentHtml === contentHtml &&
    before.tags.length === after.tags.length &&
    before.tags.every((tag, i) => tag === after.tags[i]);
  return { ...rest, contentHtml, ...(imported && same && { imported }) };
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
  /** The user's tags for this clip (the default tags, or those given before saving): added to any it has. */
  tags?: readonly string[];
  /** A note given before saving: added after any note the clip has. */
  note?: string;
}

function withUserFields(existing: Pick<ClipSummary, 'tags' | 'note'> | undefined, { tags = [], note }: SaveOptions): Pick<ClipSummary, 'tags' | 'note'> {
  const before = existing?.note;
  const given = note?.trim() ? note : undefined;
  const joined = before && given && before !== given ? `${before}\n\n${given}` : (before ?? given);
  return { tags: [...new Set([...(existing?.tags ?? []), ...tags])].slice(0, FIELD_LIMITS.tags), ...(joined !== undefined && { note: joined }) };
}

/**
 * Stores a draft. Clipping the same article again (same URL without tracking parameters, or the
 * same canonical URL) updates that clip; if its text or title changed, the earlier version is kept
 * as a revision. The lookup and the write share one transaction, so concurrent saves of one
 * article cannot both create a clip.
 */
export function saveDraft(db: ClipperDb, draft: ClipDraft, options: SaveOptions): Promise<SaveResult> {
  return writing(db, (tx) => saveDraftIn(tx, draft, options));
}

/** Runs `write` in a transaction over every store, and waits for it to commit. */
async function writing<T>(db: ClipperDb, write: (tx: WriteTx) => Promise<T>): Promise<T> {
  const tx = db.transaction(ALL_STORES, 'readwrite');
  try {
    const result = await write(tx);
    await tx.done;
    return result;
  } catch (error) {
    // Nothing half-written: whatever failed, the whole transaction is undone. A full disk shows
    // as the transaction's error, while its requests only say "aborted": answer the cause.
    try {
      tx.abort();
    } catch {
      // Already finished or aborted.
    }
    await tx.done.catch(() => {});
    throw isQuotaError(tx.error) ? tx.error : error;
  }
}

async function saveDraftIn(tx: WriteTx, draft: ClipDraft, options: SaveOptions): Promise<SaveResult> {
  const { now, newId } = options;
  const { contentHtml, ...meta } = draft;
  const urlKeys = articleUrlKeys(draft.pageUrl, draft.url);
  const clips = tx.objectStore('clips');

  let existing: ClipSummary | undefined;
  for (const key of urlKeys) {
    existing = await clips.index('by-urlKey').get(key);
    if (existing) break;
  }

  let result: SaveResult;
  if (!existing) {
    const clip: ClipSummary = { ...meta, id: newId(), seq: await nextSeq(tx), clippedAt: now, updatedAt: now, ...withUserFields(undefined, options), urlKeys, revisionCount: 0 };
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
      seq: existing.seq,
      clippedAt: existing.clippedAt,
      updatedAt: now,
      ...withUserFields(existing, options),
      urlKeys: [...new Set([...existing.urlKeys, ...urlKeys])],
      revisionCount: revisions.length,
    };
    // A fresh extraction replaces the user's edits of the body; the edited version is the revision.
    await writeClip(tx, clip, { id: clip.id, contentHtml, revisions });
    result = { clip, created: false, revisionAdded: changed };
  }
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
  const index = db.transaction('clips').store.index('by-updatedAt');
  // One request where the browser reads an index backwards in one go (IndexedDB 3.0's `direction`,
  // shipped with `getAllRecords`): a cursor costs a round trip to the storage process per clip.
  const raw = unwrap(index);
  if ('getAllRecords' in raw) {
    const getAll = raw.getAll as unknown as (this: IDBIndex, options: { count: number; direction: IDBCursorDirection }) => IDBRequest<ClipSummary[]>;
    return wrap(getAll.call(raw, { count: limit, direction: 'prev' }));
  }
  const out: ClipSummary[] = [];
  let cursor = await index.openCursor(null, 'prev');
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
      if (!summary || !content) return undefined;
      noteClipDeleted(tx, id);
      await Promise.all([tx.objectStore('clips').delete(id), tx.objectStore('contents').delete(id), stageTerms(tx, summary.seq, [])]);
      return joinClip(summary, content);
    }),
  );
  await tx.done;
  return deleted.filter((clip): clip is Clip => clip !== undefined);
}

/**
 * Puts whole clips back: those `deleteClips` returned (undo), or a backup's. A clip keeps its
 * number only while it is still in the library; otherwise it gets a new one, since numbers in a
 * backup belong to another library.
 */
export async function restoreClips(db: ClipperDb, clips: Clip[]): Promise<void> {
  const tx = db.transaction(ALL_STORES, 'readwrite');
  for (const { contentHtml, revisions, original, imported, ...summary } of clips) {
    const present = await tx.objectStore('clips').get(summary.id);
    const seq = present?.seq ?? (await nextSeq(tx));
    await writeClip(tx, { ...summary, seq, revisionCount: revisions.length }, { id: summary.id, contentHtml, revisions, ...(original && { original }), ...(imported && { imported }) });
  }
  await tx.done;
}

/** Whole clips by id, for backups and bulk exports (missing ids are left out). */
export async function getClips(db: ClipperDb, ids: string[]): Promise<Clip[]> {
  const tx = db.transaction(['clips', 'contents'], 'readonly');
  const clips = await Promise.all(
    ids.map(async (id) => {
      const [summary, content] = await Promise.all([tx.objectStore('clips').get(id), tx.objectStore('contents').get(id)]);
      return summary && content ? joinClip(summary, content) : undefined;
    }),
  );
  await tx.done;
  return clips.filter((clip): clip is Clip => clip !== undefined);
}

/** One clip of an import's batch: a new one, or a known one whose tags the batch may extend. */
interface ImportTarget {
  summary: ClipSummary;
  /** A known clip as the library had it. */
  before?: ClipSummary;
  /** The body of a new clip; a known clip's stays as stored. */
  contentHtml?: string;
  /** The post a new clip was imported from, kept for its export. */
  imported?: ImportedPost;
  changed: boolean;
}

/**
 * Adds a batch of imported posts in one transaction: all of them or, if anything fails, none. An
 * article the library already has (same URL), or that came earlier in the batch, is not added
 * again: it only gains the post's tags. The batch's terms are staged for the search index together.
 */
export async function importDrafts(db: ClipperDb, drafts: ImportDraft[], { now, newId }: SaveOptions): Promise<{ added: number; known: number }> {
  return writing(db, async (tx) => {
    const clips = tx.objectStore('clips');
    const byUrlKey = clips.index('by-urlKey');
    const keysOf = drafts.map((d) => articleUrlKeys(d.pageUrl, d.url));
    const stored = await Promise.all(
      keysOf.map(async (keys) => {
        for (const key of keys) {
          const found = await byUrlKey.get(key);
          if (found) return found;
        }
        return undefined;
      }),
    );
    let seq = (await tx.objectStore('meta').get('nextSeq')) ?? 1;
    const targets = new Map<string, ImportTarget>();
    let added = 0;
    drafts.forEach(({ tags, clippedAt, imported, ...draft }, i) => {
      const keys = keysOf[i]!;
      let target = keys.map((key) => targets.get(key)).find(Boolean);
      const known = stored[i];
      if (!target && known) target = { summary: known, before: known, changed: false };
      if (target) {
        const merged = [...new Set([...target.summary.tags, ...tags])];
        if (merged.length !== target.summary.tags.length) Object.assign(target, { summary: { ...target.summary, tags: merged }, changed: true });
      } else {
        const { contentHtml, ...meta } = draft;
        const at = clippedAt ?? now;
        const summary: ClipSummary = { ...meta, id: newId(), seq: seq++, clippedAt: at, updatedAt: at, tags, urlKeys: keys, revisionCount: 0 };
        target = { summary, contentHtml, ...(imported && { imported }), changed: true };
        added++;
      }
      for (const key of [...keys, ...target.summary.urlKeys]) targets.set(key, target);
    });
    const changed = [...new Set(targets.values())].filter((t) => t.changed);
    const contents = tx.objectStore('contents');
    // A known clip's stored body, read for its index terms and rewritten only where its tags
    // changed what an export of the imported post would give back (see contentFor).
    const records = await Promise.all(changed.map((t) => (t.contentHtml === undefined ? contents.get(t.summary.id) : undefined)));
    const bodies = changed.map((t, i) => t.contentHtml ?? records[i]?.contentHtml);
    await Promise.all([
      ...changed.map(async ({ summary, before, contentHtml, imported }, i) => {
        await clips.put(summary);
        noteClipWritten(tx, summary);
        if (contentHtml !== undefined) await contents.put({ id: summary.id, contentHtml, revisions: [], ...(imported && { imported }) });
        else if (records[i]?.imported && before) await contents.put(contentFor(records[i], before, summary));
      }),
      tx.objectStore('meta').put(seq, 'nextSeq'),
      stageMany(
        tx,
        changed.flatMap(({ summary }, i) => (bodies[i] === undefined ? [] : [{ seq: summary.seq, terms: termsOf(summary, bodies[i]) }])),
      ),
    ]);
    return { added, known: drafts.length - added };
  });
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
  await writeClip(tx, next, { ...contentFor(content, summary, next, contentHtml), ...(original && { original }) });
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
      const next = { ...summary, tags: [...new Set([...summary.tags.filter((t) => !remove.includes(t)), ...add])] };
      await writeClip(tx, next, contentFor(content, summary, next));
    }),
  );
  await tx.done;
}

/**
 * Numbers (`seq`) of the clips whose title, site, byline, tags, note or text hold every term of
 * the query; undefined when the query has nothing to search for.
 */
export function searchClipSeqs(db: ClipperDb, query: string): Promise<number[] | undefined> {
  return searchSeqs(db, query);
}

/**
 * Folds recent writes into the compact postings once `at` have gathered. The worker calls it
 * after writes, without making the user wait for it; an import, whose batches come in hundreds,
 * merges less often (IMPORT_MERGE_AT): a merge rewrites every posting its clips touch, and
 * fewer, larger merges touch each posting fewer times.
 */
export function mergeSearchIndexIfDue(db: ClipperDb, at = MERGE_AT): Promise<number> {
  // One merge at a time: writes that arrive during a merge wait for the next one.
  let merge = merging.get(db);
  if (!merge) {
    merge = (async () => ((await pendingCount(db)) >= at ? mergePending(db) : 0))().finally(() => merging.delete(db));
    merging.set(db, merge);
  }
  return merge;
}
const merging = new WeakMap<ClipperDb, Promise<number>>();

/**
 * Pending clips an import lets gather before a merge: four times as many as other writes, for
 * about half the merging work; more would hold too many terms in the worker's memory during the
 * merge (a Chinese news post has a thousand or more).
 */
export const IMPORT_MERGE_AT = 1024;

export { mergePending as mergeSearchIndex };
