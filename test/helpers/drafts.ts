import type { ClipDraft } from '../../utils/core/model/types';

/** A well-formed draft for tests; override what a test is about. */
export function makeDraft(overrides: Partial<ClipDraft> = {}): ClipDraft {
  return {
    pageUrl: 'https://news.example/2024/05/01/story.html?utm_source=feed',
    url: 'https://news.example/2024/05/01/story.html',
    title: 'A story',
    siteName: 'Example News',
    publishedAt: Date.UTC(2024, 4, 1, 8, 0, 0),
    keywords: [],
    contentHtml: '<p>First paragraph.</p><p>Second paragraph.</p>',
    textLength: 32,
    fullPage: false,
    ...overrides,
  };
}
