import { describe, expect, it } from 'vitest';
import { classifyTabUrl } from './tab-access';

describe('classifyTabUrl', () => {
  it.each([
    'https://www.epochtimes.com/gb/23/6/18/n14018244.htm',
    'http://news.example/story?id=1',
    'https://chrome.google.com/search?q=webstore',
  ])('lets %s be clipped', (url) => {
    expect(classifyTabUrl(url, false)).toEqual({ status: 'clippable' });
  });

  it.each([
    ['chrome://version/', /Browser and extension pages/],
    ['chrome://newtab/', /Browser and extension pages/],
    ['edge://settings', /Browser and extension pages/],
    ['about:blank', /blank or temporary/],
    ['about:newtab', /blank or temporary/],
    ['view-source:https://news.example/', /Source views/],
    ['chrome-extension://abcdef/popup.html', /Browser and extension pages/],
    ['moz-extension://abcdef/popup.html', /Browser and extension pages/],
    ['https://chromewebstore.google.com/detail/xyz', /extension store/],
    ['https://chrome.google.com/webstore/detail/xyz', /extension store/],
    ['https://addons.mozilla.org/en-US/firefox/addon/x/', /extension store/],
    ['https://microsoftedge.microsoft.com/addons/detail/x', /extension store/],
    ['https://news.example/report.pdf', /PDF/],
    ['file:///home/me/report.PDF', /PDF/],
    ['file:///home/me/article.html', /Allow access to file URLs/],
    ['data:text/html,<p>x</p>', /blank or temporary/],
    [undefined, /no page/],
    ['not a url', /no page/],
  ])('refuses %s with a clear message', (url, message) => {
    const access = classifyTabUrl(url, false);
    expect(access.status).toBe('unclippable');
    expect(access.status !== 'clippable' && access.message).toMatch(message);
  });

  it('lets local files be clipped once the user allowed file access', () => {
    expect(classifyTabUrl('file:///home/me/article.html', true)).toEqual({ status: 'clippable' });
  });
});
