import type { IDBPDatabase, IDBPTransaction } from 'idb';
import { idsInView, LibraryCatalog, type LibraryFilters, type ViewOrder, type ViewPage } from '../core/library/library-view';
import { PAGE_LIMIT } from '../protocol/messages';
import { queryTerms } from '../core/search/search-terms';
import type { ClipSummary } from '../core/model/types';
import { searchSeqs } from './search-index';

// Views of the library for the pages, computed here so that no page holds the whole library:
// a page asks for the clips matching a query and filters, and gets their count and one page of
// rows; it asks for more pages as the user scrolls. The worker keeps a catalog of every clip
// (what lists filter and sort by, loaded once, then kept up to date as its writes commit: it is
// the only writer) and the order of each recent view, so that the pages of one view follow one
// order even while clips are written meanwhile.

/** Summaries read per transaction while the catalog loads: the worker answers other messages between. */
const LOAD_CHUNK = 5000;
/** Views kept for paging; an older one is computed again when asked for. */
const KEPT_VIEWS = 8;

/* eslint-disable @typescript-eslint/no-explicit-any -- works on any schema with a `clips` store of summaries */
type AnyDb = IDBPDatabase<any>;
type AnyTx = IDBPTransaction<any, any, 'readwrite' | 'versionchange'>;
/* eslint-enable @typescript-eslint/no-explicit-any */

type Change = { put: ClipSummary } | { remove: string };

interface Catalogs {
  catalog?: LibraryCatalog;
  loading?: Promise<LibraryCatalog>;
  /** Changes committed while the catalog loads, replayed over what it read, in commit order. */
  missed?: Change[];
}

// Keyed by database connection (idb hands out one wrapper per connection, `tx.db` included).
const catalogs = new WeakMap<object, Catalogs>();

function stateOf(db: object): Catalogs {
  let state = catalogs.get(db);
  if (!state) catalogs.set(db, (state = {}));
  return state;
}

function apply(catalog: LibraryCatalog, change: Change): void {
  if ('put' in change) catalog.put(change.put);
  else catalog.remove(change.remove);
}

function afterCommit(tx: AnyTx, change: Change): void {
  const state = stateOf(tx.db);
  tx.done.then(
    () => {
      if (state.catalog) apply(state.catalog, change);
      else state.missed?.push(change);
    },
    () => {},
  );
}

/** Tells the catalog about a clip written in `tx`, once `tx` commits. */
export function noteClipWritten(tx: AnyTx, summary: ClipSummary): void {
  afterCommit(tx, { put: summary });
}

/** Tells the catalog about a clip deleted in `tx`, once `tx` commits. */
export function noteClipDeleted(tx: AnyTx, id: string): void {
  afterCommit(tx, { remove: id });
}

async function load(db: AnyDb, state: Catalogs, size: number): Promise<LibraryCatalog> {
  const catalog = new LibraryCatalog();
  let after: IDBValidKey | undefined;
  for (;;) {
    const range = after === undefined ? undefined : IDBKeyRange.lowerBound(after, true);
    const chunk = (await db.getAll('clips', range, size)) as ClipSummary[];
    for (const summary of chunk) catalog.put(summary);
    if (chunk.length < size) break;
    after = chunk.at(-1)!.id;
  }
  for (const change of state.missed ?? []) apply(catalog, change);
  // In the same task as the replay: a commit after it must find the catalog, not the log.
  state.catalog = catalog;
  state.missed = undefined;
  return catalog;
}

/**
 * The catalog of every clip, read from the database the first time it is asked for, `chunk`
 * summaries per transaction.
 */
export function catalogOf(db: AnyDb, { chunk = LOAD_CHUNK } = {}): Promise<LibraryCatalog> {
  const state = stateOf(db);
  if (state.catalog) return Promise.resolve(state.catalog);
  if (!state.loading) {
    state.missed = [];
    state.loading = load(db, state, chunk).catch((error: unknown) => {
      state.loading = state.missed = undefined;
      throw error;
    });
  }
  return state.loading;
}

export interface ViewQuery {
  query: string;
  filters: LibraryFilters;
  /** A view answered before: its order is reused while it is kept (and matches query and filters). */
  view?: number;
}

interface KeptView extends ViewOrder {
  key: string;
  libraryTotal: number;
}

/** Whether a view is the whole library, newest first: the view every page opens with. */
const isWholeLibrary = ({ query, filters }: ViewQuery) =>
  queryTerms(query).length === 0 && filters.sort === 'clipped' && filters.site === undefined && filters.tag === undefined && filters.from === undefined && filters.to === undefined;

async function orderOf(db: AnyDb, request: ViewQuery): Promise<ViewOrder & { libraryTotal: number }> {
  // Until the catalog has loaded (a few seconds for a large library, once per worker), the whole
  // library's view comes from the index the database keeps in that order: ids only, one request.
  if (!stateOf(db).catalog && isWholeLibrary(request)) {
    void catalogOf(db).catch(() => undefined);
    const ids = ((await db.getAllKeysFromIndex('clips', 'by-updatedAt')) as string[]).reverse();
    return { ids, titleMatches: 0, libraryTotal: ids.length };
  }
  const [catalog, seqs] = await Promise.all([catalogOf(db), searchSeqs(db, request.query)]);
  return { ...catalog.view(request.filters, seqs && { seqs, terms: queryTerms(request.query) }), libraryTotal: catalog.size };
}

const views = new WeakMap<object, Map<number, KeptView>>();
let lastView = 0;

const keyOf = ({ query, filters }: ViewQuery) => JSON.stringify([query.trim(), filters]);

async function viewFor(db: AnyDb, request: ViewQuery): Promise<{ token: number; kept: KeptView }> {
  let kept = views.get(db);
  if (!kept) views.set(db, (kept = new Map()));
  const key = keyOf(request);
  const known = request.view === undefined ? undefined : kept.get(request.view);
  if (known && known.key === key) return { token: request.view!, kept: known };
  const view: KeptView = { ...(await orderOf(db, request)), key };
  const token = ++lastView;
  kept.set(token, view);
  for (const old of kept.keys()) if (kept.size > KEPT_VIEWS) kept.delete(old);
  return { token, kept: view };
}

async function summaries(db: AnyDb, ids: string[]): Promise<ClipSummary[]> {
  const tx = db.transaction('clips');
  const found = (await Promise.all(ids.map((id) => tx.store.get(id)))) as (ClipSummary | undefined)[];
  return found.filter((s): s is ClipSummary => s !== undefined);
}

/** One page of a view: its size, and `limit` rows from `offset`. */
export async function viewPage(db: AnyDb, request: ViewQuery & { offset: number; limit: number }): Promise<ViewPage> {
  const { token, kept } = await viewFor(db, request);
  const { offset } = request;
  const limit = Math.min(request.limit, PAGE_LIMIT);
  return {
    view: token,
    total: kept.ids.length,
    libraryTotal: kept.libraryTotal,
    titleMatches: kept.titleMatches,
    offset,
    rows: await summaries(db, kept.ids.slice(offset, offset + limit)),
  };
}

/**
 * Ids of a view's clips in its order: those from `from` to `to` (exclusive), or, given `only`,
 * those of `only` that are in the view (what a page's selection acts on).
 */
export async function viewIds(db: AnyDb, request: ViewQuery & { from?: number; to?: number; only?: string[] }): Promise<{ view: number; ids: string[] }> {
  const { token, kept } = await viewFor(db, request);
  return { view: token, ids: idsInView(kept.ids, request) };
}

export async function libraryFacets(db: AnyDb): Promise<{ sites: string[]; tags: string[] }> {
  return (await catalogOf(db)).facets();
}
