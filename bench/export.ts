// Export benchmark: 1,000 generated clips (about 10 MB of article HTML, made from the real pages
// of the export fixtures) written to a zip on disk, and the same bytes zipped by fflate alone in
// the same run; plus the Markdown conversion of the 1,000 bodies with jsdom as the parser, and,
// where Chromium is installed, in Chromium with its own DOMParser (where the popup converts).
// Run: npx tsx bench/export.ts   (writes bench/results/export.json and prints a table)

import { closeSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadavg } from 'node:os';
import { build } from 'esbuild';
import { Zip, ZipDeflate } from 'fflate';
import { JSDOM } from 'jsdom';
import { chromium } from 'playwright-core';
import { parseBody } from '../utils/format/html-parser';
import { htmlToMarkdown } from '../utils/format/markdown';
import { exportClip, type PresetId } from '../utils/format/presets';
import { exportZip } from '../utils/format/zip';
import type { Clip } from '../utils/types';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const FIXTURES = join(ROOT, 'e2e/fixtures/export');
const RESULTS = join(ROOT, 'bench/results');
const CLIPS = 1000;
const NOW = Date.UTC(2025, 0, 1);
const GOALS = { ratio: 2, markdownMs: 5000 };

const parser = new new JSDOM('').window.DOMParser();
const templates = readdirSync(FIXTURES, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => JSON.parse(readFileSync(join(FIXTURES, d.name, 'clip.json'), 'utf8')) as Clip)
  .sort((a, b) => a.id.localeCompare(b.id));

/** Clip `i`: a fixture page's body with its own title, URL and date, so every file is distinct. */
function clipAt(i: number): Clip {
  const base = templates[i % templates.length]!;
  return {
    ...base,
    id: `bench-${i}`,
    seq: i + 1,
    title: `${base.title} ${i}`,
    url: `${base.url.replace(/[?#].*$/, '')}?n=${i}`,
    publishedAt: Date.UTC(2020, 0, 1) + i * 3_600_000,
    // A marker per clip so the deflate window cannot just repeat the previous file.
    contentHtml: `<p>Clip ${i}: ${'标记'.repeat(i % 7)}</p>${base.contentHtml}`,
  };
}

async function* library(): AsyncGenerator<Clip> {
  for (let i = 0; i < CLIPS; i += 1) yield clipAt(i);
}

interface Memory {
  peakRssMb: number;
  peakHeapMb: number;
  /** heapUsed when a tenth, half and all of the clips were written: flat when these stay level. */
  heapAtMb: number[];
}

const mb = (bytes: number) => Math.round((bytes / 1048576) * 10) / 10;

function sampler() {
  let rss = 0;
  let heap = 0;
  const at: number[] = [];
  return {
    sample(done?: number) {
      const m = process.memoryUsage();
      rss = Math.max(rss, m.rss);
      heap = Math.max(heap, m.heapUsed);
      if (done === CLIPS / 10 || done === CLIPS / 2 || done === CLIPS) at.push(mb(m.heapUsed));
    },
    result: (): Memory => ({ peakRssMb: mb(rss), peakHeapMb: mb(heap), heapAtMb: at }),
  };
}

function fileSink(path: string) {
  const fd = openSync(path, 'w');
  return {
    write: (chunk: Uint8Array) => void writeSync(fd, chunk),
    close: () => closeSync(fd),
  };
}

async function timeExport(preset: PresetId, path: string) {
  const sink = fileSink(path);
  const memory = sampler();
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
  const ms = performance.now() - start;
  sink.close();
  return { ms, bytes: result.bytes, files: result.files.length, memory: memory.result() };
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
  const start = performance.now();
  let bytes = 0;
  const zip = new Zip((error, chunk) => {
    if (error) throw error;
    bytes += chunk.length;
    sink.write(chunk);
  });
  for (const file of files) {
    const entry = new ZipDeflate(file.path, { level: 6 });
    entry.mtime = file.mtime;
    zip.add(entry);
    entry.push(file.bytes, true);
  }
  zip.end();
  const ms = performance.now() - start;
  sink.close();
  return { ms, bytes, inputBytes: input };
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

/** The same conversion in headless Chromium: the converter bundled for the browser, native DOMParser. */
async function timeMarkdownInChromium(): Promise<{ ms: number; markdownChars: number } | { skipped: string }> {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  let browser;
  try {
    browser = await chromium.launch({ executablePath, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  } catch (error) {
    return { skipped: `Chromium did not start (${executablePath}): ${(error as Error).message.split('\n')[0]}` };
  }
  try {
    const bundle = await build({
      stdin: {
        contents: `import { htmlToMarkdown } from './utils/format/markdown';
          const parser = new DOMParser();
          globalThis.benchMarkdown = (html, url) => htmlToMarkdown(html, { parser, baseUrl: url, target: 'jekyll' });`,
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
    return await page.evaluate((items) => {
      const convert = (globalThis as unknown as { benchMarkdown: (h: string, u: string) => string }).benchMarkdown;
      for (const [html, url] of items.slice(0, 20)) convert(html!, url!);
      let chars = 0;
      const start = performance.now();
      for (const [html, url] of items) chars += convert(html!, url!).length;
      return { ms: performance.now() - start, markdownChars: chars };
    }, bodies);
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
    const inChromium = await timeMarkdownInChromium();
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
      markdown: {
        ms: Math.round(markdown.ms),
        perClipMs: round(markdown.ms / CLIPS),
        jsdomParseMs: Math.round(markdown.parseMs),
        markdownMb: mb(markdown.markdownChars),
        meetsGoal: markdown.ms < GOALS.markdownMs,
      },
      markdownInChromium:
        'skipped' in inChromium
          ? inChromium
          : { ms: Math.round(inChromium.ms), perClipMs: round(inChromium.ms / CLIPS), markdownMb: mb(inChromium.markdownChars), meetsGoal: inChromium.ms < GOALS.markdownMs },
      archive: {
        exportMs: Math.round(archive.ms),
        fflateAloneMs: Math.round(archiveAlone.ms),
        ratio: round(archive.ms / archiveAlone.ms),
        zipMb: mb(archive.bytes),
        postsMb: mb(archiveAlone.inputBytes),
        memory: archive.memory,
        meetsGoal: archive.ms / archiveAlone.ms <= GOALS.ratio,
      },
      jekyllMarkdown: {
        exportMs: Math.round(jekyll.ms),
        fflateAloneMs: Math.round(jekyllAlone.ms),
        ratio: round(jekyll.ms / jekyllAlone.ms),
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
      ['Markdown conversion (jsdom)', `${results.markdown.ms} ms (${results.markdown.perClipMs} ms/clip), goal < ${GOALS.markdownMs} ms: ${results.markdown.meetsGoal ? 'met' : 'MISSED'}`],
      ['  of which jsdom parsing alone', `${results.markdown.jsdomParseMs} ms`],
      [
        'Markdown conversion (Chromium DOMParser)',
        'skipped' in results.markdownInChromium
          ? `skipped: ${results.markdownInChromium.skipped}`
          : `${results.markdownInChromium.ms} ms (${results.markdownInChromium.perClipMs} ms/clip), goal < ${GOALS.markdownMs} ms: ${results.markdownInChromium.meetsGoal ? 'met' : 'MISSED'}`,
      ],
      ['archive preset: export to zip', `${results.archive.exportMs} ms, ${results.archive.zipMb} MB zip of ${results.archive.postsMb} MB posts`],
      ['archive preset: fflate alone', `${results.archive.fflateAloneMs} ms`],
      ['archive preset: ratio', `${results.archive.ratio} (goal <= ${GOALS.ratio}: ${results.archive.meetsGoal ? 'met' : 'MISSED'})`],
      ['archive preset: peak rss / heap', `${results.archive.memory.peakRssMb} MB / ${results.archive.memory.peakHeapMb} MB`],
      ['archive preset: heap at 10% / 50% / 100%', `${results.archive.memory.heapAtMb.join(' / ')} MB`],
      ['Jekyll Markdown preset: export to zip', `${results.jekyllMarkdown.exportMs} ms (Markdown conversion included)`],
      ['Jekyll Markdown preset: fflate alone / ratio', `${results.jekyllMarkdown.fflateAloneMs} ms / ${results.jekyllMarkdown.ratio}`],
      ['Jekyll Markdown preset: peak rss / heap', `${results.jekyllMarkdown.memory.peakRssMb} MB / ${results.jekyllMarkdown.memory.peakHeapMb} MB`],
      ['Jekyll Markdown preset: heap at 10% / 50% / 100%', `${results.jekyllMarkdown.memory.heapAtMb.join(' / ')} MB`],
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
