import { describe, expect, it } from 'vitest';
import { slicer, yieldToPage } from './slicer';

describe('slicer', () => {
  it('yields once a slice has used its budget, and only then', async () => {
    const clock = { now: 0 };
    const events: string[] = [];
    const pace = slicer({ budgetMs: 40, now: () => clock.now, yieldNow: async () => void events.push(`yield at ${clock.now}`) });
    // Work in steps of 15 ms: the slice passes 40 ms on the third step.
    for (let step = 0; step < 8; step++) {
      clock.now += 15;
      await pace();
    }
    expect(events).toEqual(['yield at 45', 'yield at 90']);
  });

  it('keeps every slice within its budget plus one step', async () => {
    const clock = { now: 0 };
    let sliceStart = 0;
    let longest = 0;
    const pace = slicer({
      budgetMs: 30,
      now: () => clock.now,
      yieldNow: async () => {
        longest = Math.max(longest, clock.now - sliceStart);
        clock.now += 5; // the page's own work
        sliceStart = clock.now;
      },
    });
    for (let step = 0; step < 500; step++) {
      clock.now += [1, 7, 3, 12, 0.5][step % 5]!;
      await pace();
    }
    expect(longest).toBeGreaterThanOrEqual(30);
    expect(longest).toBeLessThan(30 + 12);
  });

  it('gives the thread back: it resolves in a later task, not among the microtasks', async () => {
    let resumed = false;
    const yielded = yieldToPage().then(() => (resumed = true));
    for (let i = 0; i < 1000; i++) await Promise.resolve();
    expect(resumed).toBe(false);
    await yielded;
    expect(resumed).toBe(true);
  });
});
