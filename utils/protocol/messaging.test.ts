import { describe, expect, it, vi } from 'vitest';
import { sendMessage, serveMessages, type Handlers } from './messaging';
import { reason, ReasonError } from '../core/model/reasons';

type Listener = (message: unknown, sender: { id?: string; url?: string }, sendResponse: (reply: unknown) => void) => boolean;

// A runtime that delivers a page's message to the worker's listener, as from this extension's popup.
const runtime = vi.hoisted(() => ({
  listener: undefined as Listener | undefined,
  sender: { id: 'ext', url: 'chrome-extension://ext/popup.html' } as { id?: string; url?: string },
}));
vi.mock('wxt/browser', () => ({
  browser: {
    runtime: {
      id: 'ext',
      getURL: (path: string) => `chrome-extension://ext${path}`,
      onMessage: { addListener: (listener: Listener) => (runtime.listener = listener) },
      sendMessage: (message: unknown) =>
        new Promise((resolve) => {
          if (!runtime.listener?.(message, runtime.sender, resolve)) resolve(undefined);
        }),
    },
  },
}));

const refused = (promise: Promise<unknown>) => promise.then(
  () => undefined,
  (error: unknown) => (error instanceof ReasonError ? error.reason : error),
);

function serve(handlers: Partial<Handlers>) {
  serveMessages(handlers as Handlers);
}

describe('the transport', () => {
  it('carries a request and its answer', async () => {
    serve({ searchClips: async ({ query }) => (query === '秦刚' ? [3, 1] : null) });
    await expect(sendMessage('searchClips', { query: '秦刚' })).resolves.toEqual([3, 1]);
  });

  it('answers a malformed request with its reason, without calling the handler', async () => {
    const handler = vi.fn(async () => null);
    serve({ getClip: handler });
    expect(await refused(sendMessage('getClip', { id: '' }))).toEqual({ code: 'malformed-request', params: {} });
    expect(handler).not.toHaveBeenCalled();
  });

  it('carries a handler’s failure as a reason: its own, or what it said', async () => {
    serve({
      getClip: async () => {
        throw new ReasonError(reason('storage-full'));
      },
      listClips: async () => {
        throw new DOMException('The database connection is closing.', 'InvalidStateError');
      },
    });
    expect(await refused(sendMessage('getClip', { id: 'c1' }))).toEqual({ code: 'storage-full', params: {} });
    expect(await refused(sendMessage('listClips', { limit: 30 }))).toEqual({ code: 'unexpected', params: { detail: 'The database connection is closing.' } });
  });

  it('ignores senders that are not this extension’s pages, and the page learns that nobody answered', async () => {
    const handler = vi.fn(async () => []);
    serve({ listClips: handler });
    runtime.sender = { id: 'ext', url: 'https://news.example/' };
    try {
      expect(await refused(sendMessage('listClips', { limit: 30 }))).toEqual({ code: 'no-answer', params: {} });
    } finally {
      runtime.sender = { id: 'ext', url: 'chrome-extension://ext/popup.html' };
    }
    expect(handler).not.toHaveBeenCalled();
  });
});
