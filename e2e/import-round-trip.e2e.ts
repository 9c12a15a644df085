import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { E2E_BUILD_DIR, PROJECT_ROOT, launchClipper, type ClipperSession } from '../cli/headless';
import { rememberPostsFolder } from '../test/harness/export-folder';

// An archive's older posts (test/fixtures/import/older-posts) imported in the real options page
// from a zip of the site, then exported from the library tab through the archive preset: one
// post, all of them as a zip, and all of them into the site's `_posts` folder that already holds
// them (see test/harness/export-folder.ts).
// Each comes back byte for byte under its own path, and no file of the site is rewritten.

const ROOT = join(PROJECT_ROOT, 'test/fixtures/import/older-posts');
const POSTS: Record<string, string> = Object.fromEntries(
  readdirSync(ROOT, { recursive: true, encoding: 'utf8' })
    .filter((path) => path.endsWith('.md'))
    .sort()
    .map((path) => [path, readFileSync(join(ROOT, path), 'utf8')]),
);
const RAW_FROM = '_posts/2020-07-15-丁家喜传狱中遭酷刑 其妻：北京用秘密关押散播恐惧.md';

let session: ClipperSession;

beforeAll(async () => {
  session = await launchClipper({ extensionDir: E2E_BUILD_DIR });
  await session.context.route(/^https?:/, (route) => route.fulfill({ status: 204, body: '' }));
  const options = await session.context.newPage();
  await options.goto(session.extensionUrl('options.html'));
  const zip = zipSync(Object.fromEntries(Object.entries(POSTS).map(([path, text]) => [`my-site/${path}`, new TextEncoder().encode(text)])));
  await options.getByLabel('Import posts (.md files or a .zip)').setInputFiles({ name: 'my-site.zip', mimeType: 'application/zip', buffer: Buffer.from(zip) });
  await options.getByText(`Imported ${Object.keys(POSTS).length} new articles; 0 were already in the library.`).waitFor();
  await options.close();
});

afterAll(async () => {
  await session?.close();
});

async function library(): Promise<Page> {
  const tab = await session.context.newPage();
  await tab.goto(session.extensionUrl('library.html'));
  await tab.getByRole('checkbox', { name: 'Select 香港占中公投结束 近八十万人投票' }).waitFor();
  return tab;
}

async function selectAll(tab: Page): Promise<void> {
  await tab.getByRole('checkbox', { name: 'Select 香港占中公投结束 近八十万人投票' }).click();
  await tab.getByRole('button', { name: 'Select all results' }).click();
}

describe('older archive posts through the real extension', () => {
  it('one post exports to its very bytes under its file name', async () => {
    const tab = await library();
    const [download] = await Promise.all([
      tab.waitForEvent('download'),
      tab.getByRole('button', { name: 'Export 丁家喜传狱中遭酷刑 其妻：北京用秘密关押散播恐惧' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(RAW_FROM.split('/').pop());
    expect(readFileSync(await download.path(), 'utf8')).toBe(POSTS[RAW_FROM]);
    await tab.close();
  });

  it('all of them export as a zip holding the site as it was', async () => {
    const tab = await library();
    await selectAll(tab);
    const [download] = await Promise.all([tab.waitForEvent('download'), tab.getByRole('toolbar').getByRole('button', { name: 'Export selected' }).click()]);
    const files = unzipSync(readFileSync(await download.path()));
    expect(Object.fromEntries(Object.entries(files).map(([path, data]) => [path, strFromU8(data)]))).toEqual(POSTS);
    await tab.close();
  });

  it("exported into the site's _posts, they leave every file as it was", async () => {
    const tab = await library();
    // The site's `_posts` as the user would have picked it before, holding the archive.
    await rememberPostsFolder(tab, Object.fromEntries(Object.entries(POSTS).map(([path, text]) => [path.slice('_posts/'.length), text])));
    const readSite = () =>
      tab.evaluate(async () => {
        const out: Record<string, { text: string; modified: number }> = {};
        const walk = async (dir: FileSystemDirectoryHandle, prefix: string) => {
          for await (const [name, entry] of dir as unknown as AsyncIterable<[string, FileSystemHandle]>) {
            if (entry.kind === 'directory') await walk(entry as FileSystemDirectoryHandle, `${prefix}${name}/`);
            else {
              const file = await (entry as FileSystemFileHandle).getFile();
              out[`${prefix}${name}`] = { text: await file.text(), modified: file.lastModified };
            }
          }
        };
        await walk(await (await navigator.storage.getDirectory()).getDirectoryHandle('_posts'), '_posts/');
        return out;
      });
    const before = await readSite();
    await tab.reload();
    await selectAll(tab);
    await tab.getByRole('button', { name: 'Export to _posts' }).click();
    const count = Object.keys(POSTS).length;
    await tab.getByText(`Wrote ${count} posts into _posts (${count} updated)`).waitFor();
    expect(await readSite()).toEqual(before);
    expect(Object.fromEntries(Object.entries(before).map(([path, { text }]) => [path, text]))).toEqual(POSTS);
    await tab.close();
  });
});
