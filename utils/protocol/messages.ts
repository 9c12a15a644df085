import { isClip, isClipEdit, isDraft, isId, isImportDraft, isObject, isString, isTag, isTagList } from '../core/model/shapes';
import { FIELD_LIMITS } from '../core/model/limits';
import { array, finite, int, literal, object, optional, refine, string, type Check, type Infer } from '../core/model/schema';
import type { DateField, LibraryFilters, ViewPage } from '../core/library/library-view';
import type { Reason } from '../core/model/reasons';
import type { Clip, ClipDraft, ClipSummary, ExtractMode } from '../core/model/types';

// The one message protocol between extension pages and the background worker. Each message is
// defined once, below: the check of its request (whose type the check gives) and the type of its
// answer. The worker checks every request at the boundary and answers only this extension's own
// pages; it answers data, so its answers are typed, not checked.

/** Why a tab was not clipped: a reason the page words in the user's language. */
export interface Refusal {
  status: 'unclippable' | 'no-article' | 'failed';
  reason: Reason;
}

export type ClipOutcome =
  | { status: 'saved'; clip: ClipSummary; created: boolean; revisionAdded: boolean }
  | Refusal;

/**
 * The popup's clip when the user asked to see the article before saving: what was extracted, the
 * default tags to start from, and the recent tags to offer. Nothing is stored until `saveClip`.
 */
export interface ClipReview {
  status: 'review';
  draft: ClipDraft;
  tags: string[];
  recentTags: string[];
}

/** What the popup's clip answers: an outcome, or the article to review before saving it. */
export type PopupClipOutcome = ClipOutcome | ClipReview;

/** The longest note given before saving. */
export const NOTE_LIMIT = 10_000;

/** Batches stay well under the message size browsers accept. */
export const BATCH_LIMIT = 200;
/**
 * An import's batch is stored in one transaction, and larger ones store faster; its size is
 * bounded by its bodies' length too (a batch of one may hold a single post of any allowed size):
 * the page serialises a message in one task (Chromium's extension messaging writes it as JSON):
 * 2 million characters of a Chinese archive took 100 ms and more (bench/profile-import.ts), and
 * made the import's longest task 255 ms; at 1 million it is 170 ms, and the import no slower.
 */
export const IMPORT_BATCH_LIMIT = 500;
export const IMPORT_BATCH_CHARS = 1_000_000;
const importBatch = refine(array(isImportDraft, IMPORT_BATCH_LIMIT), (drafts) => drafts.length <= 1 || drafts.reduce((n, d) => n + d.contentHtml.length + (d.imported?.text.length ?? 0), 0) <= IMPORT_BATCH_CHARS);

/** Summaries one answer may carry: the library travels a page at a time, never whole. */
export const PAGE_LIMIT = 500;
const tabId = optional(int(0));
const idList = array(isId, 100_000);
const dateField = literal('published', 'clipped') satisfies Check<DateField>;
const isFilters: Check<LibraryFilters> = object(
  { site: optional(string(500)), tag: optional(string(100)), dateField, from: optional(finite), to: optional(finite), sort: dateField },
  { exact: true },
);
/** A view of the library: a search and filters, and the view already answered for them, if any. */
const viewQuery = { query: string(500), filters: isFilters, view: optional(int(1)) };

/** Stands for the type of a message's answer (the compiler's business only). */
interface Answer<T> {
  readonly answer?: T;
}
const answer = <T,>(): Answer<T> => ({});

const protocol = {
  /** Clip a tab (the active tab of the last focused normal window when `tabId` is absent). */
  clipTab: {
    request: object({ tabId, mode: literal('article', 'full-page', 'selection') satisfies Check<ExtractMode> }),
    response: answer<PopupClipOutcome>(),
  },
  /** Saves a reviewed draft (from a `review` answer) with the tags and note the user gave. */
  saveClip: {
    request: object({ draft: isDraft, tags: array(isTag, FIELD_LIMITS.tags), note: optional(string(NOTE_LIMIT)) }, { exact: true }),
    response: answer<ClipOutcome>(),
  },
  /** Whether the tab to clip has text selected (the popup then offers "Clip selection"). */
  tabHasSelection: { request: object({ tabId }), response: answer<boolean>() },
  /** The newest `limit` summaries (the first screen, before a view is ready). */
  listClips: { request: object({ limit: refine(int(1), (n) => n <= PAGE_LIMIT) }, { exact: true }), response: answer<ClipSummary[]>() },
  /**
   * A page of a view: the clips matching the query and filters (title matches first, then newest),
   * how many there are, and `limit` of them from `offset`. Pages of one view follow one order.
   */
  viewClips: {
    request: object({ ...viewQuery, offset: int(0), limit: refine(int(1), (n) => n <= PAGE_LIMIT) }, { exact: true }),
    response: answer<ViewPage>(),
  },
  /** Ids of a view's clips, in its order: from `from` to `to`, or those of `only` in the view. */
  viewIds: {
    request: object({ ...viewQuery, from: optional(int(0)), to: optional(int(0)), only: optional(idList) }, { exact: true }),
    response: answer<{ view: number; ids: string[] }>(),
  },
  /** The sites and tags of the whole library, for the filter menus. */
  libraryFacets: { request: object({}, { exact: true }), response: answer<{ sites: string[]; tags: string[] }>() },
  getClip: { request: object({ id: isId }), response: answer<Clip | null>() },
  /** Whole clips, a batch at a time (backups, bulk exports). */
  getClips: { request: object({ ids: array(isId, BATCH_LIMIT) }), response: answer<Clip[]>() },
  /** Imported posts, one batch in one transaction: new articles are added, known ones (same URL) only gain tags. */
  importClips: {
    request: object({ drafts: importBatch }),
    response: answer<{ added: number; known: number }>(),
  },
  /** Numbers (`seq`) of the clips matching a search query; null when the query has nothing to search. */
  searchClips: { request: object({ query: string(500) }), response: answer<number[] | null>() },
  updateClip: { request: object({ id: isId, edit: isClipEdit }), response: answer<ClipSummary | null>() },
  retagClips: { request: object({ ids: idList, add: isTagList, remove: isTagList }), response: answer<{ done: true }>() },
  /** Answers the deleted clips so that the page can offer undo. */
  deleteClips: { request: object({ ids: idList }), response: answer<Clip[]>() },
  restoreClips: { request: object({ clips: array(isClip) }), response: answer<{ restored: number }>() },
};

type Protocol = typeof protocol;
export type MessageType = keyof Protocol;
export type RequestOf<T extends MessageType> = Infer<Protocol[T]['request']>;
export type ResponseOf<T extends MessageType> = Protocol[T]['response'] extends Answer<infer R> ? R : never;
export type Envelope = { [T in MessageType]: { type: T; request: RequestOf<T> } }[MessageType];

/** What a handler answers on the wire: errors travel as data (a reason), never as rejected promises. */
export type Reply<T extends MessageType> = { ok: true; value: ResponseOf<T> } | { ok: false; error: Reason };

/** Narrows an unknown message to a known, well-formed one, or returns undefined. */
export function parseEnvelope(message: unknown): Envelope | undefined {
  if (!isObject(message) || !isString(message.type) || !Object.hasOwn(protocol, message.type)) return undefined;
  const check: (request: unknown) => boolean = protocol[message.type as MessageType].request;
  return check(message.request) ? (message as Envelope) : undefined;
}

/** Only pages of this extension may talk to the worker: not web pages, not content scripts. */
export function isTrustedSender(sender: { id?: string; url?: string; tab?: unknown }, extensionId: string, extensionOrigin: string): boolean {
  return sender.id === extensionId && isString(sender.url) && sender.url.startsWith(extensionOrigin);
}
