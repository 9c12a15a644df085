import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { batchSize, DEFAULT_BATCH_SIZE, MAX_BATCH_SIZE, runBatch, type ItemResult } from './batch';

/** Work whose items end only when the test says so, recording how many run at once. */
function controlledWork<T>() {
  const pending = new Map<T, (result: ItemResult<string, string>) => void>();
  const started: T[] = [];
  let running = 0;
  let peak = 0;
  const work = (item: T) =>
    new Promise<ItemResult<string, string>>((resolve) => {
      started.push(item);
      peak = Math.max(peak, ++running);
      pending.set(item, (result) => {
        running--;
        resolve(result);
      });
    });
  const settle = async (item: T, result: ItemResult<string, string>) => {
    pending.get(item)!(result);
    pending.delete(item);
    // Lets the batch take the next item.
    await new Promise((r) => setTimeout(r, 0));
  };
  return { work, settle, started, pending, peak: () => peak };
}

const failureOf = (error: unknown) => `threw: ${String(error)}`;

describe('runBatch', () => {
  it('works on at most the given number at once, and starts the next as soon as one ends', async () => {
    const c = controlledWork<number>();
    const items = [0, 1, 2, 3, 4, 5, 6];
    const batch = runBatch(items, { concurrency: 3, work: c.work, failureOf });
    await new Promise((r) => setTimeout(r, 0));
    expect(c.started).toEqual([0, 1, 2]);
    await c.settle(1, { ok: true, value: 'one' });
    expect(c.started).toEqual([0, 1, 2, 3]);
    for (const item of [0, 2, 3, 4, 5, 6]) {
      await new Promise((r) => setTimeout(r, 0));
      await c.settle(item, { ok: true, value: String(item) });
    }
    const report = await batch;
    expect(c.peak()).toBe(3);
    expect(report.succeeded.map((s) => s.item)).toEqual(items);
    expect(report.failed).toEqual([]);
  });

  it('keeps going when items fail or throw, and reports each failure with its item, in the batch order', async () => {
    const report = await runBatch(['a', 'bad', 'c', 'throws', 'e'], {
      concurrency: 2,
      work: async (item) => {
        if (item === 'throws') throw new Error('boom');
        return item === 'bad' ? { ok: false, failure: 'refused' } : { ok: true, value: item.toUpperCase() };
      },
      failureOf,
    });
    expect(report.total).toBe(5);
    expect(report.succeeded).toEqual([
      { item: 'a', index: 0, value: 'A' },
      { item: 'c', index: 2, value: 'C' },
      { item: 'e', index: 4, value: 'E' },
    ]);
    expect(report.failed).toEqual([
      { item: 'bad', index: 1, failure: 'refused' },
      { item: 'throws', index: 3, failure: 'threw: Error: boom' },
    ]);
    expect(report.notStarted).toBe(0);
  });

  it('reports progress as each item ends, counting up to the total', async () => {
    const seen: [number, number, boolean][] = [];
    await runBatch([1, 2, 3, 4], {
      concurrency: 4,
      // Ends in reverse order: progress follows the order items end in.
      work: (n) => new Promise<ItemResult<string, string>>((resolve) => setTimeout(() => resolve(n === 2 ? { ok: false, failure: 'x' } : { ok: true, value: 'v' }), (5 - n) * 5)),
      failureOf,
      onProgress: ({ done, total, last }) => seen.push([done, total, last.result.ok]),
    });
    expect(seen).toEqual([
      [1, 4, true],
      [2, 4, true],
      [3, 4, false],
      [4, 4, true],
    ]);
  });

  it('a progress listener that throws does not stop the batch', async () => {
    const report = await runBatch([1, 2, 3], {
      concurrency: 1,
      work: async () => ({ ok: true, value: 'v' }),
      failureOf,
      onProgress: () => {
        throw new Error('display broke');
      },
    });
    expect(report.succeeded).toHaveLength(3);
  });

  it('starts nothing more once cancelled, and says how many were left', async () => {
    let stop = false;
    const report = await runBatch([1, 2, 3, 4, 5], {
      concurrency: 2,
      work: async (n) => {
        if (n === 2) stop = true;
        return { ok: true, value: String(n) };
      },
      failureOf,
      cancelled: () => stop,
    });
    expect(report.entries.map((e) => e.item)).toEqual([1, 2]);
    expect(report.notStarted).toBe(3);
  });

  it('an empty batch ends at once with nothing to report', async () => {
    await expect(runBatch([], { concurrency: 4, work: async () => ({ ok: true, value: 1 }), failureOf })).resolves.toEqual({
      total: 0,
      entries: [],
      succeeded: [],
      failed: [],
      notStarted: 0,
    });
  });

  it('for any batch and bound: every item is worked on once, never more than the bound at once', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.nat(3), fc.boolean()), { maxLength: 30 }), fc.integer({ min: 1, max: 6 }), async (items, bound) => {
        let running = 0;
        let peak = 0;
        const calls: number[] = [];
        const report = await runBatch(items, {
          concurrency: bound,
          work: async ([delay, ok], index) => {
            calls.push(index);
            peak = Math.max(peak, ++running);
            await new Promise((r) => setTimeout(r, delay));
            running--;
            return ok ? { ok: true, value: index } : { ok: false, failure: index };
          },
          failureOf: () => -1,
        });
        expect(peak).toBeLessThanOrEqual(bound);
        expect(calls.slice().sort((a, b) => a - b)).toEqual(items.map((_, i) => i));
        expect(report.succeeded.length + report.failed.length).toBe(items.length);
        expect(report.failed.map((f) => f.index)).toEqual(items.flatMap(([, ok], i) => (ok ? [] : [i])));
      }),
      { numRuns: 40 },
    );
  });
});

describe('batchSize', () => {
  it.each([
    [undefined, DEFAULT_BATCH_SIZE],
    ['', DEFAULT_BATCH_SIZE],
    ['abc', DEFAULT_BATCH_SIZE],
    [Number.NaN, DEFAULT_BATCH_SIZE],
    ['2', 2],
    [3.7, 3],
    [0, 1],
    [-5, 1],
    [1000, MAX_BATCH_SIZE],
  ])('%s gives %s', (value, expected) => {
    expect(batchSize(value)).toBe(expected);
  });
});
