// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { parseInert } from './dom';
import { storedBody } from './normalize-body';
import { makePage } from '../../../test/helpers/page';

const BASE = 'https://news.example.com/2023/06/18/story.html';
const { win } = makePage('<!doctype html><title>t</title>', BASE);
const norm = (html: string) => storedBody(html, win, BASE);

describe('storedBody', () => {
  it('keeps classes only where they name a code language, as the sanitizer policy says', () => {
    expect(norm('<p class="lead language-js">x</p><pre class="hljs language-js"><code class="lang-js x">a</code></pre><svg class="icon"></svg>').html).toBe(
      '<p>x</p><pre class="language-js"><code class="lang-js">a</code></pre><svg></svg>',
    );
  });

  it('is sanitized: nothing that runs, styles or submits is left', () => {
    expect(norm('<p onclick="x()" style="color:red">a<script>alert(1)</script></p><form><input name="q"></form>').html).toBe('<p>a</p>');
  });

  it('steps into lone <div> wrappers, whitespace ignored', () => {
    expect(norm('<div id="page">\n <div id="artbody">\n<p>a</p>\n<p>b</p>\n</div>\n</div>').html).toBe('<p>a</p><p>b</p>');
    // Two children: stop here, even if one of them is a div.
    expect(norm('<div><div><p>a</p></div><p>b</p></div>').html).toBe('<div><p>a</p></div><p>b</p>');
    // A lone child that is not a div stops the descent.
    expect(norm('<div><section><div><p>a</p></div></section></div>').html).toBe('<section><div><p>a</p></div></section>');
  });

  it('makes URLs absolute against the page', () => {
    const out = norm(
      '<p><a href="/gb/tag/x.html">x</a><a href="#n1">n</a><img src="img/a.jpg" srcset="a-300.jpg 300w, /b,c/a-600.jpg 600w">' +
        '<video poster="p.jpg" src="//cdn.example.com/v.mp4"></video><a href="mailto:a@b.c">m</a></p>',
    ).html;
    expect(out).toBe(
      '<p><a href="https://news.example.com/gb/tag/x.html">x</a>' +
        '<a href="https://news.example.com/2023/06/18/story.html#n1">n</a>' +
        '<img src="https://news.example.com/2023/06/18/img/a.jpg" srcset="https://news.example.com/2023/06/18/a-300.jpg 300w, https://news.example.com/b,c/a-600.jpg 600w">' +
        '<video poster="https://news.example.com/2023/06/18/p.jpg" src="https://cdn.example.com/v.mp4"></video>' +
        '<a href="mailto:a@b.c">m</a></p>',
    );
  });

  it('drops data-* and ping attributes', () => {
    expect(norm('<p data-x="1"><a href="https://a.test/" ping="https://t.test/">a</a></p>').html).toBe('<p><a href="https://a.test/">a</a></p>');
  });

  it('writes one line: newline runs become a space, whitespace between blocks goes', () => {
    const out = norm('<h2>\n  Title\n</h2>\n\n<p>one\n   two <b>bold</b>\n<i>it</i></p>  <ul>\n <li>x</li>\n</ul>');
    expect(out.html).toBe('<h2> Title </h2><p>one two <b>bold</b> <i>it</i></p><ul><li>x</li></ul>');
    // Spaces without a newline are kept as written; a no-break space is text.
    expect(norm('<p>a  b&nbsp; c</p>').html).toBe('<p>a  b&nbsp; c</p>');
  });

  it('drops whitespace between blocks even where a removed comment split it (found on ars-1)', () => {
    expect(norm('<header><h2>Title</h2> <!-- byline --> </header><figure><img src="/a.png"> <figcaption> </figcaption></figure>').html).toBe(
      '<header><h2>Title</h2></header><figure><img src="https://news.example.com/a.png"> <figcaption></figcaption></figure>',
    );
  });

  it('keeps the lines of <pre> as &#10;', () => {
    const out = norm('<pre><code>if (a) {\n  b();\n}\n</code></pre>\n<p>x</p>').html;
    expect(out).toBe('<pre><code>if (a) {&#10;  b();&#10;}&#10;</code></pre><p>x</p>');
    expect(out).not.toContain('\n');
    expect(parseInert(out, win).querySelector('code')!.textContent).toBe('if (a) {\n  b();\n}\n');
  });

  it('keeps a leading newline of a <pre> through a round trip', () => {
    const out = norm('<pre>\n\nfirst line</pre>').html;
    expect(parseInert(out, win).querySelector('pre')!.textContent).toBe('\nfirst line');
  });

  it('counts non-whitespace characters', () => {
    expect(norm('<p>布林肯 和\n秦刚</p><p>ab c</p>').textLength).toBe(9);
    expect(norm('<p>𠮷野家</p>').textLength).toBe(3);
  });
});
