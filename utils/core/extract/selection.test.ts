// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { extractDraft } from './extract-draft';
import { makePage, NOW } from '../../../test/helpers/page';

const PAGE =
  '<!doctype html><html lang="en"><head><title>Bridge opens | Example News</title>' +
  '<meta property="og:site_name" content="Example News"><meta property="article:published_time" content="2023-06-18T11:48:21-04:00"></head>' +
  '<body><article><h1>Bridge opens</h1><p id="one">The new <b>bridge</b> opened <a href="/map">on Sunday</a>.</p>' +
  '<p id="two">Officials <span onclick="steal()">said</span> it came in on time.<script>steal()</script></p>' +
  '<p id="three"><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" data-src="/photos/bridge.jpg" alt="Bridge"></p></article></body></html>';

function select(doc: Document, win: Window, from: [string, number], to: [string, number]) {
  const range = doc.createRange();
  range.setStart(doc.querySelector(from[0])!, from[1]);
  range.setEnd(doc.querySelector(to[0])!, to[1]);
  const selection = win.getSelection()!;
  selection.removeAllRanges();
  selection.addRange(range);
}

describe('extractDraft in selection mode', () => {
  it('clips the selected HTML, sanitized and normalised, with the page metadata', () => {
    const { doc, win } = makePage(PAGE);
    select(doc, win, ['#one', 0], ['#three', 1]);
    const result = extractDraft(doc, win, { mode: 'selection', now: NOW });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { draft } = result;
    expect(draft.selection).toBe(true);
    expect(draft.fullPage).toBe(false);
    expect(draft.title).toBe('Bridge opens');
    expect(draft.siteName).toBe('Example News');
    expect(draft.publishedAt).toBe(Date.parse('2023-06-18T15:48:21Z'));
    expect(draft.contentHtml).toBe(
      '<p id="one">The new <b>bridge</b> opened <a href="https://news.example.com/map">on Sunday</a>.</p>' +
        '<p id="two">Officials <span>said</span> it came in on time.</p>' +
        '<p id="three"><img src="https://news.example.com/photos/bridge.jpg" alt="Bridge"></p>',
    );
    expect(draft.textLength).toBe('The new bridge opened on Sunday.Officials said it came in on time.'.replace(/\s/g, '').length);
  });

  it('clips part of a paragraph', () => {
    const { doc, win } = makePage(PAGE);
    const text = doc.querySelector('#two')!.firstChild!;
    const range = doc.createRange();
    range.setStart(text, 0);
    range.setEnd(text, 'Officials'.length);
    win.getSelection()!.addRange(range);
    const result = extractDraft(doc, win, { mode: 'selection', now: NOW });
    expect(result.ok && result.draft.contentHtml).toBe('Officials');
  });

  it('answers no-article when nothing is selected', () => {
    const { doc, win } = makePage(PAGE);
    expect(extractDraft(doc, win, { mode: 'selection', now: NOW })).toEqual({ ok: false, reason: 'no-article', title: 'Bridge opens' });
    const blank = doc.createRange();
    blank.setStart(doc.body, 0);
    blank.setEnd(doc.body, 0);
    win.getSelection()!.addRange(blank);
    expect(extractDraft(doc, win, { mode: 'selection', now: NOW }).ok).toBe(false);
  });
});
