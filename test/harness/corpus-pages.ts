import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

// The Readability test corpus (130 real pages, Apache-2.0) that the corpus test and the benchmark
// clip. It lives beside the checkout, in the project's shared folder, not in the repository.

export interface CorpusPage {
  name: string;
  /** Where the page is served in the browser: a local-looking address of its own per page. */
  url: string;
  source: string;
  expectedHtml: string;
  /** Readability's own metadata for the page (often null or wrong: used only to find pages to check). */
  expectedMeta: ExpectedMetadata;
}

export interface ExpectedMetadata {
  title?: string | null;
  byline?: string | null;
  siteName?: string | null;
  publishedTime?: string | null;
  lang?: string | null;
  dir?: string | null;
  excerpt?: string | null;
}

export const corpusDir = (projectRoot: string) => resolve(projectRoot, '../shared/corpus/readability');

/**
 * Each page gets its own directory on one fake host, so relative links resolve under it and no two
 * pages share an address. `.test` is reserved (RFC 2606): it can never reach a real site.
 */
export const corpusUrl = (name: string) => `http://corpus.test/${encodeURIComponent(name)}/`;

/** The corpus pages in name order, or undefined when the corpus is not there. */
export function loadCorpus(projectRoot: string, only?: (name: string) => boolean): CorpusPage[] | undefined {
  const dir = corpusDir(projectRoot);
  if (!existsSync(dir)) return undefined;
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(dir, e.name, 'source.html')) && (!only || only(e.name)))
    .map((e) => e.name)
    .sort()
    .map((name) => ({
      name,
      url: corpusUrl(name),
      source: readFileSync(join(dir, name, 'source.html'), 'utf8'),
      expectedHtml: readFileSync(join(dir, name, 'expected.html'), 'utf8'),
      expectedMeta: JSON.parse(readFileSync(join(dir, name, 'expected-metadata.json'), 'utf8')) as ExpectedMetadata,
    }));
}
