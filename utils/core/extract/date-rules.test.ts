// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { ldScript as ld, metadataOf as read } from '../../../test/helpers/metadata';

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

  it('reads a zone-less time in the zone the page states elsewhere, never in a UTC one it states', () => {
    const shown = '<article><h1>T</h1><div class="meta">Published March 14, 2023 at 2:05 PM</div><p>' + 'Text. '.repeat(60) + '</p></article>';
    const modified = (value: string) => `<meta property="article:modified_time" content="${value}">`;
    expect(published(modified('2023-03-15T09:00:00-04:00'), shown, 'en')).toBe(Date.parse('2023-03-14T14:05:00-04:00'));
    expect(published('', `${shown}<time datetime="2023-03-15T09:00:00+05:30">later</time>`, 'en')).toBe(Date.parse('2023-03-14T14:05:00+05:30'));
    // Many sites write machine times in UTC whatever their zone: that says nothing of the page's.
    expect(published(modified('2023-03-15T09:00:00Z'), shown, 'zh-CN')).toBe(Date.parse('2023-03-14T14:05:00+08:00'));
  });

  it("reads the published time from the page's script data when the page shows none", () => {
    const body = `<article><h1>T</h1><p>${'文字。'.repeat(80)}</p></article>`;
    const script = (code: string) => `<script>${code}</script>`;
    expect(published(script('var publishTime = "2023-05-01 12:30:00";'), body, 'zh-CN')).toBe(Date.parse('2023-05-01T12:30:00+08:00'));
    expect(published(script('window.DATA = {"title":"T","pubtime":"2023-05-01 21:05:38"};'), body, 'zh-CN')).toBe(Date.parse('2023-05-01T21:05:38+08:00'));
    expect(published(script('var page = { ptime: 1682915138 };'), body, 'zh-CN')).toBe(1682915138000);
    // Other times in scripts (an update, the server's clock) are not the publication's.
    expect(published(script('var updateTime = "2023-05-02 08:00:00"; var now = "2023-05-03 10:00:00";'), body, 'zh-CN')).toBeUndefined();
    expect(published('<script src="/a.js"></script><script type="text/template">{"publishTime":"2023-05-01 12:30:00"}</script>', body, 'zh-CN')).toBeUndefined();
  });

  it('reads a header whose year stands apart from month and day, to the second', () => {
    const header = '<div class="header-time"><span><em> 2023</em></span><span><em> 05</em>/<em>01</em></span><span> 19:42:16</span></div>';
    expect(published('<meta name="publishdate" content="2023-05-01">', `<div>${header}<h1>T</h1></div><div><p>${'文字。'.repeat(80)}</p></div>`, 'zh-CN')).toBe(
      Date.parse('2023-05-01T19:42:16+08:00'),
    );
  });
});
