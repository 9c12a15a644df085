// Many pages clipped as one batch (every tab of a window, a list of links, the command line's
// `--list`): a bounded number at a time so that the browser stays usable, each one's failure kept
// as its own result so that it never stops the others. Pure scheduling: the work, the clock and
// the progress report come in as functions, so it runs with fakes in unit tests and in Node.

/** How many pages a batch works on at once unless told otherwise. */
export const DEFAULT_BATCH_SIZE = 4;
/** Beyond this, a batch would only make the browser crawl (and a setting this high is a typo). */
export const MAX_BATCH_SIZE = 16;

/** A batch size from anything (a setting, a command-line flag): a whole number in 1…MAX_BATCH_SIZE. */
export function batchSize(value: unknown): number {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n)) return DEFAULT_BATCH_SIZE;
  return Math.min(MAX_BATCH_SIZE, Math.max(1, Math.floor(n)));
}

export type ItemResult<R, F> = { ok: true; value: R } | { ok: false; failure: F };

export interface BatchEntry<T, R, F> {
  item: T;
  /** The item's place in the batch (results keep the batch's order, whatever order they end in). */
  index: number;
  result: ItemResult<R, F>;
}

export interface BatchProgress<T, R, F> {
  done: number;
  total: number;
  /** How many are being worked on now. */
  running: number;
  /** The entry that just ended. */
  last: BatchEntry<T, R, F>;
}

export interface BatchOptions<T, R, F> {
  /** At most this many items are worked on at once (see `batchSize`). */
  concurrency: number;
  /**
   * One item's work: resolves to its value, or to `{ ok: false }` with why; anything it throws
   * becomes a failure through `failureOf`, and the batch goes on.
   */
  work: (item: T, index: number) => Promise<ItemResult<R, F>>;
  failureOf: (error: unknown, item: T) => F;
  /** Called as each item ends, in the order they end. A throwing listener does not stop the batch. */
  onProgress?: (progress: BatchProgress<T, R, F>) => void;
  /** Asked before each item starts: once it answers true, the items not yet started are not started. */
  cancelled?: () => boolean;
}

export interface BatchReport<T, R, F> {
  total: number;
  /** Every item that was worked on, in the batch's order. */
  entries: BatchEntry<T, R, F>[];
  succeeded: { item: T; index: number; value: R }[];
  failed: { item: T; index: number; failure: F }[];
  /** Items never started because the batch was cancelled. */
  notStarted: number;
}

/** Works through `items`, at most `concurrency` at once, and reports each one's result. */
export async function runBatch<T, R, F>(items: readonly T[], options: BatchOptions<T, R, F>): Promise<BatchReport<T, R, F>> {
  const limit = Math.max(1, Math.floor(options.concurrency));
  const entries: (BatchEntry<T, R, F> | undefined)[] = new Array(items.length);
  let next = 0;
  let done = 0;
  let running = 0;

  async function one(index: number): Promise<void> {
    const item = items[index]!;
    let result: ItemResult<R, F>;
    try {
      result = await options.work(item, index);
    } catch (error) {
      result = { ok: false, failure: options.failureOf(error, item) };
    }
    const entry = { item, index, result };
    entries[index] = entry;
    done++;
    running--;
    try {
      options.onProgress?.({ done, total: items.length, running, last: entry });
    } catch {
      // A progress display that breaks must not lose the rest of the batch.
    }
  }

  // Each lane takes the next item as soon as its last one ends: never more than `limit` at once.
  async function lane(): Promise<void> {
    while (next < items.length && !options.cancelled?.()) {
      const index = next++;
      running++;
      await one(index);
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));

  const worked = entries.filter((e): e is BatchEntry<T, R, F> => e !== undefined);
  return {
    total: items.length,
    entries: worked,
    succeeded: worked.flatMap((e) => (e.result.ok ? [{ item: e.item, index: e.index, value: e.result.value }] : [])),
    failed: worked.flatMap((e) => (e.result.ok ? [] : [{ item: e.item, index: e.index, failure: e.result.failure }])),
    notStarted: items.length - worked.length,
  };
}
