// Long work on a page, in slices. The extension's pages (popup, library, options) share one
// renderer thread, so a page that works for seconds without a break freezes all of them: the work
// calls `pace()` between its small steps, and once a slice has used its budget, `pace` gives the
// thread back (input, rendering, the other pages) before the next slice starts.

export interface SlicerOptions {
  /** How long a slice may run before it yields. */
  budgetMs?: number;
  now?: () => number;
  /** Resolves once the thread has run other tasks. */
  yieldNow?: () => Promise<void>;
}

/**
 * Yields to the page: a message to itself, which the thread queues behind the tasks already
 * waiting (the other extension pages' among them) and, unlike a timer, does not clamp to 4 ms
 * or throttle in a background tab. Not `scheduler.yield()`: its continuation runs ahead of other
 * waiting tasks, so a long import that yields with it still starves them (measured in Chromium:
 * a click on Cancel waited 17 s).
 */
export function yieldToPage(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/** `pace` for work that runs in slices of `budgetMs` (40 ms: under the 50 at which a task counts as long). */
export function slicer({ budgetMs = 40, now = () => performance.now(), yieldNow = yieldToPage }: SlicerOptions = {}): () => Promise<void> {
  let sliceStart = now();
  return async () => {
    if (now() - sliceStart < budgetMs) return;
    await yieldNow();
    sliceStart = now();
  };
}
