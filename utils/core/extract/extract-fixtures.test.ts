// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { draftFacts, expectedFacts, loadExtractFixtures } from '../../../test/harness/extract-fixtures';
import { makePage, NOW } from '../../../test/helpers/page';
import { extractDraft } from './extract-draft';

// The pages of test/fixtures/extract/ (see test/harness/extract-fixtures.ts), clipped in article
// mode as the toolbar button does; e2e/corpus-fixtures.e2e.ts clips the same pages in Chromium.

describe.each(loadExtractFixtures())('$name', ({ source, expected }) => {
  const { doc, win } = makePage(source, expected.url);
  const result = extractDraft(doc, win, { mode: 'article', now: NOW });

  it(`is clipped (${expected.about})`, () => {
    expect(result.ok).toBe(true);
  });

  it('has the expected title, byline, site name, time and kind', () => {
    if (!result.ok) return;
    const { draft } = result;
    expect(draftFacts(draft)).toEqual(expectedFacts(expected));
  });

  it('keeps the article text and nothing of the page around it', () => {
    if (!result.ok) return;
    for (const text of expected.bodyIncludes ?? []) expect(result.draft.contentHtml).toContain(text);
    for (const text of expected.bodyExcludes ?? []) expect(result.draft.contentHtml).not.toContain(text);
  });
});
