import { build } from 'esbuild';
import type { Page } from 'playwright-core';
import { evaluateInWorld } from '../../test/harness/browser-clip';

// The engines users would pick instead of the clipper, run in the page as they run in their own
// extensions, for `bench/corpus.ts`:
// - MarkDownload: Readability's parse of a document clone, then Turndown with the GFM plugin on
//   its content, with MarkDownload's default Turndown options.
// - Obsidian Web Clipper: Defuddle on the live document (its content script hands it `document`;
//   Defuddle clones it itself and reads computed styles from the live one), Markdown asked for
//   beside the HTML (`separateMarkdown`), as the clipper keeps both.
// Both are dev dependencies, bundled here with esbuild for the page (an IIFE, evaluated in a fresh
// isolated world before any clock starts, as the content script's injection is not part of its
// in-page time): nothing of them reaches the extension's bundle.

const GLOBAL = '__benchPeers';
const ENTRY = `
import { Readability } from '@mozilla/readability';
import TurndownService from 'turndown';
import { gfm } from 'turndown-plugin-gfm';
import Defuddle from 'defuddle/full';
export { Readability, TurndownService, gfm, Defuddle };
`;

/** MarkDownload's defaults (its options page), the ones Turndown is built with. */
const MARKDOWNLOAD_TURNDOWN = {
  headingStyle: 'atx',
  hr: '___',
  bulletListMarker: '-',
  codeBlockStyle: 'fenced',
  fence: '```',
  emDelimiter: '_',
  strongDelimiter: '**',
  linkStyle: 'inlined',
  linkReferenceStyle: 'full',
};

let bundle: Promise<string> | undefined;

/** The peers' code for the page, built once per run. */
export function peerBundle(projectRoot: string): Promise<string> {
  bundle ??= build({
    stdin: { contents: ENTRY, resolveDir: projectRoot, loader: 'js' },
    bundle: true,
    write: false,
    format: 'iife',
    globalName: GLOBAL,
    platform: 'browser',
    target: 'chrome120',
    minify: true,
    logLevel: 'silent',
  }).then((result) => result.outputFiles[0]!.text);
  return bundle;
}

/** What an engine found, for the quality columns. */
export interface PeerArticle {
  title?: string | null;
  byline?: string | null;
  siteName?: string | null;
  publishedTime?: string | null;
  /** The content as HTML (body F1 is measured on it). */
  content?: string | null;
}

export interface PeerRun {
  /** Page clock: the whole pipeline, parse and Markdown. */
  totalMs: number;
  /** Characters of Markdown made (0 when nothing was found). */
  markdownLength: number;
  article?: PeerArticle | null;
}

const MARKDOWNLOAD = `(() => {
  const { Readability, TurndownService, gfm } = ${GLOBAL};
  const begin = performance.now();
  const article = new Readability(document.cloneNode(true)).parse();
  const turndown = new TurndownService(${JSON.stringify(MARKDOWNLOAD_TURNDOWN)});
  turndown.use(gfm);
  const markdown = article && article.content ? turndown.turndown(article.content) : '';
  return { totalMs: performance.now() - begin, markdownLength: markdown.length };
})()`;

const DEFUDDLE = (keep: boolean) => `(() => {
  const { Defuddle } = ${GLOBAL};
  const begin = performance.now();
  const result = new Defuddle(document, { url: document.URL, separateMarkdown: true }).parse();
  const totalMs = performance.now() - begin;
  const article = ${keep} ? { title: result.title, byline: result.author, siteName: result.site, publishedTime: result.published, content: result.content } : undefined;
  return { totalMs, markdownLength: (result.contentMarkdown || '').length, article };
})()`;

/** MarkDownload's pipeline on the loaded page, in a fresh isolated world. */
export async function runMarkDownload(page: Page, projectRoot: string): Promise<PeerRun> {
  const values = await evaluateInWorld(page, 'isolated', [await peerBundle(projectRoot), MARKDOWNLOAD]);
  return values[1] as PeerRun;
}

/**
 * Obsidian's engine on the loaded page, in a fresh isolated world. Defuddle changes the live
 * document a little (attribute names, images out of <noscript>): the bench runs it after the others.
 */
export async function runDefuddle(page: Page, projectRoot: string, keepArticle: boolean): Promise<PeerRun> {
  const values = await evaluateInWorld(page, 'isolated', [await peerBundle(projectRoot), DEFUDDLE(keepArticle)]);
  return values[1] as PeerRun;
}
