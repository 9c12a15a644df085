import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { CorpusPage } from './corpus-pages';
import type { PageRun } from './corpus-run';
import { NO_YEAR, UNDATED_PAGES } from './corpus-undated';
import { bodyF1 } from './text-f1';

// What the corpus run found, page by page and in total: the figures the corpus test asserts and
// `bench/results/corpus.json` keeps.

/** Body F1 at or above this counts as "right" (the issue's goal is 125 of 130 pages). */
export const GOOD_F1 = 0.95;

export interface PageReport {
  name: string;
  status: PageRun['status'];
  /** 'article', or 'full-page' when no article was found and the whole page was clipped, as the popup offers. */
  mode?: 'article' | 'full-page';
  error?: string;
  f1: number;
  precision: number;
  recall: number;
  title?: string;
  documentTitle?: string;
  /** A site name kept on the title, if any (see `siteSuffixOf`). */
  titleSuffix?: string;
  byline?: string;
  source?: string;
  siteName?: string;
  publishedAt?: string;
  modifiedAt?: string;
  pageCount?: number;
  /** Readability's own title and byline, where they differ from ours: pages to check by hand. */
  readabilityTitle?: string;
  readabilityByline?: string;
  timing?: PageRun['timing'];
}

export interface CorpusSummary {
  pages: number;
  clipped: number;
  clippedAsArticle: number;
  clippedAsFullPage: number;
  failed: number;
  timedOut: number;
  f1: { atLeastGood: number; from90: number; from50: number; below50: number; min: number; median: number; mean: number };
  found: { publishedAt: number; modifiedAt: number; siteName: number; byline: number; source: number };
  titlesWithSiteSuffix: number;
}

/** What sites put between a headline and their name, before and after the name. */
const BEFORE_NAME = /(?:\s+[-–—·•»@]\s+|\s*[|｜_]\s*|\s+::\s*|\s*[[＜<【(（])$/u;
const AFTER_NAME = /^(?:$|\s+[-–—·•»@]\s+|\s*[|｜_]|\s+::|\s*[\]＞>】)）])/u;

/**
 * The site name a title still carries after a separator ("A | 大纪元", "A - BBC News",
 * "A @ blog :: platform ::", "A [Site]"), checked against the names the page and Readability give
 * the site. Written apart from the extractor's own rules, so that it checks them.
 */
export function siteSuffixOf(title: string, siteNames: ReadonlyArray<string | null | undefined>): string | undefined {
  const lower = title.toLowerCase();
  for (const name of siteNames) {
    const n = name?.trim().toLowerCase();
    if (!n || n.length < 2) continue;
    for (let i = lower.indexOf(n, 1); i > 0; i = lower.indexOf(n, i + 1)) {
      if (BEFORE_NAME.test(title.slice(0, i)) && AFTER_NAME.test(title.slice(i + n.length))) return title.slice(i, i + n.length);
    }
  }
  return undefined;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length === 0 ? NaN : sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

export function reportPage(page: CorpusPage, run: PageRun): PageReport {
  const draft = run.draft;
  const f = draft ? bodyF1(draft.contentHtml, page.expectedHtml) : { f1: 0, precision: 0, recall: 0 };
  const readabilityTitle = page.expectedMeta.title ?? undefined;
  const readabilityByline = page.expectedMeta.byline ?? undefined;
  return {
    name: page.name,
    status: run.status,
    mode: run.mode,
    error: run.error,
    f1: f.f1,
    precision: f.precision,
    recall: f.recall,
    title: draft?.title,
    documentTitle: run.documentTitle,
    titleSuffix: draft ? siteSuffixOf(draft.title, [draft.siteName, page.expectedMeta.siteName]) : undefined,
    byline: draft?.byline,
    source: draft?.source,
    siteName: draft?.siteName,
    publishedAt: iso(draft?.publishedAt),
    modifiedAt: iso(draft?.modifiedAt),
    pageCount: draft?.pageCount,
    readabilityTitle: readabilityTitle !== draft?.title ? readabilityTitle : undefined,
    readabilityByline: readabilityByline !== draft?.byline ? readabilityByline : undefined,
    timing: run.timing,
  };
}

export function summarize(reports: readonly PageReport[]): CorpusSummary {
  const f1s = reports.map((r) => r.f1);
  const clipped = reports.filter((r) => r.status === 'clipped');
  return {
    pages: reports.length,
    clipped: clipped.length,
    clippedAsArticle: clipped.filter((r) => r.mode === 'article').length,
    clippedAsFullPage: clipped.filter((r) => r.mode === 'full-page').length,
    failed: reports.filter((r) => r.status === 'failed').length,
    timedOut: reports.filter((r) => r.status === 'timeout').length,
    f1: {
      atLeastGood: f1s.filter((f) => f >= GOOD_F1).length,
      from90: f1s.filter((f) => f >= 0.9 && f < GOOD_F1).length,
      from50: f1s.filter((f) => f >= 0.5 && f < 0.9).length,
      below50: f1s.filter((f) => f < 0.5).length,
      min: Math.min(...f1s),
      median: median(f1s),
      mean: f1s.reduce((a, b) => a + b, 0) / Math.max(1, f1s.length),
    },
    found: {
      publishedAt: clipped.filter((r) => r.publishedAt).length,
      modifiedAt: clipped.filter((r) => r.modifiedAt).length,
      siteName: clipped.filter((r) => r.siteName).length,
      byline: clipped.filter((r) => r.byline).length,
      source: clipped.filter((r) => r.source).length,
    },
    titlesWithSiteSuffix: reports.filter((r) => r.titleSuffix).length,
  };
}

const cut = (s: string | undefined, n: number) => {
  const one = (s ?? '').replace(/\s+/g, ' ');
  return one.length > n ? `${one.slice(0, n - 1)}…` : one.padEnd(n);
};

/** A readable table: the pages below the F1 goal or with a site suffix first, then the totals. */
export function formatReport(reports: readonly PageReport[], summary: CorpusSummary): string {
  const lines = [
    `${'page'.padEnd(32)} ${'status'.padEnd(10)} ${'F1'.padStart(5)} ${'P'.padStart(5)} ${'R'.padStart(5)}  ${'published'.padEnd(20)} ${'byline'.padEnd(24)} title`,
  ];
  for (const r of reports) {
    const status = r.status === 'clipped' && r.mode === 'full-page' ? 'full-page' : r.status;
    lines.push(
      `${cut(r.name, 32)} ${status.padEnd(10)} ${r.f1.toFixed(3)} ${r.precision.toFixed(2).padStart(5)} ${r.recall.toFixed(2).padStart(5)}  ` +
        `${cut(r.publishedAt?.slice(0, 16), 20)} ${cut(r.byline, 24)} ${cut(r.title, 60)}${r.titleSuffix ? `  ⚠ suffix "${r.titleSuffix}"` : ''}${r.error ? `  ⚠ ${r.error}` : ''}`,
    );
  }
  const s = summary;
  lines.push(
    '',
    `pages ${s.pages}: clipped ${s.clipped} (article ${s.clippedAsArticle}, whole page ${s.clippedAsFullPage}), failed ${s.failed}, timed out ${s.timedOut}`,
    `body F1: ≥ ${GOOD_F1} on ${s.f1.atLeastGood}, 0.90–${GOOD_F1} on ${s.f1.from90}, 0.50–0.90 on ${s.f1.from50}, < 0.50 on ${s.f1.below50}; ` +
      `min ${s.f1.min.toFixed(3)}, median ${s.f1.median.toFixed(3)}, mean ${s.f1.mean.toFixed(3)}`,
    `found: published time ${s.found.publishedAt}, modified time ${s.found.modifiedAt}, site name ${s.found.siteName}, byline ${s.found.byline}, source ${s.found.source}; ` +
      `titles with a site suffix ${s.titlesWithSiteSuffix}`,
    ...undatedLines(reports),
  );
  return lines.join('\n');
}

/** The clipped pages without a published time, each with why (test/harness/corpus-undated.ts). */
function undatedLines(reports: readonly PageReport[]): string[] {
  const undated = reports.filter((r) => r.status === 'clipped' && !r.publishedAt).map((r) => r.name);
  const noYear = undated.filter((name) => UNDATED_PAGES[name] === NO_YEAR);
  return [
    `no published time on ${undated.length}: ${noYear.length} with no date in the page; the others:`,
    ...undated.filter((name) => UNDATED_PAGES[name] !== NO_YEAR).map((name) => `  ${name}: ${UNDATED_PAGES[name] ?? '⚠ not in the audited list (test/harness/corpus-undated.ts)'}`),
  ];
}

export function writeJson(path: string, value: unknown): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
}
