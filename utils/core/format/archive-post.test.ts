import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import {
  archivePost,
  archivePostDate,
  archivePostFileName,
  cleanTitle,
  escapeLiquid,
  jekyllCategory,
  resolvePostFileName,
  type ArchivePostInput,
} from './archive-post';
import { frontMatterValue } from './front-matter';

const GOLDEN_FILE = new URL('../../../test/fixtures/golden/epochtimes-n14018244.md', import.meta.url);
const GOLDEN = readFileSync(GOLDEN_FILE, 'utf8');
const GOLDEN_URL = 'https://www.epochtimes.com/gb/23/6/18/n14018244.htm';
const PUBLISHED = Date.parse('2023-06-18T11:48:21-04:00');
// Any clip time after the publication: the golden post uses the published time.
const CLIPPED = Date.parse('2024-01-02T03:04:05.678Z');
const NOW = CLIPPED + 1000;

function golden(overrides: Partial<ArchivePostInput> = {}): ArchivePostInput {
  return {
    title: '布林肯和秦刚会面5个半小时 双方分歧未解',
    url: GOLDEN_URL,
    siteName: '大纪元',
    publishedAt: PUBLISHED,
    clippedAt: CLIPPED,
    tags: [],
    contentHtml: GOLDEN.split('\n')[15] ?? '',
    ...overrides,
  };
}

function frontMatter(post: string, version: '1.1' | '1.2'): Record<string, unknown> {
  const lines = post.split('\n');
  const end = lines.indexOf('---', 1);
  expect(lines[0]).toBe('---');
  expect(end).toBeGreaterThan(0);
  const doc = parseDocument(lines.slice(1, end).join('\n'), { version });
  expect(doc.errors).toEqual([]);
  expect(doc.warnings).toEqual([]);
  return doc.toJS() as Record<string, unknown>;
}

describe('archivePost: the golden page', () => {
  it('gives the reference file byte for byte', () => {
    expect(archivePost(golden(), NOW)).toBe(GOLDEN);
  });

  it('gives the reference file name', () => {
    const name = archivePostFileName(golden(), NOW);
    expect(name).toBe('2023-06-18-布林肯和秦刚会面5个半小时 双方分歧未解.md');
  });

  it('keeps the site name and the URL plain', () => {
    const lines = archivePost(golden(), NOW).split('\n');
    expect(lines[4]).toBe('author: 大纪元');
    expect(lines[5]).toBe(`from: ${GOLDEN_URL}`);
    expect(lines[6]).toBe('tags: [ 大纪元 ]');
    expect(lines[8]).toBe('categories: [ 大纪元 ]');
  });
});

describe('archivePost: layout', () => {
  it('has 17 lines and ends with a newline even when the body holds line breaks', () => {
    const post = archivePost(golden({ contentHtml: '<pre>a\nb\r\nc\rd</pre><p title="x\ny">z</p>' }), NOW);
    expect(post.endsWith('</div>\n')).toBe(true);
    const lines = post.split('\n');
    expect(lines).toHaveLength(18);
    expect(lines[17]).toBe('');
    expect(lines[15]).toBe('<pre>a&#10;b&#10;c&#10;d</pre><p title="x&#10;y">z</p>');
  });

  it('has 17 lines whatever the title, byline, site name and tags hold', () => {
    const post = archivePost(
      golden({ title: 'a\nb\u2028c', byline: 'x\ny', siteName: 'S\r\nT', tags: ['p\nq'], url: 'https://e.com/\n' }),
      NOW,
    );
    expect(post.split('\n')).toHaveLength(18);
  });

  it('cleans the title in the front matter and in the heading', () => {
    const lines = archivePost(golden({ title: '  A\n\tB\u2028C\u00a0 D  ' }), NOW).split('\n');
    expect(lines[2]).toBe('title: "A B C D"');
    expect(lines[11]).toBe(`[A B C D](${GOLDEN_URL})`);
  });

  it('uses the byline as author when there is one', () => {
    expect(archivePost(golden({ byline: '  李 四 ' }), NOW).split('\n')[4]).toBe('author: 李 四');
    expect(archivePost(golden({ byline: '   ' }), NOW).split('\n')[4]).toBe('author: 大纪元');
  });

  it('falls back to the host when the site name is blank', () => {
    const lines = archivePost(golden({ siteName: ' ' }), NOW).split('\n');
    expect(lines[4]).toBe('author: www.epochtimes.com');
    expect(lines[8]).toBe('categories: [ www.epochtimes.com ]');
  });

  it('appends the user tags to tags only, without blanks or repeats', () => {
    const lines = archivePost(golden({ tags: ['存档', '大纪元', ' 存档 ', '', 'a, b'] }), NOW).split('\n');
    expect(lines[6]).toBe('tags: [ 大纪元, 存档, "a, b" ]');
    expect(lines[8]).toBe('categories: [ 大纪元 ]');
  });

  it('writes the same instant in date and in the comment', () => {
    const lines = archivePost(golden({ publishedAt: undefined }), NOW).split('\n');
    expect(lines[3]).toBe('date: 2024-01-02T03:04:05.678Z');
    expect(lines[10]).toBe(`<!--${CLIPPED}-->`);
  });
});

describe('archivePost: front matter reads back', () => {
  const values = [
    'say "hi"',
    'a\\b',
    'Example: News',
    'a #b',
    '{{ x }}',
    'yes',
    'No',
    'null',
    '~',
    '1:20',
    '2023-06-18',
    '0x1F',
    '1e3',
    '.inf',
    '- x',
    '[a]',
    'a, b',
    '@x',
    '`x',
    '%x',
    '😀',
    '大纪元',
    '<<',
  ];

  it.each(['1.2', '1.1'] as const)('under YAML %s', (version) => {
    for (const value of values) {
      const url = `https://example.com/a?q=${encodeURIComponent(value)}`;
      const input = golden({ title: value, byline: value, siteName: value, url, tags: [value, '存档'] });
      const post = archivePost(input, NOW);
      const data = frontMatter(post, version);
      expect(data.layout).toBe('post');
      expect(data.title).toBe(value);
      expect(data.author).toBe(value);
      expect(data.from).toBe(url);
      expect(data.tags).toEqual([value, '存档']);
      expect(data.categories).toEqual([jekyllCategory(value)]);
      expect(data.comments).toBe(true);
    }
  });

  it('writes a colon in the category as a dash, which Jekyll reads as a category, and keeps it in the tags', () => {
    const lines = archivePost(golden({ siteName: 'BBC News: World' }), NOW).split('\n');
    expect(lines[6]).toBe('tags: [ "BBC News: World" ]');
    expect(lines[8]).toBe('categories: [ BBC News - World ]');
    expect(archivePost(golden({ siteName: '1:20' }), NOW).split('\n')[8]).toBe('categories: [ 1 - 20 ]');
  });

  it('reads back titles with characters YAML must escape', () => {
    for (const title of ['tab\there', 'new\nline', 'sep\u2028line', ' lead', '', 'a\u0001b', '\ufeffbom']) {
      const data = frontMatter(archivePost(golden({ title }), NOW), '1.1');
      expect(data.title).toBe(cleanTitle(title));
    }
    expect(frontMatter(archivePost(golden({ title: 'a\u0001b' }), NOW), '1.2').title).toBe('a\u0001b');
  });
});

describe('cleanTitle', () => {
  it('collapses whitespace runs and trims', () => {
    expect(cleanTitle('\n a \r\n\t b\u2028\u2029c\u00a0\u3000d ')).toBe('a b c d');
  });
});

describe('escapeLiquid', () => {
  it('escapes the braces of Liquid delimiters only', () => {
    expect(escapeLiquid('{{ x }}')).toBe('&#123;&#123; x &#125;&#125;');
    expect(escapeLiquid('{% raw %}')).toBe('&#123;% raw %&#125;');
    expect(escapeLiquid('{{{a}}}')).toBe('&#123;&#123;&#123;a&#125;&#125;&#125;');
    expect(escapeLiquid('a{b}c {} 100%')).toBe('a{b}c {} 100%');
    expect(escapeLiquid('function() { return {}; }')).toBe('function() { return {}; }');
  });

  it('leaves no delimiter in any short string', () => {
    const alphabet = ['{', '}', '%', 'a'];
    let strings = [''];
    for (let length = 1; length <= 5; length += 1) {
      strings = strings.flatMap((s) => alphabet.map((c) => s + c));
      for (const s of strings) expect(escapeLiquid(s)).not.toMatch(/\{\{|\{%|%\}|\}\}/);
    }
  });

  it('is applied to the heading and the body, not to the front matter', () => {
    const post = archivePost(
      golden({ title: 'A {{ b }}', url: 'https://e.com/?q={{x}}', contentHtml: '<p>{% if %}{{ y }}</p>' }),
      NOW,
    );
    const lines = post.split('\n');
    expect(lines[2]).toBe('title: "A {{ b }}"');
    expect(lines[11]).toBe('[A &#123;&#123; b &#125;&#125;](https://e.com/?q=%7B%7Bx%7D%7D)');
    expect(lines[15]).toBe('<p>&#123;% if %&#125;&#123;&#123; y &#125;&#125;</p>');
    expect(post.split('---').slice(2).join('---')).not.toMatch(/\{\{|\{%|%\}|\}\}/);
  });
});

describe('archivePostDate', () => {
  const at = (publishedAt: number | undefined): number => archivePostDate(golden({ publishedAt }), NOW);

  it('uses a plausible published time', () => {
    expect(at(PUBLISHED)).toBe(PUBLISHED);
    expect(at(NOW)).toBe(NOW);
    expect(at(Date.UTC(1990, 0, 1))).toBe(Date.UTC(1990, 0, 1));
  });

  it('falls back to the clip time', () => {
    expect(at(undefined)).toBe(CLIPPED);
    expect(at(NOW + 1)).toBe(CLIPPED);
    expect(at(Number.NaN)).toBe(CLIPPED);
    expect(at(Number.POSITIVE_INFINITY)).toBe(CLIPPED);
    expect(at(0)).toBe(CLIPPED);
    expect(at(Date.UTC(1989, 11, 31, 23, 59, 59))).toBe(CLIPPED);
  });

  it('never gives NaN', () => {
    expect(archivePostDate(golden({ publishedAt: undefined, clippedAt: Number.NaN }), NOW)).toBe(NOW);
  });

  it('names the file after the same instant', () => {
    expect(archivePostFileName(golden({ publishedAt: NOW + 1 }), NOW)).toMatch(/^2024-01-02-/);
    expect(archivePostFileName(golden({ publishedAt: Date.parse('2023-06-18T23:30:00-04:00') }), NOW)).toMatch(
      /^2023-06-19-/,
    );
  });
});

describe('archivePostFileName', () => {
  const name = (title: string): string => archivePostFileName(golden({ title }), NOW);

  it('cuts a title over 50 UTF-16 code units at the last word boundary within them, never mid-word', () => {
    const title = 'Blinken and Qin Gang meet for five and a half hours, differences remain';
    expect(name(title)).toBe('2023-06-18-Blinken and Qin Gang meet for five and a half.md');
    expect(name(`${'word '.repeat(9)}wordier`)).toBe(`2023-06-18-${'word '.repeat(9).trim()}.md`);
    // Chinese: any character boundary; the golden title (under 50 units) keeps its whole name.
    expect(name(`${'中'.repeat(45)}秦刚会面 双方`)).toBe(`2023-06-18-${'中'.repeat(45)}秦刚会面.md`);
    expect(name('布林肯和秦刚会面5个半小时 双方分歧未解')).toBe('2023-06-18-布林肯和秦刚会面5个半小时 双方分歧未解.md');
  });

  it('cuts the title to 50 UTF-16 code units without splitting a surrogate pair', () => {
    expect(name('a'.repeat(49) + '😀b')).toBe(`2023-06-18-${'a'.repeat(49)}.md`);
    expect(name('a'.repeat(48) + '😀b')).toBe(`2023-06-18-${'a'.repeat(48)}😀.md`);
    expect(name('字'.repeat(60))).toBe(`2023-06-18-${'字'.repeat(50)}.md`);
  });

  it('cuts before replacing, so `/` may lengthen the name', () => {
    expect(name('a'.repeat(49) + '/b')).toBe(`2023-06-18-${'a'.repeat(49)}--.md`);
  });

  it('replaces `/` and the characters file systems refuse', () => {
    expect(name('a/b')).toBe('2023-06-18-a--b.md');
    expect(name('a\\b:c*d?e"f<g>h|i')).toBe('2023-06-18-a_b_c_d_e_f_g_h_i.md');
    expect(name('a\u0001b\u007fc')).toBe('2023-06-18-a_b_c.md');
  });

  it('trims leading and trailing dots and spaces', () => {
    expect(name('..hidden')).toBe('2023-06-18-hidden.md');
    expect(name(' . title . ')).toBe('2023-06-18-title.md');
    expect(name('a'.repeat(49) + ' b')).toBe(`2023-06-18-${'a'.repeat(49)}.md`);
  });

  it('names an empty title untitled', () => {
    expect(name('')).toBe('2023-06-18-untitled.md');
    expect(name(' ... ')).toBe('2023-06-18-untitled.md');
  });
});

describe("frontMatterValue: the archive post's from: line", () => {
  const readFromLine = (post: string) => frontMatterValue(post, ['from']);

  it('reads plain and quoted values of the front matter', () => {
    expect(readFromLine(GOLDEN)).toBe(GOLDEN_URL);
    expect(readFromLine('---\nfrom: "a\\"b\\\\c: d"\n---\n')).toBe('a"b\\c: d');
    expect(readFromLine("---\nfrom: 'it''s'\n---\n")).toBe("it's");
    expect(readFromLine('---\r\nfrom: https://e.com/ # note\r\n---\r\n')).toBe('https://e.com/');
    expect(frontMatterValue('---\nfrom_url: a\nurl: b\nsource: c\n---\n', ['from', 'source', 'url'])).toBe('b');
  });

  it('reads what archivePost writes', () => {
    for (const url of ['https://e.com/a', 'yes', 'Example: News', 'a\nb', '']) {
      expect(readFromLine(archivePost(golden({ url }), NOW))).toBe(url);
    }
  });

  it('finds nothing outside front matter', () => {
    expect(readFromLine('from: https://e.com/\n')).toBeUndefined();
    expect(readFromLine('---\ntitle: x\n---\nfrom: https://e.com/\n')).toBeUndefined();
    expect(readFromLine('')).toBeUndefined();
  });
});

describe('resolvePostFileName', () => {
  const post = (from: string): string => archivePost(golden({ url: from }), NOW);
  const files = (entries: Record<string, string>) => (name: string) => entries[name];

  it('uses the name when it is free', () => {
    expect(resolvePostFileName('x.md', 'https://a/', files({}))).toBe('x.md');
  });

  it('replaces an earlier post of the same article', () => {
    expect(resolvePostFileName('x.md', 'https://a/', files({ 'x.md': post('https://a/') }))).toBe('x.md');
  });

  it('numbers a different article that would get the same name', () => {
    const existing = files({ 'x.md': post('https://a/'), 'x (2).md': post('https://b/') });
    expect(resolvePostFileName('x.md', 'https://b/', existing)).toBe('x (2).md');
    expect(resolvePostFileName('x.md', 'https://c/', existing)).toBe('x (3).md');
  });

  it('treats a file without a from line as another article', () => {
    expect(resolvePostFileName('x.md', 'https://a/', files({ 'x.md': 'notes' }))).toBe('x (2).md');
  });
});
