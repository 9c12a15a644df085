import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { htmlToMarkdown, type MarkdownTarget } from './markdown';
import { testParser } from '../../../test/helpers/parser';

const BASE = 'https://news.example.com/2024/05/01/story.html';
const md = (html: string, target: MarkdownTarget = 'gfm') => htmlToMarkdown(html, { parser: testParser, baseUrl: BASE, target });

const GOLDEN = readFileSync(new URL('../../../test/fixtures/golden/epochtimes-n14018244.md', import.meta.url), 'utf8');
const GOLDEN_BODY = GOLDEN.split('\n')[15] ?? '';

describe('htmlToMarkdown: CJK text', () => {
  it('keeps every paragraph of the golden article exactly as written', () => {
    const out = md(GOLDEN_BODY, 'jekyll');
    const doc = testParser.parseFromString(GOLDEN_BODY, 'text/html');
    const paragraphs = [...doc.querySelectorAll('p')].filter((p) => p.querySelector('a') === null);
    expect(paragraphs.length).toBeGreaterThan(15);
    const blocks = out.split('\n\n');
    for (const p of paragraphs) expect(blocks).toContain(p.textContent);
    expect(out).toContain('\n\n## 布林肯和秦刚会谈内容\n\n');
    expect(out).toContain('美国国务卿[布林肯](https://www.epochtimes.com/gb/tag/%E5%B8%83%E6%9E%97%E8%82%AF.html)在抵达北京后');
  });

  it('neither escapes CJK punctuation nor inserts spaces', () => {
    const text = '【大纪元讯】“坦诚、实质性”（记者）：《金融时报》——乔治敦‧梅德罗斯……～！？；「引号」『书名』〈〉';
    expect(md(`<p>${text}</p>`)).toBe(text);
    expect(md(`<p>中文<a href="/a">链接</a>中文<code>代码</code>中文<em>强调</em>中文</p>`)).toBe(
      '中文[链接](https://news.example.com/a)中文`代码`中文*强调*中文',
    );
  });

  it('writes emphasis as HTML where CommonMark would not read the delimiters next to punctuation', () => {
    expect(md('<p>这是<strong>“重要”</strong>的</p>')).toBe('这是<strong>“重要”</strong>的');
    expect(md('<p>这是<strong>重要</strong>的</p>')).toBe('这是**重要**的');
    expect(md('<p>“<strong>“重要”</strong>”</p>')).toBe('“**“重要”**”');
    expect(md('<p>a <em>(b)</em> c</p>')).toBe('a *(b)* c');
    expect(md('<p>x<em>(b)</em>y</p>')).toBe('x<em>(b)</em>y');
  });
});

describe('htmlToMarkdown: escaping', () => {
  it('escapes line-start syntax only at the start of a line', () => {
    expect(md('<p>- a</p><p>+ b</p><p>1. c</p><p>2) d</p><p># e</p><p>&gt; f</p><p>=== g</p>')).toBe(
      '\\- a\n\n\\+ b\n\n1\\. c\n\n2\\) d\n\n\\# e\n\n\\> f\n\n\\=== g',
    );
    expect(md('<p>a - b + c 1. d # e &gt; f = g</p>')).toBe('a - b + c 1. d # e > f = g');
    expect(md('<p>x<br>- y</p>')).toBe('x  \n\\- y');
    expect(md('<ul><li>- a</li></ul>')).toBe('-   \\- a');
    expect(md('<p><b>x</b>- y</p>')).toBe('**x**- y');
  });

  it('escapes inline syntax everywhere, and text that looks like HTML or a character reference', () => {
    expect(md('<p>a_b *c* [d](e) `f` g|h ~i~ \\j</p>')).toBe('a\\_b \\*c\\* \\[d\\](e) \\`f\\` g\\|h \\~i\\~ \\\\j');
    expect(md('<p>&lt;b&gt;bold&lt;/b&gt; &amp;amp; &amp;#123; a &lt; b &amp; c</p>')).toBe(
      '&lt;b>bold&lt;/b> &amp;amp; &amp;#123; a < b & c',
    );
  });

  it('adds the escapes kramdown and Obsidian need, only for them', () => {
    const html = '<p>$$x$$ costs $5 {:.c} ==hi== %%no%% a #tag</p><p>: def</p>';
    expect(md(html, 'gfm')).toBe('$$x$$ costs $5 {:.c} ==hi== %%no%% a #tag\n\n: def');
    expect(md(html, 'jekyll')).toBe('\\$\\$x\\$\\$ costs $5 \\{:.c} ==hi== %%no%% a #tag\n\n\\: def');
    expect(md(html, 'obsidian')).toBe('\\$\\$x\\$\\$ costs \\$5 {:.c} \\=\\=hi\\=\\= \\%\\%no\\%\\% a \\#tag\n\n: def');
  });
});

describe('htmlToMarkdown: structure', () => {
  it('writes tables with and without a header row, escaping pipes and joining cell lines', () => {
    expect(md('<table><thead><tr><th align="right">H|1</th><th>H2</th></tr></thead><tbody><tr><td><code>a|b</code></td><td><p>x</p><p>y</p></td></tr></tbody></table>')).toBe(
      '| H\\|1 | H2 |\n| ---: | --- |\n| `a\\|b` | x<br>y |',
    );
    expect(md('<table><caption>Results</caption><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>')).toBe(
      'Results\n\n|   |   |\n| --- | --- |\n| a | b |\n| c |   |',
    );
  });

  it('keeps tables Markdown cannot hold as one-line HTML, unescaped', () => {
    const out = md('<table><tr><td rowspan="2">a*b</td><td><pre>x\n\ny</pre></td></tr></table>');
    expect(out).toBe('<table><tbody><tr><td rowspan="2">a*b</td><td><pre>x&#10;&#10;y</pre></td></tr></tbody></table>');
  });

  it('fences code with its language and a fence longer than any inside', () => {
    expect(md('<pre class="lang-python"><code>print("*x*")\n</code></pre>')).toBe('```python\nprint("*x*")\n```');
    expect(md('<pre><code class="language-ts">a\n```\nb</code></pre>')).toBe('````ts\na\n```\nb\n````');
    expect(md('<div class="highlight highlight-source-js"><pre>x<br>y</pre></div>')).toBe('```js\nx\ny\n```');
    expect(md('<p>use <code>a ` b</code> and <kbd>Ctrl</kbd></p>')).toBe('use ``a ` b`` and `Ctrl`');
  });

  it('makes links and images absolute and keeps figure captions as captions', () => {
    expect(md('<figure><img src="../img/a b.jpg" alt="A [pic]"><figcaption>Photo: <a href="/x_(1)">AP</a></figcaption></figure>')).toBe(
      '![A \\[pic\\]](https://news.example.com/2024/05/img/a%20b.jpg)\n\n*Photo: [AP](<https://news.example.com/x_(1)>)*',
    );
  });

  it('writes headings, lists, quotes, strikethrough and superscripts', () => {
    expect(md('<h3>Title #</h3><ul><li>one</li><li>two<ol><li>x</li></ol></li></ul><blockquote><p>q</p></blockquote><p><del>old</del> x<sup>2</sup></p>')).toBe(
      '### Title \\#\n\n-   one\n-   two\n    1.  x\n\n> q\n\n~~old~~ x<sup>2</sup>',
    );
  });
});

describe('htmlToMarkdown: site generators', () => {
  const html = '<p>{{ page.title }} and {% include x %}</p><pre><code>{{ code }}</code></pre>';

  it('protects Liquid delimiters for Jekyll, in prose and in code', () => {
    expect(md(html, 'jekyll')).toBe('{{ "{{" }} page.title }} and {{ "{%" }} include x %}\n\n```\n{{ "{{" }} code }}\n```');
  });

  it('protects Hugo shortcode delimiters for Hugo only', () => {
    expect(md('<p>{{&lt; x &gt;}} {{% y %}} {{ z }}</p>', 'hugo')).toBe('&#123;{< x >}} &#123;{% y %}} {{ z }}');
    expect(md(html, 'gfm')).toBe('{{ page.title }} and {% include x %}\n\n```\n{{ code }}\n```');
  });
});

describe('htmlToMarkdown: figures and heading anchors', () => {
  const FIXTURE = readFileSync(new URL('../../../test/fixtures/markdown/figures-and-anchors.html', import.meta.url), 'utf8');
  const EXPECTED = [
    '## The vote',
    'Lawmakers met on Tuesday.',
    '![The chamber](https://news.example.com/img/chamber.jpg)',
    '*The chamber before the vote. *Photo:* [Agency](https://agency.example/photos/1)*',
    '### Results',
    'The bill passed.',
    '![](https://cdn.example/map.png)',
    '*图：投票结果（来源：选举委员会）*',
    '## Reactions',
    '## What comes next',
    '## Read more on [the analysis](https://other.example/analysis)',
    '## Section',
    '> We will keep going.',
    '*— The speaker*',
    '![Empty](https://news.example.com/img/empty.jpg)',
  ].join('\n\n');

  it.each(['gfm', 'jekyll', 'hugo', 'obsidian'] as const)('%s: captions are italic lines under their image; anchors and permalinks are gone', (target) => {
    expect(md(FIXTURE, target)).toBe(EXPECTED);
  });

  it('reads the caption back as emphasis, not as a paragraph of article text', async () => {
    const { markdownToHtml } = await import('./markdown-to-html');
    const html = markdownToHtml(md(FIXTURE));
    expect(html).toContain('<p><em>图：投票结果（来源：选举委员会）</em></p>');
    expect(html).not.toMatch(/#the-vote|#results|#next|#reactions|¶/);
  });

  it('knows the page by its addresses even when the URLs are final (images stored in a zip)', () => {
    const html = '<h2>Intro <a href="https://news.example.com/2024/05/01/story.html#intro">link</a></h2><h2>Away <a href="https://other.example/x#intro">link</a></h2>';
    expect(htmlToMarkdown(html, { parser: testParser, pageUrls: [BASE] })).toBe('## Intro link\n\n## Away [link](https://other.example/x#intro)');
  });

  it('keeps a heading link to another page, and an image link in a heading', () => {
    expect(md('<h2><a href="https://other.example/"><img src="https://cdn.example/logo.png" alt="Logo"></a> News</h2>')).toBe(
      '## [![Logo](https://cdn.example/logo.png)](https://other.example/) News',
    );
  });
});
