import 'fake-indexeddb/auto';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { JSDOM } from 'jsdom';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { createBackup } from '../core/backup/backup';
import { importPosts, type ImportedClip, type ImportFile } from '../core/backup/import-posts';
import { restoreBackup } from '../core/backup/restore';
import { bodyPreparer } from '../core/backup/stored-body';
import { exportToFolder } from '../core/format/folder-export';
import { exportClip } from '../core/format/presets';
import { exportZip } from '../core/format/zip';
import type { Clip, ClipEdit } from '../core/model/types';
import { downloadName, imageHostsOf } from '../pages/export-post';
import { deleteClips, getClip, getClips, importDrafts, listClips, openClipperDb, restoreClips, retagClips, saveDraft, searchClipSeqs, updateClip, type ClipperDb } from './db';
import { FakeFolder } from '../../test/helpers/fake-folder';
import { makeDraft } from '../../test/helpers/drafts';
import { zipBytes } from '../../test/helpers/zip-bytes';

// Posts of the older generator versions of the archive (docs/FORMAT.md "Older posts"), one per
// way they differ from today's format (each file says which in its name's neighbourhood below),
// imported into a library and exported back through the archive preset.
//
//   2014-06-30-…            no `comments:` line
//   2016-03-05-  两会开幕…   the feed's title spacing: double, leading and trailing spaces
//   2020-07-15-丁家喜…       a raw UTF-8 address (with a space) in `from:` and the heading link
//   2020-07-16-港区国安法…   a doubled slash in the address
//   2018-11-06-…            `<!--ms-->` eight hours before `date:`
//   2019-09-29-…            the heading's text cut by the feed, ending in `...`
//   2021-02-01-…            the feed's HTML on several lines: class, style, id, dir, an iframe, section, an ad
//   2017-07-13-…            an image through the weserv proxy
//   archived/2019-05-03/…   a post in a dated sub-folder of `_posts`

const ROOT = fileURLToPath(new URL('../../test/fixtures/import/older-posts/', import.meta.url));
const FIXTURES: ImportFile[] = readdirSync(ROOT, { recursive: true, encoding: 'utf8' })
  .filter((path) => path.endsWith('.md'))
  .sort()
  .map((path) => ({ name: path, bytes: new Uint8Array(readFileSync(`${ROOT}${path}`)) }));
const text = (bytes: Uint8Array) => new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
const fixtureTree = () => Object.fromEntries(FIXTURES.map((f) => [f.name, text(f.bytes)]));

const { window } = new JSDOM('');
const prepareBody = bodyPreparer(window as unknown as Window);
let dbCount = 0;
let idCount = 0;
const options = (now: number) => ({ now, newId: () => `lossless-${++idCount}` });
const NOW = Date.UTC(2025, 0, 1);

/** The library after importing `files` as the options page does (the file name stays behind). */
async function libraryOf(files: ImportFile[]): Promise<{ db: ClipperDb; clips: Clip[] }> {
  const { clips, errors } = importPosts(files, { prepareBody });
  expect(errors).toEqual([]);
  const db = await openClipperDb(`lossless-${++dbCount}`);
  await importDrafts(db, clips.map(({ file: _file, ...draft }) => draft), options(NOW));
  const summaries = await listClips(db);
  return { db, clips: await getClips(db, summaries.map((c) => c.id)) };
}

async function zipOf(clips: Clip[]): Promise<Record<string, string>> {
  const bytes = await zipBytes((write) => exportZip(clips, { preset: 'archive', write, now: NOW }));
  return Object.fromEntries(Object.entries(unzipSync(bytes)).map(([path, data]) => [path, text(data)]));
}

const byPath = (clips: Clip[], path: string) => clips.find((c) => c.imported?.path === path)!;

describe('older archive posts: imported, then exported through the archive preset', () => {
  let library: { db: ClipperDb; clips: Clip[] };
  beforeAll(async () => {
    library = await libraryOf(FIXTURES);
  });

  it('imports one clip per fixture post, each with its post kept under its path in the site', () => {
    expect(FIXTURES).toHaveLength(9);
    expect(library.clips.map((c) => c.imported?.path).sort()).toEqual(FIXTURES.map((f) => f.name));
  });

  it('single export: the very bytes, under the same file name', () => {
    for (const fixture of FIXTURES) {
      const file = exportClip(byPath(library.clips, fixture.name), 'archive', { now: NOW });
      expect(file.path).toBe(fixture.name);
      expect(downloadName(file.path)).toBe(fixture.name.split('/').pop());
      expect(strToU8(file.text)).toEqual(fixture.bytes);
    }
  });

  it('zip export: every post at the path it came from, byte for byte', async () => {
    expect(await zipOf(library.clips)).toEqual(fixtureTree());
  });

  it('a zip with images leaves the posts as they came and fetches none of their images', async () => {
    const fetched: string[] = [];
    const fetchImage = async (url: string) => {
      fetched.push(url);
      return new Uint8Array([0xff, 0xd8, 0xff, 0xe0]);
    };
    const parser = new window.DOMParser();
    const bytes = await zipBytes((write) => exportZip(library.clips, { preset: 'archive', write, now: NOW, parser, fetchImage }));
    expect(Object.fromEntries(Object.entries(unzipSync(bytes)).map(([path, data]) => [path, text(data)]))).toEqual(fixtureTree());
    expect(fetched).toEqual([]);
    async function* all() {
      yield* library.clips;
    }
    expect(await imageHostsOf(all(), 'archive', parser)).toEqual([]);
    expect(await imageHostsOf(all(), 'jekyll', parser)).toEqual(['https://images.weserv.nl/*']);
  });

  it("a zip of the site imports to the same paths (the zip's name and the folders above _posts are not the site's)", async () => {
    const zipped = zipSync(Object.fromEntries(FIXTURES.map((f) => [`my-site/${f.name}`, f.bytes])));
    const { clips } = await libraryOf([{ name: 'archive.zip', bytes: zipped }]);
    expect(await zipOf(clips)).toEqual(fixtureTree());
    // A zip of the _posts folder's contents, and a picked folder below _posts, land in _posts/.
    const inner = zipSync({ 'archived/2019-05-03/x.md': FIXTURES.at(-1)!.bytes });
    const below = importPosts([{ name: 'posts.zip', bytes: inner }, { name: 'archived/2019-05-03/y.md', bytes: FIXTURES[0]!.bytes }], { prepareBody }).clips;
    expect(below.map((c) => c.imported?.path)).toEqual(['_posts/archived/2019-05-03/x.md', '_posts/archived/2019-05-03/y.md']);
  });

  it('folder export into the same site changes no file, and into an empty one writes the same tree', async () => {
    const site = new FakeFolder('my-site');
    for (const fixture of FIXTURES) site.put(fixture.name, text(fixture.bytes));
    const again = await exportToFolder(library.clips, { preset: 'archive', folder: site, now: NOW });
    expect(again.written.every((w) => w.replaced)).toBe(true);
    expect(site.allWrites()).toBe(0);
    expect(site.tree()).toEqual(fixtureTree());

    const posts = new FakeFolder('_posts');
    await exportToFolder(library.clips, { preset: 'archive', folder: posts, now: NOW });
    expect(posts.tree()).toEqual(Object.fromEntries(Object.entries(fixtureTree()).map(([path, t]) => [path.slice('_posts/'.length), t])));
  });

  it('a folder already holding the post under a raw UTF-8 `from:` is the same article: replaced, not numbered', async () => {
    const name = '_posts/2020-07-15-丁家喜传狱中遭酷刑 其妻：北京用秘密关押散播恐惧.md';
    const clip = byPath(library.clips, name);
    const site = new FakeFolder('site');
    site.put(name, text(FIXTURES.find((f) => f.name === name)!.bytes).replace('<p>', '<p>older text '));
    const result = await exportToFolder([clip], { preset: 'archive', folder: site, now: NOW });
    expect(result.written.map((w) => [w.path, w.replaced])).toEqual([[name, true]]);
    expect(site.tree()).toEqual({ [name]: clip.imported!.text });
  });

  it('other presets write the clip as they always do', () => {
    const clip = byPath(library.clips, '_posts/2021-02-01-缅甸军方发动政变 昂山素季被拘押.md');
    const { imported: _imported, ...plain } = clip;
    expect(exportClip(clip, 'jekyll', { parser: new window.DOMParser(), now: NOW })).toEqual(exportClip(plain, 'jekyll', { parser: new window.DOMParser(), now: NOW }));
  });

  it('the library holds the sanitized body only: no iframe, no style, no ad; search never sees the kept post', async () => {
    const clip = byPath(library.clips, '_posts/2021-02-01-缅甸军方发动政变 昂山素季被拘押.md');
    expect(clip.imported?.text).toContain('<iframe');
    expect(clip.contentHtml).not.toMatch(/<iframe|style=|adsbygoogle|data-ad-slot/);
    expect(clip.contentHtml).toContain('缅甸军方周一凌晨发动政变');
    expect(await searchClipSeqs(library.db, '政变')).toEqual([clip.seq]);
    // Words only the kept post holds: its front matter, an attribute, the embed's address.
    for (const word of ['layout', 'adsbygoogle', 'abc123xyz', 'youtube', 'categories']) {
      expect(await searchClipSeqs(library.db, word), word).toEqual([]);
    }
    // Lists never carry it.
    expect((await listClips(library.db)).some((summary) => 'imported' in summary)).toBe(false);
  });
});

describe('what voids the kept post: a change to what the archive preset writes', () => {
  const NAME = '_posts/2016-03-05-  两会开幕  李克强作政府工作报告 .md';
  const fixture = FIXTURES.find((f) => f.name === NAME)!;

  async function fresh(): Promise<{ db: ClipperDb; clip: Clip }> {
    const { db, clips } = await libraryOf([fixture]);
    return { db, clip: clips[0]! };
  }
  const reread = async (db: ClipperDb, id: string) => (await getClip(db, id))!;
  /** The post today's format makes of the clip. */
  const todays = (clip: Clip) => {
    const { imported: _imported, ...plain } = clip;
    return exportClip(plain, 'archive', { now: NOW });
  };

  const voiding: Record<string, (db: ClipperDb, clip: Clip) => Promise<unknown>> = {
    'a title edit': (db, c) => updateClip(db, c.id, { title: '两会开幕：李克强作政府工作报告' }),
    'a byline edit': (db, c) => updateClip(db, c.id, { byline: '记者甲' }),
    'a body edit': (db, c) => updateClip(db, c.id, { contentHtml: '<p>只留一段。</p>' }),
    'tags added in the editor': (db, c) => updateClip(db, c.id, { tags: ['两会'], note: '' }),
    'a tag added to several clips': (db, c) => retagClips(db, [c.id], ['两会'], []),
    'a re-clip of the article': (db, c) => saveDraft(db, makeDraft({ url: c.url, pageUrl: c.url, title: c.title, contentHtml: c.contentHtml }), options(NOW + 1)),
    'a later import of the article with other tags': (db, c) => importDrafts(db, [{ ...makeDraft({ url: c.url, pageUrl: c.url }), tags: ['两会'] }], options(NOW + 1)),
  };
  for (const [change, apply] of Object.entries(voiding)) {
    it(`${change} writes the post in today's format`, async () => {
      const { db, clip } = await fresh();
      await apply(db, clip);
      const after = await reread(db, clip.id);
      expect(after.imported).toBeUndefined();
      const file = exportClip(after, 'archive', { now: NOW });
      expect(file).toEqual(todays(after));
      expect(file.text).toContain('comments: True');
    });
  }

  it('a tag removed in the library voids it too, and removing a tag just added brings nothing back', async () => {
    const tagged = strToU8(text(fixture.bytes).replace('tags: [ BBC中文网 ]', 'tags: [ BBC中文网, 两会 ]'));
    const { db, clips } = await libraryOf([{ name: fixture.name, bytes: tagged }]);
    const clip = clips[0]!;
    expect(clip.tags).toEqual(['两会']);
    expect(exportClip(clip, 'archive', { now: NOW }).text).toBe(text(tagged));
    await retagClips(db, [clip.id], [], ['两会']);
    const after = await reread(db, clip.id);
    expect(after.imported).toBeUndefined();
    expect(exportClip(after, 'archive', { now: NOW }).text).toContain('tags: [ BBC中文网 ]\ncomments: True');

    const second = await fresh();
    await retagClips(second.db, [second.clip.id], ['x'], []);
    await retagClips(second.db, [second.clip.id], [], ['x']);
    expect((await reread(second.db, second.clip.id)).imported).toBeUndefined();
  });

  const keeping: Record<string, (db: ClipperDb, clip: Clip) => Promise<unknown>> = {
    'a note': (db, c) => updateClip(db, c.id, { note: '两会的笔记' }),
    // What the editor sends when only the note changed: the tags and note fields, as they were.
    'saving the editor with the tags unchanged': (db, c) => updateClip(db, c.id, { tags: [...c.tags], note: '' } satisfies ClipEdit),
    'a tag that the clip already has': (db, c) => retagClips(db, [c.id], [...c.tags], []),
    'removing a tag it does not have': (db, c) => retagClips(db, [c.id], [], ['never']),
    'importing the same post again': (db) => importDrafts(db, importPosts([fixture], { prepareBody }).clips.map(({ file: _f, ...d }: ImportedClip) => d), options(NOW + 1)),
    'delete, then undo': async (db, c) => restoreClips(db, await deleteClips(db, [c.id])),
    'a backup restored into another library': async (db, c) => {
      const backup = await zipBytes(async (write) => createBackup(await getClips(db, [c.id]), { write, now: NOW }));
      const { clips, errors } = restoreBackup(backup);
      expect(errors).toEqual([]);
      await deleteClips(db, [c.id]);
      await restoreClips(db, clips);
    },
  };
  for (const [change, apply] of Object.entries(keeping)) {
    it(`${change} keeps the post as it came`, async () => {
      const { db, clip } = await fresh();
      await apply(db, clip);
      const after = await reread(db, clip.id);
      expect(after.imported).toEqual(clip.imported);
      expect(strToU8(exportClip(after, 'archive', { now: NOW }).text)).toEqual(fixture.bytes);
    });
  }
});
