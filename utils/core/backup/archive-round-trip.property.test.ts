// Archive posts in the older generators' variants (docs/FORMAT.md "Older posts"), generated in
// their thousands of combinations: each imports to a clip that the archive preset gives back
// byte for byte under its own path, single, zip and folder export alike, while the clip's body is
// the sanitized one.
import fc from 'fast-check';
import { unzipSync } from 'fflate';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { exportToFolder } from '../format/folder-export';
import { exportClip, type ExportClip } from '../format/presets';
import { exportZip } from '../format/zip';
import { isImportDraft } from '../model/shapes';
import { FakeFolder } from '../../../test/helpers/fake-folder';
import { zipBytes } from '../../../test/helpers/zip-bytes';
import { importPosts, type ImportedClip } from './import-posts';
import { bodyPreparer } from './stored-body';

const RUNS = 100;
// Each run sanitizes its bodies in jsdom: slow on a busy machine, far from hanging.
const TIMEOUT = 60_000;
const NOW = Date.UTC(2025, 0, 1);
const { window } = new JSDOM('');
const prepareBody = bodyPreparer(window as unknown as Window);
const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

const word = fc.constantFrom('香港', '立法会', '选举', '习近平', '两会', 'Biden', 'COVID-19', '“引号”', '【快讯】', '新冠', '疫情', 'BBC', '（图）', '6.5%', 'A&B', '<b>', '#1', '{{x}}');
/** The feed's spacing: single, double, leading, trailing. */
const gap = fc.constantFrom(' ', ' ', '  ', '');
const title = fc
  .tuple(fc.constantFrom('', ' ', '  '), fc.array(fc.tuple(word, gap), { minLength: 1, maxLength: 6 }), fc.constantFrom('', ' ', '  '))
  .map(([lead, parts, trail]) => `${lead}${parts.map(([w, g]) => w + g).join('')}${trail}`)
  .filter((t) => t.trim() !== '');

const site = fc.constantFrom('德国之声', '法广', '美国之音', 'BBC中文网', '自由亚洲电台', '联合早报');
const host = fc.constantFrom('https://www.dw.com', 'http://www.rfi.fr', 'https://www.voachinese.com', 'https://www.bbc.com');
/** The address as the feed gave it: raw UTF-8 with spaces and fullwidth colons, sometimes a doubled slash. */
const from = fc
  .tuple(host, fc.boolean(), fc.array(fc.constantFrom('zh', 'cn', '中国', '丁家喜传狱中遭酷刑 其妻：北京用秘密关押散播恐惧', 'a-54238787', '20200716-港区国安法', 'news'), { minLength: 1, maxLength: 3 }), fc.constantFrom('', '.html', '?id=12&p=2'))
  .map(([h, doubled, segments, tail]) => `${h}/${doubled ? '/' : ''}${segments.join('/')}${tail}`);

const text = fc.array(word, { minLength: 1, maxLength: 8 }).map((w) => w.join('').replace(/[<>&{}]/g, ''));
/** The feed's markup, with everything the library's sanitizer removes or keeps. */
const fragment = fc.oneof(
  text.map((t) => `<p>${t}</p>`),
  fc.tuple(text, fc.constantFrom('lead', 'article-body text')).map(([t, c]) => `<p class="${c}" style="color:#333" dir="ltr" id="p1">${t}</p>`),
  fc.constant('<figure class="video"><iframe width="560" height="315" src="https://www.youtube.com/embed/abc123XYZ" frameborder="0" allowfullscreen></iframe></figure>'),
  fc.constant('<div class="ad-wrapper" style="display:none"><ins class="adsbygoogle" data-ad-slot="123"></ins></div>'),
  text.map((t) => `<section class="s"><h2>${t}</h2></section>`),
  text.map((t) => `<figure><img src="https://images.weserv.nl?url=https://i.example.com/a.jpg" alt="${t}"><figcaption>${t}&nbsp;&amp;</figcaption></figure>`),
);
const body = fc.tuple(fc.array(fragment, { minLength: 1, maxLength: 6 }), fc.constantFrom('', '\n')).map(([parts, joint]) => parts.join(joint));

const time = fc.integer({ min: Date.UTC(2014, 0, 1), max: Date.UTC(2021, 11, 31) }).map((ms) => ms - (ms % 1000));

const post = fc
  .record({
    title,
    date: time,
    /** The `<!--ms-->` comment: the same instant, or the feed item's time hours away. */
    stampOffset: fc.oneof(fc.constant(0), fc.integer({ min: -12, max: 12 }).map((h) => h * 3_600_000)),
    author: fc.option(fc.constantFrom('记者甲', 'Jane Writer'), { nil: undefined }),
    from,
    site,
    tag: fc.option(fc.constantFrom('存档', 'archive'), { nil: undefined }),
    comments: fc.boolean(),
    /** The heading's text cut by the feed, ending in `...`. */
    cut: fc.option(fc.integer({ min: 2, max: 12 }), { nil: undefined }),
    body,
    crlf: fc.boolean(),
    bom: fc.boolean(),
    folder: fc.constantFrom('', 'archived/'),
  })
  .map((p) => {
    const stamp = p.date + p.stampOffset;
    const heading = p.cut === undefined ? p.title : `${p.title.slice(0, p.cut)}...`;
    const lines = [
      '---',
      'layout: post',
      `title: "${p.title.replace(/"/g, '\\"')}"`,
      `date: ${new Date(p.date).toISOString()}`,
      `author: ${p.author ?? p.site}`,
      `from: ${p.from}`,
      `tags: [ ${[p.site, ...(p.tag ? [p.tag] : [])].join(', ')} ]`,
      ...(p.comments ? ['comments: True'] : []),
      `categories: [ ${p.site} ]`,
      '---',
      `<!--${stamp}-->`,
      `[${heading}](${p.from})`,
      '------',
      '',
      '<div>',
      p.body,
      '</div>',
    ];
    const day = new Date(p.date).toISOString().slice(0, 10);
    const folder = p.folder === '' ? '' : `${p.folder}${day}/`;
    return {
      path: `_posts/${folder}${day}-${p.title.replace(/\//g, '--')}.md`,
      text: `${p.bom ? '\ufeff' : ''}${lines.join(p.crlf ? '\r\n' : '\n')}${p.crlf ? '\r\n' : '\n'}`,
    };
  });

/** Posts of distinct paths and articles, as one archive holds them. */
const archive = fc.uniqueArray(post, { minLength: 1, maxLength: 4, selector: (p) => p.path }).filter((posts) => new Set(posts.map((p) => new URL(p.text.match(/^from: (.*)$/m)![1]!.trim()).href)).size === posts.length);

/** An imported clip as the library keeps it (the worker stamps the clip time). */
const asStored = ({ file: _file, ...clip }: ImportedClip): ExportClip => ({ ...clip, clippedAt: NOW });

function importArchive(posts: { path: string; text: string }[]): ExportClip[] {
  const { clips, errors } = importPosts(
    posts.map((p) => ({ name: p.path, bytes: encoder.encode(p.text) })),
    { prepareBody },
  );
  expect(errors).toEqual([]);
  expect(clips).toHaveLength(posts.length);
  return clips.map((clip, i) => {
    const { file: _file, ...draft } = clip;
    expect(isImportDraft(draft), 'the worker accepts the draft').toBe(true);
    expect(clip.imported).toEqual(posts[i]);
    expect(clip.contentHtml).not.toMatch(/<iframe|style=|adsbygoogle/);
    return asStored(clip);
  });
}

describe('older archive posts, generated', () => {
  it('single export gives each post back under its path, byte for byte', () => {
    fc.assert(
      fc.property(archive, (posts) => {
        importArchive(posts).forEach((clip, i) => expect(exportClip(clip, 'archive', { now: NOW })).toEqual(posts[i]));
      }),
      { numRuns: RUNS },
    );
  }, TIMEOUT);

  it('zip and folder export give the archive back as it was', async () => {
    await fc.assert(
      fc.asyncProperty(archive, async (posts) => {
        const clips = importArchive(posts);
        const expected = Object.fromEntries(posts.map((p) => [p.path, p.text]));
        const zip = unzipSync(await zipBytes((write) => exportZip(clips, { preset: 'archive', write, now: NOW })));
        expect(Object.fromEntries(Object.entries(zip).map(([path, data]) => [path, decoder.decode(data)]))).toEqual(expected);

        const site = new FakeFolder('site');
        for (const p of posts) site.put(p.path, p.text);
        await exportToFolder(clips, { preset: 'archive', folder: site, now: NOW });
        expect(site.allWrites()).toBe(0);
        expect(site.tree()).toEqual(expected);
      }),
      { numRuns: RUNS / 2 },
    );
  }, TIMEOUT);
});
