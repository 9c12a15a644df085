import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { chromium, type CDPSession, type Page } from 'playwright-core';
import { ensureE2eBuild, launchClipper, PROJECT_ROOT, type ClipperSession } from '../cli/headless';
import { DEFAULT_SEED, generateArchive, writeArchiveFolder, writeArchiveZip } from '../test/harness/archive-generator';
import { en } from '../utils/core/i18n/en';
import { DB_NAME } from '../utils/worker/db';

// `npm run bench:import`: a generated archive of 65,000 posts (the archive format and its older
// variants: test/harness/archive-generator.ts) imported as one zip through the real options page
// of the extension in headless Chromium, as a user imports it. It measures posts per second, the
// longest task on the page, the page's and the worker's peak JS heap (sampled every 250 ms through
// the DevTools protocol) and the storage used; and, in the same run, the floor on the same bodies:
// DOMPurify alone (the extension's policy), then IndexedDB writes alone in transactions of 500, in
// a plain page of the same Chromium. An import that does not finish within `--timeout-min` is
// reported with the posts it got into the library, and marked timed out.
//
// Options: --posts=N (or BENCH_POSTS; default 65,000), --runs=N (default 1 from 10,000 posts up,
// else 3; figures are medians), --timeout-min=N (default 10), --seed=N, --folder=DIR (also write
// the archive as a site folder there), --keep-archive (leave the zip in the temp folder).

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const POSTS = Number(arg('posts') ?? process.env.BENCH_POSTS ?? 65_000);
const RUNS = Number(arg('runs') ?? (POSTS >= 10_000 ? 1 : 3));
const TIMEOUT_MS = Number(arg('timeout-min') ?? 10) * 60_000;
const SEED = Number(arg('seed') ?? DEFAULT_SEED);
const FOLDER = arg('folder');
const KEEP_ARCHIVE = process.argv.includes('--keep-archive');
const RESULTS = join(PROJECT_ROOT, 'bench/results');
const SAMPLE_MS = 250;
const FLOOR_BATCH = 500;
const GOALS = { postsPerSecond: 900, floorRatio: 1.5, pageHeapMb: 300, longestTaskMs: 200 };

const median = (xs: number[]) => {
  const sorted = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const mid = sorted.length / 2;
  return sorted.length % 2 ? sorted[Math.floor(mid)]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const round = (x: number) => Math.round(x * 10) / 10;
const mb = (bytes: number) => round(bytes / 2 ** 20);
const log = (line: string) => process.stderr.write(`${line}\n`);

/** A page sentence of the i18n table as a pattern: `{0}` and the like match the values put in. */
function sentencePattern(template: string): RegExp {
  const escaped = template.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\\\{\d\\\}/g, '(.+?)');
  return new RegExp(`^${escaped}$`);
}
const IMPORT_DONE = sentencePattern(en.importDone);
const FAILED = sentencePattern(en.failed);

/** Resolves to `fallback` when `promise` has not settled within `ms` (a frozen page answers late). */
function within<T>(promise: Promise<T>, ms: number, fallback: T): Promise<T> {
  return Promise.race([promise.catch(() => fallback), new Promise<T>((resolve) => setTimeout(() => resolve(fallback), ms))]);
}

// ——— the archive ———

interface ArchiveFacts {
  posts: number;
  postsMb: number;
  zipMb: number;
  /** Different articles (`from:` values): what the library holds once every post is read. */
  articles: number;
  brokenTitles: number;
  generateSeconds: number;
}

function makeArchive(zipPath: string): ArchiveFacts {
  const started = performance.now();
  const written = writeArchiveZip(zipPath, { posts: POSTS, seed: SEED }, (done) => process.stderr.write(`\rgenerating the archive: ${done} of ${POSTS}`));
  process.stderr.write('\n');
  const urls = new Set<string>();
  let brokenTitles = 0;
  for (const post of generateArchive({ posts: POSTS, seed: SEED })) {
    urls.add(post.from);
    if (post.variants.some((v) => v === 'broken-newline' || v === 'broken-backslash')) brokenTitles += 1;
  }
  if (FOLDER) writeArchiveFolder(FOLDER, { posts: POSTS, seed: SEED });
  return {
    posts: written.posts,
    postsMb: mb(written.postBytes),
    zipMb: mb(statSync(zipPath).size),
    articles: urls.size,
    brokenTitles,
    generateSeconds: round((performance.now() - started) / 1000),
  };
}

// ——— the floor ———

interface Floor {
  sanitizeSeconds: number;
  idbSeconds: number;
  postsPerSecond: number;
}

/** DOMPurify with the extension's policy, and IndexedDB writes 500 clips a transaction, in a page. */
const FLOOR_PAGE = `
  import DOMPurify from 'dompurify';
  import { SANITIZE_CONFIG } from './utils/core/extract/sanitize';
  let db;
  globalThis.benchFloorOpen = (name) =>
    new Promise((resolve, reject) => {
      const request = indexedDB.open(name, 1);
      request.onupgradeneeded = () => {
        request.result.createObjectStore('clips', { keyPath: 'id' });
        request.result.createObjectStore('contents', { keyPath: 'id' });
      };
      request.onsuccess = () => resolve((db = request.result), undefined);
      request.onerror = () => reject(request.error);
    });
  globalThis.benchFloorBatch = async (posts) => {
    let start = performance.now();
    const bodies = posts.map((p) => DOMPurify.sanitize(p.html, SANITIZE_CONFIG));
    const sanitizeMs = performance.now() - start;
    start = performance.now();
    await new Promise((resolve, reject) => {
      const tx = db.transaction(['clips', 'contents'], 'readwrite');
      posts.forEach((p, i) => {
        if (!p.write) return;
        tx.objectStore('clips').put({ id: p.id, url: p.url, title: p.title, updatedAt: Date.now(), tags: [] });
        tx.objectStore('contents').put({ id: p.id, contentHtml: bodies[i] });
      });
      tx.oncomplete = resolve;
      tx.onerror = () => reject(tx.error);
    });
    return { sanitizeMs, idbMs: performance.now() - start };
  };`;

async function measureFloor(run: number): Promise<Floor> {
  const bundle = await build({ stdin: { contents: FLOOR_PAGE, resolveDir: PROJECT_ROOT, loader: 'js' }, bundle: true, write: false, format: 'iife', platform: 'browser' });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage();
    // A page of a real origin (IndexedDB refuses opaque ones), served without a network.
    await page.route('http://localhost/floor.html', (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>floor</title>' }));
    await page.goto('http://localhost/floor.html');
    await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
    await page.evaluate((name) => (globalThis as unknown as { benchFloorOpen: (n: string) => Promise<void> }).benchFloorOpen(name), `floor-${run}`);
    const seen = new Set<string>();
    let sanitizeMs = 0;
    let idbMs = 0;
    let batch: Array<{ id: string; url: string; title: string; html: string; write: boolean }> = [];
    const flush = async () => {
      const times = await page.evaluate(
        (posts) => (globalThis as unknown as { benchFloorBatch: (p: unknown) => Promise<{ sanitizeMs: number; idbMs: number }> }).benchFloorBatch(posts),
        batch,
      );
      sanitizeMs += times.sanitizeMs;
      idbMs += times.idbMs;
      batch = [];
    };
    for (const post of generateArchive({ posts: POSTS, seed: SEED })) {
      // Every body is sanitized; an article already written is not written again, as in an import.
      batch.push({ id: `c${post.index}`, url: post.from, title: post.path, html: post.body, write: !seen.has(post.from) });
      seen.add(post.from);
      if (batch.length === FLOOR_BATCH) await flush();
      if (post.index % 5000 === 0) process.stderr.write(`\rfloor: ${post.index} of ${POSTS}`);
    }
    if (batch.length > 0) await flush();
    process.stderr.write('\n');
    return { sanitizeSeconds: round(sanitizeMs / 1000), idbSeconds: round(idbMs / 1000), postsPerSecond: round(POSTS / ((sanitizeMs + idbMs) / 1000)) };
  } finally {
    await browser.close();
  }
}

// ——— the import ———

interface HeapPeaks {
  pageHeapMb: number;
  /** The page's JS heap plus ArrayBuffer backing stores (where a zip read whole would sit). */
  pageHeapBuffersMb: number;
  workerHeapMb: number;
  workerHeapBuffersMb: number;
  /** The longest the page went without answering a sample (it answers between tasks). */
  pageSilentMs: number;
  samples: number;
}

interface HeapUsage {
  usedSize: number;
  backingStorageSize?: number;
}

/**
 * Samples the options page's and the worker's JS heap every 250 ms. The worker is reached through
 * the page's DevTools session (Target.sendMessageToTarget), as Playwright gives no CDP session
 * for workers; the browser routes those messages, so a busy page does not hold them up.
 */
async function startSampler(cdp: CDPSession) {
  const { targetInfos } = await cdp.send('Target.getTargets');
  const worker = targetInfos.find((t) => t.type === 'service_worker' && t.url.endsWith('/background.js'));
  if (!worker) throw new Error('The extension has no service worker to sample');
  const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: worker.targetId, flatten: false });
  const pending = new Map<number, (usage: HeapUsage | undefined) => void>();
  let nextId = 1;
  cdp.on('Target.receivedMessageFromTarget', (event) => {
    if (event.sessionId !== sessionId) return;
    const message = JSON.parse(event.message) as { id?: number; result?: HeapUsage };
    if (message.id !== undefined) pending.get(message.id)?.(message.result);
    pending.delete(message.id ?? -1);
  });
  const workerHeap = () =>
    new Promise<HeapUsage | undefined>((resolve) => {
      const id = nextId++;
      pending.set(id, resolve);
      void cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method: 'Runtime.getHeapUsage' }) }).catch(() => resolve(undefined));
    });
  const peaks: HeapPeaks = { pageHeapMb: 0, pageHeapBuffersMb: 0, workerHeapMb: 0, workerHeapBuffersMb: 0, pageSilentMs: 0, samples: 0 };
  let lastAnswer = performance.now();
  let inFlight = false;
  const tick = async () => {
    if (inFlight) {
      peaks.pageSilentMs = Math.max(peaks.pageSilentMs, performance.now() - lastAnswer);
      return;
    }
    inFlight = true;
    const [page, work] = await Promise.all([within(cdp.send('Runtime.getHeapUsage') as Promise<HeapUsage | undefined>, 60_000, undefined), within(workerHeap(), 5_000, undefined)]);
    inFlight = false;
    if (page) {
      const now = performance.now();
      peaks.pageSilentMs = Math.max(peaks.pageSilentMs, now - lastAnswer);
      lastAnswer = now;
      peaks.pageHeapMb = Math.max(peaks.pageHeapMb, mb(page.usedSize));
      peaks.pageHeapBuffersMb = Math.max(peaks.pageHeapBuffersMb, mb(page.usedSize + (page.backingStorageSize ?? 0)));
    }
    if (work) {
      peaks.workerHeapMb = Math.max(peaks.workerHeapMb, mb(work.usedSize));
      peaks.workerHeapBuffersMb = Math.max(peaks.workerHeapBuffersMb, mb(work.usedSize + (work.backingStorageSize ?? 0)));
    }
    peaks.samples += 1;
  };
  const timer = setInterval(() => void tick(), SAMPLE_MS);
  return {
    peaks,
    stop() {
      clearInterval(timer);
      peaks.pageSilentMs = round(Math.max(peaks.pageSilentMs, inFlight ? performance.now() - lastAnswer : 0));
      return peaks;
    },
  };
}

/** The clips in the library, counted in the worker's own database (it answers while the page is busy). */
async function clipsInLibrary(session: ClipperSession): Promise<number> {
  return session.worker.evaluate(
    (name) =>
      new Promise<number>((resolve, reject) => {
        const request = indexedDB.open(name);
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const db = request.result;
          if (!db.objectStoreNames.contains('clips')) {
            db.close();
            resolve(0);
            return;
          }
          const count = db.transaction('clips').objectStore('clips').count();
          count.onsuccess = () => {
            resolve(count.result);
            db.close();
          };
          count.onerror = () => reject(count.error);
        };
      }),
    DB_NAME,
  );
}

/**
 * The resident memory of the browser's extension renderer, which runs the options page and the
 * worker: now (VmRSS) and at its peak (VmHWM). The heap samples cannot land while the page is
 * inside a long task; the peak can. Linux only (read from /proc); undefined elsewhere.
 */
function extensionRendererMemory(userDataDir: string): { rssMb: number; peakMb: number } | undefined {
  if (!existsSync('/proc/self/status')) return undefined;
  const processes = new Map<number, { parent: number; cmdline: string }>();
  for (const name of readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      processes.set(Number(name), { parent, cmdline: readFileSync(`/proc/${name}/cmdline`, 'utf8') });
    } catch {
      // The process ended while it was being read.
    }
  }
  const browser = [...processes].find(([, p]) => p.cmdline.includes(`--user-data-dir=${userDataDir}`) && !p.cmdline.includes('--type='))?.[0];
  const descends = (pid: number): boolean => {
    for (let at = processes.get(pid); at; at = processes.get(at.parent)) if (at.parent === browser) return true;
    return false;
  };
  const renderer = [...processes].find(([pid, p]) => p.cmdline.includes('--type=renderer') && p.cmdline.includes('--extension-process') && descends(pid))?.[0];
  if (renderer === undefined) return undefined;
  const status = readFileSync(`/proc/${renderer}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN) * 1024;
  return { rssMb: mb(kb('VmRSS')), peakMb: mb(kb('VmHWM')) };
}

/** Every task over 50 ms on the page from now on, as the browser's Long Tasks API reports them. */
async function observeLongTasks(page: Page): Promise<void> {
  await page.evaluate(() => {
    const state = { longest: 0, over200: 0, count: 0 };
    (globalThis as unknown as { __benchLongTasks: typeof state }).__benchLongTasks = state;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        state.count += 1;
        state.longest = Math.max(state.longest, entry.duration);
        if (entry.duration > 200) state.over200 += 1;
      }
    }).observe({ type: 'longtask' });
  });
}

interface ImportRun {
  timedOut: boolean;
  seconds: number;
  postsPerSecond: number;
  clipsInLibrary: number;
  /** What the page said at the end (its status line), and the files it listed as not imported. */
  status: string;
  problems: number;
  longestTaskMs: number | null;
  tasksOver200Ms: number | null;
  heap: HeapPeaks;
  /** Resident memory of the extension's renderer process (page and worker) before the import and at its peak, MB. */
  rendererRssBeforeMb: number | null;
  rendererPeakRssMb: number | null;
  storageUsedMb: number;
}

async function importOnce(zipPath: string, archive: ArchiveFacts): Promise<ImportRun> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'news-clipper-import-'));
  const session = await launchClipper({ userDataDir });
  try {
    const page = await session.context.newPage();
    await page.goto(session.extensionUrl('options.html'));
    const input = page.getByLabel(en.importLabel);
    await input.waitFor({ state: 'attached' });
    await observeLongTasks(page);
    const before = extensionRendererMemory(userDataDir);
    const cdp = await session.context.newCDPSession(page);
    const sampler = await startSampler(cdp);
    const started = performance.now();
    const progress = setInterval(() => {
      void within(clipsInLibrary(session), 5_000, NaN).then((n) => {
        const seconds = (performance.now() - started) / 1000;
        log(`  ${Math.round(seconds)} s: ${n} clips in the library (${round(n / seconds)} per second)`);
      });
    }, 10_000);
    await input.setInputFiles(zipPath);
    const status = page.locator('[role="status"]');
    const finished = await page
      .waitForFunction(
        ([done, failed]) => {
          const text = document.querySelector('[role="status"]')?.textContent ?? '';
          return new RegExp(done!).test(text) || new RegExp(failed!).test(text);
        },
        [IMPORT_DONE.source, FAILED.source],
        { timeout: TIMEOUT_MS, polling: 100 },
      )
      .then(
        () => true,
        () => false,
      );
    const seconds = (performance.now() - started) / 1000;
    clearInterval(progress);
    const heap = sampler.stop();
    const clips = await within(clipsInLibrary(session), 30_000, NaN);
    // A page still at work may not answer at all: what it did not say stays unknown (null).
    const tasks = await within(
      page.evaluate(() => (globalThis as unknown as { __benchLongTasks: { longest: number; over200: number } }).__benchLongTasks),
      10_000,
      undefined,
    );
    const statusText = await within(status.textContent({ timeout: 10_000 }), 10_000, null);
    const problems = await within(page.locator('.errors li').count(), 10_000, NaN);
    const storage = await within(session.worker.evaluate(() => navigator.storage.estimate()), 10_000, undefined);
    const after = extensionRendererMemory(userDataDir);
    const processed = finished ? archive.posts : clips;
    return {
      timedOut: !finished,
      seconds: round(seconds),
      postsPerSecond: round(processed / seconds),
      clipsInLibrary: clips,
      status: statusText ?? '(the page did not answer)',
      problems,
      longestTaskMs: tasks ? round(tasks.longest) : null,
      tasksOver200Ms: tasks ? tasks.over200 : null,
      heap,
      rendererRssBeforeMb: before?.rssMb ?? null,
      rendererPeakRssMb: after?.peakMb ?? null,
      storageUsedMb: storage?.usage === undefined ? NaN : mb(storage.usage),
    };
  } finally {
    await session.close();
  }
}

// ——— the report ———

const goalMet = (met: boolean) => (met ? 'met' : 'MISSED');

async function main() {
  ensureE2eBuild(log);
  mkdirSync(RESULTS, { recursive: true });
  const dir = mkdtempSync(join(tmpdir(), 'import-bench-'));
  const zipPath = join(dir, 'archive.zip');
  const loadAtStart = loadavg().map((n) => round(n));
  try {
    const archive = makeArchive(zipPath);
    log(`archive: ${archive.posts} posts, ${archive.postsMb} MB of posts, ${archive.zipMb} MB zipped, ${archive.articles} articles (${archive.generateSeconds} s)`);
    const floors: Floor[] = [];
    const imports: ImportRun[] = [];
    for (let run = 1; run <= RUNS; run += 1) {
      log(`run ${run} of ${RUNS}: the floor`);
      floors.push(await measureFloor(run));
      log(`run ${run} of ${RUNS}: the import (gives up after ${TIMEOUT_MS / 60_000} min)`);
      imports.push(await importOnce(zipPath, archive));
      const last = imports.at(-1)!;
      log(`  ${last.timedOut ? 'TIMED OUT' : 'done'} after ${last.seconds} s: ${last.status}`);
    }
    const finished = imports.filter((r) => !r.timedOut);
    const floor = {
      sanitizeSeconds: median(floors.map((f) => f.sanitizeSeconds)),
      idbSeconds: median(floors.map((f) => f.idbSeconds)),
      postsPerSecond: median(floors.map((f) => f.postsPerSecond)),
    };
    const figures = {
      runs: imports.length,
      timedOutRuns: imports.length - finished.length,
      postsPerSecond: median(imports.map((r) => r.postsPerSecond)),
      seconds: median(imports.map((r) => r.seconds)),
      clipsInLibrary: median(imports.map((r) => r.clipsInLibrary)),
      longestTaskMs: median(imports.map((r) => r.longestTaskMs ?? NaN)),
      pageSilentMs: median(imports.map((r) => r.heap.pageSilentMs)),
      pageHeapMb: median(imports.map((r) => r.heap.pageHeapMb)),
      pageHeapBuffersMb: median(imports.map((r) => r.heap.pageHeapBuffersMb)),
      workerHeapMb: median(imports.map((r) => r.heap.workerHeapMb)),
      workerHeapBuffersMb: median(imports.map((r) => r.heap.workerHeapBuffersMb)),
      rendererRssBeforeMb: median(imports.map((r) => r.rendererRssBeforeMb ?? NaN)),
      rendererPeakRssMb: median(imports.map((r) => r.rendererPeakRssMb ?? NaN)),
      storageUsedMb: median(imports.map((r) => r.storageUsedMb)),
    };
    // A sample waits for the page's current task: when the page was silent for long, its peak went unseen.
    const heapUnseen = figures.pageSilentMs > 1000;
    const floorRatio = Math.round((floor.postsPerSecond / figures.postsPerSecond) * 100) / 100;
    const result = {
      date: new Date().toISOString(),
      machine: { cpus: cpus().length, node: process.version, loadAverageAtStart: loadAtStart, loadAverage: loadavg().map((n) => round(n)) },
      seed: SEED,
      timeoutMinutes: TIMEOUT_MS / 60_000,
      archive,
      goals: GOALS,
      /** Medians over the runs; a timed-out run counts the posts it got into the library. */
      import: { ...figures, floorRatio, timedOut: finished.length < imports.length },
      floor,
      meets: {
        postsPerSecond: figures.postsPerSecond >= GOALS.postsPerSecond,
        floorRatio: floorRatio <= GOALS.floorRatio,
        /** Null when the page went unsampled for over a second (inside a long task). */
        pageHeapMb: heapUnseen ? null : figures.pageHeapMb < GOALS.pageHeapMb,
        longestTaskMs: figures.longestTaskMs <= GOALS.longestTaskMs,
      },
      runs: imports.map((r, i) => ({ ...r, floor: floors[i] })),
    };
    writeFileSync(join(RESULTS, 'import.json'), `${JSON.stringify(result, null, 2)}\n`);

    const heapVerdict = heapUnseen ? `unsure: ${round(figures.pageSilentMs / 1000)} s unsampled` : goalMet(figures.pageHeapMb < GOALS.pageHeapMb);
    const timedOut = result.import.timedOut ? ` — TIMED OUT in ${result.import.timedOutRuns} of ${imports.length} runs after ${TIMEOUT_MS / 60_000} min` : '';
    console.log(
      `\nImport benchmark: ${archive.posts} posts (${archive.postsMb} MB, ${archive.zipMb} MB zipped, ${archive.articles} articles), ${imports.length} run(s), medians${timedOut}; load average ${loadAtStart.join(' / ')} at the start, ${result.machine.loadAverage.join(' / ')} at the end, ${cpus().length} cores\n`,
    );
    console.table({
      'import: posts per second': { value: figures.postsPerSecond, goal: `≥ ${GOALS.postsPerSecond}`, result: goalMet(result.meets.postsPerSecond) },
      'import: seconds': { value: figures.seconds, goal: '', result: '' },
      'floor: posts per second (DOMPurify + IndexedDB)': { value: floor.postsPerSecond, goal: '', result: '' },
      'floor: DOMPurify alone, s': { value: floor.sanitizeSeconds, goal: '', result: '' },
      'floor: IndexedDB writes alone (500 a transaction), s': { value: floor.idbSeconds, goal: '', result: '' },
      'import time ÷ floor time': { value: floorRatio, goal: `≤ ${GOALS.floorRatio}`, result: goalMet(result.meets.floorRatio) },
      'longest task on the page, ms': { value: figures.longestTaskMs, goal: `≤ ${GOALS.longestTaskMs}`, result: goalMet(result.meets.longestTaskMs) },
      'longest the page did not answer a sample, ms': { value: figures.pageSilentMs, goal: '', result: '' },
      'page peak JS heap, MB': { value: figures.pageHeapMb, goal: `< ${GOALS.pageHeapMb}`, result: heapVerdict },
      'page peak JS heap + array buffers, MB': { value: figures.pageHeapBuffersMb, goal: '', result: '' },
      'worker peak JS heap, MB': { value: figures.workerHeapMb, goal: '', result: '' },
      'worker peak JS heap + array buffers, MB': { value: figures.workerHeapBuffersMb, goal: '', result: '' },
      'extension renderer RSS before the import, MB': { value: figures.rendererRssBeforeMb, goal: '', result: '' },
      'extension renderer peak RSS (page + worker), MB': { value: figures.rendererPeakRssMb, goal: '', result: '' },
      'storage used, MB': { value: figures.storageUsedMb, goal: '', result: '' },
      'clips in the library': { value: figures.clipsInLibrary, goal: `${archive.articles} articles`, result: '' },
    });
    for (const [i, run] of imports.entries()) console.log(`run ${i + 1}: ${run.timedOut ? 'timed out' : 'finished'} in ${run.seconds} s; the page said: ${run.status} (${run.problems} files listed as not imported)`);
    console.log('Written to bench/results/import.json');
  } finally {
    if (KEEP_ARCHIVE) log(`The archive stays at ${zipPath}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

await main();
