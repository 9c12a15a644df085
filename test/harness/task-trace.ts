import type { Page } from 'playwright-core';

// The tasks a page's main thread ran while something happened, from Chromium's own trace (the
// 'toplevel' category only: one event per task, which costs next to nothing, unlike the timeline
// categories DevTools records). A long task is what keeps the page from answering the reader.

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  args?: { name?: string; data?: { frames?: Array<{ url?: string; processId?: number; parent?: string }> } };
}

export interface TaskTrace<T> {
  value: T;
  /** The page's main-thread tasks in order, in milliseconds (those of 0.1 ms or more). */
  tasksMs: number[];
  /** The same tasks, where they start and end on the trace's clock (µs, as a CPU profile's timestamps). */
  spans: TaskSpan[];
  /** The longest of them. */
  longestTaskMs: number;
}

export interface TaskSpan {
  start: number;
  end: number;
}

/** Task events: the scheduler's own (`ThreadControllerImpl::RunTask`) and the older name. */
const TASK = /^(?:ThreadControllerImpl::RunTask|RunTask)$/;
/**
 * The microtask checkpoint that ends a task is traced beside the task's event, not inside it:
 * a promise's continuation (after `scheduler.yield()`, after `await`) runs there, so it is part
 * of the task before it.
 */
const CHECKPOINT = 'BlinkScheduler_PerformMicrotaskCheckpoint';

/** Runs `what` with the page's renderer traced, and answers its value and the page's main-thread tasks meanwhile. */
export async function traceTasks<T>(page: Page, what: () => Promise<T>): Promise<TaskTrace<T>> {
  const cdp = await page.context().newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', ({ value }) => events.push(...(value as unknown as TraceEvent[])));
  try {
    await cdp.send('Tracing.start', { traceConfig: { includedCategories: ['toplevel', '__metadata'], recordMode: 'recordAsMuchAsPossible' }, transferMode: 'ReportEvents' });
    let value: T;
    try {
      value = await what();
    } finally {
      const complete = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
      await cdp.send('Tracing.end');
      await complete;
    }
    const spans = pageTasks(events, page.url());
    const tasksMs = spans.map((t) => (t.end - t.start) / 1000);
    return { value, tasksMs, spans, longestTaskMs: Math.max(0, ...tasksMs) };
  } finally {
    await cdp.detach().catch(() => {});
  }
}

/** The main-thread tasks of the renderer that shows `url`, in order, each with its microtask checkpoint. */
function pageTasks(events: readonly TraceEvent[], url: string): TaskSpan[] {
  const mains = new Map<number, number>();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain') mains.set(e.pid, e.tid);
  const topLevel = (p: number) => {
    const found = events
      .filter((e) => e.pid === p && e.tid === mains.get(p) && e.ph === 'X' && (TASK.test(e.name) || e.name === CHECKPOINT))
      .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
    // An event inside another (a task run in a nested loop) would count twice: keep the outer.
    const outer: TraceEvent[] = [];
    for (const e of found) {
      const last = outer.at(-1);
      if (last && e.ts < last.ts + (last.dur ?? 0)) continue;
      outer.push(e);
    }
    return outer;
  };
  // The browser says which process shows which frame (where the trace has it); else the busiest renderer.
  const frames = events.find((e) => e.name === 'TracingStartedInBrowser')?.args?.data?.frames ?? [];
  let pid = frames.find((f) => !f.parent && f.url === url)?.processId;
  if (pid === undefined || !mains.has(pid)) {
    const busy = [...mains.keys()].map((p) => [p, topLevel(p).reduce((sum, e) => sum + (e.dur ?? 0), 0)] as const).sort((a, b) => b[1] - a[1]);
    pid = busy[0]?.[0];
  }
  if (pid === undefined) return [];
  const tasks: TaskSpan[] = [];
  for (const e of topLevel(pid)) {
    const end = e.ts + (e.dur ?? 0);
    const last = tasks.at(-1);
    // A checkpoint belongs to the task before it, if any.
    if (e.name === CHECKPOINT && last) last.end = end;
    else tasks.push({ start: e.ts, end });
  }
  return tasks.filter((t) => t.end - t.start >= 100);
}
