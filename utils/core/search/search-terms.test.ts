import { describe, expect, it } from 'vitest';
import { indexTerms, queryTerms } from './search-terms';
import { htmlToText } from './search-text';

describe('indexTerms', () => {
  it('indexes Chinese as overlapping pairs of characters', () => {
    expect(indexTerms('布林肯访华')).toEqual(['布林', '林肯', '肯访', '访华']);
  });

  it('indexes Japanese kana and kanji runs the same way', () => {
    expect(indexTerms('東京オリンピック')).toContain('オリ');
    expect(indexTerms('東京オリンピック')).toContain('京オ');
  });

  it('indexes other scripts by lower-cased word, once each', () => {
    expect(indexTerms('Climate talks: the Climate deal, COVID-19 and Zürich')).toEqual([
      'climate', 'talks', 'the', 'deal', 'covid', '19', 'and', 'zürich',
    ]);
  });

  it('splits mixed text at script changes and folds full-width forms', () => {
    expect(indexTerms('美国APEC峰会')).toEqual(['美国', 'apec', '峰会']);
    expect(indexTerms('ＡＰＥＣ')).toEqual(['apec']);
  });

  it('keeps a lone CJK character', () => {
    expect(indexTerms('习 say')).toEqual(['习', 'say']);
  });
});

describe('queryTerms', () => {
  it('turns a Chinese query into the pairs that must all be present', () => {
    expect(queryTerms('秦刚会面')).toEqual([{ exact: '秦刚' }, { exact: '刚会' }, { exact: '会面' }]);
  });

  it('matches a one-character Chinese query as a prefix of pairs', () => {
    expect(queryTerms('秦')).toEqual([{ prefix: '秦' }]);
  });

  it('matches the last word as a prefix, so results follow each keystroke', () => {
    expect(queryTerms('climate ta')).toEqual([{ exact: 'climate' }, { prefix: 'ta' }]);
  });

  it('finds nothing to search in punctuation', () => {
    expect(queryTerms(' -- ，。 ')).toEqual([]);
  });
});

describe('htmlToText', () => {
  it('drops tags and decodes entities', () => {
    expect(htmlToText('<p>A &amp; B</p><p>&#x4e2d;&#25991; &lt;tag&gt;&nbsp;x</p>')).toBe('A & B 中文 <tag> x');
  });
});
