import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { E2E_BUILD_DIR, PROJECT_ROOT, clipWithPopup, launchClipper, tabIdOf, type ClipperSession } from '../cli/headless';
import { rememberPostsFolder } from '../test/harness/export-folder';

// Export in the real library tab: a zip with the article's images stored under assets/ and the
// post linking to them (a missing image keeps its remote link and is listed), and an export into
// a folder remembered from an earlier visit, written and then updated in place. The folder is a
// real FileSystemDirectoryHandle from the origin-private file system: the folder picker itself
// cannot be driven headlessly, everything after it is the shipped code path.
//
// Image hosts: the shipped manifests offer them as optional permissions, asked for from the
// export's "Allow" click. The test build declares `<all_urls>` (as it must to clip without a
// toolbar click), so here the hosts are already granted and the export goes straight on; the
// asking itself is covered by components/ExportJob.test.tsx.

const ARTICLE_URL = 'https://gazette.example.com/city/2024/03/tram.html';
const TITLE = 'City opens a new tram line';
// A 1×1 PNG and the start of a JPEG: enough for the browser and for the signature check.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0xff, 0xd9]);
const RESOURCES = new Map<string, { status?: number; contentType: string; body: Buffer | string }>([
  [ARTICLE_URL, { contentType: 'text/html; charset=utf-8', body: readFileSync(join(PROJECT_ROOT, 'test/fixtures/pages/article-with-images.html'), 'utf8') }],
  ['https://gazette.example.com/img/tram.png', { contentType: 'image/png', body: PNG }],
  ['https://cdn.example.org/photos/depot.jpg', { contentType: 'image/jpeg', body: JPEG }],
  ['https://gazette.example.com/img/gone.png', { status: 404, contentType: 'text/html', body: 'Not found' }],
]);

let session: ClipperSession;

beforeAll(async () => {
  session = await launchClipper({ extensionDir: E2E_BUILD_DIR });
  // Nothing reaches the network: the page and its images are answered here, the rest is empty.
  await session.context.route(/^https?:/, async (route) => {
    const found = RESOURCES.get(route.request().url());
    if (found) await route.fulfill({ status: found.status ?? 200, contentType: found.contentType, body: found.body });
    else await route.fulfill({ status: 204, body: '' });
  });
  const page = await session.context.newPage();
  await page.goto(ARTICLE_URL);
  const result = await clipWithPopup(session, await tabIdOf(session, page));
  expect(result.status).toBe('saved');
  await page.close();
});

afterAll(async () => {
  await session?.close();
});

async function libraryWithSelection(): Promise<Page> {
  const tab = await session.context.newPage();
  await tab.goto(session.extensionUrl('library.html'));
  await tab.getByRole('checkbox', { name: `Select ${TITLE}` }).click();
  return tab;
}

describe('export from the library tab', () => {
  it('stores the images in the zip under assets/, links the post to them, and lists the one that failed', async () => {
    const tab = await libraryWithSelection();
    const bar = tab.getByRole('toolbar');
    await bar.getByRole('checkbox', { name: 'Include images in the zip' }).check();
    const [download] = await Promise.all([tab.waitForEvent('download'), bar.getByRole('button', { name: 'Export selected' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^clips-archive-\d{4}-\d{2}-\d{2}\.zip$/);
    const files = unzipSync(readFileSync(await download.path()));
    const assets = Object.keys(files).filter((name) => name.startsWith('assets/')).sort();
    expect(assets).toEqual([expect.stringMatching(/^assets\/clips\/depot-[0-9a-f]{8}\.jpg$/), expect.stringMatching(/^assets\/clips\/tram-[0-9a-f]{8}\.png$/)]);
    expect(Buffer.from(files[assets[1]!]!)).toEqual(PNG);
    expect(Buffer.from(files[assets[0]!]!)).toEqual(JPEG);
    const posts = Object.keys(files).filter((name) => name.endsWith('.md'));
    expect(posts).toEqual(['_posts/2024-03-05-City opens a new tram line.md']);
    const post = strFromU8(files[posts[0]!]!);
    expect(post).toMatch(new RegExp(`<img src="/${assets[1]!}" alt="The new tram at the harbour stop"`));
    expect(post).toMatch(new RegExp(`<img src="/${assets[0]!}" alt="The tram depot"`));
    expect(post).toContain('src="https://gazette.example.com/img/gone.png"');
    // The report stays until read: the failed image, with its reason.
    await tab.getByText('Exported 1 posts with 2 images. 1 image(s) could not be stored and keep their remote link:').waitFor();
    expect(await tab.locator('.failed-images li').allTextContents()).toEqual(['https://gazette.example.com/img/gone.png — HTTP 404']);
    // The choice is remembered for the next export.
    await tab.reload();
    await tab.getByRole('checkbox', { name: `Select ${TITLE}` }).click();
    expect(await tab.getByRole('checkbox', { name: 'Include images in the zip' }).isChecked()).toBe(true);
    await tab.close();
  });

  it('exports into the folder remembered from last time, then updates the post in place', async () => {
    const tab = await session.context.newPage();
    await tab.goto(session.extensionUrl('library.html'));
    // As if the user had picked a site's `_posts` folder before: its handle, kept in IndexedDB.
    await rememberPostsFolder(tab);
    await tab.reload();
    await tab.getByRole('checkbox', { name: `Select ${TITLE}` }).click();
    const readFolder = () =>
      tab.evaluate(async () => {
        const posts = await (await navigator.storage.getDirectory()).getDirectoryHandle('_posts');
        const out: Record<string, string> = {};
        for await (const [name, entry] of posts as unknown as AsyncIterable<[string, FileSystemHandle]>) {
          out[name] = entry.kind === 'file' ? await (await (entry as FileSystemFileHandle).getFile()).text() : '(folder)';
        }
        return out;
      });

    await tab.getByRole('button', { name: 'Export to _posts' }).click();
    await tab.getByText('Wrote 1 posts into _posts (0 updated)').waitFor();
    // Straight into the picked `_posts`, not into a `_posts` inside it.
    const first = await readFolder();
    expect(Object.keys(first)).toEqual(['2024-03-05-City opens a new tram line.md']);
    expect(first['2024-03-05-City opens a new tram line.md']).toContain(ARTICLE_URL);

    await tab.getByRole('button', { name: 'Export to _posts' }).click();
    await tab.getByText('Wrote 1 posts into _posts (1 updated)').waitFor();
    expect(await readFolder()).toEqual(first);
    await tab.close();
  });
});
