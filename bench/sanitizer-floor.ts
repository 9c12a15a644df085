import { join } from 'node:path';
import { launchClipper, PROJECT_ROOT, servePagesOffline } from '../cli/headless';
import { baselineTimes } from '../test/harness/browser-clip';
import { corpusDir, loadCorpus } from '../test/harness/corpus-pages';
import { writeJson } from '../test/harness/corpus-report';

// `npx tsx bench/sanitizer-floor.ts [name-regexp]`: the least any clipper built on Readability and
// DOMPurify can do in the page, as a multiple of Readability's parse alone (the benchmark's
// baseline). On each corpus page, in a fresh isolated world (as the content script and the
// baseline run), with both libraries' sources evaluated before the clock starts: Readability's
// parse of a document clone, then DOMPurify with the extension's policy on Readability's output,
// both cold, as in a clip. The rest of the content script (metadata, lazy images, normalising)
// has to fit between this floor and the goal of `npm run bench:corpus`.
//
// For comparison only (the project's stack fixes DOMPurify): where the browser has the HTML
// Sanitizer API, the same output sanitized by it (`Document.parseHTML`, the same elements and
// attributes removed) is timed too.

const RESULTS = join(PROJECT_ROOT, 'bench/results/sanitizer-floor.json');

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length / 2;
  return sorted.length % 2 ? sorted[Math.floor(mid)]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

interface PageFloor {
  name: string;
  readabilityMs: number;
  sanitizeMs: number;
  /** (Readability + DOMPurify) ÷ Readability. */
  ratio: number;
  /** The browser's own sanitizer on the same HTML, where it has one. */
  nativeSanitizeMs?: number;
}

async function main(): Promise<number> {
  const filterArg = process.argv.slice(2).find((a) => !a.startsWith('--'));
  const filter = filterArg ? new RegExp(filterArg) : undefined;
  const pages = loadCorpus(PROJECT_ROOT, filter && ((name) => filter.test(name)));
  if (!pages) {
    console.error(`The corpus is not at ${corpusDir(PROJECT_ROOT)}.`);
    return 1;
  }
  const session = await launchClipper();
  const floors: PageFloor[] = [];
  try {
    await servePagesOffline(session.context, new Map(pages.map((p) => [p.url, p.source])));
    const page = await session.context.newPage();
    for (const corpusPage of pages) {
      await page.goto(corpusPage.url, { waitUntil: 'load', timeout: 15_000 });
      const times = await baselineTimes(page, PROJECT_ROOT, { sanitize: true, native: true });
      const sanitizeMs = times.sanitizeMs ?? NaN;
      floors.push({ name: corpusPage.name, ...times, sanitizeMs, ratio: (times.readabilityMs + sanitizeMs) / times.readabilityMs });
    }
  } finally {
    await session.close();
  }
  const summary = {
    pages: floors.length,
    readabilityMs: median(floors.map((f) => f.readabilityMs)),
    sanitizeMs: median(floors.map((f) => f.sanitizeMs)),
    ratio: median(floors.map((f) => f.ratio)),
    ...(floors.every((f) => f.nativeSanitizeMs !== undefined)
      ? {
          nativeSanitizeMs: median(floors.map((f) => f.nativeSanitizeMs!)),
          nativeRatio: median(floors.map((f) => (f.readabilityMs + f.nativeSanitizeMs!) / f.readabilityMs)),
        }
      : {}),
  };
  writeJson(RESULTS, { summary, pages: floors });
  console.log(
    [
      `${summary.pages} pages, medians: Readability alone ${summary.readabilityMs.toFixed(1)} ms, DOMPurify on its output ${summary.sanitizeMs.toFixed(1)} ms`,
      `(Readability + DOMPurify) ÷ Readability: median ${summary.ratio.toFixed(2)}`,
      summary.nativeRatio === undefined
        ? 'The browser has no HTML Sanitizer API (Document.parseHTML): not compared.'
        : `for comparison, the browser's Sanitizer API on the same HTML: median ${summary.nativeSanitizeMs!.toFixed(1)} ms; (Readability + it) ÷ Readability: median ${summary.nativeRatio.toFixed(2)}`,
      `Written: ${RESULTS}`,
    ].join('\n'),
  );
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
