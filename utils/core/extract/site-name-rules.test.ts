// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { ldScript as ld, metadataOf as read } from '../../../test/helpers/metadata';

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

  it('takes the brand the page shows when it declares none: title suffix, logo, copyright line', () => {
    expect(read('<title>央行宣布降准_网易财经</title>', '', { url: 'https://money.163.com/a.html' }).siteName).toBe('网易财经');
    expect(read('<title>我国科学家取得新突破--科技--人民网</title>').siteName).toBe('人民网');
    expect(read('<title>国务院常务会议部署政策措施-新华网</title>').siteName).toBe('新华网');
    expect(read('<title>多地出台新政 - 新浪新闻</title>').siteName).toBe('新浪新闻');
    const logo = '<div class="logo"><a href="/"><img src="/logo.png" alt="凤凰网资讯"></a></div>';
    expect(read('<title>长江流域首场洪水形成</title>', logo).siteName).toBe('凤凰网资讯');
    const footer = (line: string) => `<div id="footer"><p>${line}</p></div>`;
    expect(read('<title>政府公布消費券計劃</title>', footer('Copyright © 2023 東網 版權所有，不得轉載')).siteName).toBe('東網');
    expect(read('<title>标题</title>', footer('人 民 网 股 份 有 限 公 司 版 权 所 有')).siteName).toBe('人民网');
    // An English label is a brand only where it holds the host's name; a declared name comes first.
    expect(read('<title>Storm hits coast - BBC News</title>', '', { url: 'https://www.bbc.co.uk/news/1' }).siteName).toBe('BBC News');
    expect(read('<title>A quiet life - Chapter 3</title>', '', { url: 'https://www.example.org/a' }).siteName).toBe('example.org');
    expect(read('<title>头条_网易新闻</title><meta property="og:site_name" content="网易">').siteName).toBe('网易');
  });
});
