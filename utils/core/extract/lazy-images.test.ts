// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { isPlaceholderSrc, resolveLazyImages } from './lazy-images';
import { makePage } from '../../../test/helpers/page';

function resolved(body: string): Document {
  const { doc, win } = makePage(`<!doctype html><body>${body}</body>`);
  resolveLazyImages(doc, win);
  return doc;
}
const srcs = (doc: Document) => [...doc.querySelectorAll('img')].map((img) => img.getAttribute('src'));

describe('resolveLazyImages', () => {
  it.each(['data-src', 'data-original', 'data-actualsrc', 'data-lazy-src'])('moves %s into src over a placeholder', (attr) => {
    const doc = resolved(`<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" ${attr}="/img/real.jpg">`);
    expect(srcs(doc)).toEqual(['/img/real.jpg']);
  });

  it('moves data-srcset into srcset, and gives a src-less image its largest srcset candidate', () => {
    const doc = resolved(
      '<img src="/assets/blank.gif" data-srcset="a-300.jpg 300w, a-900.jpg 900w">' +
        '<picture><source data-srcset="b.webp 1x, b@2x.webp 2x"><img srcset="c-1x.jpg 1x, c-2x.jpg 2x"></picture>',
    );
    const [first, second] = doc.querySelectorAll('img');
    expect(first!.getAttribute('srcset')).toBe('a-300.jpg 300w, a-900.jpg 900w');
    expect(first!.getAttribute('src')).toBe('a-900.jpg');
    expect(second!.getAttribute('src')).toBe('c-2x.jpg');
    expect(doc.querySelector('source')!.getAttribute('srcset')).toBe('b.webp 1x, b@2x.webp 2x');
  });

  it('uses a <noscript> fallback for the placeholder before it', () => {
    const doc = resolved('<figure><img class="lazy" src="/1x1.gif"><noscript><img src="/real.jpg" alt="Real"></noscript></figure>');
    expect(srcs(doc)).toEqual(['/real.jpg']);
    expect(doc.querySelector('img')!.getAttribute('alt')).toBe('Real');
    expect(doc.querySelector('noscript')).toBeNull();
  });

  it('reads a <noscript> whose content is raw text (pages with scripting on)', () => {
    const { doc, win } = makePage('<!doctype html><body><div id="x"></div></body>');
    const noscript = doc.createElement('noscript');
    noscript.textContent = '<img src="/from-text.jpg">';
    doc.getElementById('x')!.append(noscript);
    resolveLazyImages(doc, win);
    expect(srcs(doc)).toEqual(['/from-text.jpg']);
  });

  it('leaves real images and tracking pixels alone', () => {
    const doc = resolved('<img src="/photo.jpg"><p>text</p><noscript><img src="https://t.test/px" width="1" height="1"></noscript>');
    expect(doc.querySelector('img')!.getAttribute('src')).toBe('/photo.jpg');
    // The pixel stays inside its <noscript>, where sanitizing drops it.
    expect(doc.querySelector('noscript img')).not.toBeNull();
  });

  it('resolves every lazy attribute it knows, on images and picture sources alike', () => {
    const doc = resolved(
      '<img src="/blank.gif" data-original-src="/a.jpg"><img data-lazyload="/b.jpg"><img src="/c.jpg">' +
        '<picture><source data-lazy-srcset="d.webp 1x"><source srcset="e.webp 1x"><img src="/f.jpg"></picture>',
    );
    expect(srcs(doc)).toEqual(['/a.jpg', '/b.jpg', '/c.jpg', '/f.jpg']);
    expect([...doc.querySelectorAll('source')].map((s) => s.getAttribute('srcset'))).toEqual(['d.webp 1x', 'e.webp 1x']);
  });

  it('knows placeholders', () => {
    expect(isPlaceholderSrc('')).toBe(true);
    expect(isPlaceholderSrc('data:image/png;base64,AAAA')).toBe(true);
    expect(isPlaceholderSrc('https://x.test/static/spacer.gif')).toBe(true);
    expect(isPlaceholderSrc('https://x.test/photos/2023/bridge.jpg')).toBe(false);
  });
});
