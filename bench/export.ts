// Export benchmark: 1,000 generated clips (about 10 MB of article HTML, made from the real pages
// of the export fixtures) written to a zip on disk, and the same bytes zipped by fflate alone in
// the same run; plus the Markdown conversion of the 1,000 bodies in Chromium with its own
// DOMParser (where the extension converts: the goal's figure), and with jsdom as a reference.
// Memory: the live heap (after a forced collection) when a tenth, half and all of the clips are
// written; flat figures mean nothing accumulates per clip. Peaks include garbage not yet collected.
// Run: npx tsx bench/export.ts   (writes bench/results/export.json and prints a table)

import { closeSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadavg } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { build } from 'esbuild';
import { testParser } from '../test/helpers/parser';
import { chromium } from 'playwright-core';
import { parseBody } from '../utils/core/format/html-parser';
import { htmlToMarkdown } from '../utils/core/format/markdown';
import { exportClip, type PresetId } from '../utils/core/format/presets';
import { exportZip } from '../utils/core/format/zip';
import type { Clip } from '../utils/core/model/types';
import { benchClip, benchLibrary } from './lib/export-clips';
import { zipAlone } from './lib/fflate-alone';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const FIXTURES = join(ROOT, 'test/fixtures/export');
const RESULTS = join(ROOT, 'bench/results');
const CLIPS = 1000;
const NOW = Date.UTC(2025, 0, 1);
const GOALS = { ratio: 2, markdownMs: 5000 };

// The Node reference runs on the tests' jsdom parser (bodies in templates: see HtmlParser.parseBody).
const parser = testParser;
// A forced collection before each live-heap reading (without it, heapUsed mostly counts garbage
// V8 has not got round to yet, and grows with the run whatever the code keeps).
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;
const templates = readdirSync(FIXTURES, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => JSON.parse(readFileSync(join(FIXTURES, d.name, 'clip.json'), 'utf8')) as Clip)
  .sort((a, b) => a.id.localeCompare(b.id));

const clipAt = (i: number): Clip => benchClip(templates, i);
const library = () => benchLibrary(templates, CLIPS);

interface Memory {
  peakRssMb: number;
  peakHeapMb: number;
  /** Live heap (after a collection) when a tenth, half and all of the clips were written: flat when these stay level. */
  liveHeapAtMb: number[];
}

const mb = (bytes: number) => Math.round((bytes / 1048576) * 10) / 10;

function sampler() {
  let rss = 0;
  let heap = 0;
  const at: number[] = [];
  let gcMs = 0;
  return {
    sample(done?: number) {
      const m = process.memoryUsage();
      rss = Math.max(rss, m.rss);
      heap = Math.max(heap, m.heapUsed);
      if (done === CLIPS / 10 || done === CLIPS / 2 || done === CLIPS) {
        const start = performance.now();
        collectGarbage();
        gcMs += performance.now() - start;
        at.push(mb(process.memoryUsage().heapUsed));
      }
    },
    /** Time spent in the forced collections, left out of the export's time. */
    gcMs: () => gcMs,
    result: (): Memory => ({ peakRssMb: mb(rss), peakHeapMb: mb(heap), liveHeapAtMb: at }),
  };
}

function fileSink(path: string) {
  const fd = openSync(path, 'w');
  return {
    write: (chunk: Uint8Array) => void writeSync(fd, chunk),
    close: () => closeSync(fd),
  };
}

/** CPU time of this process (all its threads) since `from`, in ms: less at the mercy of the load than wall time. */
function cpuMsSince(from: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(from);
  return (used.user + used.system) / 1000;
}

async function timeExport(preset: PresetId, path: string) {
  const sink = fileSink(path);
  const memory = sampler();
  const cpu = process.cpuUsage();
  const start = performance.now();
  const result = await exportZip(library(), {
    preset,
    parser,
    now: NOW,
    total: CLIPS,
    write: (chunk) => {
      memory.sample();
      sink.write(chunk);
    },
    onProgress: ({ done }) => memory.sample(done),
  });
  const ms = performance.now() - start - memory.gcMs();
  const cpuMs = cpuMsSince(cpu) - memory.gcMs();
  sink.close();
  return { ms, cpuMs, bytes: result.bytes, files: result.files.length, memory: memory.result() };
}

/** The same files zipped by fflate alone (same streaming API and level), bytes prepared beforehand. */
function timeFflateAlone(preset: PresetId, path: string) {
  const encoder = new TextEncoder();
  const files: Array<{ path: string; bytes: Uint8Array; mtime: number }> = [];
  const seen = new Set<string>();
  for (let i = 0; i < CLIPS; i += 1) {
    const clip = clipAt(i);
    const file = exportClip(clip, preset, { parser, now: NOW });
    let name = file.path;
    for (let n = 2; seen.has(name.toLowerCase()); n += 1) name = file.path.replace(/\.md$/, ` (${n}).md`);
    seen.add(name.toLowerCase());
    files.push({ path: name, bytes: encoder.encode(file.text), mtime: clip.publishedAt ?? NOW });
  }
  const input = files.reduce((n, f) => n + f.bytes.length, 0);
  const sink = fileSink(path);
  const { ms, cpuMs, bytes } = zipAlone(files, sink.write);
  sink.close();
  return { ms, cpuMs, bytes, inputBytes: input };
}

function timeMarkdown() {
  let chars = 0;
  const start = performance.now();
  for (let i = 0; i < CLIPS; i += 1) {
    const clip = clipAt(i);
    chars += htmlToMarkdown(clip.contentHtml, { parser, baseUrl: clip.url, target: 'jekyll' }).length;
  }
  const ms = performance.now() - start;
  // jsdom's parsing alone, to tell the parser's share from the converter's.
  const parseStart = performance.now();
  for (let i = 0; i < CLIPS; i += 1) parseBody(parser, clipAt(i).contentHtml);
  return { ms, parseMs: performance.now() - parseStart, markdownChars: chars };
}

interface ChromiumExport {
  ms: number;
  zipMb: number;
  /** Renderer JS heap + ArrayBuffer stores (after a collection) at a tenth, half and all of the clips, MB. */
  liveHeapAtMb: number[];
}

interface ChromiumFigures {
  markdown: { ms: number; cpuMs: number; markdownChars: number };
  /** The Jekyll export as the extension page runs it: the zip folded into a Blob as it comes (blobSink). */
  exportBlobSink: ChromiumExport;
  /** The same export keeping the zip's chunks in an array (what the page did before): for comparison. */
  exportChunkArray: ChromiumExport;
}

/**
 * In headless Chromium, where the extension works: the Markdown conversion with the browser's
 * DOMParser, and the whole Jekyll export with the page's zip sink, its live memory read through
 * the DevTools protocol after a forced collection.
 */
async function inChromium(): Promise<ChromiumFigures | { skipped: string }> {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  let browser;
  try {
    browser = await chromium.launch({
      executablePath,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu'],
    });
  } catch (error) {
    return { skipped: `Chromium did not start (${executablePath}): ${(error as Error).message.split('\n')[0]}` };
  }
  try {
    const bundle = await build({
      stdin: {
        contents: `import { htmlToMarkdown } from './utils/core/format/markdown';
          import { exportZip } from './utils/core/format/zip';
          import { blobSink } from './utils/pages/export-post';
          import { benchLibrary } from './bench/lib/export-clips';
          const parser = new DOMParser();
          globalThis.benchMarkdown = (html, url) => htmlToMarkdown(html, { parser, baseUrl: url, target: 'jekyll' });
          // At a tenth, half and all of the clips the page waits while Node reads its memory.
          globalThis.benchExport = async (templates, count, now, kind) => {
            const marks = new Set([count / 10, count / 2]);
            let markMs = 0;
            const mark = async () => {
              const t = performance.now();
              await globalThis.benchMark();
              markMs += performance.now() - t;
            };
            async function* clips() {
              let i = 0;
              for await (const clip of benchLibrary(templates, count)) {
                if (marks.has(i)) await mark();
                i += 1;
                yield clip;
              }
            }
            const chunks = [];
            const sink = kind === 'blob' ? blobSink(Blob) : { write: (c) => void chunks.push(c), parts: () => chunks };
            const start = performance.now();
            const result = await exportZip(clips(), { preset: 'jekyll', parser, now, total: count, write: sink.write });
            const parts = sink.parts();
            await mark();
            const ms = performance.now() - start - markMs;
            return { ms, bytes: result.bytes, parts: parts.length };
          };`,
        resolveDir: ROOT,
        loader: 'ts',
      },
      bundle: true,
      write: false,
      format: 'iife',
      platform: 'browser',
    });
    const page = await browser.newPage();
    await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
    const bodies = Array.from({ length: CLIPS }, (_, i) => [clipAt(i).contentHtml, clipAt(i).url]);
    await page.evaluate((items) => {
      const convert = (globalThis as unknown as { benchMarkdown: (h: string, u: string) => string }).benchMarkdown;
      for (const [html, url] of items) convert(html!, url!);
    }, bodies.slice(0, 20));
    // The page's main-thread CPU time too: on a loaded machine the wall time counts the waits for a core.
    const metrics = await page.context().newCDPSession(page);
    await metrics.send('Performance.enable');
    const threadTime = async () => (await metrics.send('Performance.getMetrics')).metrics.find((m) => m.name === 'ThreadTime')?.value ?? Number.NaN;
    const cpuBefore = await threadTime();
    const converted = await page.evaluate((items) => {
      const convert = (globalThis as unknown as { benchMarkdown: (h: string, u: string) => string }).benchMarkdown;
      let chars = 0;
      const start = performance.now();
      for (const [html, url] of items) chars += convert(html!, url!).length;
      return { ms: performance.now() - start, markdownChars: chars };
    }, bodies);
    const markdown = { ...converted, cpuMs: ((await threadTime()) - cpuBefore) * 1000 };
    const runExport = async (kind: 'blob' | 'array'): Promise<ChromiumExport> => {
      // A fresh page each time: the previous run's zip is not in this one's memory.
      const fresh = await browser.newPage();
      const cdp = await fresh.context().newCDPSession(fresh);
      const live: number[] = [];
      // The renderer's JS heap plus ArrayBuffer backing stores (where zip chunks live), after a collection.
      await fresh.exposeFunction('benchMark', async () => {
        await cdp.send('HeapProfiler.collectGarbage');
        const usage = await cdp.send('Runtime.getHeapUsage');
        live.push(mb(usage.usedSize + usage.backingStorageSize));
      });
      await fresh.addScriptTag({ content: bundle.outputFiles[0]!.text });
      const run = await fresh.evaluate(
        ([list, count, now, sinkKind]) =>
          (globalThis as unknown as { benchExport: (t: unknown, c: number, n: number, k: string) => Promise<{ ms: number; bytes: number }> }).benchExport(
            list,
            count,
            now,
            sinkKind,
          ),
        [templates, CLIPS, NOW, kind] as const,
      );
      await fresh.close();
      return { ms: run.ms, zipMb: mb(run.bytes), liveHeapAtMb: live };
    };
    return { markdown, exportBlobSink: await runExport('blob'), exportChunkArray: await runExport('array') };
  } finally {
    await browser.close();
  }
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'export-bench-'));
  try {
    let htmlBytes = 0;
    for (let i = 0; i < CLIPS; i += 1) htmlBytes += Buffer.byteLength(clipAt(i).contentHtml);
    // Warm-up: the first conversions pay for JIT compilation and jsdom's lazy setup.
    for (let i = 0; i < 20; i += 1) htmlToMarkdown(clipAt(i).contentHtml, { parser, target: 'jekyll' });

    const markdown = timeMarkdown();
    const chromiumRun = await inChromium();
    const inChromiumMarkdown = 'skipped' in chromiumRun ? chromiumRun : chromiumRun.markdown;
    const archive = await timeExport('archive', join(dir, 'archive.zip'));
    const archiveAlone = timeFflateAlone('archive', join(dir, 'archive-alone.zip'));
    const jekyll = await timeExport('jekyll', join(dir, 'jekyll.zip'));
    const jekyllAlone = timeFflateAlone('jekyll', join(dir, 'jekyll-alone.zip'));

    const round = (n: number) => Math.round(n * 100) / 100;
    const results = {
      date: new Date().toISOString(),
      node: process.version,
      clips: CLIPS,
      htmlMb: mb(htmlBytes),
      goals: GOALS,
      /** Load average when the run started: the figures are wall-clock times on a shared machine. */
      loadAverage: loadavg().map((n) => round(n)),
      /** The goal's figure: the extension converts in Chromium, with the browser's DOMParser. */
      markdownInChromium:
        'skipped' in inChromiumMarkdown
          ? inChromiumMarkdown
          : {
              ms: Math.round(inChromiumMarkdown.ms),
              mainThreadCpuMs: Math.round(inChromiumMarkdown.cpuMs),
              perClipMs: round(inChromiumMarkdown.ms / CLIPS),
              markdownMb: mb(inChromiumMarkdown.markdownChars),
              meetsGoal: inChromiumMarkdown.ms < GOALS.markdownMs,
            },
      /** The Jekyll export in Chromium: the page's Blob sink against keeping the chunks in an array. */
      jekyllInChromium:
        'skipped' in chromiumRun
          ? chromiumRun
          : {
              blobSink: { ms: Math.round(chromiumRun.exportBlobSink.ms), zipMb: chromiumRun.exportBlobSink.zipMb, liveHeapAtMb: chromiumRun.exportBlobSink.liveHeapAtMb },
              chunkArray: { ms: Math.round(chromiumRun.exportChunkArray.ms), zipMb: chromiumRun.exportChunkArray.zipMb, liveHeapAtMb: chromiumRun.exportChunkArray.liveHeapAtMb },
            },
      /** Reference only: the same conversion in Node with jsdom (a much slower DOM). */
      markdownJsdom: {
        ms: Math.round(markdown.ms),
        perClipMs: round(markdown.ms / CLIPS),
        jsdomParseMs: Math.round(markdown.parseMs),
        markdownMb: mb(markdown.markdownChars),
      },
      archive: {
        exportMs: Math.round(archive.ms),
        fflateAloneMs: Math.round(archiveAlone.ms),
        ratio: round(archive.ms / archiveAlone.ms),
        cpuMs: Math.round(archive.cpuMs),
        fflateAloneCpuMs: Math.round(archiveAlone.cpuMs),
        cpuRatio: round(archive.cpuMs / archiveAlone.cpuMs),
        zipMb: mb(archive.bytes),
        postsMb: mb(archiveAlone.inputBytes),
        memory: archive.memory,
        meetsGoal: archive.ms / archiveAlone.ms <= GOALS.ratio,
      },
      jekyllMarkdown: {
        exportMs: Math.round(jekyll.ms),
        fflateAloneMs: Math.round(jekyllAlone.ms),
        ratio: round(jekyll.ms / jekyllAlone.ms),
        cpuRatio: round(jekyll.cpuMs / jekyllAlone.cpuMs),
        zipMb: mb(jekyll.bytes),
        postsMb: mb(jekyllAlone.inputBytes),
        memory: jekyll.memory,
      },
    };
    mkdirSync(RESULTS, { recursive: true });
    writeFileSync(join(RESULTS, 'export.json'), `${JSON.stringify(results, null, 2)}\n`);

    const rows: Array<[string, string]> = [
      ['clips / article HTML', `${CLIPS} / ${results.htmlMb} MB`],
      ['load average (1/5/15 min)', results.loadAverage.join(' / ')],
      [
        'Markdown conversion in Chromium (goal)',
        'skipped' in results.markdownInChromium
          ? `skipped: ${results.markdownInChromium.skipped}`
          : `${results.markdownInChromium.ms} ms (${results.markdownInChromium.perClipMs} ms/clip; main-thread CPU ${results.markdownInChromium.mainThreadCpuMs} ms), goal < ${GOALS.markdownMs} ms: ${results.markdownInChromium.meetsGoal ? 'met' : 'MISSED'}`,
      ],
      [
        'Jekyll export in Chromium, live heap+buffers at 10% / 50% / 100%',
        'skipped' in results.jekyllInChromium
          ? 'skipped'
          : `Blob sink ${results.jekyllInChromium.blobSink.liveHeapAtMb.join(' / ')} MB (${results.jekyllInChromium.blobSink.ms} ms); chunk array ${results.jekyllInChromium.chunkArray.liveHeapAtMb.join(' / ')} MB (${results.jekyllInChromium.chunkArray.ms} ms)`,
      ],
      ['Markdown conversion in Node/jsdom (reference)', `${results.markdownJsdom.ms} ms (${results.markdownJsdom.perClipMs} ms/clip), of which jsdom parsing ${results.markdownJsdom.jsdomParseMs} ms`],
      ['archive preset: export to zip', `${results.archive.exportMs} ms, ${results.archive.zipMb} MB zip of ${results.archive.postsMb} MB posts`],
      ['archive preset: fflate alone', `${results.archive.fflateAloneMs} ms`],
      ['archive preset: ratio', `${results.archive.ratio} (goal <= ${GOALS.ratio}: ${results.archive.meetsGoal ? 'met' : 'MISSED'})`],
      ['archive preset: CPU time, export / fflate alone', `${results.archive.cpuMs} ms / ${results.archive.fflateAloneCpuMs} ms, ratio ${results.archive.cpuRatio}`],
      ['archive preset: peak rss / heap', `${results.archive.memory.peakRssMb} MB / ${results.archive.memory.peakHeapMb} MB`],
      ['archive preset: live heap at 10% / 50% / 100%', `${results.archive.memory.liveHeapAtMb.join(' / ')} MB`],
      ['Jekyll Markdown preset: export to zip', `${results.jekyllMarkdown.exportMs} ms (Markdown conversion included)`],
      ['Jekyll Markdown preset: fflate alone / ratio (CPU ratio)', `${results.jekyllMarkdown.fflateAloneMs} ms / ${results.jekyllMarkdown.ratio} (${results.jekyllMarkdown.cpuRatio})`],
      ['Jekyll Markdown preset: peak rss / heap', `${results.jekyllMarkdown.memory.peakRssMb} MB / ${results.jekyllMarkdown.memory.peakHeapMb} MB`],
      ['Jekyll Markdown preset: live heap at 10% / 50% / 100%', `${results.jekyllMarkdown.memory.liveHeapAtMb.join(' / ')} MB`],
    ];
    const width = Math.max(...rows.map(([k]) => k.length));
    console.log(`Export benchmark (${process.version})`);
    for (const [k, v] of rows) console.log(`  ${k.padEnd(width)}  ${v}`);
    console.log(`Written to ${join('bench/results', 'export.json')}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
