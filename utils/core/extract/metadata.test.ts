// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { readMetadata, type MetadataOptions } from './metadata';
import { makePage, NOW, PAGE_URL } from '../../../test/helpers/page';

function read(head: string, body = '', options: MetadataOptions & { lang?: string; url?: string } = {}) {
  const lang = options.lang === undefined ? '' : ` lang="${options.lang}"`;
  const { doc } = makePage(`<!doctype html><html${lang}><head>${head}</head><body>${body}</body></html>`, options.url ?? PAGE_URL);
  return readMetadata(doc, doc.URL, { now: NOW, ...options });
}
const ld = (data: unknown) => `<script type="application/ld+json">${JSON.stringify(data)}</script>`;

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

describe('byline and source', () => {
  it('reads JSON-LD authors: object, array, @graph, @id references', () => {
    expect(read(ld({ '@type': 'NewsArticle', author: { '@type': 'Person', name: 'Jane Doe' } })).byline).toBe('Jane Doe');
    expect(read(ld({ '@type': 'Article', author: [{ name: 'Jane Doe' }, 'John Roe'] })).byline).toBe('Jane Doe, John Roe');
    const graph = {
      '@context': 'https://schema.org',
      '@graph': [
        { '@type': 'WebPage', '@id': '#page' },
        { '@type': 'BlogPosting', headline: 'x', author: { '@id': '#jane' } },
        { '@type': 'Person', '@id': '#jane', name: 'Jane Doe' },
      ],
    };
    expect(read(ld(graph)).byline).toBe('Jane Doe');
  });

  it('reads meta author, article:author (names only), rel=author and itemprop=author', () => {
    expect(read('<meta name="author" content="张三，李四">').byline).toBe('张三, 李四');
    expect(read('<meta property="article:author" content="https://www.facebook.com/jane">').byline).toBeUndefined();
    expect(read('<meta property="article:author" content="Jane Doe">').byline).toBe('Jane Doe');
    expect(read('', '<article><h1>T</h1><a rel="author" href="/u/jane">Jane Doe</a></article>').byline).toBe('Jane Doe');
    expect(read('', '<article><span itemprop="author" itemscope><span itemprop="name">Jane Doe</span></span></article>').byline).toBe(
      'Jane Doe',
    );
  });

  it('reads the credit line of the article header', () => {
    const body = (meta: string) => `<article><h1>标题</h1><div class="info">${meta}</div><p>${'正文内容。'.repeat(30)}</p></article>`;
    expect(read('', body('2023-06-18 11:48 来源：新华社 作者：张三 责任编辑：李四')).byline).toBe('张三');
    expect(read('', body('2023-06-18 11:48 来源：新华社 作者：张三 责任编辑：李四')).source).toBe('新华社');
    expect(read('', body('<span>新华社记者</span> <span>王五 赵六</span>')).byline).toBe('王五, 赵六');
    expect(read('', `<article><h1>Title</h1><p class="byline">By Jane Doe and John Roe | June 18, 2023</p><p>${'Text. '.repeat(60)}</p></article>`).byline).toBe(
      'Jane Doe, John Roe',
    );
  });

  it('reads credits after a dateline, before a day-month date, and co-authors in parentheses', () => {
    const header = (line: string) => `<article><h1>Title</h1><div class="meta">${line}</div><p>${'Text of the story. '.repeat(20)}</p></article>`;
    expect(read('', header('Tuesday 15 October 2019 by Bradley M. Kuhn')).byline).toBe('Bradley M. Kuhn');
    expect(read('', header('by Lucas Nolan 22 Dec 2016 651')).byline).toBe('Lucas Nolan');
    expect(read('', header('Photo by Jane Doe')).byline).toBeUndefined();
    expect(read('<meta name="author" content="Bradley M. Kuhn (http://ebb.org/bkuhn/)">').byline).toBe('Bradley M. Kuhn');
    const lemonde = '<article><h1>T</h1><span itemprop="author"><a href="/j/mu/">Martin Untersinger</a> (avec Damien Leloup et Morgane Tual)</span></article>';
    expect(read('', lemonde).byline).toBe('Martin Untersinger, Damien Leloup, Morgane Tual');
  });

  it('never takes a JSON-LD author that is only a URL', () => {
    expect(read(ld({ '@type': 'NewsArticle', author: { '@type': 'Person', url: 'https://example.com/staff/jane' } })).byline).toBeUndefined();
    expect(read(ld({ '@type': 'NewsArticle', author: 'https://www.facebook.com/jane.doe' })).byline).toBeUndefined();
    expect(read(ld({ '@type': 'NewsArticle', author: [{ '@type': 'Person', name: 'https://x.com/jd' }, { name: 'Jane Doe' }] })).byline).toBe('Jane Doe');
  });

  it('does not take "记者会" (press conference) in a summary line for a credit', () => {
    const body = `<article><h1>标题</h1><div class="summary">外交部发言人在记者会上表示反对</div><p>${'正文内容。'.repeat(30)}</p></article>`;
    expect(read('', body).byline).toBeUndefined();
  });

  it('never takes a URL, a date, an editor or an outlet for a byline', () => {
    expect(read('<meta name="author" content="https://example.com/staff/jane">').byline).toBeUndefined();
    expect(read('<meta name="author" content="2023-06-18">').byline).toBeUndefined();
    expect(read('<meta name="author" content="责任编辑：高静">').byline).toBeUndefined();
    const outlet = read('<meta name="author" content="来源：新华社">');
    expect(outlet.byline).toBeUndefined();
    expect(outlet.source).toBe('新华社');
  });

  it('never reads names from the article paragraphs', () => {
    const body =
      '<article><h1>布林肯和秦刚会面</h1><div class="post-meta"><time datetime="2023-06-18T11:48:21-04:00">2023-06-18 11:48</time></div>' +
      `<div id="artbody"><p>【大纪元2023年06月18日讯】（大纪元记者张婷综合报导）${'正文内容。'.repeat(40)}</p><p>责任编辑：高静#</p></div></article>`;
    const meta = read('<meta property="og:site_name" content="大纪元">', body);
    expect(meta.byline).toBeUndefined();
    expect(meta.source).toBeUndefined();
  });

  it('prefers the Dublin Core creator to meta author, and writes inverted creators name first', () => {
    // Readability's test pages mark the meta author they must lose to dc:creator "FAIL".
    const head = '<meta property="dc:creator twitter:site_name" content="Creator Name"><meta name="author" content="FAIL">';
    expect(read(head).byline).toBe('Creator Name');
    const ietf = '<meta name="DC.Creator" content="Kooman, F."><meta name="DC.Creator" content="Jong, Michiel de">';
    expect(read(ietf).byline).toBe('F. Kooman, Michiel de Jong');
    // Two spellings of one field are one value, not two authors.
    expect(read('<meta property="dc:creator" content="Jane Doe"><meta name="DC.creator" content="J. Doe">').byline).toBe('Jane Doe');
  });

  it("drops a meta author that the article's own author link contradicts (the site's operator)", () => {
    const head = '<meta name="author" content="Organization for Transformative Works">';
    const work = (name: string) => `<div id="workskin"><h2 class="title">Cryptid</h2><h3 class="byline"><a rel="author" href="/users/x">${name}</a></h3><p>${'Text. '.repeat(60)}</p></div>`;
    expect(read(head, work('AMournfulHowl')).byline).toBe('AMournfulHowl');
    expect(read('<meta name="author" content="Jane Doe">', work('Jane Doe')).byline).toBe('Jane Doe');
    // An author link in a related list says nothing about this page's author.
    expect(read('<meta name="author" content="Jane Doe">', '<article><h1>T</h1></article><aside><a rel="author" href="/u">Other</a></aside>').byline).toBe('Jane Doe');
  });

  it('never takes the responsible editor that Chinese sites put in meta author (or Readability repeats)', () => {
    const body = `<div class="l_tit">海外留学生看两会</div><div class="l_time">发稿时间：2017-03-10 08:42:00</div><div><p>${'正文内容。'.repeat(40)}</p><div>责任编辑：崔宁宁</div></div>`;
    expect(read('<meta name="author" content="青网校园崔宁宁">', body).byline).toBeUndefined();
    expect(read('', body, { readability: { byline: '青网校园崔宁宁' } }).byline).toBeUndefined();
    expect(read('<meta name="author" content="王芳">', body).byline).toBe('王芳');
  });

  it('reads a labelled credit line that closes the article text, never its sentences', () => {
    const body = (last: string) =>
      `<article><h1>宇航员在太空中喝酒会怎么样</h1><div class="info">2017-03-10 09:58 来源：网易科学人</div>` +
      `<div id="content"><p>${'正文内容。'.repeat(40)}</p><p>原标题：他晚于阿姆斯特朗登月</p>${last}</div></article>`;
    expect(read('', body('<p><strong>作者︱春春</strong></p>'), { lang: 'zh-CN' }).byline).toBe('春春');
    expect(read('', body('<p>春春说这是一个问题。</p>'), { lang: 'zh-CN' }).byline).toBeUndefined();
  });

  it('never takes a button for a byline, and reads "Story by Author" above the headline', () => {
    const body =
      '<div class="fic-header"><a href="/fiction/1"><h2>Super Supportive</h2></a> <span>by</span> <h3><a href="/profile/2">Sleyca</a></h3>' +
      `<h1>ONE HUNDRED TWO: What kind of wordchain?</h1></div><div class="chapter"><p>${'Text. '.repeat(60)}</p></div>` +
      '<form class="follow-author-form"><button>Follow Author</button></form>';
    expect(read('', body, { readability: { byline: 'Follow Author' } }).byline).toBe('Sleyca');
    expect(read('', '', { readability: { byline: 'Follow Author' } }).byline).toBeUndefined();
  });

  it("takes Readability's byline only when the article header shows it (not a nav link or a related story's credit)", () => {
    const page = (header: string) =>
      `<nav><ul><li id="bylines"><a href="/bylines">個人</a></li></ul></nav><article><h1>Story</h1><div class="attr">${header}</div><p>${'Text. '.repeat(60)}</p></article>` +
      '<div class="more"><span class="byline"><a href="/writer/jr">Joanna Rothkopf</a></span></div>';
    expect(read('', page('<div class="author-name">NATALIYA VASILYEVA</div>'), { readability: { byline: 'NATALIYA VASILYEVA' } }).byline).toBe('NATALIYA VASILYEVA');
    expect(read('', page(''), { readability: { byline: '個人' } }).byline).toBeUndefined();
    expect(read('', page(''), { readability: { byline: 'Joanna Rothkopf' } }).byline).toBeUndefined();
  });

  it('takes a JSON-LD Person author even when the site bears the same name, never an outlet', () => {
    const site = '<meta property="og:site_name" content="Haki Benita">';
    const article = (type: string) => ld({ '@type': 'Article', author: { '@type': type, name: 'Haki Benita' } });
    expect(read(site + article('Person')).byline).toBe('Haki Benita');
    expect(read(site + article('Organization')).byline).toBeUndefined();
    expect(read('<meta property="og:site_name" content="BBC News"><meta name="author" content="BBC News">').byline).toBeUndefined();
  });

  it('reads an unlabelled name in a header element classed as the author, up to its date', () => {
    const body = (cls: string) =>
      `<article><h1>Raspberry Pi 3 becomes the bestselling computer</h1><div class="${cls}"><i class="fa fa-user"></i> <a href="/latest?author=joewee">Joe Wee</a>` +
      ` <i class="fa fa-clock-o"></i> <span>Monday, February 29, 2016 @ 11:10 PM UTC</span></div><p>${'Text. '.repeat(60)}</p></article>`;
    expect(read('', body('article-author')).byline).toBe('Joe Wee');
    // Without the class, an unlabelled name in the header is not taken for the author.
    expect(read('', body('article-info')).byline).toBeUndefined();
  });

  it("reads the credit line in the article's own footer", () => {
    const body = (footer: string) => `<main><article><h1>Emscripten and the LLVM backend</h1><p>${'Text. '.repeat(60)}</p><footer>${footer}</footer></article></main><footer id="footer"><p>Posted by Webmaster.</p></footer>`;
    expect(read('', body('<p>Posted by Alon Zakai.</p>')).byline).toBe('Alon Zakai');
    expect(read('', body('<p>Retweet this article!</p>')).byline).toBeUndefined();
  });

  it('never reads names from related lists or comments', () => {
    const body = `<article><h1>Title</h1><p>${'Text. '.repeat(60)}</p></article><aside><a rel="author" href="/u/x">Other Writer</a></aside><div class="comments"><span itemprop="author">Commenter</span></div>`;
    expect(read('', body).byline).toBeUndefined();
  });
});

describe('site name', () => {
  it('skips a site name that is an address', () => {
    expect(read('<meta property="og:site_name" content="http://www.tmz.com"><meta name="application-name" content="TMZ.COM">').siteName).toBe('TMZ.COM');
  });

  it('takes og:site_name, JSON-LD publisher, application-name, else the host', () => {
    expect(read('<meta property="og:site_name" content="大纪元">').siteName).toBe('大纪元');
    expect(read(ld({ '@type': 'NewsArticle', publisher: { '@type': 'Organization', name: 'Example Times' } })).siteName).toBe('Example Times');
    expect(read('<meta name="application-name" content="Example App">').siteName).toBe('Example App');
    expect(read('', '', { url: 'https://www.example.org/a/b.html' }).siteName).toBe('example.org');
  });
});

describe('dates', () => {
  /** An address with no date in it: the dates below come from the page alone. */
  const url = 'https://news.example.com/world/story.html';
  const published = (head: string, body = '', lang?: string) => read(head, body, { lang, url }).publishedAt;
  const expected = Date.parse('2023-06-18T15:48:21Z');

  it.each([
    ['article:published_time', '<meta property="article:published_time" content="2023-06-18T11:48:21-04:00">'],
    ['JSON-LD', ld({ '@type': 'NewsArticle', datePublished: '2023-06-18T15:48:21Z' })],
    ['JSON-LD @graph', ld({ '@graph': [{ '@type': 'WebSite' }, { '@type': ['NewsArticle'], datePublished: ['2023-06-18T15:48:21Z'] }] })],
    ['JSON-LD array', ld([{ '@type': 'BreadcrumbList' }, { '@type': 'Article', datePublished: '2023-06-18T15:48:21Z' }])],
    ['itemprop', '<meta itemprop="datePublished" content="2023-06-18T15:48:21Z">'],
    ['parsely-pub-date', '<meta name="parsely-pub-date" content="2023-06-18T15:48:21Z">'],
    ['sailthru.date', '<meta name="sailthru.date" content="2023-06-18 15:48:21 +0000">'],
    ['DC.date', '<meta name="DC.date" content="2023-06-18T15:48:21Z">'],
    ['pubdate', '<meta name="pubdate" content="2023-06-18T15:48:21Z">'],
  ])('reads %s', (_name, head) => {
    expect(published(head)).toBe(expected);
  });

  it('reads <time datetime> and visible dates in the article header', () => {
    const header = (meta: string) => `<article><h1>T</h1><div class="meta">${meta}</div><p>${'Text. '.repeat(60)}</p></article>`;
    expect(published('', header('<time datetime="2023-06-18T15:48:21Z">June 18</time>'))).toBe(expected);
    expect(published('', header('发布时间：2023-06-18 23:48:21'), 'zh-CN')).toBe(expected);
    expect(published('', header('2023年06月18日 23:48'), 'zh')).toBe(Date.parse('2023-06-18T15:48:00Z'));
    expect(published('', header('Published June 18, 2023'))).toBe(Date.parse('2023-06-18T00:00:00Z'));
    const both = read('', header('2023/6/17 Updated 2023/6/18 10:00'), { lang: 'en' });
    expect(both.publishedAt).toBe(Date.parse('2023-06-17T00:00:00Z'));
    expect(both.modifiedAt).toBe(Date.parse('2023-06-18T10:00:00Z'));
  });

  it('reads zone-less times in the zone the page implies, never the machine zone', () => {
    const head = '<meta property="article:published_time" content="2023-06-18 11:48">';
    expect(published(head, '', 'zh-Hans')).toBe(Date.parse('2023-06-18T03:48:00Z'));
    expect(published(head, '', 'ja')).toBe(Date.parse('2023-06-18T02:48:00Z'));
    expect(published(head, '', 'ko')).toBe(Date.parse('2023-06-18T02:48:00Z'));
    expect(published(head, '', 'en')).toBe(Date.parse('2023-06-18T11:48:00Z'));
    expect(published(head, '<p>美国国务卿布林肯在抵达北京后与中共外交部长举行了会面。</p>')).toBe(Date.parse('2023-06-18T03:48:00Z'));
  });

  it('rejects future and pre-1990 dates and moves on to the next source', () => {
    const future = '<meta property="article:published_time" content="2030-01-01T00:00:00Z">';
    const old = '<meta name="pubdate" content="1970-01-01T00:00:00Z">';
    const good = '<meta name="DC.date" content="2023-06-18T15:48:21Z">';
    expect(published(future + old)).toBeUndefined();
    expect(published(future + old + good)).toBe(expected);
  });

  it('never reads dates from related lists, comments or the footer', () => {
    const body =
      `<article><h1>T</h1><p>${'Text. '.repeat(60)}</p></article>` +
      '<section class="related-posts"><time datetime="2023-06-01T00:00:00Z">x</time><span itemprop="datePublished">2023-06-01</span></section>' +
      '<footer>2023-06-02 10:00</footer><div id="comments"><time datetime="2023-06-03T00:00:00Z">y</time></div>';
    expect(published('', body)).toBeUndefined();
  });

  it('never takes the date of a related list that comes before the article in the page', () => {
    const body =
      '<div class="related-stories"><h3>Earlier</h3><span class="date">2023-06-01 08:00</span><time datetime="2023-06-01T00:00:00Z">June 1</time>' +
      '<span itemprop="datePublished">2023-06-01</span><abbr class="published" title="2023-06-01T00:00:00Z">x</abbr></div>' +
      `<article><h1>标题</h1><div class="info">2023年06月18日 23:48 来源：新华社</div><p>${'正文内容。'.repeat(40)}</p></article>`;
    expect(published('', body, 'zh-CN')).toBe(Date.parse('2023-06-18T15:48:00Z'));
  });

  it('never reads a list of other stories just above the headline as its dateline, whatever its class', () => {
    const stories = '<div class="top"><ul><li><a href="/a">A story</a> <span>June 1, 2023</span></li><li><a href="/b">B story</a> <span>June 2, 2023</span></li></ul></div>';
    const text = `<p>${'Text. '.repeat(60)}</p>`;
    // Outside the article's own element, and (with no such element) past a list of links.
    expect(published('', `${stories}<article><h1>T</h1><div class="meta">June 18, 2023</div>${text}</article>`)).toBe(Date.parse('2023-06-18T00:00:00Z'));
    expect(published('', `${stories}<article><h1>T</h1>${text}</article>`)).toBeUndefined();
    expect(published('', `<div class="col">${stories}<h1>T</h1>${text}</div>`)).toBeUndefined();
  });

  it("reads the article's own footer and aside, hAtom dates and unambiguous numeric dates", () => {
    const aside = `<article><h1>T</h1><p>${'Text. '.repeat(60)}</p><aside><time datetime="2013-09-29" itemprop="datePublished">2013-09-29</time></aside></article>`;
    expect(published('', aside)).toBe(Date.parse('2013-09-29T00:00:00Z'));
    const footer = `<article><h1>T</h1><p>${'Text. '.repeat(60)}</p><footer>Posted <time class="entry-date" datetime="2013-09-29T10:00:00Z">Sep 29</time></footer></article>`;
    expect(published('', footer)).toBe(Date.parse('2013-09-29T10:00:00Z'));
    const blogger =
      '<div class="post hentry"><h3 class="post-title">Open flow</h3><p>' + 'Text. '.repeat(60) + '</p>' +
      '<div class="post-footer"><abbr class="published" itemprop="datePublished" title="2016-05-08T00:55:00-07:00">12:55 AM</abbr></div></div>';
    expect(published('<meta property="og:title" content="Open flow">', blogger)).toBe(Date.parse('2016-05-08T07:55:00Z'));
    expect(published('<meta name="publishdate" content="05/29/2007 09:49:00">')).toBe(Date.parse('2007-05-29T09:49:00Z'));
    expect(published('<meta name="publishdate" content="05/06/2007">')).toBeUndefined();
  });

  it('finds the dateline under a headline that is no h1, by the title it shows', () => {
    const body =
      '<header class="site"><h1><a href="/">Silicon Exposed</a></h1></header>' +
      `<div class="entry"><h2>Friday Facts #282 - 0.17 in sight</h2><div>Posted by kovarex on 2019-02-15</div><p>${'Text. '.repeat(60)}</p></div>`;
    const meta = read('<title>Friday Facts #282 - 0.17 in sight | Factorio</title><meta property="og:site_name" content="Factorio.com">', body);
    expect(meta.publishedAt).toBe(Date.parse('2019-02-15T00:00:00Z'));
    expect(meta.title).toBe('Friday Facts #282 - 0.17 in sight');
  });

  it('reads a dateline just above the headline, never a related list there', () => {
    const page = (before: string) => `<div class="articleInner">${before}<h1>The sharing economy is a lie</h1><p>${'Text. '.repeat(60)}</p></div>`;
    expect(published('', page('<span class="dateline"><span>Sunday, Feb 1, 2015 11:57 AM UTC</span></span>'))).toBe(Date.parse('2015-02-01T11:57:00Z'));
    expect(published('', page('<ul class="related-posts"><li>Older story, Jan 5, 2015</li></ul>'))).toBeUndefined();
  });

  it('reads the date in the list item before the title\'s, past logo and blog-name h1s (PIXNET)', () => {
    const title = '新竹尖石 (2) @ 史蒂文的家 :: 痞客邦 ::';
    const head = `<title>${title}</title><meta property="og:title" content="${title}"><meta property="og:site_name" content="史蒂文的家">`;
    const body =
      '<div class="topbar__logo"><h1>痞客邦</h1></div><h1><a href="/blog">史蒂文的家</a></h1>' +
      '<ul class="article-head"><li class="publish"><span>Dec </span><span>28 </span><span>Sat </span><span>2013 </span><span>00:28</span></li>' +
      `<li class="title"><h2><a href="/post/1">新竹尖石 (2)</a></h2></li></ul><div class="article-body"><p>${'正文内容。'.repeat(40)}</p></div>`;
    expect(published(head, body, 'zh-TW')).toBe(Date.parse('2013-12-27T16:28:00Z'));
  });

  it('finds the headline h1 even when a story list before it repeats the headline in an h3', () => {
    const head = '<title>Russia: Space ship breaks up</title><meta property="og:title" content="Yahoo News">';
    const body =
      '<div class="stream"><h3><a href="/news/1">Russia: Space ship breaks up</a></h3><div class="info"><time datetime="2016-11-30T10:00:00Z">Nov 30</time></div></div>' +
      '<header><h1>Russia: Space ship breaks up</h1></header><div class="attr"><time class="date" datetime="2016-12-01T23:29:49.000Z">December 2, 2016</time></div>' +
      `<article><h1 class="slideshow-headline">In this photo the rocket is installed</h1><p>${'Text. '.repeat(60)}</p></article>`;
    expect(published(head, body)).toBe(Date.parse('2016-12-01T23:29:49Z'));
  });

  it('reads a short date paragraph under the headline and a dateline opening the first paragraph', () => {
    const quanta = `<h1>The Hidden Heroines of Chaos</h1><div><h6 class="byline">By Joshua Sokol</h6><p class="h6"><em>May 20, 2019</em></p></div><p>${'Text. '.repeat(60)}</p>`;
    expect(published('', quanta)).toBe(Date.parse('2019-05-20T00:00:00Z'));
    const webmd = (first: string) => `<div id="textArea"><h2>Babies Who Eat Peanuts Early</h2><div class="author_fmt">By Brenda Goodman</div><h3></h3><p></p><p>${first} ${'Text. '.repeat(60)}</p></div>`;
    const head = '<meta property="og:title" content="Babies Who Eat Peanuts Early">';
    expect(published(head, webmd('Feb. 23, 2015 -- Life-threatening peanut allergies have risen.'))).toBe(Date.parse('2015-02-23T00:00:00Z'));
    // A date inside the story's first sentence is about the story, not its publication.
    expect(published(head, webmd('On January 23, 1998, Netscape made two announcements.'))).toBeUndefined();
  });

  it('reads the header of a page laid out in a table, and month-first numeric dates with a zone', () => {
    const lwn =
      '<table><tr><td class="MidColumn"><div class="PageHeadline"><h1>LWN.net Weekly Edition</h1></div><div class="ArticleText">' +
      `<h2 class="SummaryHL">A trademark battle</h2><div class="FeatureByline">By <b>Nathan Willis</b><br>March 25, 2015</div><p>${'Text. '.repeat(60)}</p></div></td></tr></table>`;
    const meta = read('', lwn, { url });
    expect(meta.publishedAt).toBe(Date.parse('2015-03-25T00:00:00Z'));
    expect(meta.byline).toBe('Nathan Willis');
    const tmz = `<div class="breadcrumbs"><h1>Dress stolen</h1></div><article><h2>Lupita</h2><h5 class="article-posted-date">2/26/2015 7:11 AM PST BY TMZ STAFF</h5><p>${'Text. '.repeat(60)}</p></article>`;
    expect(published('', tmz)).toBe(Date.parse('2015-02-26T15:11:00Z'));
  });

  it('reads ambiguous numeric dates in the order of the page\'s language, dotted ones day first', () => {
    const head = '<meta name="publish_date" content="05/08/2014 07:01:00">';
    expect(published(head, '', 'en-US')).toBe(Date.parse('2014-05-08T07:01:00Z'));
    expect(published(head, '', 'en-GB')).toBe(Date.parse('2014-08-05T07:01:00Z'));
    expect(published(head, '', 'en')).toBeUndefined();
    expect(published('<meta name="publish_date" content="07.12.2017">', '', 'en')).toBe(Date.parse('2017-12-07T00:00:00Z'));
  });

  it("completes a yearless header date from a dated id in the article's address (Yahoo! Japan)", () => {
    const page = (url: string) =>
      `<meta property="og:url" content="${url}"><meta property="og:title" content="公衆無線LANを安全に使うアプリ">`;
    // As on the page: the story list after the article is dated the same way.
    const body =
      '<div class="hd"><h1>公衆無線LANを安全に使うアプリ</h1><p class="source"><a href="/cnet">CNET Japan</a> 3/9(木) 18:45配信</p></div>' +
      `<div class="paragraph"><p>${'トレンドマイクロは3月9日、アプリを発表した。'.repeat(20)}</p></div>` +
      '<div class="ft"><p class="ynLastEditDate">最終更新:3/9(木) 18:45</p></div>' +
      '<ul class="ranking"><li><a href="/2"><span class="ttl">別の記事</span><span class="date">3/8(水) 7:01</span></a></li></ul>';
    expect(published(page('http://headlines.yahoo.co.jp/hl?a=20170309-35097838-cnetj-sci'), body, 'ja')).toBe(Date.parse('2017-03-09T09:45:00Z'));
    // The id's month and day must be the header's; an address without one gives no year.
    expect(published(page('http://headlines.yahoo.co.jp/hl?a=20170308-35097838-cnetj-sci'), body, 'ja')).toBeUndefined();
    expect(published(page('http://headlines.yahoo.co.jp/hl?a=35097838-cnetj-sci'), body, 'ja')).toBeUndefined();
  });

  it('reads a two-digit-year header date before a time of day (Kinja), never a ratio in the text', () => {
    const kinja = (meta: string) =>
      `<header><h1>How to Program Your Mind to Stop Buying Crap</h1><div class="meta"><span>Filed to: MONEY</span>` +
      `<a href="/how-to-program-1690268064"><span class="published updated">${meta}</span></a></div></header>` +
      `<article><p>${'Text. '.repeat(60)}</p></article>`;
    expect(published('', kinja('3/09/15 8:00am'), 'en-US')).toBe(Date.parse('2015-03-09T08:00:00Z'));
    expect(published('', kinja('3/09/15 8:00am'), 'en')).toBeUndefined();
    expect(published('', kinja('Rated 3/09/15 by readers'), 'en-US')).toBeUndefined();
  });

  it('reads a date that is a part of its own in the title, not one in the headline\'s words', () => {
    expect(published('<title>Una solución para la cuestión mapuche - 07.12.2017 - LA NACION</title>')).toBe(Date.parse('2017-12-07T00:00:00Z'));
    expect(published('<title>Remembering the storm of June 5, 2020 - Example News</title>')).toBeUndefined();
  });

  it('takes the day from the article address last, and the time from a yearless header date on that day', () => {
    const at = 'http://www.example.com/world/tunisia-attack/2015/03/18/00202e76_story.html';
    const page = (line: string) =>
      `<article><h1>Attack stokes fears</h1><span class="pb-caption">Visitors on March 17 at 10:00 AM.</span><div class="pb-sig-line">${line}</div><p>${'Text. '.repeat(60)}</p></article>`;
    expect(read('', page('By Erin Cunningham March 18 at 3:57 PM'), { url: at }).publishedAt).toBe(Date.parse('2015-03-18T15:57:00Z'));
    expect(read('', page('By Erin Cunningham'), { url: at }).publishedAt).toBe(Date.parse('2015-03-18T00:00:00Z'));
    // The declared address counts when the page is served elsewhere; a page's own date comes first.
    const canonical = `<link rel="canonical" href="${at}">`;
    expect(read(canonical, page('By Erin Cunningham'), { url }).publishedAt).toBe(Date.parse('2015-03-18T00:00:00Z'));
    expect(read('<meta name="pubdate" content="2015-03-17T20:00:00Z">', page(''), { url: at }).publishedAt).toBe(Date.parse('2015-03-17T20:00:00Z'));
  });

  it('takes the earlier of article:published_time and JSON-LD datePublished (the later one is a republication)', () => {
    const head = '<meta property="article:published_time" content="2015-12-11T14:28:34.438Z">' + ld({ '@type': 'Article', datePublished: '2015-10-15T02:19:15.607Z' });
    expect(published(head)).toBe(Date.parse('2015-10-15T02:19:15.607Z'));
  });

  it('makes a bare day precise with a time on that day from a later source, never from another day', () => {
    const page = (line: string) => `<article><h1>标题</h1><div class="info">${line}</div><p>${'正文内容。'.repeat(40)}</p></article>`;
    const head = '<meta name="publishdate" content="2017-03-10">';
    expect(published(head, page('2017-03-10 09:58 来源：网易科学人'), 'zh-CN')).toBe(Date.parse('2017-03-10T01:58:00Z'));
    expect(published(head, page('2017-03-11 09:58 来源：网易科学人'), 'zh-CN')).toBe(Date.parse('2017-03-09T16:00:00Z'));
  });

  it('reads modified times', () => {
    expect(read('<meta property="article:modified_time" content="2023-06-18T13:02:40-04:00">').modifiedAt).toBe(
      Date.parse('2023-06-18T17:02:40Z'),
    );
    expect(read(ld({ '@type': 'NewsArticle', dateModified: '2023-06-19T00:00:00Z' })).modifiedAt).toBe(Date.parse('2023-06-19T00:00:00Z'));
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
