import { describe, expect, it } from 'vitest';
import { clipAll, parseTabs, parseUrlList, summary } from './list';

describe('parseUrlList', () => {
  it('takes one address a line, skips blank lines and # comments, keeps fragments, and reports other lines', () => {
    const text = [
      '# Morning reading',
      'https://news.example/a.html',
      '',
      '   ',
      '  https://news.example/b.html#comments  ',
      '\t# indented comment',
      'news.example/c.html',
      'ftp://news.example/d',
      'http://news.example/e?x=1\r',
      'https://',
    ].join('\n');
    expect(parseUrlList(text, 'urls.txt')).toEqual({
      targets: [
        { url: 'https://news.example/a.html', from: 'urls.txt:2' },
        { url: 'https://news.example/b.html#comments', from: 'urls.txt:5' },
        { url: 'http://news.example/e?x=1', from: 'urls.txt:9' },
      ],
      problems: [
        { from: 'urls.txt:7', text: 'news.example/c.html', message: 'Not a web address: news.example/c.html' },
        { from: 'urls.txt:8', text: 'ftp://news.example/d', message: 'Not a web address: ftp://news.example/d' },
        { from: 'urls.txt:10', text: 'https://', message: 'Not a web address: https://' },
      ],
    });
  });

  it('reads a list saved with a byte order mark and Windows line ends', () => {
    expect(parseUrlList('\uFEFFhttps://news.example/a\r\nhttps://news.example/b\r\n', 'l').targets.map((t) => t.url)).toEqual([
      'https://news.example/a',
      'https://news.example/b',
    ]);
  });
});

describe('parseTabs', () => {
  it('defaults, accepts whole numbers from 1, caps at the bound, refuses the rest', () => {
    expect(parseTabs(undefined, 4)).toBe(4);
    expect(parseTabs('2', 4)).toBe(2);
    expect(parseTabs('99', 4)).toBe(16);
    for (const bad of ['0', '-1', '2.5', 'two', '']) expect(() => parseTabs(bad, 4), bad).toThrow(/--tabs/);
  });
});

describe('clipAll', () => {
  it('clips all but the failing ones, at most N at once, with a progress line each and a summary of the failures', async () => {
    const lines: string[] = [];
    let running = 0;
    let peak = 0;
    const { targets, problems } = parseUrlList(['https://n.example/1', 'not an address', 'https://n.example/2', 'https://n.example/bad', 'https://n.example/3'].join('\n'), 'l.txt');
    const run = await clipAll(targets, {
      tabs: 2,
      problems,
      progress: true,
      log: (line) => lines.push(line),
      clipOne: async (t) => {
        peak = Math.max(peak, ++running);
        await new Promise((r) => setTimeout(r, 2));
        running--;
        if (t.url.endsWith('bad')) throw new Error('net::ERR_NAME_NOT_RESOLVED at https://n.example/bad\nCall log: …');
        return `out/_posts/${t.url.at(-1)}.md`;
      },
    });
    expect(peak).toBe(2);
    expect(run.clipped).toBe(3);
    expect(lines[0]).toBe('[1/5] failed l.txt:2 not an address: Not a web address: not an address');
    expect(lines).toHaveLength(5);
    // The order the pages end in is theirs; the counter counts up whatever it is.
    expect(lines.slice(1).map((l) => l.slice(6)).sort()).toEqual([
      'clipped l.txt:1 https://n.example/1 → out/_posts/1.md',
      'clipped l.txt:3 https://n.example/2 → out/_posts/2.md',
      'clipped l.txt:5 https://n.example/3 → out/_posts/3.md',
      'failed l.txt:4 https://n.example/bad: net::ERR_NAME_NOT_RESOLVED at https://n.example/bad',
    ]);
    expect(lines.map((l) => l.slice(0, 5))).toEqual(['[1/5]', '[2/5]', '[3/5]', '[4/5]', '[5/5]']);
    expect(summary(run)).toEqual([
      'Clipped 3 of 5 pages; 2 failed:',
      '  l.txt:2 not an address: Not a web address: not an address',
      '  l.txt:4 https://n.example/bad: net::ERR_NAME_NOT_RESOLVED at https://n.example/bad',
    ]);
  });

  it('says nothing as it goes without progress, and sums up a clean run in one line', async () => {
    const lines: string[] = [];
    const run = await clipAll([{ url: 'https://n.example/1' }], { tabs: 4, progress: false, log: (l) => lines.push(l), clipOne: async () => 'p.md' });
    expect(lines).toEqual([]);
    expect(summary(run)).toEqual(['Clipped 1 of 1 pages.']);
  });
});
