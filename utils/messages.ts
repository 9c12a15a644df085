import { isClip, isId, isObject, isString } from './shapes';
import type { Clip, ClipSummary, ExtractMode } from './types';

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
  listClips: { request: Record<string, never>; response: ClipSummary[] };
  getClip: { request: { id: string }; response: Clip | null };
  /** Answers the deleted clip so that the page can offer undo. */
  deleteClip: { request: { id: string }; response: Clip | null };
  restoreClip: { request: { clip: Clip }; response: { restored: true } };
}

export type MessageType = keyof Protocol;
export type RequestOf<T extends MessageType> = Protocol[T]['request'];
export type ResponseOf<T extends MessageType> = Protocol[T]['response'];
export type Envelope = { [T in MessageType]: { type: T; request: RequestOf<T> } }[MessageType];

/** What a handler answers on the wire: errors travel as data, never as rejected promises. */
export type Reply<T extends MessageType> = { ok: true; value: ResponseOf<T> } | { ok: false; error: string };

type Validator = (request: unknown) => boolean;

const validators: { [T in MessageType]: Validator } = {
  clipTab: (r) =>
    isObject(r) &&
    (r.tabId === undefined || (Number.isInteger(r.tabId) && (r.tabId as number) >= 0)) &&
    (r.mode === 'article' || r.mode === 'full-page' || r.mode === 'selection'),
  listClips: (r) => isObject(r) && Object.keys(r).length === 0,
  getClip: (r) => isObject(r) && isId(r.id),
  deleteClip: (r) => isObject(r) && isId(r.id),
  restoreClip: (r) => isObject(r) && isClip(r.clip),
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
