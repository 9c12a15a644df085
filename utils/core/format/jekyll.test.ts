// A real consumer: exported zips (archive preset and Jekyll Markdown preset) of real pages, of
// property-test extremes and of Liquid delimiters in titles and bodies are unpacked into Jekyll
// sites and built by Debian's `jekyll`. The build must finish without error or warning, each
// page's <title> (printed with `{{ page.title | escape }}`) must equal the clip's title, each
// page's text must equal the article's text (kramdown set to leave quotes and dashes alone), and
// each link and image must point where the article's did.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { unzipSync } from 'fflate';
import { JSDOM } from 'jsdom';
import { afterAll, describe, expect, it } from 'vitest';
import type { Clip } from '../model/types';
import { cleanTitle } from './archive-post';
import { NOW } from '../../../test/helpers/clips';
import { extremeClips, realClips } from '../../../test/helpers/corpus';
import { testParser } from '../../../test/helpers/parser';
import { blockText, normalText, readerText, withoutHeadingAnchors } from '../../../test/helpers/text';
import { exportZip, type ZipExportResult } from './zip';

function jekyllAvailable(): boolean {
  return spawnSync('jekyll', ['--version'], { encoding: 'utf8' }).status === 0;
}
const HAVE_JEKYLL = jekyllAvailable();
if (!HAVE_JEKYLL) {
  if (process.env.CI) throw new Error('jekyll is not installed, and CI must run the Jekyll build test (apt-get install jekyll).');
  console.warn('Skipping the Jekyll build test: `jekyll` is not installed (Debian: apt-get install jekyll).');
}

const CONFIG = [
  'markdown: kramdown',
  'kramdown:',
  '  input: GFM',
  // Straight quotes and dashes: the test compares the built text with the article's text.
  '  smart_quotes: ["apos", "apos", "quot", "quot"]',
  '  typographic_symbols: { hellip: "...", mdash: "---", ndash: "--", laquo: "&lt;&lt;", raquo: "&gt;&gt;", laquo_space: "&lt;&lt; ", raquo_space: " &gt;&gt;" }',
  'liquid:',
  '  error_mode: strict',
  'future: true',
  '',
].join('\n');

const LAYOUT = [
  '<!DOCTYPE html>',
  '<html><head><meta charset="utf-8"><title>{{ page.title | escape }}</title>',
  '<meta name="source-path" content="{{ page.path | escape }}"></head>',
  '<body><article>{{ content }}</article></body></html>',
  '',
].join('\n');

const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

async function buildSite(preset: 'archive' | 'jekyll', clips: Clip[]): Promise<{ result: ZipExportResult; site: string; log: string }> {
  const chunks: Uint8Array[] = [];
  const result = await exportZip(clips, { preset, parser: testParser, now: NOW, write: (c) => void chunks.push(c) });
  const zip = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  chunks.reduce((at, c) => (zip.set(c, at), at + c.length), 0);
  const root = mkdtempSync(join(tmpdir(), `jekyll-${preset}-`));
  roots.push(root);
  for (const [name, data] of Object.entries(unzipSync(zip))) {
    mkdirSync(dirname(join(root, name)), { recursive: true });
    writeFileSync(join(root, name), data);
  }
  writeFileSync(join(root, '_config.yml'), CONFIG);
  mkdirSync(join(root, '_layouts'));
  writeFileSync(join(root, '_layouts/post.html'), LAYOUT);
  const site = join(root, '_site');
  let log = '';
  try {
    log = execFileSync('jekyll', ['build', '--source', root, '--destination', site, '--trace'], {
      env: { ...process.env, LC_ALL: 'C.UTF-8', JEKYLL_ENV: 'production' },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string };
    throw new Error(`jekyll build failed:\n${e.stdout ?? ''}\n${e.stderr ?? ''}`);
  }
  return { result, site, log };
}

function builtPages(site: string): Map<string, Document> {
  const pages = new Map<string, Document>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.html')) {
        const doc = new JSDOM(readFileSync(path, 'utf8')).window.document;
        const source = doc.querySelector('meta[name="source-path"]')?.getAttribute('content');
        if (source) pages.set(source, doc);
      }
    }
  };
  walk(site);
  return pages;
}

describe.skipIf(!HAVE_JEKYLL)('Jekyll builds the exported posts', () => {
  const clips = [...realClips(), ...extremeClips()];

  for (const preset of ['archive', 'jekyll'] as const) {
    it(`${preset} preset: ${clips.length} posts build with no error, titles and text intact`, async () => {
      const { result, site, log } = await buildSite(preset, clips);
      expect(log).not.toMatch(/error|warning|conflict|deprecat/i);
      expect(result.files).toHaveLength(clips.length);
      const pages = builtPages(site);
      const byId = new Map(clips.map((c) => [c.id, c]));
      for (const file of result.files) {
        const clip = byId.get(file.id ?? '')!;
        const page = pages.get(file.path);
        expect(page, `no page built from ${file.path}`).toBeDefined();
        // An HTML parser reads NUL as U+FFFD (YAML and Jekyll keep the title's NUL as it is).
        expect(page?.querySelector('title')?.textContent, file.path).toBe(cleanTitle(clip.title).replace(/\0/g, '\ufffd'));
        const article = page?.querySelector('article');
        // The archive post's body is the HTML inside its <div>; the heading above it is the
        // title written as FORMAT.md fixes it.
        const body = preset === 'archive' ? article?.querySelector(':scope > div') : article;
        // Every link and image points where the article's did.
        const resolve = (url: string, base: string) => {
          try {
            return new URL(url, base).href;
          } catch {
            return url;
          }
        };
        const targets = (root: ParentNode | null | undefined, base: string) =>
          [...(root?.querySelectorAll('a[href], img[src]') ?? [])].map((el) => resolve(el.getAttribute('href') ?? el.getAttribute('src') ?? '', base));
        // The Markdown body drops the headings' own anchor links (markdown.ts); the archive post's HTML keeps them.
        const written = preset === 'archive' ? clip.contentHtml : withoutHeadingAnchors(clip.contentHtml, [clip.url, clip.pageUrl ?? clip.url]);
        const original = testParser.parseFromString(`<body>${written}</body>`, 'text/html').body;
        expect(targets(body, clip.url), `${file.path} links`).toEqual(targets(original, clip.url));
        const built = normalText(body ? blockText(body) : '');
        const expected = readerText(written);
        if (built !== expected) {
          let i = 0;
          while (built[i] === expected[i]) i += 1;
          expect(built.slice(Math.max(0, i - 60), i + 60), `${file.path} differs at ${i}`).toBe(expected.slice(Math.max(0, i - 60), i + 60));
        }
      }
    }, 120_000);
  }
});
