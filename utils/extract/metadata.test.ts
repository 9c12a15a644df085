// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { readMetadata, type MetadataOptions } from './metadata';
import { makePage, NOW, PAGE_URL } from './test-page';

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

  it('never reads names from related lists or comments', () => {
    const body = `<article><h1>Title</h1><p>${'Text. '.repeat(60)}</p></article><aside><a rel="author" href="/u/x">Other Writer</a></aside><div class="comments"><span itemprop="author">Commenter</span></div>`;
    expect(read('', body).byline).toBeUndefined();
  });
});

describe('site name', () => {
  it('takes og:site_name, JSON-LD publisher, application-name, else the host', () => {
    expect(read('<meta property="og:site_name" content="大纪元">').siteName).toBe('大纪元');
    expect(read(ld({ '@type': 'NewsArticle', publisher: { '@type': 'Organization', name: 'Example Times' } })).siteName).toBe('Example Times');
    expect(read('<meta name="application-name" content="Example App">').siteName).toBe('Example App');
    expect(read('', '', { url: 'https://www.example.org/a/b.html' }).siteName).toBe('example.org');
  });
});

describe('dates', () => {
  const published = (head: string, body = '', lang?: string) => read(head, body, { lang }).publishedAt;
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
