import { isClip, isClipEdit, isDraft, isId, isObject, isString, isStringArray } from '../core/model/shapes';
import type { Clip, ClipEdit, ClipSummary, ExtractMode, ImportDraft } from '../core/model/types';

// The one message protocol between extension pages and the background worker. Each message has
// a typed request and response; the worker validates every request at the boundary and answers
// only this extension's own pages.

/** Why a tab cannot be clipped, in words a user can act on. */
export interface Refusal {
  status: 'unclippable' | 'no-article' | 'failed';
  message: string;
}

export type ClipOutcome =
  | { status: 'saved'; clip: ClipSummary; created: boolean; revisionAdded: boolean }
  | Refusal;

export interface Protocol {
  /** Clip a tab (the active tab of the last focused normal window when `tabId` is absent). */
  clipTab: { request: { tabId?: number; mode: ExtractMode }; response: ClipOutcome };
  /** Whether the tab to clip has text selected (the popup then offers "Clip selection"). */
  tabHasSelection: { request: { tabId?: number }; response: boolean };
  /** The newest `limit` summaries, or all of them. */
  listClips: { request: { limit?: number }; response: ClipSummary[] };
  getClip: { request: { id: string }; response: Clip | null };
  /** Whole clips, a batch at a time (backups, bulk exports). */
  getClips: { request: { ids: string[] }; response: Clip[] };
  /** Imported posts: new articles are added, known ones (same URL) only gain tags. */
  importClips: { request: { drafts: ImportDraft[] }; response: { added: number; known: number } };
  /** Numbers (`seq`) of the clips matching a search query; null when the query has nothing to search. */
  searchClips: { request: { query: string }; response: number[] | null };
  updateClip: { request: { id: string; edit: ClipEdit }; response: ClipSummary | null };
  retagClips: { request: { ids: string[]; add: string[]; remove: string[] }; response: { done: true } };
  /** Answers the deleted clips so that the page can offer undo. */
  deleteClips: { request: { ids: string[] }; response: Clip[] };
  restoreClips: { request: { clips: Clip[] }; response: { restored: number } };
}

export type MessageType = keyof Protocol;
export type RequestOf<T extends MessageType> = Protocol[T]['request'];
export type ResponseOf<T extends MessageType> = Protocol[T]['response'];
export type Envelope = { [T in MessageType]: { type: T; request: RequestOf<T> } }[MessageType];

/** What a handler answers on the wire: errors travel as data, never as rejected promises. */
export type Reply<T extends MessageType> = { ok: true; value: ResponseOf<T> } | { ok: false; error: string };

type Validator = (request: unknown) => boolean;

/** Batches stay well under the message size browsers accept. */
export const BATCH_LIMIT = 200;
const isTabId = (v: unknown) => Number.isInteger(v) && (v as number) >= 0;
const isIdList = (v: unknown) => Array.isArray(v) && v.length <= 100_000 && v.every(isId);
const isTagList = (v: unknown) => isStringArray(v) && v.every((t) => t.trim().length > 0 && t.length <= 100);

const validators: { [T in MessageType]: Validator } = {
  clipTab: (r) =>
    isObject(r) &&
    (r.tabId === undefined || isTabId(r.tabId)) &&
    (r.mode === 'article' || r.mode === 'full-page' || r.mode === 'selection'),
  tabHasSelection: (r) => isObject(r) && (r.tabId === undefined || isTabId(r.tabId)),
  listClips: (r) =>
    isObject(r) && Object.keys(r).every((k) => k === 'limit') && (r.limit === undefined || (Number.isInteger(r.limit) && (r.limit as number) > 0)),
  getClip: (r) => isObject(r) && isId(r.id),
  getClips: (r) => isObject(r) && isIdList(r.ids) && (r.ids as unknown[]).length <= BATCH_LIMIT,
  importClips: (r) =>
    isObject(r) &&
    Array.isArray(r.drafts) &&
    r.drafts.length <= BATCH_LIMIT &&
    r.drafts.every((d: unknown) => isDraft(d) && isObject(d) && isTagList(d.tags) && (d.clippedAt === undefined || Number.isFinite(d.clippedAt))),
  searchClips: (r) => isObject(r) && isString(r.query) && r.query.length <= 500,
  updateClip: (r) => isObject(r) && isId(r.id) && isClipEdit(r.edit),
  retagClips: (r) => isObject(r) && isIdList(r.ids) && isTagList(r.add) && isTagList(r.remove),
  deleteClips: (r) => isObject(r) && isIdList(r.ids),
  restoreClips: (r) => isObject(r) && Array.isArray(r.clips) && r.clips.every(isClip),
};

/** Narrows an unknown message to a known, well-formed one, or returns undefined. */
export function parseEnvelope(message: unknown): Envelope | undefined {
  if (!isObject(message) || !isString(message.type) || !Object.hasOwn(validators, message.type)) return undefined;
  const type = message.type as MessageType;
  return validators[type](message.request) ? (message as Envelope) : undefined;
}

/** Only pages of this extension may talk to the worker: not web pages, not content scripts. */
export function isTrustedSender(sender: { id?: string; url?: string; tab?: unknown }, extensionId: string, extensionOrigin: string): boolean {
  return sender.id === extensionId && isString(sender.url) && sender.url.startsWith(extensionOrigin);
}
