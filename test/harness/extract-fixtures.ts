import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Pages of the shapes extraction once got wrong, each in a folder of test/fixtures/extract/ as
// the corpus's are (`source.html`, and `expected-metadata.json`: where the page is served and
// what a clip of it must hold). Written for this project; shared by the unit test (jsdom) and the
// real-browser test, so that both engines are held to the same answers.

export interface ExpectedClip {
  /** The address the page is clipped at. */
  url: string;
  title: string;
  /** The byline, or null when the page names nobody. */
  byline: string | null;
  siteName: string;
  /** ISO 8601 with the page's offset; null when the page states no time. */
  publishedTime: string | null;
  /** True when the page has no article and its text was clipped as the fallback. */
  fallback?: boolean;
  /** Texts the body must hold, and texts it must not (a credit line, a menu). */
  bodyIncludes?: string[];
  bodyExcludes?: string[];
  /** What the page is an example of. */
  about: string;
}

export interface ExtractFixture {
  name: string;
  source: string;
  expected: ExpectedClip;
}

export const EXTRACT_FIXTURES_DIR = join(dirname(fileURLToPath(import.meta.url)), '../fixtures/extract');

export function loadExtractFixtures(): ExtractFixture[] {
  return readdirSync(EXTRACT_FIXTURES_DIR, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort()
    .map((name) => ({
      name,
      source: readFileSync(join(EXTRACT_FIXTURES_DIR, name, 'source.html'), 'utf8'),
      expected: JSON.parse(readFileSync(join(EXTRACT_FIXTURES_DIR, name, 'expected-metadata.json'), 'utf8')) as ExpectedClip,
    }));
}

/** The facts a fixture states, in the shape both tests compare. */
export interface ClipFacts {
  title: string;
  byline: string | null;
  siteName: string;
  publishedAt: string | null;
  fallback: boolean;
}

/** What a clip's draft holds of those facts (times as UTC ISO strings, to compare instants). */
export function draftFacts(draft: { title: string; byline?: string; siteName: string; publishedAt?: number; fallback?: boolean }): ClipFacts {
  return {
    title: draft.title,
    byline: draft.byline ?? null,
    siteName: draft.siteName,
    publishedAt: draft.publishedAt === undefined ? null : new Date(draft.publishedAt).toISOString(),
    fallback: draft.fallback ?? false,
  };
}

/** What the fixture says the clip must hold. */
export function expectedFacts(expected: ExpectedClip): ClipFacts {
  return {
    title: expected.title,
    byline: expected.byline,
    siteName: expected.siteName,
    publishedAt: expected.publishedTime === null ? null : new Date(expected.publishedTime).toISOString(),
    fallback: expected.fallback ?? false,
  };
}
