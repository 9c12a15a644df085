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
});
