import { describe, expect, it } from 'vitest';
import { readFrontMatter } from './front-matter-read';

const post = (...frontMatter: string[]) => ['---', ...frontMatter, '---', 'Body', ''].join('\n');
const read = (...frontMatter: string[]) => readFrontMatter(post(...frontMatter));

describe('readFrontMatter: titles the old generator broke', () => {
  it.each<[string, string[], string, string[]]>([
    ['a raw line break', ['title: "丁家喜传狱中遭酷刑', '其妻：北京用秘密关押散播恐惧"', 'date: 2020-06-18'], '丁家喜传狱中遭酷刑\n其妻：北京用秘密关押散播恐惧', ['title-line-break']],
    ['a line break before a line that looks like a key', ['title: "Breaking:', 'Trump: no deal"', 'date: 2020-06-18'], 'Breaking:\nTrump: no deal', ['title-line-break']],
    ['a line break at the end', ['title: "Line one', '"', 'date: 2020-06-18'], 'Line one\n', ['title-line-break']],
    ['a line break at the start', ['title: "', 'Line two"', 'date: 2020-06-18'], '\nLine two', ['title-line-break']],
    ['two line breaks and escaped quotes', ['title: "He said \\"no\\"', 'and', 'left"', 'author: x'], 'He said "no"\nand\nleft', ['title-line-break']],
    ['a line break as the last key', ['layout: post', 'title: "One', 'two"'], 'One\ntwo', ['title-line-break']],
    ['a Windows path', ['title: "C:\\path\\to"', 'date: 2020-06-18'], 'C:\\path\\to', ['title-backslash']],
    ['a backslash at the end', ['title: "ends in \\"', 'from: https://a.example/'], 'ends in \\', ['title-backslash']],
    ['a backslash and a line break', ['title: "\\xZZ', 'more"', 'date: 2020-06-18'], '\\xZZ\nmore', ['title-line-break', 'title-backslash']],
  ])('%s: reads the title as written, and says so', (_name, lines, title, repairs) => {
    const result = read(...lines);
    expect(result).toMatchObject({ ok: true, repairs, body: 'Body\n' });
    expect(result.ok && result.data.title).toBe(title);
  });

  it('keeps the other keys of a mended post', () => {
    const result = read('layout: post', 'title: "A', 'B"', 'date: 2020-06-18T15:48:21.000Z', 'from: https://a.example/', 'tags: [ 大纪元 ]');
    expect(result.ok && result.data).toEqual({ layout: 'post', title: 'A\nB', date: '2020-06-18T15:48:21.000Z', from: 'https://a.example/', tags: ['大纪元'] });
  });

  it('reads CRLF files alike', () => {
    const result = readFrontMatter('---\r\ntitle: "A\r\nB"\r\ndate: 2020-06-18\r\n---\r\nBody');
    expect(result.ok && [result.data.title, result.data.date, result.repairs]).toEqual(['A\nB', '2020-06-18', ['title-line-break']]);
  });

  it('leaves valid YAML as YAML reads it: escapes and indented continuations are not mended', () => {
    expect(read('title: "a\\\\b \\u4e00"')).toMatchObject({ ok: true, data: { title: 'a\\b 一' }, repairs: [] });
    expect(read('title: "folded', '  line"')).toMatchObject({ ok: true, data: { title: 'folded line' }, repairs: [] });
  });

  it('still refuses front matter broken in other ways', () => {
    expect(read('title: "fine"', 'author: "unclosed', 'date: 2020-06-18')).toMatchObject({ ok: false, kind: 'broken-yaml' });
    // An unescaped quote is no fault of the generator, which escaped every quote.
    expect(read('title: "say "hi" now"', 'date: 2020-06-18')).toMatchObject({ ok: false, kind: 'broken-yaml' });
    expect(read('title: "never closed', 'date: 2020-06-18')).toMatchObject({ ok: false, kind: 'broken-yaml' });
  });
});

describe('readFrontMatter: hostile front matter', () => {
  it('refuses an alias bomb, and reads a few aliases', () => {
    const bomb = ['a0: &a0 [x, x, x, x, x, x, x, x, x]', ...Array.from({ length: 9 }, (_, i) => `a${i + 1}: &a${i + 1} [${Array(9).fill(`*a${i}`).join(', ')}]`)];
    expect(read(...bomb)).toMatchObject({ ok: false, kind: 'broken-yaml', reason: { code: 'import-yaml-aliases' } });
    expect(read('site: &s 大纪元', 'tags: [ *s ]')).toMatchObject({ ok: true, data: { tags: ['大纪元'] } });
  });

  it('refuses a recursive alias without looping', () => {
    expect(read('a: &a [*a, 1]')).toMatchObject({ ok: false, reason: { code: 'import-too-deep' } });
  });

  it.each([
    ['20 levels of lists', `a: ${'['.repeat(20)}1${']'.repeat(20)}`, true],
    ['21 levels of lists', `a: ${'['.repeat(21)}1${']'.repeat(21)}`, false],
    ['20 levels of dashes', `a:\n${'- '.repeat(20)}x`, true],
    ['21 levels of dashes', `a:\n${'- '.repeat(21)}x`, false],
  ])('%s', (_name, line, ok) => {
    expect(read(line).ok).toBe(ok);
    if (!ok) expect(read(line)).toMatchObject({ reason: { code: 'import-too-deep', params: { limit: 20 } } });
  });

  it('counts keys and list items together, up to 1,000', () => {
    const keys = (n: number) => Array.from({ length: n }, (_, i) => `k${i}: v`);
    expect(read(...keys(1000)).ok).toBe(true);
    expect(read(...keys(1001))).toMatchObject({ ok: false, reason: { code: 'import-too-many-keys', params: { limit: 1000 } } });
    expect(read(`tags: [${Array(1000).fill('t').join(', ')}]`)).toMatchObject({ ok: false, reason: { code: 'import-too-many-keys' } });
    expect(read(`tags: [${Array(998).fill('t').join(', ')}]`).ok).toBe(true);
  });

  it('does not count brackets and commas inside quotes', () => {
    expect(read(`title: "${'[{,'.repeat(2000)}"`)).toMatchObject({ ok: true, data: { title: '[{,'.repeat(2000) } });
  });
});
