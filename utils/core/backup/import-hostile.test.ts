import { strToU8 } from 'fflate';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { goodPosts, hostilePosts, oldPost } from '../../../test/fixtures/hostile/posts';
import { FIELD_LIMITS } from '../model/limits';
import { isImportDraft } from '../model/shapes';
import { importPosts, parseTime, type ImportedClip, type ImportFile, type ImportResult } from './import-posts';
import { bodyPreparer } from './stored-body';

const { window } = new JSDOM('');
const prepareBody = bodyPreparer(window as unknown as Window);
const importOf = (files: ImportFile[]) => importPosts(files, { prepareBody });
const file = (name: string, text: string): ImportFile => ({ name, bytes: strToU8(text) });

const toDraft = ({ file: _file, ...draft }: ImportedClip) => draft;
const codesOf = (result: ImportResult, name: string) => ({
  errors: result.errors.filter((e) => e.file === name).map((e) => e.reason.code),
  notices: result.notices.filter((n) => n.file === name).map((n) => n.reason.code),
});

describe('importPosts: hostile posts among good ones', () => {
  const hostile = hostilePosts();
  const good = goodPosts(hostile.length + 1);
  // Good, hostile, good, hostile…: a bad file must cost nobody after it.
  const files = good.flatMap((g, i) => [g, ...(hostile[i] ? [hostile[i]] : [])]);
  const result = importOf(files);

  it('imports every good post', () => {
    const urls = result.clips.map((c) => c.url);
    for (const g of good) expect(urls).toContain(`https://news.example/good/${g.name.match(/good (\d+)/)![1]}`);
    for (const g of good) expect(codesOf(result, g.name)).toEqual({ errors: [], notices: [] });
  });

  it.each(hostile.map((h) => [h.name.replace(/^_posts\/|\.md$/g, ''), h] as const))('%s: listed with its reason', (_name, h) => {
    const { errors, notices } = codesOf(result, h.name);
    const imported = result.clips.some((c) => c.file === h.name);
    if (h.refused) {
      expect(errors).toEqual([h.refused]);
      expect(imported).toBe(false);
    } else {
      expect(errors).toEqual([]);
      expect(imported).toBe(true);
    }
    if (h.notice) expect(notices).toContain(h.notice);
  });

  it('gives the worker only drafts its check accepts', () => {
    for (const clip of result.clips) expect(isImportDraft(toDraft(clip)), clip.file).toBe(true);
  });

  it('cuts what is too long, at a character boundary, and keeps the rest', () => {
    const clip = (name: string) => result.clips.find((c) => c.file === `_posts/${name}.md`)!;
    expect(clip('megabyte-title').title).toBe('长'.repeat(FIELD_LIMITS.title));
    expect(clip('long-author').byline).toBe('名'.repeat(FIELD_LIMITS.author));
    expect(clip('many-tags').tags).toEqual(Array.from({ length: FIELD_LIMITS.tags }, (_, i) => `t${i}`));
    expect(result.notices.find((n) => n.file === '_posts/many-tags.md')?.reason).toEqual({ code: 'import-list-cut', params: { field: 'tags', count: 150, limit: 100 } });
    expect(result.notices.find((n) => n.file === '_posts/megabyte-title.md')?.reason).toEqual({ code: 'import-field-cut', params: { field: 'title', limit: 1000 } });
  });

  it('drops dates out of range, names them, and imports the post without them', () => {
    const clip = (name: string) => result.clips.find((c) => c.file === `_posts/${name}.md`)!;
    for (const name of ['huge-number', 'date-30-february', 'date-year-10000']) expect(clip(name).publishedAt, name).toBeUndefined();
    expect(clip('created-out-of-range').clippedAt).toBeUndefined();
    expect(clip('created-out-of-range').publishedAt).toBe(Date.UTC(2020, 5, 18, 15, 48, 21));
    const values = result.notices.filter((n) => n.reason.code === 'import-date-dropped').map((n) => [n.file, n.reason.params]);
    expect(values).toEqual([
      ['_posts/huge-number.md', { value: '9'.repeat(40) }],
      ['_posts/date-30-february.md', { value: '2023-02-30' }],
      ['_posts/date-year-10000.md', { value: '10000-01-01' }],
      ['_posts/created-out-of-range.md', { value: '2023-13-01' }],
    ]);
  });

  it('takes the heading or the file name for a title that is a map or a list', () => {
    expect(result.clips.find((c) => c.file === '_posts/map-title.md')?.title).toBe('map-title');
    expect(result.clips.find((c) => c.file === '_posts/list-title.md')?.title).toBe('list-title');
  });
});

describe('importPosts: whatever a parser throws costs one file', () => {
  it('lists the file with the words of the error, and imports the others', () => {
    const throwing = (html: string, url: string) => {
      if (url.endsWith('/boom')) throw new RangeError('Maximum call stack size exceeded');
      return prepareBody(html, url);
    };
    const files = [
      file('a.md', oldPost({ title: 'A', url: 'https://news.example/a' })),
      file('boom.md', oldPost({ title: 'Boom', url: 'https://news.example/boom' })),
      file('b.md', oldPost({ title: 'B', url: 'https://news.example/b' })),
    ];
    const result = importPosts(files, { prepareBody: throwing });
    expect(result.clips.map((c) => c.title)).toEqual(['A', 'B']);
    expect(result.errors).toEqual([
      {
        file: 'boom.md',
        reason: { code: 'import-unreadable', params: { detail: 'Maximum call stack size exceeded' } },
      },
    ]);
  });
});

describe('importPosts: the old generator’s broken titles', () => {
  it('imports a post with a raw line break in its title (and its file name), whole, and says so', () => {
    const title = '丁家喜传狱中遭酷刑\n其妻：北京用秘密关押散播恐惧';
    const name = `_posts/2020-06-18-${title}.md`;
    const url = 'https://www.dw.com/zh/丁家喜传狱中遭酷刑 其妻：北京用秘密关押散播恐惧/a-54238787';
    const result = importOf([file(name, oldPost({ title, url, body: '<p>正文 <em>一</em></p>' }))]);
    expect(result.errors).toEqual([]);
    expect(result.clips[0]).toMatchObject({
      file: name,
      title: '丁家喜传狱中遭酷刑 其妻：北京用秘密关押散播恐惧',
      url: new URL(url).href,
      publishedAt: 1592495301000,
      siteName: '德国之声',
      // The archive body, not its heading lines read as Markdown.
      contentHtml: '<p>正文 <em>一</em></p>',
    });
    expect(result.notices).toEqual([{ file: name, reason: { code: 'import-title-line-break', params: {} } }]);
  });

  it('imports a title with a stray backslash as written', () => {
    const result = importOf([file('p.md', oldPost({ title: 'C:\\path 与 \\ 号', url: 'https://news.example/p' }))]);
    expect(result.clips[0]?.title).toBe('C:\\path 与 \\ 号');
    expect(result.notices.map((n) => n.reason.code)).toEqual(['import-title-backslash']);
  });

  it('imports a post whose title YAML reads fine without any notice', () => {
    const result = importOf([file('ok.md', oldPost({ title: '一切正常', url: 'https://news.example/ok' }))]);
    expect(result.clips[0]?.title).toBe('一切正常');
    expect(result.notices).toEqual([]);
  });
});

describe('parseTime: only days that exist, in the years 0000 to 9999', () => {
  it.each([
    ['2023-02-30', undefined],
    ['2023-13-01', undefined],
    ['2023-06-18T24:00:00Z', undefined],
    ['2023-06-18T23:60:00Z', undefined],
    ['2024-02-29', Date.UTC(2024, 1, 29)],
    ['0050-01-01', Date.parse('0050-01-01T00:00:00Z')],
    ['0000-01-01 00:30:00 +01:00', undefined],
    ['9999-12-31T23:59:59.999Z', Date.parse('9999-12-31T23:59:59.999Z')],
  ])('%s', (text, ms) => {
    expect(parseTime(text)).toBe(ms);
  });
});
