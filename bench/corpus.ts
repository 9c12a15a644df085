import { join } from 'node:path';
import { corpusDir, loadCorpus, type CorpusPage } from '../test/harness/corpus-pages';
import { runCorpus, type PageRun, type PageTiming } from '../test/harness/corpus-run';
import type { BaselineWorld } from '../test/harness/browser-clip';
import { writeJson } from '../test/harness/corpus-report';
import { bodyF1 } from '../test/harness/text-f1';
import { ensureE2eBuild, launchClipper, PROJECT_ROOT } from '../cli/headless';
import { agrees, FIELDS, type Field } from './lib/label-match';
import { runDefuddle, runMarkDownload, type PeerArticle, type PeerRun } from './lib/peers';

// `npx tsx bench/corpus.ts [name-regexp] [--passes=N] [--baseline-world=main] [--no-trace]`: the
// clipper against the floor of its own stack and against the engines users would pick instead,
// on every corpus page, in the same headless Chromium, in the same run, each in an isolated world
// of the page (as the content script runs):
// - ours: the whole worker-driven clip (inject, extract, answer); its in-page work is the content
//   script's own time on the page's clock, the fixed costs are injection and messaging;
// - Readability alone (its parse of a document clone, default options);
// - the floor: Readability, then DOMPurify with the extension's policy on its output (the least
//   any clipper on this stack does);
// - MarkDownload's pipeline: Readability, then Turndown with the GFM plugin (bench/lib/peers.ts);
// - Obsidian Web Clipper's engine: Defuddle with its Markdown output (run last on each page: it
//   changes the live document a little).
// Each page is measured in N passes (3 unless told; each pass reloads it, so every side starts
// cold) and its figures are the medians of its passes: a single measurement of a 15 ms page moves
// by a quarter on a shared machine. The order of ours, Readability (+ DOMPurify) and MarkDownload
// rotates from page to page and pass to pass.
//
// Unless `--no-trace`, the page's main thread is traced while it is clipped (bench: 'toplevel'
// tasks only): the longest task per page against Readability's parse of the same page.
//
// Quality, from the first pass, on the corpus's labels (expected-metadata.json: title, byline,
// published time, site name; body F1 against expected.html, test/harness/text-f1.ts) for ours,
// Readability and Defuddle, with the pages where ours loses to a peer. The labels are
// Readability's own output on these pages (the corpus is its test suite): Readability matches
// them by construction, and they are null where Readability found nothing.

const GOALS = {
  /** In-page work over the floor (Readability + DOMPurify), per page: at the median and at p95. */
  overFloorMedian: 1.2,
  overFloorP95: 1.5,
  /** Fixed costs (injection and messaging), median. */
  medianFixedMs: 20,
  maxTotalMs: 2000,
  /** No task of the clip longer than Readability's parse of the page by more than this. */
  taskExcessMs: 10,
};
const RESULTS = join(PROJECT_ROOT, 'bench/results/corpus-bench.json');
const DEFAULT_PASSES = 3;
/** A peer's body F1 this much above ours counts as ours losing on the body. */
const F1_MARGIN = 0.05;

const quantile = (values: number[], q: number) => {
  const sorted = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  return sorted[lo]! + (sorted[Math.min(lo + 1, sorted.length - 1)]! - sorted[lo]!) * (pos - lo);
};
const ms = (v: number) => `${v.toFixed(1).padStart(7)} ms`;
const x = (v: number) => `${v.toFixed(2)}×`;

interface Row {
  name: string;
  totalMs: number;
  injectMs: number;
  inPageMs: number;
  fixedMs: number;
  readabilityMs: number;
  /** DOMPurify with the extension's policy on Readability's output, after it. */
  sanitizeMs: number;
  /** Readability + DOMPurify. */
  floorMs: number;
  markdownloadMs: number;
  defuddleMs: number;
  longestTaskMs: number;
  /** The longest task less Readability's parse of the page. */
  taskExcessMs: number;
}

type Engine = 'ours' | 'readability' | 'defuddle';
const ENGINES: readonly Engine[] = ['ours', 'readability', 'defuddle'];

interface Quality {
  fields: Record<Field, boolean | undefined>;
  f1: number;
}

function quality(page: CorpusPage, found: PeerArticle | null | undefined): Quality {
  const fields = Object.fromEntries(FIELDS.map((f) => [f, agrees(f, found?.[f], page.expectedMeta[f])])) as Record<Field, boolean | undefined>;
  return { fields, f1: found?.content ? bodyF1(found.content, page.expectedHtml).f1 : 0 };
}

function oursFound(run: PageRun): PeerArticle | undefined {
  const d = run.draft;
  return d && { title: d.title, byline: d.byline, siteName: d.siteName, publishedTime: d.publishedAt === undefined ? undefined : new Date(d.publishedAt).toISOString(), content: d.contentHtml };
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const filterArg = args.find((a) => !a.startsWith('--'));
  const filter = filterArg ? new RegExp(filterArg) : undefined;
  const baselineWorld: BaselineWorld = args.includes('--baseline-world=main') ? 'main' : 'isolated';
  const trace = !args.includes('--no-trace');
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
      const keep = pass === 0;
      runsByPass.push(
        await runCorpus(session, pages, {
          timeoutMs: 15_000,
          readabilityBaseline: true,
          readabilityArticle: keep,
          baselineWorld,
          projectRoot: PROJECT_ROOT,
          pass,
          // What the user ends up with where no article is found: the body F1 of the whole page.
          fullPageFallback: keep,
          sides: [(page) => runMarkDownload(page, PROJECT_ROOT)],
          after: (page) => runDefuddle(page, PROJECT_ROOT, keep),
          traceTasks: trace,
        }),
      );
    }
  } finally {
    await session.close();
  }
  // A page counts when every pass measured it; its figures are the medians of its passes.
  const runs = runsByPass[0]!;
  // runCorpus answers every page, in order, in every pass.
  const failed = runs.flatMap((_, i) => runsByPass.map((passRuns) => passRuns[i]!).filter((run) => !run.timing).slice(0, 1));
  const rows: Row[] = runs.flatMap((r, i) => {
    const perPass = runsByPass.map((passRuns) => passRuns[i]!);
    if (perPass.some((run) => !run.timing)) return [];
    const med = (value: (run: PageRun) => number | undefined) => quantile(perPass.map((run) => value(run) ?? NaN), 0.5);
    const t = (key: keyof PageTiming) => (run: PageRun) => run.timing?.[key] as number | undefined;
    const readabilityMs = med(t('readabilityMs'));
    const longestTaskMs = med(t('longestTaskMs'));
    return [
      {
        name: r.name,
        totalMs: med(t('totalMs')),
        injectMs: med(t('injectMs')),
        inPageMs: med(t('inPageMs')),
        fixedMs: med(t('fixedMs')),
        readabilityMs,
        sanitizeMs: med(t('sanitizeMs')),
        floorMs: med((run) => (run.timing?.readabilityMs ?? NaN) + (run.timing?.sanitizeMs ?? NaN)),
        markdownloadMs: med((run) => (run.sides?.[0] as PeerRun | undefined)?.totalMs),
        defuddleMs: med((run) => (run.after as PeerRun | undefined)?.totalMs),
        longestTaskMs,
        taskExcessMs: longestTaskMs - readabilityMs,
      },
    ];
  });
  const col = (key: keyof Omit<Row, 'name'>) => rows.map((r) => r[key]);
  const stats = (values: number[]) => ({ median: quantile(values, 0.5), p95: quantile(values, 0.95), max: Math.max(...values) });
  /** Ours ÷ the engine, page by page. */
  const ratioTo = (key: keyof Omit<Row, 'name'>) => stats(rows.map((r) => r.inPageMs / r[key]));

  const speed = {
    ours: { ...stats(col('inPageMs')), ratio: ratioTo('inPageMs') },
    floor: { ...stats(col('floorMs')), ratio: ratioTo('floorMs') },
    readability: { ...stats(col('readabilityMs')), ratio: ratioTo('readabilityMs') },
    markdownload: { ...stats(col('markdownloadMs')), ratio: ratioTo('markdownloadMs') },
    defuddle: { ...stats(col('defuddleMs')), ratio: ratioTo('defuddleMs') },
  };

  // Quality, from the first pass.
  const qualities = runs.map((run, i) => {
    const page = pages[i]!;
    return {
      name: run.name,
      ours: quality(page, oursFound(run)),
      readability: quality(page, run.readabilityArticle),
      defuddle: quality(page, (run.after as PeerRun | undefined)?.article),
    };
  });
  const fieldScore = (engine: Engine, field: Field) => {
    const marks = qualities.map((q) => q[engine].fields[field]).filter((m) => m !== undefined);
    return { right: marks.filter(Boolean).length, labelled: marks.length };
  };
  const f1s = (engine: Engine) => qualities.map((q) => q[engine].f1);
  const losses: Record<string, string[]> = {};
  for (const peer of ['readability', 'defuddle'] as const) {
    for (const field of FIELDS) losses[`${field} vs ${peer}`] = qualities.filter((q) => q.ours.fields[field] === false && q[peer].fields[field] === true).map((q) => q.name);
    losses[`body F1 vs ${peer}`] = qualities.filter((q) => q[peer].f1 - q.ours.f1 >= F1_MARGIN).map((q) => `${q.name} (${q.ours.f1.toFixed(2)} < ${q[peer].f1.toFixed(2)})`);
  }

  const s = {
    pages: runs.length,
    passes,
    measured: rows.length,
    failed: failed.map((r) => `${r.name}: ${r.status} ${r.error ?? ''}`),
    totalMs: stats(col('totalMs')),
    fixedMs: stats(col('fixedMs')),
    injectMs: stats(col('injectMs')),
    sanitizeMs: stats(col('sanitizeMs')),
    speed,
    tasks: trace ? { longestTaskMs: stats(col('longestTaskMs')), excessMs: stats(col('taskExcessMs')) } : undefined,
    pagesOver2s: rows.filter((r) => r.totalMs > GOALS.maxTotalMs).map((r) => r.name),
    quality: Object.fromEntries(
      ENGINES.map((e) => [e, { ...Object.fromEntries(FIELDS.map((f) => [f, fieldScore(e, f)])), f1: { good: f1s(e).filter((f) => f >= 0.95).length, median: quantile(f1s(e), 0.5), mean: f1s(e).reduce((a, b) => a + b, 0) / f1s(e).length } }]),
    ),
    losses,
    goals: GOALS,
    baselineWorld,
  };
  writeJson(RESULTS, { summary: s, pages: rows, quality: qualities });

  console.log(`${'page'.padEnd(32)} ${'clip'.padStart(10)} ${'in page'.padStart(10)} ${'floor'.padStart(10)} ${'MarkDownl.'.padStart(10)} ${'Defuddle'.padStart(10)} ${'fixed'.padStart(10)}${trace ? ` ${'long task'.padStart(10)} ${'Readab.'.padStart(10)}` : ''}`);
  for (const r of [...rows].sort((a, b) => b.totalMs - a.totalMs).slice(0, 15)) {
    console.log(
      `${r.name.padEnd(32)} ${ms(r.totalMs)} ${ms(r.inPageMs)} ${ms(r.floorMs)} ${ms(r.markdownloadMs)} ${ms(r.defuddleMs)} ${ms(r.fixedMs)}${trace ? ` ${ms(r.longestTaskMs)} ${ms(r.readabilityMs)}` : ''}`,
    );
  }
  const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');
  const by = (value: number, goal: number, unit: string) => (value <= goal ? '' : `, by ${unit === '×' ? `${((value / goal - 1) * 100).toFixed(0)} %` : `${(value - goal).toFixed(1)} ms`}`);
  const speedLine = (label: string, v: (typeof speed)['ours']) =>
    `${label.padEnd(34)} ${ms(v.median)} ${ms(v.p95)} ${ms(v.max)}   ${x(v.ratio.median).padStart(6)} ${x(v.ratio.p95).padStart(6)}`;
  const oursFloor = speed.floor.ratio;
  const oursMd = speed.markdownload.ratio.median;
  const oursDf = speed.defuddle.ratio.median;
  const lines = [
    `(the 15 slowest of ${s.measured} pages measured, each the median of ${passes} pass(es); ${s.failed.length} failed${s.failed.length ? `: ${s.failed.join('; ')}` : ''})`,
    '',
    `in-page work, each in an isolated world      median        p95        max   ours÷engine, page by page: median, p95`,
    speedLine('ours (content script)', speed.ours),
    speedLine('floor: Readability + DOMPurify', speed.floor),
    speedLine('Readability alone', speed.readability),
    speedLine('MarkDownload: Readability + Turndown', speed.markdownload),
    speedLine('Obsidian: Defuddle + Markdown', speed.defuddle),
    `clip time (inject + extract + answer): median ${ms(s.totalMs.median)}, p95 ${ms(s.totalMs.p95)}, max ${ms(s.totalMs.max)}; DOMPurify alone median ${ms(s.sanitizeMs.median)}`,
    '',
    'goals:',
    `  in-page ≤ ${GOALS.overFloorMedian}× the floor at the median: ${x(oursFloor.median)} ${verdict(oursFloor.median <= GOALS.overFloorMedian)}${by(oursFloor.median, GOALS.overFloorMedian, '×')}`,
    `  in-page ≤ ${GOALS.overFloorP95}× the floor at p95: ${x(oursFloor.p95)} ${verdict(oursFloor.p95 <= GOALS.overFloorP95)}${by(oursFloor.p95, GOALS.overFloorP95, '×')}`,
    `  faster than MarkDownload's pipeline at the median: ours ÷ it ${x(oursMd)} ${verdict(oursMd < 1)}${by(oursMd, 1, '×')}`,
    `  faster than Defuddle at the median: ours ÷ it ${x(oursDf)} ${verdict(oursDf < 1)}${by(oursDf, 1, '×')}`,
    `  fixed costs (injection + messaging) ≤ ${GOALS.medianFixedMs} ms: median ${ms(s.fixedMs.median)} (p95 ${ms(s.fixedMs.p95)}; injection alone median ${ms(s.injectMs.median)}) ${verdict(s.fixedMs.median <= GOALS.medianFixedMs)}${by(s.fixedMs.median, GOALS.medianFixedMs, 'ms')}`,
    `  no page over ${GOALS.maxTotalMs} ms: ${s.pagesOver2s.length} over ${verdict(s.pagesOver2s.length === 0)}${s.pagesOver2s.length ? ` (${s.pagesOver2s.join(', ')})` : ''}`,
  ];
  if (s.tasks) {
    const worst = [...rows].sort((a, b) => b.taskExcessMs - a.taskExcessMs);
    const over = worst.filter((r) => r.taskExcessMs > GOALS.taskExcessMs);
    lines.push(
      `  no task of the clip > Readability's parse + ${GOALS.taskExcessMs} ms: worst excess ${ms(s.tasks.excessMs.max)} on ${worst[0]?.name} ` +
        `(median excess ${ms(s.tasks.excessMs.median)}; longest task median ${ms(s.tasks.longestTaskMs.median)}, max ${ms(s.tasks.longestTaskMs.max)}); ` +
        `${over.length} page(s) over ${verdict(over.length === 0)}`,
      ...worst.slice(0, 5).map((r) => {
        const tasks = runs.find((run) => run.name === r.name)?.timing?.tasksMs ?? [];
        return `    ${r.name.padEnd(30)} longest ${ms(r.longestTaskMs)}, Readability ${ms(r.readabilityMs)}; pass 1's tasks ≥ 1 ms: ${tasks.filter((t) => t >= 1).map((t) => t.toFixed(1)).join(' ')}`;
      }),
    );
  }
  const pct = (v: { right: number; labelled: number }) => `${String(v.right).padStart(3)}/${String(v.labelled).padEnd(3)}`;
  lines.push(
    '',
    `quality on the corpus's labels (first pass)     title    byline   published  site     body F1 ≥ 0.95  median  mean`,
    ...ENGINES.map((e) => {
      const q = s.quality[e] as unknown as Record<Field, { right: number; labelled: number }> & { f1: { good: number; median: number; mean: number } };
      const name = { ours: 'ours', readability: 'Readability', defuddle: 'Defuddle' }[e];
      return `  ${name.padEnd(45)} ${pct(q.title)}  ${pct(q.byline)}  ${pct(q.publishedTime)}    ${pct(q.siteName)}  ${String(q.f1.good).padStart(3)}/${qualities.length}         ${q.f1.median.toFixed(3)}   ${q.f1.mean.toFixed(3)}`;
    }),
    `  (labels are Readability's own output on these pages; ours is clipped as the user gets it, the whole page where no article is found)`,
    'where ours loses to a peer (ours wrong and the peer right; body: the peer ≥ ' + F1_MARGIN + ' F1 above):',
    ...Object.entries(losses).map(([what, names]) => `  ${what}: ${names.length}${names.length ? `: ${names.join(', ')}` : ''}`),
    `Written: ${RESULTS}`,
  );
  console.log(lines.join('\n'));
  return failed.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
