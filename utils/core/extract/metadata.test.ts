// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { ldScript as ld, metadataOf as read } from '../../../test/helpers/metadata';
import { makePage, PAGE_URL } from '../../../test/helpers/page';
import { readMetadata } from './metadata';

describe('title', () => {
  it('takes og:title, then twitter:title, JSON-LD headline, the article h1, then <title>', () => {
    const all = [
      '<meta property="og:title" content="Storm hits coast">',
      '<meta name="twitter:title" content="Storm hits coast tonight">',
      ld({ '@type': 'NewsArticle', headline: 'Storm hits the coast' }),
    ];
    const title = '<title>Storm hits the coast, live</title>';
    const body = '<article><h1>Storm hits the coast hard</h1></article>';
    expect(read(`${title}${all.join('')}`, body).title).toBe('Storm hits coast');
    expect(read(`${title}${all.slice(1).join('')}`, body).title).toBe('Storm hits coast tonight');
    expect(read(`${title}${all.slice(2).join('')}`, body).title).toBe('Storm hits the coast');
    expect(read(title, body).title).toBe('Storm hits the coast hard');
    expect(read(title).title).toBe('Storm hits the coast, live');
  });

  it('skips a JSON-LD headline that agrees with neither <title> nor the headline shown (Wikipedia: a description)', () => {
    const head = `<title>New Zealand - Wikipedia</title>${ld({ '@type': 'Article', headline: 'constitutional monarchy in Oceania' })}`;
    expect(read(head, '<main><h1 id="firstHeading">New Zealand</h1></main>').title).toBe('New Zealand');
    const agreeing = `<title>Storm hits coast | Example</title>${ld({ '@type': 'NewsArticle', headline: 'Storm hits the coast' })}`;
    expect(read(agreeing).title).toBe('Storm hits the coast');
    expect(read(ld({ '@type': 'NewsArticle', headline: 'Only the headline' })).title).toBe('Only the headline');
  });

  it.each([
    ['Headline | 大纪元', '<meta property="og:site_name" content="大纪元">', 'Headline'],
    ['头条新闻标题_网易新闻', '<meta property="og:site_name" content="网易">', '头条新闻标题'],
    ['Storm hits coast - BBC News', '', 'Storm hits coast'],
    ['Storm hits coast – Example News', '<meta name="application-name" content="Example News">', 'Storm hits coast'],
    ['Biden - Xi meeting', '', 'Biden - Xi meeting'],
    ['新竹尖石_美樹營地賞楓 (2) @ 史蒂文的家_藍天', '<meta property="og:site_name" content="史蒂文的家_藍天">', '新竹尖石_美樹營地賞楓 (2)'],
    ['CNN reporters barred - CNN', '<meta property="og:site_name" content="CNN">', 'CNN reporters barred'],
    ['Trump vs. CNN - CNN reporters barred from the briefing', '<meta property="og:site_name" content="CNN">', 'Trump vs. CNN - CNN reporters barred from the briefing'],
    ['Chapter 1 [Archive of Our Own]', '<meta property="og:site_name" content="Archive of Our Own">', 'Chapter 1'],
  ])('strips the site-name suffix of %j', (title, head, expected) => {
    const url = title.includes('BBC') ? 'https://www.bbc.co.uk/news/world-1' : PAGE_URL;
    expect(read(`<meta property="og:title" content="${title}">${head}`, '', { url }).title).toBe(expected);
  });

  it('knows the site by its logo: the name in a logo element or a home link in the header', () => {
    const title = '<meta property="og:title" content="新竹尖石_美樹營地賞楓 (2) @ 史蒂文的家_藍天 :: 痞客邦 PIXNET ::">';
    const site = '<meta property="og:site_name" content="史蒂文的家_藍天">';
    const logo = '<div class="topbar__logo"><h1 class="topbar__logo__title">痞客邦 PIXNET</h1></div>';
    expect(read(title + site, logo).title).toBe('新竹尖石_美樹營地賞楓 (2)');
    const homeLink = '<header><h1><a href="/"><img alt="Archive of Our Own" src="/logo.png"> beta</a></h1></header>';
    expect(read('<meta property="og:title" content="Conversations with a Cryptid - Chapter 1 [Archive of Our Own]">', homeLink).title).toBe(
      'Conversations with a Cryptid - Chapter 1',
    );
    // A link to another page is no logo.
    expect(read('<meta property="og:title" content="Trip | Travel">', '<header><a href="/travel/">Travel</a></header>').title).toBe('Trip | Travel');
  });

  it("skips a title or byline that is only the logo's name, however long the name", () => {
    const body = (name: string) => `<div class="site-logo"><a href="/">${name}</a></div><article><h1>Storm hits the coast overnight</h1><p>Text.</p></article>`;
    expect(read('<meta property="og:title" content="Example Daily">', body('Example Daily')).title).toBe('Storm hits the coast overnight');
    // Forty characters, the longest logo name; with "İ", whose lower case is two characters, its key is longer.
    const longest = 'İstanbulChronicleChronicleChronicleDaily';
    expect(longest).toHaveLength(40);
    expect(read(`<meta property="og:title" content="${longest}">`, body(longest)).title).toBe('Storm hits the coast overnight');
    expect(read('<meta property="og:title" content="A Title Longer Than Any Logo Name Could Be">', body('Example Daily')).title).toBe(
      'A Title Longer Than Any Logo Name Could Be',
    );
    expect(read('<meta name="author" content="Exampledaily">', body('Exampledaily')).byline).toBeUndefined();
    expect(read('<meta name="author" content="Jane">', body('Exampledaily')).byline).toBe('Jane');
  });

  it.each([
    ['Get your Frontend JavaScript Code Covered | Code | Nicolas Perriault', 'Get your Frontend JavaScript Code Covered'],
    ['Lorem ipsum dolor sit amet – My website', 'Lorem ipsum dolor sit amet'],
    ['欲張りなイヌ　＜福娘童話集　きょうのイソップ童話＞', '欲張りなイヌ'],
    ['Biden - Xi meeting', 'Biden - Xi meeting'],
    ['Storm hits coast - what you need to know about it now', 'Storm hits coast - what you need to know about it now'],
  ])('drops the trailing labels of a <title> with no headline to confirm it: %j', (title, expected) => {
    expect(read(`<title>${title}</title>`).title).toBe(expected);
  });

  it('keeps the first part of a sectioned <title> when it is the headline shown', () => {
    const head = '<title>布林肯和秦刚会面 | 布林肯 | 秦刚 | 访华 | 大纪元</title><meta property="og:site_name" content="大纪元">';
    expect(read(head, '<header><h1>大纪元</h1></header><div class="x"><h1>布林肯和秦刚会面</h1></div>').title).toBe('布林肯和秦刚会面');
    expect(read(head).title).toBe('布林肯和秦刚会面');
  });

  it('skips a title that is only the site name (Yahoo) for the headline shown', () => {
    const head = '<title>Russia: Space ship breaks up</title><meta property="og:title" content="Yahoo News - Latest News &amp; Headlines"><meta name="application-name" content="Yahoo News - Latest News &amp; Headlines">';
    const body = '<header><h1>Russia: Space ship breaks up</h1></header><article><h1 class="slideshow-headline">In this photo the rocket is installed</h1></article>';
    expect(read(head, body).title).toBe('Russia: Space ship breaks up');
    // With nothing else to go by, the site name is still a title.
    expect(read('<meta property="og:title" content="Example News"><meta property="og:site_name" content="Example News">').title).toBe('Example News');
  });

  it("drops the permalink pilcrow of a documentation page's heading", () => {
    const body = '<div class="body" role="main"><h1>Evolve: Shared Mutable History<a class="headerlink" href="#evolve" title="Permalink">¶</a></h1></div>';
    expect(read('<title>Evolve: Shared Mutable History — Mercurial</title>', body).title).toBe('Evolve: Shared Mutable History');
  });

  it('collapses whitespace, line separators included', () => {
    expect(read('<meta property="og:title" content="  A\n  long\u2028title ">').title).toBe('A long title');
  });
});

describe('url', () => {
  const at = (canonical: string, url = 'https://www.example.com/news/1.html?utm_source=x&id=3#top') =>
    read(`<link rel="canonical" href="${canonical}">`, '', { url }).url;

  it('uses a canonical URL on the same site that is not the home page', () => {
    expect(at('https://www.example.com/news/1.html?utm_medium=y')).toBe('https://www.example.com/news/1.html');
    expect(at('/news/1-full.html')).toBe('https://www.example.com/news/1-full.html');
    expect(at('https://m.example.com/news/1.html')).toBe('https://m.example.com/news/1.html');
    expect(at('https://example.co.uk/a', 'https://www.example.co.uk/b')).toBe('https://example.co.uk/a');
  });

  it('falls back to the page URL without tracking parameters', () => {
    expect(at('https://www.example.com/')).toBe('https://www.example.com/news/1.html?id=3');
    expect(at('https://www.example.com')).toBe('https://www.example.com/news/1.html?id=3');
    expect(at('https://other.com/news/1.html')).toBe('https://www.example.com/news/1.html?id=3');
    expect(at('https://a.co.uk/x', 'https://b.co.uk/y')).toBe('https://b.co.uk/y');
    expect(read('', '', { url: 'https://www.example.com/a?fbclid=1&spm=2' }).url).toBe('https://www.example.com/a');
  });
});

describe('language, direction, excerpt, keywords, lead image', () => {
  it('reads lang from html lang, og:locale or content-language, and dir from html dir', () => {
    expect(read('', '', { lang: 'zh-Hans' }).lang).toBe('zh-Hans');
    expect(read('<meta property="og:locale" content="en_GB">').lang).toBe('en-GB');
    expect(read('<meta http-equiv="content-language" content="fr, en">').lang).toBe('fr');
    const { doc } = makePage('<!doctype html><html dir="rtl"><body></body></html>');
    expect(readMetadata(doc, doc.URL).dir).toBe('rtl');
  });

  it('reads the excerpt from og:description, then description', () => {
    expect(read('<meta name="description" content="D"><meta property="og:description" content="OG">').excerpt).toBe('OG');
    expect(read('<meta name="description" content=" D\n ">').excerpt).toBe('D');
  });

  it('merges keywords from article:tag, news_keywords, keywords and JSON-LD, split, trimmed, deduplicated', () => {
    const head =
      '<meta property="article:tag" content="布林肯"><meta property="article:tag" content="秦刚">' +
      '<meta name="news_keywords" content="访华, 秦刚"><meta name="keywords" content="布林肯，习近平 ,  ,Xi">' +
      ld({ '@type': 'NewsArticle', keywords: ['xi', 'G20'] });
    expect(read(head).keywords).toEqual(['布林肯', '秦刚', '访华', '习近平', 'Xi', 'G20']);
  });

  it('makes the lead image absolute', () => {
    expect(read('<meta property="og:image" content="/img/lead.jpg">').leadImage).toBe('https://news.example.com/img/lead.jpg');
    expect(read(ld({ '@type': 'NewsArticle', image: { '@type': 'ImageObject', url: 'https://cdn.test/a.jpg' } })).leadImage).toBe(
      'https://cdn.test/a.jpg',
    );
  });
});
