import { describe, expect, it } from 'vitest';
import { testParser } from '../../../test/helpers/parser';
import { joinBlocks, splitBlocks } from './body-blocks';

describe('splitBlocks', () => {
  it('lists top-level blocks and loose text, and joins them back to the stored body', () => {
    const html = '<p>One &amp; "two"</p>  a &lt;b&gt; &amp; "c"\u00a0d <h2>Head</h2><p></p>';
    const blocks = splitBlocks(html, testParser);
    expect(blocks).toEqual([
      { html: '<p>One &amp; "two"</p>', text: 'One & "two"' },
      { html: 'a &lt;b&gt; &amp; "c" d', text: 'a <b> & "c" d' },
      { html: '<h2>Head</h2>', text: 'Head' },
      { html: '<p></p>', text: '<p>' },
    ]);
    expect(joinBlocks(blocks.filter((b) => b.text !== 'Head'))).toBe('<p>One &amp; "two"</p>a &lt;b&gt; &amp; "c" d<p></p>');
  });
});
