import { describe, expect, it } from 'vitest';
import { classifyTabUrl } from './tab-access';
import type { ReasonCode } from '../core/model/reasons';

describe('classifyTabUrl', () => {
  it.each([
    'https://www.epochtimes.com/gb/23/6/18/n14018244.htm',
    'http://news.example/story?id=1',
    'https://chrome.google.com/search?q=webstore',
  ])('lets %s be clipped', (url) => {
    expect(classifyTabUrl(url, false)).toEqual({ status: 'clippable' });
  });

  it.each<[string | undefined, ReasonCode]>([
    ['chrome://version/', 'tab-browser-page'],
    ['chrome://newtab/', 'tab-browser-page'],
    ['edge://settings', 'tab-browser-page'],
    ['about:blank', 'tab-blank'],
    ['about:newtab', 'tab-blank'],
    ['view-source:https://news.example/', 'tab-source-view'],
    ['chrome-extension://abcdef/popup.html', 'tab-browser-page'],
    ['moz-extension://abcdef/popup.html', 'tab-browser-page'],
    ['https://chromewebstore.google.com/detail/xyz', 'tab-store'],
    ['https://chrome.google.com/webstore/detail/xyz', 'tab-store'],
    ['https://addons.mozilla.org/en-US/firefox/addon/x/', 'tab-store'],
    ['https://microsoftedge.microsoft.com/addons/detail/x', 'tab-store'],
    ['https://news.example/report.pdf', 'pdf-document'],
    ['file:///home/me/report.PDF', 'pdf-file'],
    ['file:///home/me/article.html', 'file-access-off'],
    ['data:text/html,<p>x</p>', 'tab-blank'],
    [undefined, 'tab-no-page'],
    ['not a url', 'tab-bad-url'],
  ])('refuses %s, saying why (%s)', (url, code) => {
    expect(classifyTabUrl(url, false)).toEqual({ status: 'unclippable', reason: { code, params: {} } });
  });

  it('lets local files be clipped once the user allowed file access', () => {
    expect(classifyTabUrl('file:///home/me/article.html', true)).toEqual({ status: 'clippable' });
  });
});
