import { mkdirSync, readFileSync, existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { errorText } from '../utils/core/model/errors';
import { resolvePostFileName } from '../utils/core/format/archive-post';
import { frontMatterValue } from '../utils/core/format/front-matter';
import { clipWithPopup, ensureE2eBuild, launchClipper, LOAD_WAIT_MS, loadPage, servePagesOffline, tabIdOf } from './headless';
import { clipAll, isWebAddress, parseTabs, parseUrlList, summary, type ListProblem } from './list';
import { DEFAULT_BATCH_SIZE, MAX_BATCH_SIZE } from '../utils/worker/batch';

// `npm run clip -- <url>... [--out DIR]` and `npm run clip -- --html FILE --url URL [--out DIR]`:
// the extension itself, driven headless, writing archive posts under DIR/_posts/.

const USAGE = `Usage:
  npm run clip -- <url>... [--out DIR] [--full-page] [--tabs N]
  npm run clip -- --list FILE [--list FILE]... [<url>...] [--out DIR] [--full-page] [--tabs N]
  npm run clip -- --html FILE --url URL [--html FILE --url URL]... [--out DIR] [--full-page]

Clips each page with the News Clipper extension in headless Chromium (CHROMIUM_PATH, default
/usr/bin/chromium) and writes archive posts to DIR/_posts/ (default ./out).
  --out DIR               where to write: DIR/_posts/ (default ./out)
  --list FILE             clip the addresses in FILE, one a line; blank lines and lines starting
                          with # are skipped; a line that is not a web address is reported and the
                          others are still clipped
  --tabs N                clip at most N pages at once (default ${DEFAULT_BATCH_SIZE}, at most ${MAX_BATCH_SIZE})
  --html FILE --url URL   serve FILE at URL instead of fetching it (nothing else is fetched)
  --full-page             where no article is found, clip the whole page instead of failing
  --load-wait SECONDS     how long to wait for a page to finish loading once its text is there
                          (default ${LOAD_WAIT_MS / 1000}); a page still loading then is clipped as it is, with a warning
  -h, --help              show this help

Each written post's path is printed on stdout. With --list or several pages, stderr gets a
progress line as each page ends ([3/10] clipped … / failed …: why) and a summary naming every
page that failed and why. The exit status is 1 when any page failed (after the others were
written), 2 when the arguments are wrong.`;

interface Target {
  url: string;
  html?: string;
  /** The list line it came from (`FILE:LINE`). */
  from?: string;
}

interface Options {
  targets: Target[];
  /** The lists' lines that are not addresses. */
  problems: ListProblem[];
  outDir: string;
  fullPage: boolean;
  tabs: number;
  /** A progress line for each page and a summary: for lists and several pages. */
  progress: boolean;
  loadWaitMs: number;
}

function parseTargets(): Options {
  // `npm run` starts scripts in the project root; the user's relative paths are from INIT_CWD.
  const cwd = process.env.INIT_CWD ?? process.cwd();
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      html: { type: 'string', multiple: true },
      url: { type: 'string', multiple: true },
      out: { type: 'string' },
      'full-page': { type: 'boolean' },
      list: { type: 'string', multiple: true },
      tabs: { type: 'string' },
      'load-wait': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const htmlFiles = values.html ?? [];
  const servedUrls = values.url ?? [];
  if (htmlFiles.length !== servedUrls.length) throw new Error('Each --html FILE needs its own --url URL.');
  const lists = (values.list ?? []).map((file) => parseUrlList(readFileSync(resolve(cwd, file), 'utf8'), file));
  const targets: Target[] = [
    ...positionals.map((url) => ({ url })),
    ...lists.flatMap((list) => list.targets),
    ...htmlFiles.map((file, i) => ({ url: servedUrls[i]!, html: readFileSync(resolve(cwd, file), 'utf8') })),
  ];
  const problems = lists.flatMap((list) => list.problems);
  if (targets.length === 0 && problems.length === 0) throw new Error('Nothing to clip.');
  for (const { url } of targets) {
    if (!isWebAddress(url)) throw new Error(`Not a web address: ${url}`);
  }
  const loadWait = values['load-wait'] === undefined ? LOAD_WAIT_MS / 1000 : Number(values['load-wait']);
  if (!Number.isFinite(loadWait) || loadWait < 0) throw new Error(`Not a number of seconds: --load-wait ${values['load-wait']}`);
  return {
    targets,
    problems,
    outDir: resolve(cwd, values.out ?? 'out'),
    fullPage: values['full-page'] ?? false,
    tabs: parseTabs(values.tabs, DEFAULT_BATCH_SIZE),
    progress: lists.length > 0 || targets.length > 1,
    loadWaitMs: loadWait * 1000,
  };
}

async function main(): Promise<number> {
  let options: Options;
  try {
    options = parseTargets();
  } catch (error) {
    console.error(`${errorText(error)}\n\n${USAGE}`);
    return 2;
  }
  const { targets, problems, outDir, fullPage, tabs, progress, loadWaitMs } = options;
  const postsDir = join(outDir, '_posts');
  mkdirSync(postsDir, { recursive: true });

  const extensionDir = ensureE2eBuild((line) => console.error(line));
  const session = await launchClipper({ extensionDir });
  let failures = 0;
  try {
    const served = new Map(targets.flatMap((t) => (t.html === undefined ? [] : [[new URL(t.url).href, t.html] as const])));
    if (served.size > 0) await servePagesOffline(session.context, served);
    const run = await clipAll(targets, {
      tabs,
      problems,
      progress,
      log: (line) => console.error(line),
      clipOne: async (target) => {
        const page = await session.context.newPage();
        try {
          const { loaded } = await loadPage(page, target.url, loadWaitMs);
          if (!loaded) console.error(`Warning: ${target.url} had not finished loading after ${loadWaitMs / 1000} s; clipping what has loaded.`);
          const result = await clipWithPopup(session, await tabIdOf(session, page), { fullPageFallback: fullPage });
          if (!result.post) {
            const hint = result.status === 'no-article' ? ' (add --full-page to clip the whole page)' : '';
            throw new Error(`${result.message}${hint}`);
          }
          const from = frontMatterValue(result.post.text, ['from']) ?? '';
          // Named and written in one go: pages clipped at once must not both take a free name.
          const fileName = resolvePostFileName(result.post.fileName, from, (name) => {
            const path = join(postsDir, name);
            return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
          });
          const path = join(postsDir, fileName);
          writeFileSync(path, result.post.text);
          console.log(path);
          return path;
        } finally {
          await page.close();
        }
      },
    });
    failures = run.failed.length;
    if (progress) for (const line of summary(run)) console.error(line);
    else for (const { target, message } of run.failed) console.error(`Could not clip ${'url' in target ? target.url : target.text}: ${message}`);
  } finally {
    await session.close();
  }
  return failures === 0 ? 0 : 1;
}

process.exitCode = await main();
