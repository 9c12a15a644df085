import { join } from 'node:path';
import { corpusDir, loadCorpus } from './lib/corpus-pages';
import { runCorpus, type PageRun } from './lib/corpus-run';
import type { BaselineWorld } from './lib/browser-clip';
import { writeJson } from './lib/corpus-report';
import { ensureE2eBuild, launchClipper, PROJECT_ROOT } from '../e2e/driver/headless';

// `npx tsx bench/corpus.ts [name-regexp] [--baseline-world=main]`: clip time of every corpus page
// through the extension in headless Chromium (the whole worker-driven clip: inject, extract,
// answer), the content script's in-page work over Readability's parse alone on the same page in
// the same run, and the fixed costs (injection and messaging: total minus in-page work). One page
// at a time. Readability alone runs in an isolated world of the page, as the content script does
// (see `BaselineWorld`); `--baseline-world=main` runs it in the page's main world instead.

const GOALS = { medianRatio: 1.5, medianFixedMs: 20, maxTotalMs: 2000 };
const RESULTS = join(PROJECT_ROOT, 'bench/results/corpus-bench.json');

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
  ratio: number;
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const filterArg = args.find((a) => !a.startsWith('--'));
  const filter = filterArg ? new RegExp(filterArg) : undefined;
  const baselineWorld: BaselineWorld = args.includes('--baseline-world=main') ? 'main' : 'isolated';
  const pages = loadCorpus(PROJECT_ROOT, filter && ((name) => filter.test(name)));
  if (!pages) {
    console.error(`The corpus is not at ${corpusDir(PROJECT_ROOT)}.`);
    return 1;
  }
  ensureE2eBuild((line) => console.log(line));
  const session = await launchClipper();
  let runs: PageRun[];
  try {
    runs = await runCorpus(session, pages, { timeoutMs: 15_000, readabilityBaseline: true, baselineWorld, projectRoot: PROJECT_ROOT });
  } finally {
    await session.close();
  }
  const failed = runs.filter((r) => !r.timing);
  const rows: Row[] = runs.flatMap((r) =>
    r.timing ? [{ name: r.name, ...r.timing, readabilityMs: r.timing.readabilityMs ?? NaN, ratio: r.timing.inPageMs / (r.timing.readabilityMs ?? NaN) }] : [],
  );
  const col = (key: keyof Omit<Row, 'name'>) => rows.map((r) => r[key]);
  const summary = {
    pages: runs.length,
    measured: rows.length,
    failed: failed.map((r) => `${r.name}: ${r.status} ${r.error ?? ''}`),
    totalMs: { median: quantile(col('totalMs'), 0.5), p95: quantile(col('totalMs'), 0.95), max: Math.max(...col('totalMs')) },
    inPageMs: { median: quantile(col('inPageMs'), 0.5), p95: quantile(col('inPageMs'), 0.95), max: Math.max(...col('inPageMs')) },
    readabilityMs: { median: quantile(col('readabilityMs'), 0.5), p95: quantile(col('readabilityMs'), 0.95), max: Math.max(...col('readabilityMs')) },
    ratio: { median: quantile(col('ratio'), 0.5), p95: quantile(col('ratio'), 0.95), max: Math.max(...col('ratio')) },
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
      `(the 15 slowest of ${s.measured} pages measured; ${s.failed.length} failed${s.failed.length ? `: ${s.failed.join('; ')}` : ''})`,
      `clip time (inject + extract + answer): median ${ms(s.totalMs.median)}, p95 ${ms(s.totalMs.p95)}, max ${ms(s.totalMs.max)}`,
      `in-page work: median ${ms(s.inPageMs.median)}; Readability alone (${baselineWorld} world): median ${ms(s.readabilityMs.median)}`,
      `in-page / Readability: median ${s.ratio.median.toFixed(2)} (goal ≤ ${GOALS.medianRatio}: ${verdict(s.ratio.median <= GOALS.medianRatio)}), p95 ${s.ratio.p95.toFixed(2)}`,
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
