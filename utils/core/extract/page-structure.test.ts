// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { mayBeLogoKey, noiseCheck } from './page-structure';
import { makePage } from '../../../test/helpers/page';
import { looseKey } from './text';

const PAGE = `<!doctype html><html><body>
  <div id="main"><article id="story">
    <p id="text">Text <span id="inline">inline</span></p>
    <footer id="own-foot"><p id="credit">By Jane</p></footer>
    <div class="related-stories"><ul><li id="related-item"><a id="related-link">Other</a></li></ul></div>
    <div class="post-footer"><span id="post-footer-date">2019</span></div>
  </article></div>
  <aside id="page-aside"><p id="aside-text">Ad</p></aside>
  <div class="comments"><article id="comment"><p id="reply-text">Nice</p></article></div>
</body></html>`;

describe('noiseCheck', () => {
  const setup = () => {
    const { doc } = makePage(PAGE);
    const byId = (id: string) => doc.getElementById(id)!;
    return { doc, byId };
  };

  it("tells the article's own parts from related lists, comments and the page's asides", () => {
    const { byId } = setup();
    const noise = noiseCheck(byId('story'));
    expect(['text', 'inline', 'credit', 'own-foot', 'post-footer-date'].filter((id) => noise(byId(id)))).toEqual([]);
    expect(['related-item', 'related-link', 'aside-text', 'page-aside', 'reply-text'].every((id) => noise(byId(id)))).toBe(true);
  });

  it('stops at the container: a container classed as noise does not make its content noise', () => {
    const { byId } = setup();
    const noise = noiseCheck(byId('comment'));
    expect(noise(byId('reply-text'))).toBe(false);
    // Below another container, the same element sits in the comments.
    expect(noiseCheck(byId('story'))(byId('reply-text'))).toBe(true);
  });

  it('answers the same whatever order elements are asked in (answers are kept per element)', () => {
    const ids = ['related-link', 'related-item', 'text', 'inline', 'reply-text', 'credit', 'post-footer-date', 'page-aside'];
    const { byId } = setup();
    const fresh = (id: string) => noiseCheck(byId('story'))(byId(id));
    const expected = ids.map(fresh);
    for (const order of [ids, [...ids].reverse()]) {
      const noise = noiseCheck(byId('story'));
      const answers = new Map(order.map((id) => [id, noise(byId(id))]));
      expect(ids.map((id) => answers.get(id))).toEqual(expected);
      // Asked again, from the kept answers.
      expect(ids.map((id) => noise(byId(id)))).toEqual(expected);
    }
  });
});

describe('mayBeLogoKey', () => {
  it('is true of every key a logo name of up to 40 characters can have', () => {
    for (const name of ['Example', 'x'.repeat(40), 'İ'.repeat(40), 'The İstanbul Evening Chronicle Of Events', '痞客邦 PIXNET', 'Example.com']) {
      expect(name.length).toBeLessThanOrEqual(40);
      expect(mayBeLogoKey(looseKey(name))).toBe(true);
    }
  });

  it('is false of keys with spaces or dots, and of longer keys', () => {
    expect(mayBeLogoKey('jane doe')).toBe(false);
    expect(mayBeLogoKey('example.com')).toBe(false);
    expect(mayBeLogoKey('x'.repeat(41))).toBe(false);
    expect(mayBeLogoKey(looseKey('İ'.repeat(40) + 'x'))).toBe(false);
  });
});
