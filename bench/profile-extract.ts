import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'wxt';
import { launchClipper, PROJECT_ROOT, servePagesOffline, tabIdOf } from '../cli/headless';
import { baselineTimes, callClipper, injectClipper } from '../test/harness/browser-clip';
import { corpusDir, loadCorpus } from '../test/harness/corpus-pages';
import { writeJson } from '../test/harness/corpus-report';
import { decodeSourceMap, type SourceMapJson } from './lib/source-map';
import { profileTree, type CallFrame, type Profile } from './lib/cpu-profile';
import { quietLogger } from './lib/quiet-logger';

// `npx tsx bench/profile-extract.ts [name-regexp] [--repeat=N] [--top=N] [--baseline] [--callers=fn-regexp]`: where the
// content script spends its time. Builds the test build unminified with a source map (into
// .output/profile, the usual test build is left alone), clips each corpus page through the
// extension in headless Chromium as the benchmark does, with the V8 sampling profiler of the
// page's target running (the content script runs in an isolated world of the page, on its main
// thread), and adds up the samples of all clips: self time by source file, self and total time by
// function. `--baseline` also profiles Readability's parse alone (the benchmark's baseline).
//
// The profiler slows what it samples (about 10-20%): compare shares, not milliseconds, with the
// benchmark's figures.

const OUT_DIR = join(PROJECT_ROOT, '.output/profile');
const EXTENSION_DIR = join(OUT_DIR, 'chrome-mv3-e2e');
const RESULTS = join(PROJECT_ROOT, 'bench/results/profile-extract.json');
const SAMPLING_INTERVAL_US = 100;
/**
 * The steps of a clip, by function name (and file): their total time as a share of the entry
 * function's, averaged over pages, is the summary printed first.
 */
const PHASES: Array<[string, RegExp]> = [
  ['the entry function (callees included)', /^extractClip @ /],
  ['document clone', /^cloneNode @ \(native/],
  ['lazy images, formulas (prepareClone)', /^prepareClone @ /],
  ['page text sample (sampleText)', /^sampleText @ /],
  ['script counts (countScripts)', /^countScripts @ /],
  ['Readability parse', /^parse @ node_modules\/@mozilla\/readability\//],
  ['DOMPurify (sanitizeToBody)', /^sanitizeToBody @ /],
  ['  of which DOMPurify set-up (purifier)', /^purifier @ /],
  ['normalising (normalizeElement)', /^normalizeElement @ /],
  ['metadata (readMetadata)', /^readMetadata @ /],
  ['next-page links (findNextPage)', /^findNextPage @ /],
];
/** Samples outside any JS function, counted while the entry function runs. */
const ENGINE_PHASES: Array<[string, string]> = [
  ['garbage collector', '(garbage collector)'],
  ['(program): compiling, the engine', '(program)'],
];
const WINDOW = 'the clip in the page: first to last sample of the entry function';

/** Built-ins and DOM methods (cloneNode, querySelectorAll, nextNode, getters): no source of their own. */
const NATIVE = '(native: built-ins, DOM)';

const args = process.argv.slice(2);
const option = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const filterArg = args.find((a) => !a.startsWith('--'));
const repeat = Number(option('repeat') ?? 1);
const top = Number(option('top') ?? 30);
const profileBaseline = args.includes('--baseline');
/** `--callers=querySelectorAll`: whose calls the matching functions' own time comes from. */
const callersOf = option('callers') ? new RegExp(option('callers')!) : undefined;

/** Time per key, in microseconds, and each key's share of its page's time, summed over pages. */
class Tally {
  readonly us = new Map<string, number>();
  readonly shares = new Map<string, number>();
  pages = 0;
  add(key: string, us: number) {
    this.us.set(key, (this.us.get(key) ?? 0) + us);
  }
  /** Adds one page's tally: its times, and its shares (so that big pages do not drown the rest). */
  addPage(page: Tally, pageTotalUs: number) {
    this.pages++;
    for (const [key, us] of page.us) {
      this.add(key, us);
      this.shares.set(key, (this.shares.get(key) ?? 0) + us / pageTotalUs);
    }
  }
  total(): number {
    return [...this.us.values()].reduce((a, b) => a + b, 0);
  }
  rows(n: number, of = this.total()) {
    return [...this.us.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([key, us]) => ({ key, ms: us / 1000, share: us / of, meanPageShare: (this.shares.get(key) ?? 0) / Math.max(1, this.pages) }));
  }
}

async function main(): Promise<number> {
  const filter = filterArg ? new RegExp(filterArg) : undefined;
  const pages = loadCorpus(PROJECT_ROOT, filter && ((name) => filter.test(name)));
  if (!pages?.length) {
    console.error(pages ? `No corpus page matches ${filterArg}.` : `The corpus is not at ${corpusDir(PROJECT_ROOT)}.`);
    return 1;
  }
  console.log('Building the test build unminified, with a source map…');
  await build({ mode: 'e2e', outDir: OUT_DIR, logger: quietLogger, vite: () => ({ build: { minify: false, sourcemap: true } }) });
  const map = decodeSourceMap(JSON.parse(readFileSync(join(EXTENSION_DIR, 'clipper.js.map'), 'utf8')) as SourceMapJson);

  /** Where a profiled function comes from: the original source file for the content script. */
  const sourceOf = (frame: CallFrame): { file: string; line: number } => {
    if (frame.url.endsWith('/clipper.js')) {
      const pos = map.lookup(frame.lineNumber, frame.columnNumber);
      if (pos) return { file: pos.source.replace(/^(?:\.\.\/)+/, ''), line: pos.line + 1 };
      return { file: 'clipper.js (unmapped)', line: frame.lineNumber + 1 };
    }
    if (frame.url === '' && frame.functionName.startsWith('(')) return { file: frame.functionName, line: 0 };
    // Built-ins and DOM methods have no position; the baseline's Readability is evaluated code.
    if (frame.url === '' && frame.lineNumber < 0) return { file: NATIVE, line: 0 };
    // executeScript's function, and the baseline's Readability.
    if (frame.url === '') return { file: 'evaluated code', line: frame.lineNumber + 1 };
    return { file: frame.url.replace(/^chrome-extension:\/\/[^/]+/, 'extension:'), line: frame.lineNumber + 1 };
  };

  const tallies = { clip: newTallies(), baseline: newTallies() };
  const timings: Array<{ name: string; inPageMs: number[]; readabilityMs?: number }> = [];
  const session = await launchClipper({ extensionDir: EXTENSION_DIR });
  try {
    await servePagesOffline(session.context, new Map(pages.map((p) => [p.url, p.source])));
    const page = await session.context.newPage();
    const cdp = await session.context.newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: SAMPLING_INTERVAL_US });
    let tabId: number | undefined;
    for (const corpusPage of pages) {
      const row: (typeof timings)[number] = { name: corpusPage.name, inPageMs: [] };
      for (let i = 0; i < repeat; i++) {
        // A fresh page each time: the content script is injected into a new world, as in real use.
        await page.goto(corpusPage.url, { waitUntil: 'load', timeout: 15_000 });
        tabId ??= await tabIdOf(session, page);
        // Only the entry function's run is sampled, as the benchmark's in-page time counts it.
        await injectClipper(session, tabId);
        await cdp.send('Profiler.start');
        const clip = await callClipper(session, tabId, 'article');
        const { profile } = (await cdp.send('Profiler.stop')) as { profile: Profile };
        row.inPageMs.push(clip.inPageMs);
        addProfile(profile, tallies.clip, sourceOf);
        if (profileBaseline) {
          await cdp.send('Profiler.start');
          row.readabilityMs = (await baselineTimes(page, PROJECT_ROOT)).readabilityMs;
          const { profile: base } = (await cdp.send('Profiler.stop')) as { profile: Profile };
          addProfile(base, tallies.baseline, sourceOf);
        }
      }
      timings.push(row);
      process.stdout.write('.');
    }
    process.stdout.write('\n');
  } finally {
    await session.close();
  }

  const report = (title: string, t: Tallies) => {
    const total = t.byFile.total();
    console.log(`\n${title}: ${(total / 1000).toFixed(0)} ms sampled (idle excluded) over ${pages.length} page(s) × ${repeat}`);
    const print = (heading: string, rows: ReturnType<Tally['rows']>) => {
      console.log(`\n  ${heading}\n  ${'share'.padStart(6)} ${'mean page share'.padStart(15)} ${'time'.padStart(12)}`);
      for (const r of rows) {
        console.log(`  ${(r.share * 100).toFixed(1).padStart(5)}% ${(r.meanPageShare * 100).toFixed(1).padStart(14)}% ${r.ms.toFixed(1).padStart(9)} ms  ${r.key}`);
      }
    };
    if (t.phases.pages) {
      const entry = t.phases.us.get(WINDOW) ?? 1;
      const rows = [[WINDOW], ...PHASES, ...ENGINE_PHASES].map(([phase]) => ({ phase, us: t.phases.us.get(phase) ?? 0, mean: (t.phases.shares.get(phase) ?? 0) / t.phases.pages }));
      console.log(`\n  steps of the clip, as shares of its time in the page (callees included)\n  ${'share'.padStart(6)} ${'mean page share'.padStart(15)} ${'time'.padStart(12)}`);
      for (const r of rows) console.log(`  ${((r.us / entry) * 100).toFixed(1).padStart(5)}% ${(r.mean * 100).toFixed(1).padStart(14)}% ${(r.us / 1000).toFixed(1).padStart(9)} ms  ${r.phase}`);
    }
    print('self time by file', t.byFile.rows(top, total));
    print('self time by function', t.selfByFunction.rows(top, total));
    print('total time by function (callees included)', t.totalByFunction.rows(top, total));
    if (callersOf) print(`callers of ${callersOf.source} (their own time)`, t.callers.rows(top, total));
  };
  report('Content script clips', tallies.clip);
  if (profileBaseline) report('Readability alone (baseline)', tallies.baseline);
  const json = (t: Tallies) => ({
    phases: t.phases.rows(100),
    byFile: t.byFile.rows(1000),
    selfByFunction: t.selfByFunction.rows(1000),
    totalByFunction: t.totalByFunction.rows(1000),
  });
  writeJson(RESULTS, { pages: timings, clip: json(tallies.clip), ...(profileBaseline ? { baseline: json(tallies.baseline) } : {}) });
  console.log(`\nWritten: ${RESULTS}`);
  return 0;
}

function newTallies() {
  return { byFile: new Tally(), selfByFunction: new Tally(), totalByFunction: new Tally(), phases: new Tally(), callers: new Tally() };
}
type Tallies = ReturnType<typeof newTallies>;

/**
 * Adds a profile's samples: each sample lasts until the next one; its self time goes to the
 * function on top of the stack (and to its file, native calls to the file that made them), its
 * total time to every distinct function on the stack.
 */
function addProfile(profile: Profile, into: Tallies, sourceOf: (f: CallFrame) => { file: string; line: number }) {
  const t = newTallies();
  const { byId, parent } = profileTree(profile);
  const label = new Map<number, { file: string; fn: string }>();
  const labelOf = (id: number) => {
    let l = label.get(id);
    if (!l) {
      const frame = byId.get(id)!.callFrame;
      const src = sourceOf(frame);
      l = { file: src.file, fn: `${frame.functionName || '(anonymous)'} @ ${src.file}${src.line ? `:${src.line}` : ''}` };
      label.set(id, l);
    }
    return l;
  };
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  const inEntry = (id: number) => {
    for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) if (PHASES[0]![1].test(labelOf(n).fn)) return true;
    return false;
  };
  const firstInEntry = samples.findIndex(inEntry);
  const lastInEntry = samples.findLastIndex(inEntry);
  let pageUs = 0;
  for (let i = 0; i < samples.length; i++) {
    const id = samples[i]!;
    const us = i + 1 < deltas.length ? deltas[i + 1]! : 0;
    const name = byId.get(id)!.callFrame.functionName;
    if (name === '(idle)') continue;
    pageUs += us;
    if (firstInEntry >= 0 && i >= firstInEntry && i <= lastInEntry) {
      t.phases.add(WINDOW, us);
      for (const [phase, engine] of ENGINE_PHASES) if (name === engine) t.phases.add(phase, us);
    }
    t.selfByFunction.add(labelOf(id).fn, us);
    let caller: number | undefined = id;
    while (caller !== undefined && labelOf(caller).file === NATIVE && parent.get(caller) !== undefined) caller = parent.get(caller);
    const callerFile = caller === undefined ? NATIVE : labelOf(caller).file;
    t.byFile.add(labelOf(id).file === NATIVE && callerFile !== '(root)' ? `${callerFile} (native calls included)` : labelOf(id).file, us);
    if (callersOf?.test(labelOf(id).fn)) {
      let from = parent.get(id);
      while (from !== undefined && labelOf(from).file === NATIVE && parent.get(from) !== undefined) from = parent.get(from);
      t.callers.add(from === undefined ? '(none)' : labelOf(from).fn, us);
    }
    const seen = new Set<string>();
    for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) {
      const fn = labelOf(n).fn;
      if (byId.get(n)!.callFrame.functionName === '(root)' || seen.has(fn)) continue;
      seen.add(fn);
      t.totalByFunction.add(fn, us);
    }
  }
  if (pageUs === 0) return;
  // Phases as shares of the clip's time in the page (idle, injection and messaging left out).
  const windowUs = t.phases.us.get(WINDOW);
  if (windowUs) {
    for (const [phase, pattern] of PHASES) {
      for (const [fn, us] of t.totalByFunction.us) if (pattern.test(fn)) t.phases.add(phase, us);
    }
    into.phases.addPage(t.phases, windowUs);
  }
  into.byFile.addPage(t.byFile, pageUs);
  into.callers.addPage(t.callers, pageUs);
  into.selfByFunction.addPage(t.selfByFunction, pageUs);
  into.totalByFunction.addPage(t.totalByFunction, pageUs);
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
