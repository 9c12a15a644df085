import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CDPSession } from 'playwright-core';
import { build } from 'wxt';
import { launchClipper, PROJECT_ROOT } from '../cli/headless';
import { DEFAULT_SEED, writeArchiveZip } from '../test/harness/archive-generator';
import { writeJson } from '../test/harness/corpus-report';
import { traceTasks, type TaskSpan } from '../test/harness/task-trace';
import { en } from '../utils/core/i18n/en';
import { profileTree, type CallFrame, type Profile } from './lib/cpu-profile';
import { quietLogger } from './lib/quiet-logger';

// `npx tsx bench/profile-import.ts [--posts=N] [--top=N]`: where an import spends its time. Builds
// the test build unminified (into .output/profile-import; the usual test build is left alone),
// imports a generated archive of N posts (default 3,000; test/harness/archive-generator.ts) through
// the options page as bench:import does, with V8's sampling profiler running in the page and in
// the worker, and prints for each: the time of each step (callees included), per post, and the
// functions with the most self time, and what the page did in its longest tasks (traced). The
// profiler slows what it samples: compare shares and per-post figures between runs of this
// script, not with bench:import's.

const OUT_DIR = join(PROJECT_ROOT, '.output/profile-import');
const EXTENSION_DIR = join(OUT_DIR, 'chrome-mv3-e2e');
const RESULTS = join(PROJECT_ROOT, 'bench/results/profile-import.json');
const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const POSTS = Number(arg('posts') ?? 3000);
const TOP = Number(arg('top') ?? 25);
const SAMPLING_INTERVAL_US = 200;

/** The steps, by function name: their total time (callees included, each sample counted once a step). */
const PAGE_STEPS: Array<[string, RegExp]> = [
  ['runImport (all page work of the import)', /^runImport$/],
  ['zip: reading and inflating (ZipReader.push)', /^push$/],
  ['one post (importText)', /^importText$/],
  ['  UTF-8 decoding', /^decode$/],
  ['  front matter (readFrontMatter)', /^readFrontMatter$/],
  ['    yaml parseDocument', /^parseDocument$/],
  ['  fields (fromFrontMatter)', /^fromFrontMatter$/],
  ['  body (storedBody)', /^storedBody$/],
  ['    DOMPurify (sanitizeToBody)', /^sanitizeToBody$/],
  ['    normalising (normalizeElement)', /^normalizeElement$/],
  ['sending a batch (storeBatch)', /^storeBatch$/],
  ['  sendMessage (serialising)', /^sendMessage$/],
  ['garbage collector', /^\(garbage collector\)$/],
  ['(program)', /^\(program\)$/],
];
const WORKER_STEPS: Array<[string, RegExp]> = [
  ['importDrafts (a batch into the library)', /^importDrafts$/],
  ['  index terms of a clip (termsOf)', /^termsOf$/],
  ['    htmlToText', /^htmlToText$/],
  ['    indexTerms', /^indexTerms$/],
  ['  staging terms (stageMany)', /^stageMany$/],
  ['  articleUrlKeys', /^articleUrlKeys$/],
  ['ensureRoom (storage estimate)', /^ensureRoom$/],
  ['merging the index (mergePending)', /^mergePending$/],
  ['message handling (serveMessages listener)', /^(onMessage|handle|serve.*|listener)$/],
  ['garbage collector', /^\(garbage collector\)$/],
  ['(program)', /^\(program\)$/],
];

/** A node's function and where it is (the extension's files by their path in the build). */
function frameLabel({ functionName, url, lineNumber }: CallFrame): string {
  const file = url.replace(/^chrome-extension:\/\/[^/]+\//, '');
  return `${functionName || '(anonymous)'}${file ? ` @ ${file}:${lineNumber + 1}` : ''}`;
}

interface LongTask {
  ms: number;
  /** The functions on the stack for most of the task (callees included), outermost first. */
  spine: Array<{ fn: string; share: number }>;
  /** The functions with the most self time in it. */
  self: Array<{ fn: string; ms: number }>;
}

/**
 * What the page was doing in its longest tasks: the CPU profile's samples that fall inside each
 * (the profile's timestamps and the trace's are the same clock), the functions on the stack of
 * most of them, and those with the most self time.
 */
function longTasks(profile: Profile, spans: readonly TaskSpan[], count = 3): LongTask[] {
  const { byId, parent } = profileTree(profile);
  const label = (id: number) => frameLabel(byId.get(id)!.callFrame);
  const times: number[] = [];
  let at = profile.startTime;
  for (const delta of profile.timeDeltas ?? []) times.push((at += delta));
  return [...spans]
    .sort((a, b) => b.end - b.start - (a.end - a.start))
    .slice(0, count)
    .map((span) => {
      const inclusive = new Map<string, { count: number; depth: number }>();
      const self = new Map<string, number>();
      let samples = 0;
      (profile.samples ?? []).forEach((id, i) => {
        if (times[i]! < span.start || times[i]! > span.end) return;
        samples++;
        const us = (times[i + 1] ?? times[i]!) - times[i]!;
        self.set(label(id), (self.get(label(id)) ?? 0) + us);
        const stack: number[] = [];
        for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) stack.unshift(n);
        const seen = new Set<string>();
        stack.forEach((n, depth) => {
          const key = label(n);
          if (seen.has(key)) return;
          seen.add(key);
          const entry = inclusive.get(key) ?? { count: 0, depth };
          entry.count++;
          inclusive.set(key, entry);
        });
      });
      return {
        ms: Math.round((span.end - span.start) / 100) / 10,
        spine: [...inclusive]
          .filter(([, e]) => e.count >= samples * 0.5)
          .sort((a, b) => a[1].depth - b[1].depth)
          .map(([fn, e]) => ({ fn, share: Math.round((e.count / Math.max(1, samples)) * 100) / 100 })),
        self: [...self]
          .sort((a, b) => b[1] - a[1])
          .slice(0, 8)
          .map(([fn, us]) => ({ fn, ms: Math.round(us / 100) / 10 })),
      };
    });
}

interface Summary {
  sampledMs: number;
  idleMs: number;
  steps: Array<{ step: string; ms: number; msPerPost: number }>;
  self: Array<{ fn: string; ms: number; share: number }>;
}

function summarize(profile: Profile, steps: Array<[string, RegExp]>): Summary {
  const { byId, parent } = profileTree(profile);
  const label = (id: number) => frameLabel(byId.get(id)!.callFrame);
  const self = new Map<string, number>();
  const stepUs = new Map<string, number>();
  let sampled = 0;
  let idle = 0;
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    const id = samples[i]!;
    const us = i + 1 < deltas.length ? deltas[i + 1]! : 0;
    const name = byId.get(id)!.callFrame.functionName;
    if (name === '(idle)') {
      idle += us;
      continue;
    }
    sampled += us;
    self.set(label(id), (self.get(label(id)) ?? 0) + us);
    const hit = new Set<string>();
    for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) {
      const fn = byId.get(n)!.callFrame.functionName;
      for (const [step, pattern] of steps) if (pattern.test(fn)) hit.add(step);
    }
    for (const step of hit) stepUs.set(step, (stepUs.get(step) ?? 0) + us);
  }
  return {
    sampledMs: Math.round(sampled / 1000),
    idleMs: Math.round(idle / 1000),
    steps: steps.map(([step]) => ({ step, ms: Math.round((stepUs.get(step) ?? 0) / 1000), msPerPost: Math.round(((stepUs.get(step) ?? 0) / 1000 / POSTS) * 1000) / 1000 })),
    self: [...self]
      .sort((a, b) => b[1] - a[1])
      .slice(0, TOP)
      .map(([fn, us]) => ({ fn, ms: Math.round(us / 1000), share: Math.round((us / sampled) * 1000) / 1000 })),
  };
}

/** The worker's DevTools session, reached through the page's (Playwright gives none for service workers). */
async function workerChannel(cdp: CDPSession) {
  const { targetInfos } = await cdp.send('Target.getTargets');
  const worker = targetInfos.find((t) => t.type === 'service_worker' && t.url.endsWith('/background.js'));
  if (!worker) throw new Error('The extension has no service worker to profile');
  const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: worker.targetId, flatten: false });
  const waiting = new Map<number, (result: unknown) => void>();
  let nextId = 1;
  cdp.on('Target.receivedMessageFromTarget', (event) => {
    if (event.sessionId !== sessionId) return;
    const message = JSON.parse(event.message) as { id?: number; result?: unknown };
    if (message.id !== undefined) waiting.get(message.id)?.(message.result);
  });
  return <T>(method: string, params: object = {}) =>
    new Promise<T>((resolve) => {
      const id = nextId++;
      waiting.set(id, resolve as (result: unknown) => void);
      void cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) });
    });
}

function print(title: string, summary: Summary) {
  console.log(`\n${title}: ${summary.sampledMs} ms busy, ${summary.idleMs} ms idle (sampled)`);
  console.log(`  ${'ms'.padStart(8)} ${'ms/post'.padStart(8)}  step (callees included)`);
  for (const s of summary.steps) console.log(`  ${String(s.ms).padStart(8)} ${s.msPerPost.toFixed(3).padStart(8)}  ${s.step}`);
  console.log(`\n  ${'ms'.padStart(8)} ${'share'.padStart(6)}  self time by function`);
  for (const s of summary.self) console.log(`  ${String(s.ms).padStart(8)} ${(s.share * 100).toFixed(1).padStart(5)}%  ${s.fn}`);
}

async function main() {
  console.log('Building the test build unminified…');
  await build({ mode: 'e2e', outDir: OUT_DIR, logger: quietLogger, vite: () => ({ build: { minify: false } }) });
  const dir = mkdtempSync(join(tmpdir(), 'profile-import-'));
  const zip = join(dir, 'archive.zip');
  writeArchiveZip(zip, { posts: POSTS, seed: DEFAULT_SEED });
  const session = await launchClipper({ extensionDir: EXTENSION_DIR });
  try {
    const page = await session.context.newPage();
    await page.goto(session.extensionUrl('options.html'));
    const input = page.getByLabel(en.importLabel);
    await input.waitFor({ state: 'attached' });
    const cdp = await session.context.newCDPSession(page);
    const worker = await workerChannel(cdp);
    for (const send of [(m: string, p?: object) => cdp.send(m as 'Profiler.enable', p), worker]) {
      await send('Profiler.enable');
      await send('Profiler.setSamplingInterval', { interval: SAMPLING_INTERVAL_US });
      await send('Profiler.start');
    }
    const started = performance.now();
    const { spans } = await traceTasks(page, async () => {
      await input.setInputFiles(zip);
      await page.waitForFunction(
        () => /^Imported|^Failed/.test(document.querySelector('[role="status"]')?.textContent ?? ''),
        undefined,
        { timeout: 30 * 60_000, polling: 200 },
      );
    });
    const seconds = (performance.now() - started) / 1000;
    const { profile: pageProfile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
    const { profile: workerProfile } = await worker<{ profile: Profile }>('Profiler.stop');
    const status = await page.locator('[role="status"]').textContent();
    const pageSummary = summarize(pageProfile, PAGE_STEPS);
    const workerSummary = summarize(workerProfile, WORKER_STEPS);
    console.log(`\n${POSTS} posts imported in ${seconds.toFixed(1)} s (${(POSTS / seconds).toFixed(0)} posts/s, profiled); load average ${loadavg().map((n) => n.toFixed(1)).join(' / ')}`);
    console.log(`The page said: ${status}`);
    print('Options page', pageSummary);
    print('Worker', workerSummary);
    const longest = longTasks(pageProfile, spans);
    console.log('\nThe longest tasks on the page (profiled, so longer than unprofiled):');
    for (const task of longest) {
      console.log(`  ${task.ms} ms:`);
      console.log(`    on the stack: ${task.spine.map((s) => `${s.fn} (${Math.round(s.share * 100)} %)`).join(' → ')}`);
      console.log(`    self: ${task.self.map((s) => `${s.fn} ${s.ms} ms`).join('; ')}`);
    }
    writeJson(RESULTS, { posts: POSTS, seconds, loadAverage: loadavg(), page: pageSummary, worker: workerSummary, longestTasks: longest });
    console.log(`\nWritten: ${RESULTS}`);
  } finally {
    await session.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
