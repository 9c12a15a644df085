import type { IDBPDatabase, IDBPTransaction } from 'idb';
import { queryTerms, type QueryTerm } from '../core/search/search-terms';

// The library's full-text index, in three IndexedDB stores:
// - `termBuckets`: [head, spread, segment] → a bucket of posting lists: the terms that start with
//   `head` (a term's first CJK character, or its first two characters in other scripts) and hash
//   to `spread`, each with the sorted numbers (`seq`) of the clips holding it among SEGMENT
//   consecutive clips. A merge of a thousand news clips touches some 100,000 terms but only a few
//   thousand buckets: it reads and writes that many records, not one per term (with a record per
//   term, Chromium spent most of a merge on the requests alone). An exact term is one bucket per
//   segment; a prefix query (one CJK character, or two letters or more) is one head, all spreads.
//   A merge rewrites only the buckets of the segments it merges (for new clips, the last one), so
//   its cost does not grow with the library.
// - `pending`: clips written since the last merge, one record each with all its terms. A write
//   only adds one record here; for these clips the pending record is the truth (a clip deleted
//   since the last merge is pending with no terms). Searches read pending terms from a map in
//   memory (below), not from a stored index: a multi-entry index wrote a thousand index rows per
//   clip, and in a large database each of those rows cost more (a 10 KB clip took 40 ms to stage
//   into a library of 10,000 clips against 7 ms into an empty one, in Chromium).
// - `docTerms`: each clip's terms as of the last merge, so a merge knows what to take out.
// `mergePending` folds pending records into the buckets, a few hundred clips at a time.
// The stores, their keys and their records are the database's schema: `openClipperDb`'s upgrade
// ladder (db.ts) creates them, and a change to any of them (SEGMENT, SPREAD and `headOf`
// included) is a step there.

export const MERGE_AT = 256;
export const SEGMENT = 2048;
/** Buckets per head: enough that a common head's bucket stays small (tens of KB a segment). */
export const SPREAD = 8;

export interface PendingEntry {
  seq: number;
  terms: string[];
}

/**
 * A clip's terms as stored, in `pending` and in `docTerms`: one text, the terms joined by line
 * breaks (no term holds whitespace). A thousand terms as one string cost IndexedDB one string to
 * clone, where a list cost a thousand (version 3 kept lists: `words` in pending, `terms` in docTerms).
 */
export interface TermsRecord {
  seq: number;
  termText: string;
}

/** The terms of a stored record. */
export const termsIn = (record: TermsRecord): string[] => (record.termText === '' ? [] : record.termText.split('\n'));
const termsRecord = (seq: number, terms: readonly string[]): TermsRecord => ({ seq, termText: terms.join('\n') });

/**
 * The posting lists of one bucket in one segment: `terms` sorted (as strings sort), and term i's
 * clip numbers, ascending, at `seqs[ends[i - 1] ?? 0 … ends[i]]`. Two typed arrays and one list of
 * strings: cheap for IndexedDB to clone, whatever the number of terms.
 */
export interface PostingBucket {
  terms: string[];
  ends: Uint32Array;
  seqs: Uint32Array;
}

export type BucketKey = [head: string, spread: number, segment: number];

export interface IndexStores {
  termBuckets: { key: BucketKey; value: PostingBucket };
  pending: { key: number; value: TermsRecord };
  docTerms: { key: number; value: TermsRecord };
}

export const INDEX_STORES = ['termBuckets', 'pending', 'docTerms'] as const;

const CJK_START = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/v;

/**
 * The head of a term: its first character when that is CJK (a bigram, or a lone character, which
 * a one-character query looks up as a prefix), else its first two characters (a word: a prefix
 * query has two letters or more). Every term a query's look-up can match shares the look-up's head.
 */
export function headOf(term: string): string {
  const first = String.fromCodePoint(term.codePointAt(0) ?? 0);
  if (CJK_START.test(first)) return first;
  const second = term.codePointAt(first.length);
  return second === undefined ? first : first + String.fromCodePoint(second);
}

/** Which of the head's SPREAD buckets holds the term (FNV-1a of its UTF-16 code units). */
export function spreadOf(term: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < term.length; i++) hash = Math.imul(hash ^ term.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % SPREAD;
}

/* eslint-disable @typescript-eslint/no-explicit-any -- the index works inside any schema that has its stores */
type AnyDb = IDBPDatabase<any>;
type AnyTx = IDBPTransaction<any, any, 'readwrite' | 'versionchange'>;
/* eslint-enable @typescript-eslint/no-explicit-any */

/**
 * The pending clips' terms, in memory: the worker is the only writer, so it can keep them up to
 * date as its writes commit, and a search looks terms up here instead of in a stored index.
 */
class PendingTerms {
  private readonly bySeq = new Map<number, string[]>();
  private readonly byTerm = new Map<string, Set<number>>();

  constructor(records: TermsRecord[]) {
    for (const record of records) this.set(record.seq, termsIn(record));
  }

  set(seq: number, terms: string[]): void {
    for (const term of this.bySeq.get(seq) ?? []) this.byTerm.get(term)?.delete(seq);
    this.bySeq.set(seq, terms);
    for (const term of terms) (this.byTerm.get(term) ?? this.byTerm.set(term, new Set()).get(term)!).add(seq);
  }

  has(seq: number): boolean {
    return this.bySeq.has(seq);
  }

  get size(): number {
    return this.bySeq.size;
  }

  /** Pending clips holding the term (or a term with the prefix), ascending. */
  find(term: QueryTerm): number[] {
    const found: number[] = [];
    if ('exact' in term) found.push(...(this.byTerm.get(term.exact) ?? []));
    else for (const [t, seqs] of this.byTerm) if (t.startsWith(term.prefix)) found.push(...seqs);
    return [...new Set(found)].sort((a, b) => a - b);
  }
}

interface PendingCache {
  /** Counts committed changes to the pending store, so that a map read during one is not kept. */
  version: number;
  terms?: PendingTerms;
}

// Keyed by database connection (idb hands out one wrapper per connection, `tx.db` included).
const pendingCaches = new WeakMap<object, PendingCache>();

function cacheOf(db: object): PendingCache {
  let cache = pendingCaches.get(db);
  if (!cache) pendingCaches.set(db, (cache = { version: 0 }));
  return cache;
}

async function pendingTerms(db: AnyDb): Promise<PendingTerms> {
  const cache = cacheOf(db);
  if (cache.terms) return cache.terms;
  const version = cache.version;
  const terms = new PendingTerms((await db.getAll('pending')) as TermsRecord[]);
  // A write that committed meanwhile may or may not be in what was read: use it once, keep none.
  if (cache.version === version) cache.terms = terms;
  return terms;
}

/** Records a clip's terms (none: the clip is gone) inside the caller's write transaction. */
export function stageTerms(tx: AnyTx, seq: number, terms: string[]): Promise<void> {
  return stageMany(tx, [{ seq, terms }]);
}

/** Records many clips' terms at once (an import's batch) inside the caller's write transaction. */
export async function stageMany(tx: AnyTx, entries: PendingEntry[]): Promise<void> {
  const store = tx.objectStore('pending');
  await Promise.all(entries.map(({ seq, terms }) => store.put(termsRecord(seq, terms))));
  const cache = cacheOf(tx.db);
  tx.done.then(
    () => {
      cache.version++;
      for (const { seq, terms } of entries) cache.terms?.set(seq, terms);
    },
    () => {},
  );
}

export async function pendingCount(db: AnyDb): Promise<number> {
  return db.count('pending');
}

function unionSorted(lists: ArrayLike<number>[]): number[] {
  const nonEmpty = lists.filter((l) => l.length > 0);
  // The usual case, one stored list, is sorted already.
  if (nonEmpty.length === 1) return Array.from(nonEmpty[0]!);
  if (nonEmpty.length === 2) return unionTwo(nonEmpty[0]!, nonEmpty[1]!);
  // Clip numbers are small and dense: marking them in a bitmap beats sorting a merged list
  // (a one-character query can join hundreds of lists).
  let max = 0;
  for (const list of nonEmpty) for (let i = 0; i < list.length; i++) if (list[i]! > max) max = list[i]!;
  const seen = new Uint8Array(max + 1);
  for (const list of nonEmpty) for (let i = 0; i < list.length; i++) seen[list[i]!] = 1;
  const out: number[] = [];
  for (let seq = 0; seq <= max; seq++) if (seen[seq]) out.push(seq);
  return out;
}

/** Two sorted lists as one, each number once. */
function unionTwo(a: ArrayLike<number>, b: ArrayLike<number>): number[] {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x <= y) i++;
    if (y <= x) j++;
    out.push(x <= y ? x : y);
  }
  while (i < a.length) out.push(a[i++]!);
  while (j < b.length) out.push(b[j++]!);
  return out;
}

const NONE = new Uint32Array(0);

/** What a merge does to one term in one segment. */
interface TermChange {
  /** Numbers to add, ascending. */
  add: number[];
  remove?: Set<number>;
}

/** A bucket with its terms' changes applied; undefined when no term is left in it. */
function changedBucket(old: PostingBucket | undefined, changes: Map<string, TermChange>): PostingBucket | undefined {
  const lists = new Map<string, ArrayLike<number>>();
  if (old) {
    let start = 0;
    old.terms.forEach((term, i) => {
      lists.set(term, old.seqs.subarray(start, old.ends[i]));
      start = old.ends[i]!;
    });
  }
  for (const [term, { add, remove }] of changes) {
    const before = lists.get(term) ?? NONE;
    const kept = remove ? Array.prototype.filter.call(before, (seq: number) => !remove.has(seq)) as number[] : before;
    const next = add.length === 0 ? kept : kept.length === 0 ? add : unionTwo(kept, add);
    if (next.length > 0) lists.set(term, next);
    else lists.delete(term);
  }
  if (lists.size === 0) return undefined;
  const terms = [...lists.keys()].sort();
  let total = 0;
  for (const list of lists.values()) total += list.length;
  const ends = new Uint32Array(terms.length);
  const seqs = new Uint32Array(total);
  let at = 0;
  terms.forEach((term, i) => {
    const list = lists.get(term)!;
    seqs.set(list, at);
    at += list.length;
    ends[i] = at;
  });
  return { terms, ends, seqs };
}

/** A clip's terms before (as last merged) and after (as now), for `writeBuckets`. */
export interface IndexChange {
  seq: number;
  before: readonly string[];
  after: readonly string[];
}

/**
 * Rewrites the buckets that `changes` touch, in `tx`: each bucket is read once and written once,
 * however many of its terms change. `changes` come in ascending `seq` order.
 */
export async function writeBuckets(tx: AnyTx, changes: readonly IndexChange[]): Promise<void> {
  const store = tx.objectStore('termBuckets');
  // Bucket key as text (head, spread, segment) → its terms' changes.
  const buckets = new Map<string, { key: BucketKey; terms: Map<string, TermChange> }>();
  const places = new Map<string, [head: string, spread: number]>();
  const changeOf = (term: string, segment: number): TermChange => {
    let place = places.get(term);
    if (!place) places.set(term, (place = [headOf(term), spreadOf(term)]));
    const id = `${place[0]}\u0000${place[1]}\u0000${segment}`;
    let bucket = buckets.get(id);
    if (!bucket) buckets.set(id, (bucket = { key: [place[0], place[1], segment], terms: new Map() }));
    let change = bucket.terms.get(term);
    if (!change) bucket.terms.set(term, (change = { add: [] }));
    return change;
  };
  for (const { seq, before, after } of changes) {
    const segment = Math.floor(seq / SEGMENT);
    const had = new Set(before);
    const has = new Set(after);
    for (const term of has) if (!had.has(term)) changeOf(term, segment).add.push(seq);
    for (const term of had) if (!has.has(term)) (changeOf(term, segment).remove ??= new Set()).add(seq);
  }
  const touched = [...buckets.values()];
  const olds = (await Promise.all(touched.map(({ key }) => store.get(key)))) as (PostingBucket | undefined)[];
  await Promise.all(
    touched.map(({ key, terms }, i) => {
      const next = changedBucket(olds[i], terms);
      return next ? store.put(next, key) : olds[i] ? store.delete(key) : undefined;
    }),
  );
}

/** Folds pending clips into the buckets. Answers how many clips it merged. */
export async function mergePending(db: AnyDb): Promise<number> {
  const tx = db.transaction([...INDEX_STORES], 'readwrite');
  const pending = (await tx.objectStore('pending').getAll()) as TermsRecord[];
  const befores = (await Promise.all(pending.map((p) => tx.objectStore('docTerms').get(p.seq)))) as (TermsRecord | undefined)[];
  const writes: Promise<unknown>[] = [writeBuckets(tx, pending.map((p, i) => ({ seq: p.seq, before: befores[i] ? termsIn(befores[i]) : [], after: termsIn(p) })))];
  // The pending record, as it is, becomes the clip's merged terms.
  for (const record of pending) writes.push(record.termText !== '' ? tx.objectStore('docTerms').put(record) : tx.objectStore('docTerms').delete(record.seq));
  writes.push(tx.objectStore('pending').clear());
  await Promise.all(writes);
  await tx.done;
  // Nothing is pending any more. The map is replaced rather than emptied: a search that took the
  // old one before this merge committed read the buckets as they were before it, too.
  const cache = cacheOf(db);
  cache.version++;
  cache.terms = undefined;
  return pending.length;
}

/** Every segment of the bucket of an exact term, or of every bucket of a prefix's head (array keys sort element by element). */
function bucketsRange(term: QueryTerm): IDBKeyRange {
  if ('exact' in term) {
    const head = headOf(term.exact);
    const spread = spreadOf(term.exact);
    return IDBKeyRange.bound([head, spread], [head, spread, Infinity]);
  }
  const head = headOf(term.prefix);
  return IDBKeyRange.bound([head], [head, Infinity]);
}

/** The first index in sorted `terms` whose term is not below `term`. */
function lowerBound(terms: readonly string[], term: string): number {
  let low = 0;
  let high = terms.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (terms[mid]! < term) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** The posting lists in one bucket of the terms a look-up matches. */
function listsIn(bucket: PostingBucket, term: QueryTerm): Uint32Array[] {
  const wanted = 'exact' in term ? term.exact : term.prefix;
  const out: Uint32Array[] = [];
  for (let i = lowerBound(bucket.terms, wanted); i < bucket.terms.length; i++) {
    const found = bucket.terms[i]!;
    if ('exact' in term ? found !== wanted : !found.startsWith(wanted)) break;
    out.push(bucket.seqs.subarray(i === 0 ? 0 : bucket.ends[i - 1], bucket.ends[i]));
  }
  return out;
}

/** The stored (merged) posting lists of a term, one per segment that has it: for tests. */
export async function storedLists(db: AnyDb, term: string): Promise<number[][]> {
  const buckets = (await db.getAll('termBuckets', bucketsRange({ exact: term }))) as PostingBucket[];
  return buckets.flatMap((bucket) => listsIn(bucket, { exact: term }).map((list) => Array.from(list)));
}

function intersectSorted(a: number[], b: number[]): number[] {
  const out: number[] = [];
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    if (a[i]! < b[j]!) i++;
    else if (a[i]! > b[j]!) j++;
    else {
      out.push(a[i]!);
      i++;
      j++;
    }
  }
  return out;
}

/**
 * The clip numbers whose indexed text holds every term of the query, ascending; undefined when
 * the query has nothing to search for.
 */
export async function searchSeqs(db: AnyDb, query: string): Promise<number[] | undefined> {
  const terms = queryTerms(query);
  if (terms.length === 0) return undefined;
  const pending = await pendingTerms(db);
  // The map is taken as this transaction starts: a merge that commits before the transaction reads
  // leaves the map with clips it merged (still right: for those the map is the truth), and a
  // later merge replaces the map without touching this one.
  const tx = db.transaction('termBuckets', 'readonly');
  const lookups = await Promise.all(
    terms.map(async (term) => {
      const merged = ((await tx.store.getAll(bucketsRange(term))) as PostingBucket[]).flatMap((bucket) => listsIn(bucket, term));
      const fresh = pending.find(term);
      // For clips written since the last merge, the pending record alone is the truth.
      const settled = merged.map((list) => (pending.size === 0 ? list : Array.from(list).filter((seq) => !pending.has(seq))));
      // An exact term's bucket comes segment by segment, in number order: joined, its lists are sorted already.
      if ('exact' in term && fresh.length === 0) return settled.flatMap((list) => Array.from(list));
      return unionSorted([...settled, fresh]);
    }),
  );
  lookups.sort((a, b) => a.length - b.length);
  return lookups.reduce((acc, list) => intersectSorted(acc, list));
}
