import type { IDBPDatabase, IDBPTransaction } from 'idb';
import { queryTerms, type QueryTerm } from '../core/search/search-terms';

// The library's full-text index, in three IndexedDB stores:
// - `postings`: [term, segment] → sorted Uint32Array of clip numbers (`seq`), a segment holding
//   the numbers of SEGMENT consecutive clips. Compact; a query reads a term's few segments in key
//   order, which is already number order; a merge rewrites only the segments of the clips it
//   merges (for new clips, the last one), so its cost does not grow with the library.
// - `pending`: clips written since the last merge, one record each with all its terms. A write
//   only adds one record here; for these clips the pending record is the truth (a clip deleted
//   since the last merge is pending with no terms). Searches read pending terms from a map in
//   memory (below), not from a stored index: a multi-entry index wrote a thousand index rows per
//   clip, and in a large database each of those rows cost more (a 10 KB clip took 40 ms to stage
//   into a library of 10,000 clips against 7 ms into an empty one, in Chromium).
// - `docTerms`: each clip's terms as of the last merge, so a merge knows what to take out.
// `mergePending` folds pending records into postings, a few hundred clips at a time.
// The stores, their keys and their records are the database's schema: `openClipperDb`'s upgrade
// ladder (db.ts) creates them, and a change to any of them (SEGMENT included) is a step there.

export const MERGE_AT = 256;
const SEGMENT = 2048;

export interface PendingEntry {
  seq: number;
  terms: string[];
}

/** A pending record (its terms are `words`: version 2 indexed `terms`, which version 3 rewrote). */
export interface PendingRecord {
  seq: number;
  words: string[];
}

export interface IndexStores {
  postings: { key: [string, number]; value: Uint32Array };
  pending: { key: number; value: PendingRecord };
  docTerms: { key: number; value: PendingEntry };
}

export const INDEX_STORES = ['postings', 'pending', 'docTerms'] as const;

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

  constructor(records: PendingRecord[]) {
    for (const record of records) this.set(record.seq, record.words);
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
  const terms = new PendingTerms((await db.getAll('pending')) as PendingRecord[]);
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
  await Promise.all(entries.map(({ seq, terms }) => store.put({ seq, words: terms } satisfies PendingRecord)));
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

/** Folds pending clips into the postings. Answers how many clips it merged. */
export async function mergePending(db: AnyDb): Promise<number> {
  const tx = db.transaction([...INDEX_STORES], 'readwrite');
  const pending = ((await tx.objectStore('pending').getAll()) as PendingRecord[]).map((r): PendingEntry => ({ seq: r.seq, terms: r.words }));
  // Keyed by `term\u0000segment`: one entry per posting list the merge rewrites.
  const adds = new Map<string, number[]>();
  const removes = new Map<string, Set<number>>();
  const slot = (term: string, seq: number) => `${term}\u0000${Math.floor(seq / SEGMENT)}`;
  const befores = (await Promise.all(pending.map((p) => tx.objectStore('docTerms').get(p.seq)))) as (PendingEntry | undefined)[];
  pending.forEach((entry, i) => {
    const before = new Set(befores[i]?.terms ?? []);
    const after = new Set(entry.terms);
    for (const term of after) if (!before.has(term)) (adds.get(slot(term, entry.seq)) ?? adds.set(slot(term, entry.seq), []).get(slot(term, entry.seq))!).push(entry.seq);
    for (const term of before)
      if (!after.has(term)) (removes.get(slot(term, entry.seq)) ?? removes.set(slot(term, entry.seq), new Set()).get(slot(term, entry.seq))!).add(entry.seq);
  });
  const slots = [...new Set([...adds.keys(), ...removes.keys()])];
  const keys = slots.map((s): [string, number] => {
    const cut = s.lastIndexOf('\u0000');
    return [s.slice(0, cut), Number(s.slice(cut + 1))];
  });
  const olds = (await Promise.all(keys.map((key) => tx.objectStore('postings').get(key)))) as (Uint32Array | undefined)[];
  const writes: Promise<unknown>[] = [];
  slots.forEach((s, i) => {
    const removed = removes.get(s);
    const kept = removed ? Array.from(olds[i] ?? []).filter((seq) => !removed.has(seq)) : (olds[i] ?? []);
    const next = adds.has(s) ? unionSorted([kept, adds.get(s)!]) : Array.from(kept);
    writes.push(next.length > 0 ? tx.objectStore('postings').put(Uint32Array.from(next), keys[i]) : tx.objectStore('postings').delete(keys[i]!));
  });
  for (const entry of pending) {
    writes.push(entry.terms.length > 0 ? tx.objectStore('docTerms').put(entry) : tx.objectStore('docTerms').delete(entry.seq));
  }
  writes.push(tx.objectStore('pending').clear());
  await Promise.all(writes);
  await tx.done;
  // Nothing is pending any more. The map is replaced rather than emptied: a search that took the
  // old one before this merge committed read the postings as they were before it, too.
  const cache = cacheOf(db);
  cache.version++;
  cache.terms = undefined;
  return pending.length;
}

/** Every segment of one term, or of every term with a prefix (array keys sort by term, then segment). */
function postingsRange(term: QueryTerm): IDBKeyRange {
  return 'exact' in term ? IDBKeyRange.bound([term.exact], [term.exact, Infinity]) : IDBKeyRange.bound([term.prefix], [`${term.prefix}\uffff`]);
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
  const tx = db.transaction('postings', 'readonly');
  const lookups = await Promise.all(
    terms.map(async (term) => {
      const merged = (await tx.store.getAll(postingsRange(term))) as Uint32Array[];
      const fresh = pending.find(term);
      // For clips written since the last merge, the pending record alone is the truth.
      const settled = merged.map((list) => (pending.size === 0 ? list : Array.from(list).filter((seq) => !pending.has(seq))));
      // An exact term's segments come in number order: joined, they are sorted already.
      if ('exact' in term && fresh.length === 0) return settled.flatMap((list) => Array.from(list));
      return unionSorted([...settled, fresh]);
    }),
  );
  lookups.sort((a, b) => a.length - b.length);
  return lookups.reduce((acc, list) => intersectSorted(acc, list));
}
