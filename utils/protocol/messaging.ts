import { browser } from 'wxt/browser';
import { isTrustedSender, parseEnvelope, type MessageType, type Reply, type RequestOf, type ResponseOf } from './messages';
import { reason, reasonOf, ReasonError } from '../core/model/reasons';

// The transport of the protocol in `messages.ts`: `sendMessage` for extension pages,
// `serveMessages` for the worker. A refusal arrives as a `ReasonError`, for the page to put into words.

export type Handlers = { [T in MessageType]: (request: RequestOf<T>) => Promise<ResponseOf<T>> };

export async function sendMessage<T extends MessageType>(type: T, request: RequestOf<T>): Promise<ResponseOf<T>> {
  const reply = (await browser.runtime.sendMessage({ type, request })) as Reply<T> | undefined;
  if (!reply) throw new ReasonError(reason('no-answer'));
  if (!reply.ok) throw new ReasonError(reply.error);
  return reply.value;
}

/** Answers valid messages from this extension's pages; everything else is ignored. */
export function serveMessages(handlers: Handlers): void {
  const origin = browser.runtime.getURL('/');
  browser.runtime.onMessage.addListener((message: unknown, sender, sendResponse: (reply: Reply<MessageType>) => void) => {
    if (!isTrustedSender(sender, browser.runtime.id, origin)) return false;
    const envelope = parseEnvelope(message);
    if (!envelope) {
      sendResponse({ ok: false, error: reason('malformed-request') });
      return false;
    }
    const handler = handlers[envelope.type] as (request: unknown) => Promise<unknown>;
    handler(envelope.request).then(
      (value) => sendResponse({ ok: true, value } as Reply<MessageType>),
      (error: unknown) => sendResponse({ ok: false, error: reasonOf(error) }),
    );
    // Keeps the channel open for the asynchronous answer (works in Chrome and Firefox alike).
    return true;
  });
}
