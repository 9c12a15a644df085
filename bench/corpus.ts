import { join } from 'node:path';
import { corpusDir, loadCorpus } from '../test/harness/corpus-pages';
import { runCorpus, type PageRun, type PageTiming } from '../test/harness/corpus-run';
import type { BaselineWorld } from '../test/harness/browser-clip';
import { writeJson } from '../test/harness/corpus-report';
import { ensureE2eBuild, launchClipper, PROJECT_ROOT } from '../cli/headless';

// `npx tsx bench/corpus.ts [name-regexp] [--passes=N] [--baseline-world=main]`: clip time of every
// corpus page through the extension in headless Chromium (the whole worker-driven clip: inject,
// extract, answer), the content script's in-page work over Readability's parse alone on the same
// page in the same run, and the fixed costs (injection and messaging: total minus in-page work).
// Beside the ratio, the floor of the fixed stack on the same page: Readability, then DOMPurify with
// the extension's policy on its output, and the in-page work over that floor.
// One page at a time. Readability alone runs in an isolated world of the page, as the content
// script does (see `BaselineWorld`); `--baseline-world=main` runs it in the page's main world.
//
// Each page is measured in N passes (3 unless told; each pass reloads it, so both sides start
// cold every time) and its figures are the medians of its passes: a single measurement of a
// 15 ms page moves by a quarter on a shared machine, and the corpus median with it.

const GOALS = { medianRatio: 1.5, medianFixedMs: 20, maxTotalMs: 2000 };
const RESULTS = join(PROJECT_ROOT, 'bench/results/corpus-bench.json');
const DEFAULT_PASSES = 3;

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  return sorted[lo]! + (sorted[Math.min(lo + 1, sorted.length - 1)]! - sorted[lo]!) * (pos - lo);
};
const ms = (v: number) => `${v.toFixed(1).padStart(7)} ms`;

interface Row {
  name: string;
  totalMs: number;
  injectMs: number;
  inPageMs: number;
  fixedMs: number;
  readabilityMs: number;
  /** DOMPurify with the extension's policy on Readability's output, after it (the baseline's world). */
  sanitizeMs: number;
  /** In-page work ÷ Readability alone: the issue's ratio. */
  ratio: number;
  /** (Readability + DOMPurify) ÷ Readability: the least the fixed stack does, as the same ratio. */
  floorRatio: number;
  /** In-page work ÷ (Readability + DOMPurify): what the content script adds beyond that floor. */
  overFloor: number;
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const filterArg = args.find((a) => !a.startsWith('--'));
  const filter = filterArg ? new RegExp(filterArg) : undefined;
  const baselineWorld: BaselineWorld = args.includes('--baseline-world=main') ? 'main' : 'isolated';
  const passes = Number(args.find((a) => a.startsWith('--passes='))?.slice('--passes='.length) ?? DEFAULT_PASSES);
  if (!Number.isInteger(passes) || passes < 1) {
    console.error('--passes takes a whole number of at least 1.');
    return 2;
  }
  const pages = loadCorpus(PROJECT_ROOT, filter && ((name) => filter.test(name)));
  if (!pages) {
    console.error(`The corpus is not at ${corpusDir(PROJECT_ROOT)}.`);
    return 1;
  }
  ensureE2eBuild((line) => console.log(line));
  const session = await launchClipper();
  const runsByPass: PageRun[][] = [];
  try {
    for (let pass = 0; pass < passes; pass++) {
      console.log(`Pass ${pass + 1} of ${passes}…`);
      runsByPass.push(await runCorpus(session, pages, { timeoutMs: 15_000, readabilityBaseline: true, baselineWorld, projectRoot: PROJECT_ROOT, pass }));
    }
  } finally {
    await session.close();
  }
  // A page counts when every pass measured it; its figures are the medians of its passes.
  const runs = runsByPass[0]!;
  // runCorpus answers every page, in order, in every pass.
  const failed = runs.flatMap((_, i) => runsByPass.map((passRuns) => passRuns[i]!).filter((run) => !run.timing).slice(0, 1));
  const rows: Row[] = runs.flatMap((r, i) => {
    const timings = runsByPass.map((passRuns) => passRuns[i]?.timing);
    if (timings.some((t) => !t)) return [];
    const med = (key: keyof PageTiming) => quantile(timings.map((t) => t![key] ?? NaN), 0.5);
    const row = {
      totalMs: med('totalMs'), injectMs: med('injectMs'), inPageMs: med('inPageMs'), fixedMs: med('fixedMs'),
      readabilityMs: med('readabilityMs'), sanitizeMs: med('sanitizeMs'),
    };
    const floorMs = row.readabilityMs + row.sanitizeMs;
    return [{ name: r.name, ...row, ratio: row.inPageMs / row.readabilityMs, floorRatio: floorMs / row.readabilityMs, overFloor: row.inPageMs / floorMs }];
  });
  const col = (key: keyof Omit<Row, 'name'>) => rows.map((r) => r[key]);
  const summary = {
    pages: runs.length,
    passes,
    measured: rows.length,
    failed: failed.map((r) => `${r.name}: ${r.status} ${r.error ?? ''}`),
    totalMs: { median: quantile(col('totalMs'), 0.5), p95: quantile(col('totalMs'), 0.95), max: Math.max(...col('totalMs')) },
    inPageMs: { median: quantile(col('inPageMs'), 0.5), p95: quantile(col('inPageMs'), 0.95), max: Math.max(...col('inPageMs')) },
    readabilityMs: { median: quantile(col('readabilityMs'), 0.5), p95: quantile(col('readabilityMs'), 0.95), max: Math.max(...col('readabilityMs')) },
    ratio: { median: quantile(col('ratio'), 0.5), p95: quantile(col('ratio'), 0.95), max: Math.max(...col('ratio')) },
    sanitizeMs: { median: quantile(col('sanitizeMs'), 0.5) },
    floorRatio: { median: quantile(col('floorRatio'), 0.5), p95: quantile(col('floorRatio'), 0.95) },
    overFloor: { median: quantile(col('overFloor'), 0.5), p95: quantile(col('overFloor'), 0.95) },
    fixedMs: { median: quantile(col('fixedMs'), 0.5), p95: quantile(col('fixedMs'), 0.95), max: Math.max(...col('fixedMs')) },
    injectMs: { median: quantile(col('injectMs'), 0.5) },
    pagesOver2s: rows.filter((r) => r.totalMs > GOALS.maxTotalMs).map((r) => r.name),
    goals: GOALS,
    baselineWorld,
  };
  writeJson(RESULTS, { summary, pages: rows });

  console.log(`${'page'.padEnd(32)} ${'clip'.padStart(10)} ${'in page'.padStart(10)} ${'Readab.'.padStart(10)} ${'ratio'.padStart(6)} ${'fixed'.padStart(10)}`);
  for (const r of [...rows].sort((a, b) => b.totalMs - a.totalMs).slice(0, 15)) {
    console.log(`${r.name.padEnd(32)} ${ms(r.totalMs)} ${ms(r.inPageMs)} ${ms(r.readabilityMs)} ${r.ratio.toFixed(2).padStart(6)} ${ms(r.fixedMs)}`);
  }
  const s = summary;
  const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');
  console.log(
    [
      `(the 15 slowest of ${s.measured} pages measured, each the median of ${passes} pass(es); ${s.failed.length} failed${s.failed.length ? `: ${s.failed.join('; ')}` : ''})`,
      `clip time (inject + extract + answer): median ${ms(s.totalMs.median)}, p95 ${ms(s.totalMs.p95)}, max ${ms(s.totalMs.max)}`,
      `in-page work: median ${ms(s.inPageMs.median)}; Readability alone (${baselineWorld} world): median ${ms(s.readabilityMs.median)}`,
      `in-page / Readability: median ${s.ratio.median.toFixed(2)} (goal ≤ ${GOALS.medianRatio}: ${verdict(s.ratio.median <= GOALS.medianRatio)}), p95 ${s.ratio.p95.toFixed(2)}`,
      `  the stack's floor, (Readability + DOMPurify on its output) / Readability: median ${s.floorRatio.median.toFixed(2)}, p95 ${s.floorRatio.p95.toFixed(2)} (DOMPurify median ${ms(s.sanitizeMs.median)})`,
      `  in-page / (Readability + DOMPurify): median ${s.overFloor.median.toFixed(2)}, p95 ${s.overFloor.p95.toFixed(2)}`,
      `fixed costs (injection + messaging): median ${ms(s.fixedMs.median)} (goal ≤ ${GOALS.medianFixedMs} ms: ${verdict(s.fixedMs.median <= GOALS.medianFixedMs)}), injection alone median ${ms(s.injectMs.median)}`,
      `pages over ${GOALS.maxTotalMs} ms: ${s.pagesOver2s.length} (${verdict(s.pagesOver2s.length === 0)})`,
      `Written: ${RESULTS}`,
    ].join('\n'),
  );
  return failed.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
