import { runBatch, MAX_BATCH_SIZE } from '../utils/worker/batch';
import { errorText } from '../utils/core/model/errors';

// The command-line clipper's lists (`--list FILE`) and its batches (`--tabs N`): which lines are
// addresses, and clipping them a bounded number at a time with a progress line for each and a
// summary at the end. The scheduling is the extension's own (utils/worker/batch.ts).

export interface ListTarget {
  url: string;
  /** Where it came from, for messages: `FILE:LINE`, or absent for an address on the command line. */
  from?: string;
}

export interface ListProblem {
  from: string;
  text: string;
  message: string;
}

export const isWebAddress = (text: string): boolean => {
  if (!/^https?:\/\//i.test(text)) return false;
  try {
    new URL(text);
    return true;
  } catch {
    return false;
  }
};

/**
 * One address a line; blank lines and lines starting with `#` are skipped (a `#` later in a line
 * is the address's own fragment). A line that is not a web address is a problem of its own: the
 * others are still clipped.
 */
export function parseUrlList(text: string, name: string): { targets: ListTarget[]; problems: ListProblem[] } {
  const targets: ListTarget[] = [];
  const problems: ListProblem[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim().replace(/^\uFEFF/, '');
    if (line === '' || line.startsWith('#')) return;
    const from = `${name}:${i + 1}`;
    if (isWebAddress(line)) targets.push({ url: line, from });
    else problems.push({ from, text: line, message: `Not a web address: ${line}` });
  });
  return { targets, problems };
}

/** `--tabs N`: a whole number from 1; above the extension's own bound it is that bound. */
export function parseTabs(value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value.trim()) || Number(value) < 1) throw new Error(`--tabs takes a whole number from 1 (got ${value}).`);
  return Math.min(Number(value), MAX_BATCH_SIZE);
}

export interface ClipRun {
  clipped: number;
  failed: { target: ListTarget | ListProblem; message: string }[];
}

const where = (t: { from?: string; url?: string; text?: string }) => [t.from, t.url ?? t.text].filter(Boolean).join(' ');

/**
 * Clips the targets at most `tabs` at once. `clipOne` answers what it wrote (a path) or throws
 * why it could not; one target's failure never stops the others. With `progress`, each target
 * that ends prints a line (`[3/10] …`); the summary names every failure, the list's bad lines too.
 */
export async function clipAll<T extends ListTarget>(
  targets: readonly T[],
  options: { tabs: number; problems?: readonly ListProblem[]; progress: boolean; log: (line: string) => void; clipOne: (target: T) => Promise<string> },
): Promise<ClipRun> {
  const problems = options.problems ?? [];
  const total = targets.length + problems.length;
  const counter = (done: number) => `[${done}/${total}]`;
  let done = 0;
  if (options.progress) for (const p of problems) options.log(`${counter(++done)} failed ${where(p)}: ${p.message}`);
  const report = await runBatch(targets, {
    concurrency: options.tabs,
    work: async (target) => ({ ok: true, value: await options.clipOne(target) }),
    // Playwright's messages carry a call log after the first line: the first line says it.
    failureOf: (error) => errorText(error).split('\n')[0] ?? '',
    onProgress: ({ last }) => {
      if (!options.progress) return;
      const line = last.result.ok ? `clipped ${where(last.item)} → ${last.result.value}` : `failed ${where(last.item)}: ${last.result.failure}`;
      options.log(`${counter(++done)} ${line}`);
    },
  });
  const failed = [
    ...problems.map((p) => ({ target: p, message: p.message })),
    ...report.failed.map((f) => ({ target: f.item, message: String(f.failure) })),
  ];
  return { clipped: report.succeeded.length, failed };
}

/** The run's last words: how many were clipped, and each failure with why. */
export function summary(run: ClipRun): string[] {
  const total = run.clipped + run.failed.length;
  if (run.failed.length === 0) return [`Clipped ${run.clipped} of ${total} pages.`];
  return [`Clipped ${run.clipped} of ${total} pages; ${run.failed.length} failed:`, ...run.failed.map((f) => `  ${where(f.target)}: ${f.message}`)];
}
