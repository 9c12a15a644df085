// Test helper: a whole clip with every field set; override what a test is about.
import type { Clip } from '../../utils/core/model/types';

export function makeClip(overrides: Partial<Clip> = {}): Clip {
  return {
    id: 'clip-1',
    seq: 1,
    pageUrl: 'https://news.example.com/2024/05/01/story.html?utm_source=feed',
    url: 'https://news.example.com/2024/05/01/story.html',
    title: 'A story',
    byline: 'Jane Writer',
    siteName: 'Example News',
    lang: 'en',
    excerpt: 'What happened.',
    publishedAt: Date.UTC(2024, 4, 1, 8, 0, 0),
    clippedAt: Date.UTC(2024, 4, 2, 9, 30, 0),
    updatedAt: Date.UTC(2024, 4, 2, 9, 30, 0),
    keywords: ['politics'],
    tags: ['saved'],
    urlKeys: ['https://news.example.com/2024/05/01/story.html'],
    revisionCount: 0,
    contentHtml: '<p>First paragraph.</p><p>Second paragraph.</p>',
    textLength: 32,
    fullPage: false,
    revisions: [],
    ...overrides,
  };
}

/** A clock after every date the tests use. */
export const NOW = Date.UTC(2025, 0, 1);
