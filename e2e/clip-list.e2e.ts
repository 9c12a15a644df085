import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../cli/headless';
import { articleHtml } from '../test/harness/reliability-scenarios';
import { serveLocally, type LocalServer } from '../test/harness/local-server';

// `npm run clip -- --list FILE --tabs N` as a user runs it: a list with good pages, a page with no
// article, an address that refuses connections and a line that is no address at all.

const GOLDEN_PATH = '/gb/23/6/18/n14018244.htm';
const fixture = (path: string) => readFileSync(join(PROJECT_ROOT, 'test/fixtures', path), 'utf8');

let local: LocalServer;
let dir: string;

beforeAll(async () => {
  local = await serveLocally(
    new Map([
      [GOLDEN_PATH, fixture('golden/epochtimes-n14018244.html')],
      ['/story-1.html', articleHtml('Story one')],
      ['/story-2.html', articleHtml('Story two')],
      ['/sections', fixture('browser/no-article.html')],
    ]),
  );
  dir = mkdtempSync(join(tmpdir(), 'news-clipper-list-'));
});

afterAll(async () => {
  await local?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function runClip(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(join(PROJECT_ROOT, 'node_modules/.bin/tsx'), ['cli/clip.ts', ...args], { cwd: PROJECT_ROOT, env: { ...process.env, INIT_CWD: dir } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

describe('npm run clip -- --list', () => {
  it('clips the good pages two at a time, reports the bad ones with why, and exits 1', async () => {
    // A port that was free a moment ago: nothing listens there.
    const closed = await serveLocally(new Map());
    const refused = closed.url('/nothing-listens-here');
    await closed.close();
    writeFileSync(
      join(dir, 'urls.txt'),
      [
        '# Today’s reading',
        local.url(GOLDEN_PATH),
        '',
        local.url('/story-1.html'),
        'not a web address',
        refused,
        '   # an indented comment',
        local.url('/sections'),
        local.url('/story-2.html#comments'),
        '',
      ].join('\n'),
    );
    const { status, stdout, stderr } = await runClip(['--list', 'urls.txt', '--tabs', '2', '--out', 'site']);
    expect(status, stderr).toBe(1);

    const posts = join(dir, 'site/_posts');
    const written = readdirSync(posts).sort();
    expect(written).toHaveLength(3);
    expect(written).toContain('2023-06-18-布林肯和秦刚会面5个半小时 双方分歧未解.md');
    expect(written.some((name) => name.endsWith('-Story one.md'))).toBe(true);
    expect(written.some((name) => name.endsWith('-Story two.md'))).toBe(true);
    // The golden page gives the golden post, but for the address it was served from.
    const goldenPost = fixture('golden/epochtimes-n14018244.md').replaceAll('https://www.epochtimes.com/gb/23/6/18/n14018244.htm', local.url(GOLDEN_PATH));
    expect(readFileSync(join(posts, '2023-06-18-布林肯和秦刚会面5个半小时 双方分歧未解.md'), 'utf8')).toBe(goldenPost);
    expect(stdout.trim().split('\n').sort()).toEqual(written.map((name) => join(posts, name)).sort());

    const lines = stderr.trim().split('\n').filter((l) => !l.startsWith('Building'));
    const progress = lines.filter((l) => /^\[\d\/6\] /.test(l));
    expect(progress.map((l) => l.slice(0, 5))).toEqual(['[1/6]', '[2/6]', '[3/6]', '[4/6]', '[5/6]', '[6/6]']);
    expect(progress.filter((l) => l.includes(' clipped '))).toHaveLength(3);
    const summaryAt = lines.indexOf('Clipped 3 of 6 pages; 3 failed:');
    expect(summaryAt, stderr).toBeGreaterThan(-1);
    const failures = lines.slice(summaryAt + 1);
    expect(failures).toHaveLength(3);
    expect(failures[0]).toBe('  urls.txt:5 not a web address: Not a web address: not a web address');
    expect(failures.find((l) => l.includes('urls.txt:6'))).toBe(`  urls.txt:6 ${refused}: page.goto: net::ERR_CONNECTION_REFUSED at ${refused}`);
    expect(failures.find((l) => l.includes('urls.txt:8'))).toContain('No article was found on this page. You can clip the whole page instead. (add --full-page to clip the whole page)');
  });

  it('--help documents every flag', async () => {
    const { status, stdout } = await runClip(['--help']);
    expect(status).toBe(0);
    for (const flag of ['--out DIR', '--list FILE', '--tabs N', '--html FILE --url URL', '--full-page', '--help']) expect(stdout).toContain(flag);
    const source = readFileSync(join(PROJECT_ROOT, 'cli/clip.ts'), 'utf8');
    const options = /options: \{([\s\S]*?)\n {4}\},/.exec(source)?.[1] ?? '';
    const declared = [...options.matchAll(/^\s+'?([a-z-]+)'?: \{ type/gm)].map((m) => m[1]);
    expect(declared.length).toBeGreaterThan(5);
    for (const name of declared) expect(stdout, name).toContain(`--${name}`);
  });

  it('refuses a bad --tabs before opening a browser', async () => {
    writeFileSync(join(dir, 'one.txt'), `${local.url('/story-1.html')}\n`);
    const { status, stderr } = await runClip(['--list', 'one.txt', '--tabs', 'zero']);
    expect(status).toBe(2);
    expect(stderr).toContain('--tabs takes a whole number from 1 (got zero).');
  });
});
