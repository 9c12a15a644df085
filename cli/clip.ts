import { mkdirSync, readFileSync, existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { errorText } from '../utils/core/model/errors';
import { resolvePostFileName } from '../utils/core/format/archive-post';
import { frontMatterValue } from '../utils/core/format/front-matter';
import { clipWithPopup, ensureE2eBuild, launchClipper, LOAD_WAIT_MS, loadPage, servePagesOffline, tabIdOf } from './headless';

// `npm run clip -- <url>... [--out DIR]` and `npm run clip -- --html FILE --url URL [--out DIR]`:
// the extension itself, driven headless, writing archive posts under DIR/_posts/.

const USAGE = `Usage:
  npm run clip -- <url>... [--out DIR] [--full-page]
  npm run clip -- --html FILE --url URL [--html FILE --url URL]... [--out DIR] [--full-page]

Clips each page with the News Clipper extension in headless Chromium (CHROMIUM_PATH, default
/usr/bin/chromium) and writes archive posts to DIR/_posts/ (default ./out).
  --html FILE --url URL   serve FILE at URL instead of fetching it (nothing else is fetched)
  --full-page             where no article is found, clip the whole page instead of failing
  --load-wait SECONDS     how long to wait for a page to finish loading once its text is there
                          (default ${LOAD_WAIT_MS / 1000}); a page still loading then is clipped as it is, with a warning`;

interface Target {
  url: string;
  html?: string;
}

function parseTargets(): { targets: Target[]; outDir: string; fullPage: boolean; loadWaitMs: number } {
  // `npm run` starts scripts in the project root; the user's relative paths are from INIT_CWD.
  const cwd = process.env.INIT_CWD ?? process.cwd();
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      html: { type: 'string', multiple: true },
      url: { type: 'string', multiple: true },
      out: { type: 'string' },
      'full-page': { type: 'boolean' },
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
  const targets: Target[] = [
    ...positionals.map((url) => ({ url })),
    ...htmlFiles.map((file, i) => ({ url: servedUrls[i]!, html: readFileSync(resolve(cwd, file), 'utf8') })),
  ];
  if (targets.length === 0) throw new Error('Nothing to clip.');
  for (const { url } of targets) {
    if (!/^https?:\/\//i.test(url)) throw new Error(`Not a web address: ${url}`);
  }
  const loadWait = values['load-wait'] === undefined ? LOAD_WAIT_MS / 1000 : Number(values['load-wait']);
  if (!Number.isFinite(loadWait) || loadWait < 0) throw new Error(`Not a number of seconds: --load-wait ${values['load-wait']}`);
  return { targets, outDir: resolve(cwd, values.out ?? 'out'), fullPage: values['full-page'] ?? false, loadWaitMs: loadWait * 1000 };
}

async function main(): Promise<number> {
  let options: ReturnType<typeof parseTargets>;
  try {
    options = parseTargets();
  } catch (error) {
    console.error(`${errorText(error)}\n\n${USAGE}`);
    return 2;
  }
  const { targets, outDir, fullPage, loadWaitMs } = options;
  const postsDir = join(outDir, '_posts');
  mkdirSync(postsDir, { recursive: true });

  const extensionDir = ensureE2eBuild((line) => console.error(line));
  const session = await launchClipper({ extensionDir });
  let failures = 0;
  try {
    const served = new Map(targets.flatMap((t) => (t.html === undefined ? [] : [[new URL(t.url).href, t.html] as const])));
    if (served.size > 0) await servePagesOffline(session.context, served);
    for (const target of targets) {
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
        const fileName = resolvePostFileName(result.post.fileName, from, (name) => {
          const path = join(postsDir, name);
          return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
        });
        const path = join(postsDir, fileName);
        await writeFile(path, result.post.text);
        console.log(path);
      } catch (error) {
        failures++;
        // Playwright's messages carry a call log after the first line: the first line says it.
        const message = errorText(error).split('\n')[0];
        console.error(`Could not clip ${target.url}: ${message}`);
      } finally {
        await page.close();
      }
    }
  } finally {
    await session.close();
  }
  return failures === 0 ? 0 : 1;
}

process.exitCode = await main();
