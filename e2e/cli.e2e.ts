import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../cli/headless';

// The command-line clipper as a user runs it (`npm run clip -- …`), against a local server: an
// address with a fragment, and a page whose load never ends because one of its requests is never
// answered. It uses the test build (`npm run build:e2e`), which it rebuilds when it is older than
// the sources.

const TITLE = '市政府启动公共交通新计划';
const ARTICLE =
  `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${TITLE}_示例新闻</title>` +
  '<meta property="og:site_name" content="示例新闻"><meta property="article:published_time" content="2023-06-18T09:30:00+08:00"></head>' +
  `<body><article><h1>${TITLE}</h1><img src="/never-answered.png" alt="">` +
  `<p>${'市政府今天宣布了新的公共交通计划，地铁票价将在下个月调整，市民普遍表示欢迎。'.repeat(4)}</p>` +
  `<p>${'新计划还包括增开夜间公交线路，并在主要换乘站增设自行车停放点。'.repeat(4)}</p></article></body></html>`;

let server: Server;
let base: string;
let outDir: string;
/** Responses left hanging on purpose, ended when the test is over. */
const hanging: ServerResponse[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/news/story.html') res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(ARTICLE);
    else if (req.url === '/never-answered.png') hanging.push(res);
    else res.writeHead(404).end();
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  outDir = mkdtempSync(join(tmpdir(), 'news-clipper-cli-'));
});

afterAll(async () => {
  for (const res of hanging) res.destroy();
  await new Promise((done) => server.close(done));
  rmSync(outDir, { recursive: true, force: true });
});

function runClip(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(join(PROJECT_ROOT, 'node_modules/.bin/tsx'), ['cli/clip.ts', ...args], { cwd: PROJECT_ROOT, env: { ...process.env, INIT_CWD: PROJECT_ROOT } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', fail);
    child.on('close', (status) => done({ status, stdout, stderr }));
  });
}

const posts = (dir: string) => readdirSync(join(dir, '_posts')).map((name) => readFileSync(join(dir, '_posts', name), 'utf8'));

describe('the command-line clipper', () => {
  it('clips a page whose load never finishes from what has loaded, with a warning, at an address with a fragment', async () => {
    const dir = join(outDir, 'hanging');
    const { status, stdout, stderr } = await runClip([`${base}/news/story.html#rd`, '--out', dir, '--load-wait', '2']);
    expect(stderr).toContain(`Warning: ${base}/news/story.html#rd had not finished loading after 2 s; clipping what has loaded.`);
    expect(status).toBe(0);
    expect(stdout).toContain('_posts');
    const [post] = posts(dir);
    expect(post).toContain(`title: "${TITLE}"`);
    expect(post).toContain('date: 2023-06-18T01:30:00.000Z');
    // The request was still pending when the page was clipped.
    expect(hanging.length).toBeGreaterThan(0);
  });

  it('serves a saved page at an address with a fragment (#rd) instead of aborting it', async () => {
    const dir = join(outDir, 'fragment');
    const file = join(outDir, 'story.html');
    writeFileSync(file, ARTICLE);
    const { status, stderr } = await runClip(['--html', file, '--url', 'https://news.example.test/2023/0618/story.html#rd', '--out', dir]);
    expect(stderr).not.toContain('Could not clip');
    expect(status).toBe(0);
    const [post] = posts(dir);
    expect(post).toContain(`title: "${TITLE}"`);
    expect(post).toContain('from: https://news.example.test/2023/0618/story.html\n');
  });
});
