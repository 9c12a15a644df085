// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { ldScript as ld, metadataOf as read } from '../../../test/helpers/metadata';

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

  it('takes no outlet, portal or template word for a person', () => {
    const site = '<title>新闻标题_网易财经</title>';
    expect(read(`${site}<meta name="author" content="网易">`).byline).toBeUndefined();
    expect(read('<title>新闻标题 - 新浪新闻</title><meta name="author" content="新浪网">').byline).toBeUndefined();
    expect(read('<meta name="author" content="澎湃新闻">').byline).toBeUndefined();
    expect(read('<meta name="author" content="name">').byline).toBeUndefined();
    expect(read('<meta name="author" content="{{author}}">').byline).toBeUndefined();
    // Two-character names are names whatever they end with.
    expect(read('<meta name="author" content="王网">').byline).toBe('王网');
  });

  it('reads reporters from a credit line that opens the text or follows it, never from its prose', () => {
    const text = (first: string, after = '') =>
      `<article><h1>标题</h1><div class="content"><p>${first}</p><p>${'正文内容。'.repeat(30)}</p><p>${'更多内容。'.repeat(30)}</p></div>${after}</article>`;
    expect(read('', text('澎湃新闻记者 陈静')).byline).toBe('陈静');
    expect(read('', text(`（大纪元记者张婷综合报导）${'周日，美国国务卿会见了外长。'.repeat(5)}`)).byline).toBeUndefined();
    expect(read('', text('正文第一段。', '<div class="post_author">本文来源：证券时报 作者：张伟 责任编辑：王晓_NF5619</div>')).byline).toBe('张伟');
    expect(read('', text('正文第一段。', '<div class="editor">【责任编辑:王五】</div>')).byline).toBeUndefined();
  });

  it('reads the reporter, not the place, in "記者王小明／台北即時報導"', () => {
    expect(read('', '<article><h1>T</h1><div class="info">聯合報 / 記者王小明／台北即時報導</div><p>' + '內文。'.repeat(80) + '</p></article>').byline).toBe('王小明');
  });

  it('reads names, not interface words, counts or marks, from author elements', () => {
    const group =
      '<div class="author-group"><span class="sr-only">Author links open overlay panel</span>' +
      '<button><span>Jane</span> <span>Doe</span><sup>a</sup></button>, <button><span>John</span> <span>Roe</span><sup>b</sup></button></div>';
    const article = (credit: string) => `<article><h1>T</h1>${credit}<p>${'Text of the article. '.repeat(30)}</p></article>`;
    expect(read('', article(group)).byline).toBe('Jane Doe, John Roe');
    expect(read('', article('<div class="author"><a>Max</a> <span class="user-badge">1</span></div>')).byline).toBe('Max');
    expect(read('<meta name="author" content="Max 12">').byline).toBe('Max');
    expect(read('<meta name="author" content="Download PDF">').byline).toBeUndefined();
    expect(read('', article('<div class="abstract author"><h2>Abstract</h2></div>')).byline).toBeUndefined();
    // Six words in a row are a list or a name with its title run together.
    expect(read('<meta name="author" content="Jane Doe John Roe Mary Major">').byline).toBeUndefined();
  });
});
