// @vitest-environment jsdom
import { cleanup, render } from '@testing-library/preact';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { importPosts } from '@/utils/core/backup/import-posts';
import { bodyPreparer } from '@/utils/core/backup/stored-body';
import { sanitizeHtml } from '@/utils/core/extract/sanitize';
import type { Clip } from '@/utils/core/model/types';
import type { PopupClient } from '@/utils/pages/popup-client';
import { ClipDetail } from './ClipDetail';

afterEach(cleanup);

const NAME = '_posts/2021-02-01-缅甸军方发动政变 昂山素季被拘押.md';

/** The fixture post with a video embed, style attributes and an ad, imported as the library keeps it. */
function importedClip(): Clip {
  const bytes = new Uint8Array(readFileSync(`test/fixtures/import/older-posts/${NAME}`));
  const [imported] = importPosts([{ name: NAME, bytes }], { prepareBody: bodyPreparer(window) }).clips;
  const { file: _file, ...draft } = imported!;
  return { ...draft, id: 'i1', seq: 1, clippedAt: 1, updatedAt: 1, urlKeys: [draft.url], revisionCount: 0, revisions: [] };
}

describe('ClipDetail of an imported archive post', () => {
  it('previews the sanitized body, never the post kept for export', () => {
    const clip = importedClip();
    expect(clip.imported?.text).toMatch(/adsbygoogle[^]*<iframe/);
    const client = { sanitize: (html: string) => sanitizeHtml(html, window), previewImages: () => true, parser: new DOMParser() } as unknown as PopupClient;
    const { container } = render(<ClipDetail clip={clip} client={client} onBack={() => {}} onExport={() => {}} onCopy={() => {}} onSave={() => {}} />);
    const frames = container.querySelectorAll('iframe');
    // The one frame is the preview's own sandbox; what it shows is the body.
    expect(frames).toHaveLength(1);
    const shown = new DOMParser().parseFromString(frames[0]!.getAttribute('srcdoc') ?? '', 'text/html').body;
    expect(shown.textContent).toContain('缅甸军方周一凌晨发动政变');
    expect(shown.querySelector('iframe, [style]')).toBeNull();
    for (const kept of ['youtube.com/embed', 'adsbygoogle', 'layout: post', 'categories:', '<!--1612148700000-->']) {
      expect(container.innerHTML, kept).not.toContain(kept);
      expect(shown.innerHTML, kept).not.toContain(kept);
    }
  });
});
