import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, statfsSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { E2E_BUILD_DIR, clipWithPopup, launchClipper, type ClipperSession } from '../cli/headless';
import { STORAGE_RESERVE_BYTES } from '../utils/worker/storage-room';
import { articleHtml, clipInWorker, openTab, readLibrary, recordFigure, servePages } from '../test/harness/reliability-scenarios';

// Storage really full: the browser's profile lives on a 100 MB tmpfs. With `unlimitedStorage`
// Chromium's quota for the extension is the free disk (`Storage.overrideQuotaForOrigin` has no
// effect on chrome-extension:// origins), so a small disk is the way to make it bite. A disk full
// to the last byte keeps IndexedDB from even opening the library, so the worker stops writing
// while less than its reserve is free (utils/worker/storage-room.ts). The disk is filled from
// outside the browser down to under that reserve; then a clip from the popup must fail with a
// clear message, earlier clips must stay intact and readable, and once space is freed the next
// clip must work.
// Mounting needs root (CI runs as root); elsewhere the test is skipped and says why, but with
// CI=true it fails instead.

const DISK_MB = 100;
const EARLIER = Array.from({ length: 3 }, (_, i) => `https://news.example/earlier/${i}.html`);
const BIG_URL = 'https://news.example/full/story.html';
const AFTER_URL = 'https://news.example/full/after.html';

function mountSmallDisk(): { dir: string } | { reason: string } {
  const dir = mkdtempSync(join(tmpdir(), 'news-clipper-full-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${DISK_MB}m`, 'tmpfs', dir], { stdio: 'pipe' });
    return { dir };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    return { reason: `cannot mount a ${DISK_MB} MB tmpfs here (needs root): ${(error as Error).message.split('\n')[0]}` };
  }
}

const disk = mountSmallDisk();
// CI runs as root and must run it: there a disk that cannot be mounted fails the test.
const mustRun = process.env.CI === 'true';
if ('reason' in disk && !mustRun) console.warn(`Skipping the real storage-full test: ${disk.reason}`);

let session: ClipperSession;

describe.skipIf('reason' in disk && !mustRun)(`storage really full (a ${DISK_MB} MB disk)`, () => {
  beforeAll(async () => {
    if ('reason' in disk) throw new Error(`The real storage-full test must run in CI: ${disk.reason}`);
    session = await launchClipper({ extensionDir: E2E_BUILD_DIR, userDataDir: join(disk.dir, 'profile') });
    const pages = new Map<string, string>(EARLIER.map((url, i) => [url, articleHtml(`Earlier story ${i}`, 20)]));
    // About 60 kB of text: more than the room left once the disk is full.
    pages.set(BIG_URL, articleHtml('One clip too many', 400));
    pages.set(AFTER_URL, articleHtml('After space was freed'));
    await servePages(session, pages);
  });

  afterAll(async () => {
    await session?.close();
    if ('dir' in disk) {
      execFileSync('umount', [disk.dir]);
      rmSync(disk.dir, { recursive: true, force: true });
    }
  });

  it('says storage is full, keeps every earlier clip intact and readable, and clips again once space is freed', async () => {
    for (const url of EARLIER) {
      const tab = await openTab(session, url);
      expect((await clipInWorker(session, tab.tabId)).status).toBe('saved');
      await tab.page.close();
    }
    const before = await readLibrary(session);
    expect(before).toHaveLength(EARLIER.length);

    // Fill the disk from outside the browser, as any other program could, until less than the
    // library's reserve is left: with `unlimitedStorage` the quota is the free disk.
    const dir = (disk as { dir: string }).dir;
    const filler = join(dir, 'filler.bin');
    const freeBytes = () => {
      const { bavail, bsize } = statfsSync(dir);
      return bavail * bsize;
    };
    const block = Buffer.alloc(1 << 20, 1);
    const fd = openSync(filler, 'w');
    while (freeBytes() > STORAGE_RESERVE_BYTES / 2 + block.length) writeSync(fd, block);
    closeSync(fd);
    const estimate = await session.worker.evaluate(() => navigator.storage.estimate());
    const free = (estimate.quota ?? 0) - (estimate.usage ?? 0);
    recordFigure('storageFullReal', `${(free / 1e6).toFixed(1)} MB left of the ${DISK_MB} MB disk; the reserve is ${(STORAGE_RESERVE_BYTES / 1e6).toFixed(1)} MB`);
    expect(free).toBeLessThan(STORAGE_RESERVE_BYTES);

    // The user clips from the popup: a clear message, nothing half-written.
    const big = await openTab(session, BIG_URL);
    const shown = await clipWithPopup(session, big.tabId);
    recordFigure('storageFullRealMessage', `${shown.status}: ${shown.message}`);
    expect(shown.status).toBe('failed');
    expect(shown.message).toMatch(/storage is full/i);
    expect(shown.message).toMatch(/delete clips/i);

    const after = await readLibrary(session);
    recordFigure('storageFullRealClipsIntact', `${after.filter((c) => before.some((b) => b.id === c.id && b.contentHtml === c.contentHtml)).length}/${before.length}`);
    expect(after).toEqual(before);
    const popup = await session.context.newPage();
    await popup.goto(session.extensionUrl('popup.html'));
    for (const title of before.map((c) => c.title)) await popup.locator('.clip-row .clip-title', { hasText: title }).first().waitFor();
    for (const clip of before) {
      const full = await popup.evaluate((id) => chrome.runtime.sendMessage({ type: 'getClip', request: { id } }), clip.id);
      expect(full).toMatchObject({ ok: true, value: { id: clip.id, contentHtml: clip.contentHtml } });
    }
    await popup.close();

    // Space back (the filler goes): the same clip and the next one work.
    rmSync(filler);
    expect((await clipWithPopup(session, big.tabId)).status).toBe('saved');
    const next = await openTab(session, AFTER_URL);
    expect((await clipWithPopup(session, next.tabId)).status).toBe('saved');
    expect((await readLibrary(session)).length).toBe(EARLIER.length + 2);
    await big.page.close();
    await next.page.close();
  });
});
