// A clip is a few steps of seconds' worth on a large page (Readability's parse, the sanitizer, the
// body's normalising, the metadata). Run in one go they are one task, and the page does not answer
// the reader meanwhile. The pipeline is written once, as a generator whose every `yield` is a
// border between steps: run at once (`runSteps`, for tests and tools) or with the page's thread
// given back at each border (`runStepsPaced`, in the content script).

/** The steps of some work: each `yield` ends one; the return value is the work's result. */
export type Steps<T> = Generator<void, T, void>;

/**
 * Gives the thread back to the page and resolves when the work may go on. The content script
 * passes `scheduler.yield` where the browser has it (core code reads no browser global); tests
 * pass a recorder.
 */
export type YieldToPage = () => Promise<void>;

/** Runs every step at once, in one task. */
export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/** Runs the steps one task each: `yieldToPage` is awaited between any two of them. */
export async function runStepsPaced<T>(steps: Steps<T>, yieldToPage: YieldToPage): Promise<T> {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    await yieldToPage();
  }
}
