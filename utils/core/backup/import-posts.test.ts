import { strToU8, zipSync } from 'fflate';
import { JSDOM } from 'jsdom';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { postFields } from '../format/post-fields';
import { exportClip, obsidianTag, type PresetId } from '../format/presets';
import { makeClip, NOW } from '../../../test/helpers/clips';
import { extremeClips, realClips } from '../../../test/helpers/corpus';
import { testParser } from '../../../test/helpers/parser';
import { zipBytes } from '../../../test/helpers/zip-bytes';
import { readerText, withoutHeadingAnchors } from '../../../test/helpers/text';
import { exportZip } from '../format/zip';
import type { Clip } from '../model/types';
import { createBackup } from './backup';
import { importPosts, parseTime, type ImportFile } from './import-posts';
import { bodyPreparer } from './stored-body';
import { en } from '../i18n/en';
import { translator } from '../i18n';
import { reasonText } from '../i18n/reasons';
import { reason } from '../model/reasons';

const { window } = new JSDOM('');
const prepareBody = bodyPreparer(window as unknown as Window);
const file = (name: string, text: string): ImportFile => ({ name, bytes: strToU8(text) });
const importOf = (files: ImportFile[]) => importPosts(files, { prepareBody });

describe('importPosts: our presets read back', () => {
  // Clips as the library holds them: bodies in the stored form (the extremes are normalised first).
  const clips: Clip[] = [
    ...realClips(),
    ...extremeClips()
      .slice(0, 40)
      .map((c) => ({ ...c, contentHtml: prepareBody(c.contentHtml, c.url).html })),
  ].filter((c) => /^https?:/.test(c.url) && (() => { try { return new URL(c.url).href === c.url; } catch { return false; } })());
  const presets: PresetId[] = ['archive', 'jekyll', 'hugo', 'obsidian', 'markdown'];

  for (const preset of presets) {
    it(`${preset}: title, URL, date, author, site, tags and body text of ${clips.length} clips`, () => {
      const exported = clips.map((clip) => exportClip(clip, preset, { parser: testParser, now: NOW }));
      const files = exported.map(({ path, text }) => file(path, text));
      const { clips: imported, errors } = importOf(files);
      expect(errors).toEqual([]);
      expect(imported).toHaveLength(clips.length);
      imported.forEach((got, i) => {
        const clip = clips[i]!;
        const f = postFields(clip, NOW);
        const where = `${clip.id} (${preset})`;
        expect(got.url, where).toBe(clip.url);
        // The plain Markdown heading is Markdown text, which holds no control characters.
        // eslint-disable-next-line no-control-regex -- the characters the exporter drops
        const title = preset === 'markdown' ? f.title.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '') : f.title;
        expect(got.title, where).toBe(title);
        expect(got.siteName, where).toBe(f.site || new URL(clip.url).hostname);
        expect(got.byline, where).toBe(f.author !== f.site ? f.author : undefined);
        const day = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString().slice(0, 10));
        if (preset === 'obsidian') expect(day(got.publishedAt), where).toBe(day(f.published));
        else if (preset === 'markdown') expect(day(got.publishedAt), where).toBe(day(f.date));
        else expect(got.publishedAt, where).toBe(f.date);
        // Obsidian tags cannot hold spaces or `#`; the plain Markdown file has no tags at all.
        const userTags = f.tags.map((t) => t.replace(/^#+/, '')).filter((t) => t !== '');
        const expectedTags =
          preset === 'obsidian' ? [...new Set(f.tags.map(obsidianTag).filter((t) => t !== ''))] : preset === 'markdown' ? [] : userTags;
        expect(got.tags, where).toEqual(expectedTags);
        // Markdown bodies drop the headings' own anchor links (markdown.ts).
        const written = preset === 'archive' ? clip.contentHtml : withoutHeadingAnchors(clip.contentHtml, [clip.url, clip.pageUrl ?? clip.url]);
        expect(readerText(got.contentHtml), where).toBe(readerText(written));
        if (preset === 'archive') expect(got.contentHtml, where).toBe(clip.contentHtml);
        // Export, import, export: the same file again.
        expect(exportClip({ ...clip, contentHtml: got.contentHtml }, preset, { parser: testParser, now: NOW }).text, where).toBe(exported[i]!.text);
      });
    });
  }

  it("keeps a page's unlinked URLs and bracketed text as text through export and import", () => {
    const clip = makeClip({ contentHtml: '<p>See www.example.com, https://a.example/x or me@x.example.</p><ul><li>[x] done</li></ul>' });
    for (const preset of presets) {
      const { path, text } = exportClip(clip, preset, { parser: testParser, now: NOW });
      expect(importOf([file(path, text)]).clips[0]?.contentHtml, preset).toBe(clip.contentHtml);
    }
  });
});

describe('importPosts: archives and zips', () => {
  it('reads an existing Jekyll archive post (the golden file) into the clip it was made from', () => {
    const golden = readFileSync(new URL('../../../test/fixtures/golden/epochtimes-n14018244.md', import.meta.url));
    const { clips, errors } = importOf([{ name: '_posts/2023-06-18-布林肯和秦刚会面5个半小时 双方分歧未解.md', bytes: golden }]);
    expect(errors).toEqual([]);
    expect(clips[0]).toMatchObject({
      url: 'https://www.epochtimes.com/gb/23/6/18/n14018244.htm',
      title: '布林肯和秦刚会面5个半小时 双方分歧未解',
      siteName: '大纪元',
      publishedAt: Date.parse('2023-06-18T11:48:21-04:00'),
      tags: [],
      contentHtml: golden.toString('utf8').split('\n')[15],
    });
    expect(clips[0]?.byline).toBeUndefined();
  });

  it('reads the posts of an exported zip and passes over its other files', async () => {
    const clips = [makeClip({ id: 'a', title: 'One', url: 'https://n.example/1' }), makeClip({ id: 'b', title: 'Two', url: 'https://n.example/2' })];
    const bytes = await zipBytes((write) => exportZip(clips, { preset: 'hugo', parser: testParser, now: NOW, write }));
    const withExtras = zipSync({ ...Object.fromEntries([['content/posts/x.png', new Uint8Array([1, 2])]]), 'hugo.zip-inner/_site/x.md': strToU8('x') });
    const { clips: imported, errors, skipped } = importOf([{ name: 'hugo.zip', bytes }, { name: 'extras.zip', bytes: withExtras }]);
    expect(errors).toEqual([]);
    expect(imported.map((c) => [c.title, c.url, c.file])).toEqual([
      ['One', 'https://n.example/1', 'hugo.zip/content/posts/2024-05-01-One.md'],
      ['Two', 'https://n.example/2', 'hugo.zip/content/posts/2024-05-01-Two.md'],
    ]);
    expect(skipped).toEqual(['extras.zip/content/posts/x.png', 'extras.zip/hugo.zip-inner/_site/x.md']);
  });

  it('reads the posts of a full backup', async () => {
    const bytes = await zipBytes((write) => createBackup([makeClip()], { write, now: NOW }));
    const { clips, errors, skipped } = importOf([{ name: 'backup.zip', bytes }]);
    expect(errors).toEqual([]);
    expect(clips.map((c) => c.url)).toEqual([makeClip().url]);
    expect(skipped).toEqual(['backup.zip/clips/000001.json', 'backup.zip/manifest.json']);
  });
});

describe('importPosts: other tools', () => {
  it('reads a hand-written Jekyll post', () => {
    const post = [
      '---',
      'layout: post',
      'title: 2024',
      'date: 2023-06-18 15:48:21 +0800',
      'author: yes',
      'url: https://blog.example/2023/06/18/post/',
      'tags: ruby jekyll',
      'categories: notes',
      '---',
      '',
      'Hello {{ "{{" }} site.title }} with **bold** and a [link](/about).',
    ].join('\n');
    const { clips, errors } = importOf([file('_posts/2023-06-18-post.md', post)]);
    expect(errors).toEqual([]);
    expect(clips[0]).toMatchObject({
      title: '2024',
      byline: 'yes',
      publishedAt: Date.parse('2023-06-18T07:48:21Z'),
      tags: ['ruby', 'jekyll'],
      siteName: 'notes',
      contentHtml: '<p>Hello {{ site.title }} with <strong>bold</strong> and a <a href="https://blog.example/about">link</a>.</p>',
      textLength: 'Hello{{site.title}}withboldandalink.'.length,
    });
  });

  it("reads an Obsidian Web Clipper note (author links, created date)", () => {
    const note = ['---', 'title: "A note"', 'source: "https://news.example/a"', 'author:', '  - "[[Jane Doe]]"', 'published: 2024-02-03', 'created: 2024-02-04', 'tags:', '  - "clippings"', '---', '# A note', '', 'Text.'].join('\n');
    const { clips } = importOf([file('Clippings/A note.md', note)]);
    expect(clips[0]).toMatchObject({ title: 'A note', byline: 'Jane Doe', url: 'https://news.example/a', publishedAt: Date.UTC(2024, 1, 3), clippedAt: Date.UTC(2024, 1, 4), tags: ['clippings'], siteName: 'news.example' });
  });

  it('sanitizes bodies like a clipped page', () => {
    const post = '---\nurl: https://x.example/\n---\n<script>alert(1)</script>\n\n[x](javascript:alert(1)) <img src=x onerror=alert(1)>';
    const html = importOf([file('x.md', post)]).clips[0]?.contentHtml ?? '';
    expect(html).not.toMatch(/script|javascript:|onerror/);
  });
});

describe('importPosts: a clear error per bad file, the rest imported', () => {
  it('reports each problem and imports the good file', () => {
    const good = file('good.md', '---\ntitle: Good\nfrom: https://ok.example/\n---\nBody');
    const files = [
      good,
      file('photo.png', 'x'),
      { name: 'binary.md', bytes: new Uint8Array([0x2d, 0x2d, 0x2d, 0x0a, 0, 1, 2]) },
      { name: 'latin1.md', bytes: new Uint8Array([0x2d, 0x2d, 0x2d, 0x0a, 0xe9, 0x0a]) },
      { name: 'huge.md', bytes: new Uint8Array(6 * 1024 * 1024).fill(0x61) },
      file('plain.md', 'Just some notes.\n'),
      file('broken.md', '---\ntitle: "unclosed\nfrom: https://x.example/\n---\n'),
      file('list.md', '---\n- a\n- b\n---\n'),
      file('nourl.md', '---\ntitle: No URL\n---\nText'),
      file('badurl.md', '---\ntitle: Bad\nsource: ftp://files.example/x\n---\n'),
      file('damaged.zip', 'PK not really'),
    ];
    const { clips, errors } = importOf(files);
    expect(clips.map((c) => c.title)).toEqual(['Good']);
    expect(errors.map((e) => [e.file, e.reason.code])).toEqual([
      ['photo.png', 'import-not-markdown'],
      ['binary.md', 'import-binary'],
      ['latin1.md', 'import-not-utf8'],
      ['huge.md', 'import-too-large'],
      ['plain.md', 'import-no-front-matter'],
      ['broken.md', 'import-broken-yaml'],
      ['list.md', 'import-not-key-value'],
      ['nourl.md', 'import-no-url'],
      ['badurl.md', 'import-bad-url'],
      ['damaged.zip', 'import-bad-zip'],
    ]);
    const words = (file: string) => reasonText(errors.find((e) => e.file === file)!.reason, translator(en));
    expect(words('huge.md')).toBe('The file is too large (6 MB; at most 5 MB).');
    expect(words('badurl.md')).toBe("The post's article URL is not a web address: ftp://files.example/x");
    expect(words('broken.md')).toMatch(/^The front matter is not valid YAML: ./);
  });

  it('refuses a zip entry that declares more than the size limit without inflating it', () => {
    const bomb = zipSync({ 'big.md': new Uint8Array(2 * 1024 * 1024).fill(0x20), 'ok.md': strToU8('---\nurl: https://a.example/\n---\n') }, { level: 9 });
    const { clips, errors } = importPosts([{ name: 'b.zip', bytes: bomb }], { prepareBody, maxFileBytes: 1024 * 1024 });
    expect(clips).toHaveLength(1);
    expect(errors).toEqual([{ file: 'b.zip/big.md', reason: reason('import-too-large', { size: 2, max: 1 }) }]);
  });
});

describe('parseTime', () => {
  it('reads YAML and Jekyll timestamps', () => {
    expect(parseTime('2023-06-18')).toBe(Date.UTC(2023, 5, 18));
    expect(parseTime('2023-06-18T15:48:21.000Z')).toBe(Date.UTC(2023, 5, 18, 15, 48, 21));
    expect(parseTime('2023-6-8 1:02:03 -04:00')).toBe(Date.UTC(2023, 5, 8, 5, 2, 3));
    expect(parseTime('2023-06-18 15:48:21.5 +0800')).toBe(Date.UTC(2023, 5, 18, 7, 48, 21, 500));
    expect(parseTime('June 18')).toBeUndefined();
  });
});
