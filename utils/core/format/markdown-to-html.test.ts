import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { bodyPreparer } from '../backup/stored-body';
import { htmlToMarkdown, type MarkdownTarget } from './markdown';
import { markdownToHtml } from './markdown-to-html';
import { unprotectLiquid } from './site-generators';
import { extremeClips, realClips } from '../../../test/helpers/corpus';
import { testParser } from '../../../test/helpers/parser';
import { readerText, withoutHeadingAnchors } from '../../../test/helpers/text';

const prepareBody = bodyPreparer(new JSDOM('').window as unknown as Window);
/** The body the library keeps: the converter's line breaks between tags are not part of it. */
const stored = (html: string) => prepareBody(html, 'https://base.example/').html;

describe('markdownToHtml: CommonMark and GFM constructs, as stored', () => {
  const cases: Array<[string, string]> = [
    ['# Title #\n\nPara *em* **strong** ***both*** _u_ __uu__ ~~del~~', '<h1>Title</h1>\n<p>Para <em>em</em> <strong>strong</strong> <em><strong>both</strong></em> <em>u</em> <strong>uu</strong> <del>del</del></p>'],
    ['Setext\n===\n\nTwo\n---', '<h1>Setext</h1>\n<h2>Two</h2>'],
    ['a\\*b\\* snake_case_name 2*3*4 &copy; &amp;x & <b>raw</b> <x@y.z> <https://e.com/a?b>', '<p>a*b* snake_case_name 2<em>3</em>4 &copy; &amp;x &amp; <b>raw</b> <a href="mailto:x@y.z">x@y.z</a> <a href="https://e.com/a?b">https://e.com/a?b</a></p>'],
    ['line one  \nline two\\\nthree\nfour', '<p>line one<br>line two<br>three\nfour</p>'],
    ['[link](https://e.com/a_(b) "T") ![alt *x*](/i.png) [ref] [text][ref]\n\n[ref]: https://r.example "R"', '<p><a href="https://e.com/a_(b)" title="T">link</a> <img src="/i.png" alt="alt x"> <a href="https://r.example" title="R">ref</a> <a href="https://r.example" title="R">text</a></p>'],
    ['`a` and `` x`y `` and ` `` ` and `open', '<p><code>a</code> and <code>x`y</code> and <code>``</code> and `open</p>'],
    ['```js\nconst a = 1;\n\n<b>\n```\n\n    indented\n    code', '<pre><code class="language-js">const a = 1;\n\n&lt;b&gt;\n</code></pre>\n<pre><code>indented\ncode\n</code></pre>'],
    ['> quote\nlazy\n> > nested\n\n* * *', '<blockquote><p>quote\nlazy</p>\n<blockquote><p>nested</p></blockquote></blockquote>\n<hr>'],
    ['-   one\n-   two\n    1.  x\n    2.  y\n\n3. three\n4. four', '<ul><li>one</li><li>two<ol><li>x</li><li>y</li></ol></li></ul>\n<ol start="3"><li>three</li><li>four</li></ol>'],
    ['- a\n\n- b\n  continued', '<ul><li><p>a</p></li><li><p>b\ncontinued</p></li></ul>'],
    ['| a | b\\|c |\n| :-- | --: |\n| `x\\|y` | 2 |\n| 3 |', '<table><thead><tr><th align="left">a</th><th align="right">b|c</th></tr></thead><tbody><tr><td align="left"><code>x|y</code></td><td align="right">2</td></tr><tr><td align="left">3</td><td align="right"></td></tr></tbody></table>'],
    ['<div class="x">\n*not parsed*\n</div>\n\nafter', '<div class="x">\n*not parsed*\n</div>\n<p>after</p>'],
    ['这是<strong>“重要”</strong>的，**中文**强调。', '<p>这是<strong>“重要”</strong>的，<strong>中文</strong>强调。</p>'],
    ['- [x] done\n- [ ] to do', '<ul><li>[x] done</li><li>[ ] to do</li></ul>'],
    ['~one~ ~~two~~ ~~~three~~~', '<p><del>one</del> <del>two</del> ~~~three~~~</p>'],
    ['See www.example.com, https://a.example/x and me@x.example; <https://b.example/>', '<p>See www.example.com, https://a.example/x and me@x.example; <a href="https://b.example/">https://b.example/</a></p>'],
  ];
  for (const [markdown, html] of cases) {
    it(JSON.stringify(markdown.slice(0, 40)), () => expect(stored(markdownToHtml(markdown))).toBe(stored(html)));
  }
});

describe('markdownToHtml reads back what htmlToMarkdown writes', () => {
  const clips = [...realClips(), ...extremeClips()];
  const targets: MarkdownTarget[] = ['gfm', 'jekyll', 'obsidian', 'hugo'];

  for (const target of targets) {
    it(`${target}: the text of ${clips.length} real and extreme bodies survives the round trip`, () => {
      for (const clip of clips) {
        let markdown = htmlToMarkdown(clip.contentHtml, { parser: testParser, baseUrl: clip.url, target });
        if (target === 'jekyll') markdown = unprotectLiquid(markdown);
        // The headings' own anchor links are dropped on the way (markdown.ts), on purpose.
        expect(readerText(markdownToHtml(markdown)), `${clip.id} (${target})`).toBe(readerText(withoutHeadingAnchors(clip.contentHtml, [clip.url])));
      }
    });
  }

  it('keeps links, images, code languages, tables and emphasis of a real page', () => {
    const v8 = realClips().find((c) => c.id === 'v8-blog')!;
    const html = markdownToHtml(htmlToMarkdown(v8.contentHtml, { parser: testParser, baseUrl: v8.url }));
    expect(html).toContain('<pre><code class="language-c">// add.c\n#include &lt;emscripten.h&gt;\n');
    expect(html).toContain('<a href="https://github.com/WebAssembly/WASI">WASI</a>');
    const tables = realClips().find((c) => c.id === 'keep-tabular-data')!;
    const tableHtml = markdownToHtml(htmlToMarkdown(tables.contentHtml, { parser: testParser, baseUrl: tables.url }));
    expect(tableHtml).toContain('<td><img src="https://cdn.factorio.com/assets/img/blog/fff-277-finished-2.png" alt=""></td>');
  });
});
