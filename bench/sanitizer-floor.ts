import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchClipper, PROJECT_ROOT, servePagesOffline } from '../e2e/driver/headless';
import { corpusDir, loadCorpus } from './lib/corpus-pages';
import { writeJson } from './lib/corpus-report';
import { SANITIZE_CONFIG } from '../utils/extract/sanitize';

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
const readabilitySource = readFileSync(join(PROJECT_ROOT, 'node_modules/@mozilla/readability/Readability.js'), 'utf8');
const purifySource = readFileSync(join(PROJECT_ROOT, 'node_modules/dompurify/dist/purify.js'), 'utf8');

/** The extension's policy (SANITIZE_CONFIG) in the Sanitizer API's terms, on top of its safe defaults. */
const NATIVE_SANITIZER_CONFIG = { removeElements: SANITIZE_CONFIG.FORBID_TAGS, removeAttributes: SANITIZE_CONFIG.FORBID_ATTR };

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
  // A string, not a function: the sources declare `Readability` and `DOMPurify` in its own scope.
  const expression = `(() => {
${readabilitySource}
;${purifySource}
;const purify = DOMPurify(window);
const begin = performance.now();
const article = new Readability(document.cloneNode(true)).parse();
const parsed = performance.now();
purify.sanitize(article ? article.content : '', { ...${JSON.stringify(SANITIZE_CONFIG)}, RETURN_DOM: true });
const sanitized = performance.now();
if (typeof Document.parseHTML !== 'function') return { readabilityMs: parsed - begin, sanitizeMs: sanitized - parsed };
Document.parseHTML(article ? article.content : '', { sanitizer: ${JSON.stringify(NATIVE_SANITIZER_CONFIG)} });
return { readabilityMs: parsed - begin, sanitizeMs: sanitized - parsed, nativeSanitizeMs: performance.now() - sanitized };
})()`;
  const session = await launchClipper();
  const floors: PageFloor[] = [];
  try {
    await servePagesOffline(session.context, new Map(pages.map((p) => [p.url, p.source])));
    const page = await session.context.newPage();
    for (const corpusPage of pages) {
      await page.goto(corpusPage.url, { waitUntil: 'load', timeout: 15_000 });
      const cdp = await page.context().newCDPSession(page);
      try {
        const { frameTree } = await cdp.send('Page.getFrameTree');
        const { executionContextId } = await cdp.send('Page.createIsolatedWorld', { frameId: frameTree.frame.id, worldName: 'sanitizer-floor' });
        const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', { expression, contextId: executionContextId, returnByValue: true });
        if (exceptionDetails) throw new Error(`${corpusPage.name}: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
        const times = result.value as Omit<PageFloor, 'name' | 'ratio'>;
        floors.push({ name: corpusPage.name, ...times, ratio: (times.readabilityMs + times.sanitizeMs) / times.readabilityMs });
      } finally {
        await cdp.detach();
      }
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
