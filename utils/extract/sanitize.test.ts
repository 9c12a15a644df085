// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { sanitizeHtml } from './sanitize';
import { makePage } from './test-page';

const { win } = makePage('<!doctype html><title>t</title>');
const clean = (html: string) => sanitizeHtml(html, win);

describe('sanitizeHtml', () => {
  it('removes what runs, styles, embeds or submits', () => {
    const out = clean(
      '<p>a<script>alert(1)</script><style>p{}</style></p><iframe src="https://x.test/"></iframe>' +
        '<object data="x"></object><embed src="x"><form action="/f"><input name="q"><button>订阅</button>' +
        '<select><option>one</option></select><textarea>hi</textarea></form><p>b</p>',
    );
    expect(out).toBe('<p>a</p><p>b</p>');
  });

  it('removes event handlers, javascript: URLs, style, ping and data attributes', () => {
    const out = clean(
      '<img src="x.jpg" onerror="alert(1)" style="width:1px" data-src="y.jpg">' +
        '<a href="javascript:alert(1)" ping="https://t.test/" data-id="3">x</a>',
    );
    expect(out).toBe('<img src="x.jpg"><a>x</a>');
  });

  it('keeps id, tabindex and other harmless attributes', () => {
    expect(clean('<p id="aria8svgeymo56c" tabindex="0">x</p><img src="a.jpg" alt="A" width="600">')).toBe(
      '<p id="aria8svgeymo56c" tabindex="0">x</p><img src="a.jpg" alt="A" width="600">',
    );
  });

  it('keeps classes only where they name a code language', () => {
    expect(clean('<div class="post"><pre class="hljs language-js"><code class="lang-js x">a</code></pre></div>')).toBe(
      '<div><pre class="language-js"><code class="lang-js">a</code></pre></div>',
    );
  });

  it('removes comments', () => {
    expect(clean('<p>a<!-- hidden --></p>')).toBe('<p>a</p>');
  });
});
