import { describe, it, expect } from 'vitest';
import { articleUrlKeys, stripTrackingParams } from './url';

describe('stripTrackingParams', () => {
  it('removes tracking parameters and the empty `?` they leave', () => {
    expect(
      stripTrackingParams(
        'https://www.epochtimes.com/gb/23/6/18/n14018244.htm?utm_source=x&utm_medium=y&UTM_Campaign=z&fbclid=1&gclid=2',
      ),
    ).toBe('https://www.epochtimes.com/gb/23/6/18/n14018244.htm');
    const names = ['dclid', 'msclkid', 'yclid', 'mc_cid', 'mc_eid', 'igshid', 'spm', 'scm', '_ga', 'xtor', 'ref_src'];
    names.push('share_token', 'share_source', 'share_medium', 'isappinstalled', 'wfr', 'sharer_shareid');
    for (const name of names) {
      expect(stripTrackingParams(`https://e.com/a?${name}=v`)).toBe('https://e.com/a');
    }
  });

  it('removes share markers', () => {
    expect(stripTrackingParams('https://mp.example.cn/s?id=7&from=timeline&isappinstalled=0')).toBe(
      'https://mp.example.cn/s?id=7',
    );
    expect(stripTrackingParams('https://e.com/a?from=singlemessage')).toBe('https://e.com/a');
    expect(stripTrackingParams('https://baijiahao.baidu.com/s?id=1768&wfr=spider&for=pc')).toBe(
      'https://baijiahao.baidu.com/s?id=1768',
    );
  });

  it('keeps parameters that identify content, as they were written', () => {
    expect(stripTrackingParams('https://e.com/article?id=12&p=3&page=2&aid=9&utm_source=rss')).toBe(
      'https://e.com/article?id=12&p=3&page=2&aid=9',
    );
    expect(stripTrackingParams('https://e.com/a?path=a/b&q=x%20y&spm=1')).toBe('https://e.com/a?path=a/b&q=x%20y');
    expect(stripTrackingParams('https://e.com/list?from=20')).toBe('https://e.com/list?from=20');
    expect(stripTrackingParams('https://e.com/a?for=you')).toBe('https://e.com/a?for=you');
  });

  it('drops the fragment', () => {
    expect(stripTrackingParams('https://e.com/a#xtor=RSS-3')).toBe('https://e.com/a');
    expect(stripTrackingParams('https://e.com/a?id=1#section-2')).toBe('https://e.com/a?id=1');
    expect(stripTrackingParams('https://e.com/a?#')).toBe('https://e.com/a');
  });

  it('normalises like new URL(u).href', () => {
    expect(stripTrackingParams('HTTPS://E.COM:443/a/../b?x=1&&y=2')).toBe('https://e.com/b?x=1&y=2');
  });

  it('returns input that does not parse unchanged', () => {
    for (const input of ['', 'not a url', '/relative/path?utm_source=x', 'http://[::1']) {
      expect(stripTrackingParams(input)).toBe(input);
    }
  });
});

describe('articleUrlKeys', () => {
  it('lists the stripped page URL and article URL once each', () => {
    expect(articleUrlKeys('https://e.com/a?utm_source=x#top', 'https://e.com/a')).toEqual(['https://e.com/a']);
    expect(articleUrlKeys('https://m.e.com/a?from=timeline', 'https://e.com/a')).toEqual([
      'https://m.e.com/a',
      'https://e.com/a',
    ]);
  });

  it('leaves out empty URLs', () => {
    expect(articleUrlKeys('https://e.com/a', '')).toEqual(['https://e.com/a']);
  });
});
