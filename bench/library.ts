import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { ensureE2eBuild, launchClipper, PROJECT_ROOT, type ClipperSession } from '../cli/headless';
import { zipAlone, type ZipInput } from './lib/fflate-alone';
import { newsDraft, random } from './lib/news-library';
import { installBenchExtension, seededLibraries, type SeededLibrary } from './lib/seeded-library';

// `npm run bench:library`: libraries of 10,000 and 65,000 news clips (real-length bodies, mostly
// Chinese: see lib/news-library.ts) in the real extension in headless Chromium, and what a user
// feels in the popup: time to the first rows, search latency per keystroke (terms with thousands
// of hits included), the popup's JS heap; the cost of one clip as the library grows; and, at the
// largest size, the whole library exported to one zip from the library tab against fflate alone
// zipping the same files. Figures are medians and percentiles of one run on this machine, with
// its load average beside them: compare them, do not trust them to the millisecond.
// Sizes: --sizes=10000,65000 (the default), or BENCH_SIZES, or BENCH_CLIPS for one size.

const RESULTS = join(PROJECT_ROOT, 'bench/results');
const QUERIES = ['习近平', '北京', '美国', '布林肯会面', 'climate talks'];
const GOALS = { firstRowsMs: 150, searchP95Ms: 50, heapMB: 30, writeRatio: 1.5, exportRatio: 2 };

function sizesWanted(): number[] {
  const flag = process.argv.find((a) => a.startsWith('--sizes='))?.slice('--sizes='.length);
  const list = flag ?? process.env.BENCH_SIZES ?? process.env.BENCH_CLIPS ?? '10000,65000';
  const sizes = list.split(',').map(Number);
  if (sizes.some((n) => !Number.isInteger(n) || n < 100)) throw new Error(`Sizes must be whole numbers of at least 100: ${list}`);
  return sizes;
}

const median = (xs: number[]) => percentile(xs, 50);
function percentile(xs: number[], p: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
const round = (x: number) => Math.round(x * 10) / 10;
const load = () => loadavg().map((n) => Math.round(n * 10) / 10);

/** Stores clips one at a time with a pause between, as a user clips: the cost of one clip. */
async function clipOneByOne(session: ClipperSession, first: number, count: number): Promise<number[]> {
  const times: number[] = [];
  for (let n = first; n < first + count; n++) {
    times.push(...(await session.worker.evaluate((batch) => __newsClipperSeed(batch), [newsDraft(n, random(n))])));
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  return times;
}

interface PopupFigures {
  /** Paint time of the first row (Element Timing), median of the opens. */
  firstRowsMs: number;
  /** The page's own `clipper:first-rows` mark, median of the opens. */
  firstRowsMarkMs: number;
  /** From navigation to the count of the whole library shown (the worker's view), first open and median. */
  countFirstOpenMs: number;
  countMs: number;
  /** From navigation to the filter menus filled (the worker's catalog of the library), first open and median. */
  menusFirstOpenMs: number;
  menusMs: number;
  heapUsedMB: number;
  search: Record<string, { p50: number; p95: number; keystrokes: number; hits: number }>;
}

async function measurePopup(session: ClipperSession, runs: number, libraryTotal: number): Promise<PopupFigures> {
  const firstRows: number[] = [];
  const firstRowsMark: number[] = [];
  const counts: number[] = [];
  const facetTimes: number[] = [];
  let heapUsedMB = 0;
  const search: PopupFigures['search'] = {};
  for (let run = 0; run < runs; run++) {
    const page = await session.context.newPage();
    await page.goto(session.extensionUrl('popup.html'));
    // When the first row's title (or the empty library's message) was painted, as the browser's
    // Element Timing reports it; the page's own mark is read and reported beside it.
    const painted = await page.evaluate(
      (name) =>
        new Promise<number>((resolve, reject) => {
          setTimeout(() => reject(new Error('no first rows painted within 60 s')), 60_000);
          new PerformanceObserver((list, observer) => {
            const entry = list.getEntries().find((e) => (e as PerformanceEntry & { identifier: string }).identifier === name);
            if (!entry) return;
            observer.disconnect();
            resolve((entry as PerformanceEntry & { renderTime: number }).renderTime);
          }).observe({ type: 'element', buffered: true });
        }),
      'first-rows',
    );
    firstRows.push(painted);
    const mark = await page.waitForFunction(() => performance.getEntriesByName('clipper:first-rows')[0]?.startTime ?? null, undefined, { timeout: 60_000 });
    firstRowsMark.push((await mark.jsonValue()) as number);
    // The view of the whole library: its count (the worker's catalog, read once per worker).
    const counted = await page.waitForFunction(
      (total) => (document.querySelector('.count')?.textContent?.includes(`of ${total} `) ? performance.now() : null),
      libraryTotal,
      { timeout: 120_000, polling: 10 },
    );
    counts.push((await counted.jsonValue()) as number);
    // The filter menus: the sites of the whole library, from the worker's catalog (read once per
    // worker: the first open after a start waits for it, and so would a search typed meanwhile).
    const menus = await page.waitForFunction(
      (empty) => (empty || (document.querySelector('.filters select')?.querySelectorAll('option').length ?? 0) > 1 ? performance.now() : null),
      libraryTotal === 0,
      { timeout: 300_000, polling: 10 },
    );
    facetTimes.push((await menus.jsonValue()) as number);
    // A user does not open the popup again within a tenth of a second.
    await page.waitForTimeout(1000);
    if (run === runs - 1) {
      for (const query of QUERIES) search[query] = await typeQuery(page, query);
      const cdp = await session.context.newCDPSession(page);
      await cdp.send('HeapProfiler.collectGarbage');
      const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
      heapUsedMB = usedSize / 2 ** 20;
    }
    await page.close();
  }
  return {
    firstRowsMs: round(median(firstRows)),
    firstRowsMarkMs: round(median(firstRowsMark)),
    countFirstOpenMs: round(counts[0]!),
    countMs: round(median(counts)),
    menusFirstOpenMs: round(facetTimes[0]!),
    menusMs: round(median(facetTimes)),
    heapUsedMB: round(heapUsedMB),
    search,
  };
}

/** Types a query one character at a time, as a user does, timing each keystroke to its results. */
async function typeQuery(page: Page, query: string): Promise<PopupFigures['search'][string]> {
  const box = page.getByRole('searchbox');
  const latencies: number[] = [];
  for (let round = 0; round < 5; round++) {
    await box.fill('');
    await page.waitForTimeout(50);
    await page.evaluate(() => performance.clearMarks());
    for (const char of query) {
      await box.pressSequentially(char);
      const typed = await box.inputValue();
      if (!typed.trim()) continue;
      const latency = await page.waitForFunction(
        (value) => {
          const input = performance.getEntriesByName('clipper:search-input').findLast((m) => (m as PerformanceMark).detail === value);
          const shown = performance.getEntriesByName('clipper:search-shown').findLast((m) => (m as PerformanceMark).detail === value);
          return input && shown ? shown.startTime - input.startTime : null;
        },
        typed,
        { timeout: 60_000 },
      );
      latencies.push((await latency.jsonValue()) as number);
    }
  }
  const hits = Number(/^([\d,]+) of/.exec((await page.locator('.count').textContent()) ?? '')?.[1]?.replace(/,/g, '') ?? NaN);
  return { p50: round(median(latencies)), p95: round(percentile(latencies, 95)), keystrokes: latencies.length, hits };
}

interface ExportFigures {
  /** Files in the zip (missing when it could not be read; so are the figures after postsMb). */
  clips?: number;
  /** From the click on "Export selected" to the download, ms. */
  exportMs: number;
  /** How many different progress messages the page showed while it worked. */
  progressUpdates: number;
  zipMb: number;
  postsMb?: number;
  /** The same files zipped by fflate alone (streaming Zip, level 6), in Node, ms (wall and CPU). */
  fflateAloneMs?: number;
  fflateAloneCpuMs?: number;
  ratio?: number;
  /** The library tab's JS heap after the export, after a collection. */
  heapAfterMB: number;
  /** Info-ZIP's `unzip -tq` on the downloaded zip: its last line, and whether it found no error. */
  unzipTest: { ok: boolean; summary: string };
  /** What went wrong after the download, if anything. */
  error?: string;
}

/** The whole library exported from the library tab (select all, export), then fflate alone on its files. */
async function measureExport(session: ClipperSession, total: number): Promise<ExportFigures> {
  const page = await session.context.newPage();
  await page.goto(session.extensionUrl('library.html'));
  await page.waitForFunction((n) => document.querySelector('.count')?.textContent?.includes(`of ${n} `), total, { timeout: 120_000 });
  await page.locator('.clip-controls .select').first().click();
  await page.getByRole('button', { name: 'Select all results' }).click();
  await page.getByText(`${total} selected`).waitFor({ timeout: 120_000 });
  // Every progress message the page shows, as it shows them.
  await page.evaluate(() => {
    const seen = new Set<string>();
    (globalThis as unknown as { __progress: Set<string> }).__progress = seen;
    new MutationObserver(() => {
      const text = document.querySelector('.export-job')?.textContent;
      if (text) seen.add(text);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  const started = performance.now();
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 60 * 60_000 }),
    page.getByRole('button', { name: 'Export selected' }).click(),
  ]);
  const path = await download.path();
  const exportMs = performance.now() - started;
  const progressUpdates = await page.evaluate(() => (globalThis as unknown as { __progress: Set<string> }).__progress.size);
  const cdp = await session.context.newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  await page.close();
  const unzipTest = testZip(path);
  const measured = {
    exportMs: Math.round(exportMs),
    progressUpdates,
    zipMb: round(statSync(path).size / 1e6),
    heapAfterMB: round(usedSize / 2 ** 20),
    unzipTest,
  };
  if (!unzipTest.ok) {
    // Kept for a look: the download itself goes with the browser's profile.
    const kept = join(RESULTS, 'library-export-failed.zip');
    copyFileSync(path, kept);
    return { ...measured, error: `unzip -t found errors in the exported zip (kept as ${kept})` };
  }
  try {
    const files = unzipFiles(path);
    const alone = zipAlone(files);
    const posts = files.reduce((n, f) => n + f.bytes.length, 0);
    return {
      ...measured,
      clips: files.length,
      postsMb: round(posts / 1e6),
      fflateAloneMs: Math.round(alone.ms),
      fflateAloneCpuMs: Math.round(alone.cpuMs),
      ratio: Math.round((exportMs / alone.ms) * 100) / 100,
    };
  } catch (error) {
    return { ...measured, error: `reading the exported zip: ${describe(error)}` };
  }
}

/**
 * The files of a zip on disk, read through its central directory. Not fflate's streaming `Unzip`:
 * for entries with a data descriptor (every entry a streaming zip writer makes, the extension's
 * included) it finds where an entry's compressed data ends by scanning them for the descriptor's
 * and the headers' signatures, so an entry whose deflated bytes happen to hold `PK\x07\x08`,
 * `PK\x01\x02` or `PK\x03\x04` is cut short ("unexpected EOF"): in a library of 65,000 clips, some do.
 */
function unzipFiles(path: string): ZipInput[] {
  const entries = unzipSync(readFileSync(path));
  return Object.entries(entries)
    .filter(([name]) => !name.endsWith('/'))
    .map(([name, bytes]) => ({ path: name, bytes, mtime: Date.UTC(2020, 0, 1) }));
}

/** Info-ZIP's own check of every entry (CRC, sizes, headers): what a user's unzip would say. */
function testZip(path: string): { ok: boolean; summary: string } {
  const run = spawnSync('unzip', ['-tq', path], { encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
  if (run.error) return { ok: false, summary: `unzip could not run: ${run.error.message} (apt-get install unzip)` };
  const lines = `${run.stdout}${run.stderr}`.trim().split('\n');
  return { ok: run.status === 0, summary: lines.length > 3 ? [...lines.slice(0, 2), '…', lines.at(-1)].join(' | ') : lines.join(' | ') };
}

interface SizeFigures {
  clips: number;
  library: Omit<SeededLibrary, 'dir' | 'discard'>;
  loadAverage: number[];
  popup?: PopupFigures;
  /** One clip into a library of this size, median of twenty. */
  clipMs?: number;
  export?: ExportFigures;
}

const describe = (error: unknown) => (error instanceof Error ? (error.stack ?? error.message) : String(error));

/** Each step's failure is written down and the run goes on, so what was measured is still printed. */
const errors: string[] = [];
async function step<T>(name: string, run: () => Promise<T>): Promise<T | undefined> {
  try {
    return await run();
  } catch (error) {
    errors.push(`${name}: ${describe(error)}`);
    console.error(`${name} failed: ${describe(error)}`);
    return undefined;
  }
}

async function measureSize(library: SeededLibrary, exportAll: boolean): Promise<SizeFigures> {
  const { dir: _dir, discard: _discard, ...figures } = library;
  const result: SizeFigures = { clips: library.clips, library: figures, loadAverage: load() };
  const session = await step(`${library.clips} clips: starting the browser`, () =>
    launchClipper({ userDataDir: library.dir, extensionDir: installBenchExtensionOnce() }),
  );
  if (!session) return result;
  try {
    result.popup = await step(`${library.clips} clips: popup`, () => measurePopup(session, 5, library.clips));
    const clipMs = await step(`${library.clips} clips: one clip`, async () => median(await clipOneByOne(session, library.clips + 1, 20)));
    if (clipMs !== undefined) result.clipMs = round(clipMs);
    // The 20 clips above are in the library whether or not each was timed.
    if (exportAll) result.export = await step(`${library.clips} clips: export`, () => measureExport(session, library.clips + 20));
    if (result.export?.error) errors.push(`${library.clips} clips: export: ${result.export.error}`);
    return result;
  } finally {
    await session.close();
  }
}

let installed: string | undefined;
const installBenchExtensionOnce = () => (installed ??= installBenchExtension());

async function main() {
  const sizes = sizesWanted();
  ensureE2eBuild((line) => console.error(line));
  mkdirSync(RESULTS, { recursive: true });
  const extensionDir = installBenchExtensionOnce();
  const started = load();

  // The empty library, and clip #10: the start the larger libraries are compared with.
  let empty: PopupFigures | undefined;
  let clip10Ms: number | undefined;
  const fresh = await step('empty library: starting the browser', () => launchClipper({ extensionDir }));
  if (fresh) {
    try {
      empty = await step('empty library: popup', () => measurePopup(fresh, 5, 0));
      clip10Ms = await step('empty library: clip #10', async () => {
        await clipOneByOne(fresh, 1_000_001, 10);
        return median(await clipOneByOne(fresh, 1_000_011, 20));
      });
    } finally {
      await fresh.close();
    }
  }

  const libraries = (await step('seeding the libraries', () => seededLibraries(sizes, (line) => console.error(line)))) ?? new Map<number, SeededLibrary>();
  const largest = Math.max(...sizes);
  const bySize: SizeFigures[] = [];
  for (const size of [...libraries.keys()].sort((a, b) => a - b)) {
    const library = libraries.get(size)!;
    try {
      console.error(`measuring ${size} clips…`);
      bySize.push(await measureSize(library, size === largest));
    } finally {
      library.discard();
    }
  }

  const result = {
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, node: process.version },
    loadAverageAtStart: started,
    loadAverageAtEnd: load(),
    goals: GOALS,
    empty: { popup: empty, clipMs: clip10Ms === undefined ? undefined : round(clip10Ms) },
    sizes: bySize,
    errors,
  };
  writeFileSync(join(RESULTS, 'library.json'), JSON.stringify(result, null, 2) + '\n');

  const columns = (pick: (s: SizeFigures) => unknown, emptyValue: unknown, goal: string) => ({
    empty: emptyValue,
    ...Object.fromEntries(bySize.map((s) => [`${s.clips} clips`, pick(s)])),
    goal,
  });
  console.log(`\nLibrary benchmark (${bySize.map((s) => s.clips).join(' and ')} clips; load average ${started.join(' / ')} at the start, ${result.loadAverageAtEnd.join(' / ')} at the end, ${cpus().length} cores)\n`);
  // A figure not measured (its step failed) shows as "–".
  const shown = (x: unknown) => (x === undefined || (typeof x === 'number' && Number.isNaN(x)) ? '–' : x);
  const pair = (a: unknown, b: unknown) => `${shown(a)} / ${shown(b)}`;
  const ratioTo10 = (ms: number | undefined) => (ms === undefined || clip10Ms === undefined ? '' : ` (${round(ms / clip10Ms)}×)`);
  console.table({
    'library: MB of article HTML / median body (KB)': columns((s) => pair(s.library.htmlMb, round(s.library.medianBodyBytes / 1000)), '', ''),
    'first rows painted (ms, median of 5 opens)': columns((s) => shown(s.popup?.firstRowsMs), shown(empty?.firstRowsMs), '≤ 150'),
    'first-rows mark (ms, median of 5)': columns((s) => shown(s.popup?.firstRowsMarkMs), shown(empty?.firstRowsMarkMs), ''),
    'whole library counted (ms, first open / median)': columns((s) => pair(s.popup?.countFirstOpenMs, s.popup?.countMs), pair(empty?.countFirstOpenMs, empty?.countMs), ''),
    'filter menus filled (ms, first open / median)': columns((s) => pair(s.popup?.menusFirstOpenMs, s.popup?.menusMs), pair(empty?.menusFirstOpenMs, empty?.menusMs), ''),
    ...Object.fromEntries(
      QUERIES.flatMap((q) => [
        [`search "${q}" hits`, columns((s) => shown(s.popup?.search[q]?.hits), shown(empty?.search[q]?.hits), '')],
        [`search "${q}" p50 (ms)`, columns((s) => shown(s.popup?.search[q]?.p50), shown(empty?.search[q]?.p50), '')],
        [`search "${q}" p95 (ms)`, columns((s) => shown(s.popup?.search[q]?.p95), shown(empty?.search[q]?.p95), '≤ 50')],
      ]),
    ),
    'popup JS heap used (MB)': columns((s) => shown(s.popup?.heapUsedMB), shown(empty?.heapUsedMB), '≤ 30'),
    'one clip (ms, median of 20)': columns((s) => `${shown(s.clipMs)}${ratioTo10(s.clipMs)}`, shown(clip10Ms === undefined ? undefined : round(clip10Ms)), '≤ 1.5× empty'),
  });
  for (const s of bySize) {
    console.log(`${s.clips} clips: filled in ${s.library.seedSeconds} s (batches of 500: write ${s.library.batchWriteMs} ms median, index merges ${s.library.batchMergeMs} ms a batch on average); load average ${s.loadAverage.join(' / ')} when measured`);
  }
  const exported = bySize.find((s) => s.export)?.export;
  if (exported) {
    console.table({
      [`export all ${shown(exported.clips)} clips to one zip (ms)`]: { figure: exported.exportMs, goal: '' },
      'fflate alone, same files (ms wall / CPU)': { figure: pair(exported.fflateAloneMs, exported.fflateAloneCpuMs), goal: '' },
      'ratio': { figure: shown(exported.ratio), goal: `≤ ${GOALS.exportRatio}` },
      'zip / posts (MB)': { figure: pair(exported.zipMb, exported.postsMb), goal: '' },
      'progress messages shown': { figure: exported.progressUpdates, goal: '> 1' },
      'library tab heap after (MB)': { figure: exported.heapAfterMB, goal: '' },
    });
    console.log(`unzip -t on the exported zip: ${exported.unzipTest.ok ? 'OK' : 'FAILED'}: ${exported.unzipTest.summary}`);
  }
  if (errors.length) {
    console.log(`\n${errors.length} step(s) failed; the figures above are what was measured:`);
    for (const error of errors) console.log(`- ${error}`);
  }
  console.log('Written to bench/results/library.json');
  if (errors.length) process.exitCode = 1;
}

await main();
