import { describe, expect, it } from 'vitest';
import { exportToFolder, readSourceUrl } from './folder-export';
import { exportClip } from './presets';
import { makeClip, NOW } from '../../../test/helpers/clips';
import { FakeFolder } from '../../../test/helpers/fake-folder';
import { testParser } from '../../../test/helpers/parser';

const a = makeClip({ id: 'a', title: 'Same title', url: 'https://n.example/a' });
const b = makeClip({ id: 'b', title: 'Same title', url: 'https://n.example/b' });

describe('exportToFolder', () => {
  it('writes posts in the preset layout, creating folders', async () => {
    const root = new FakeFolder('site');
    const result = await exportToFolder([a], { preset: 'hugo', folder: root, parser: testParser, now: NOW });
    expect(result.written).toEqual([{ path: 'content/posts/2024-05-01-Same title.md', url: a.url, id: 'a', replaced: false }]);
    expect(root.tree()).toEqual({ 'content/posts/2024-05-01-Same title.md': exportClip(a, 'hugo', { parser: testParser, now: NOW }).text });
  });

  it("writes straight into the layout's folder when the user picked it (a site's _posts)", async () => {
    const posts = new FakeFolder('_posts');
    await exportToFolder([a], { preset: 'archive', folder: posts, now: NOW });
    expect(Object.keys(posts.tree())).toEqual(['2024-05-01-Same title.md']);
  });

  it('updates an earlier export of the same article and keeps other articles of the same name', async () => {
    const posts = new FakeFolder('_posts');
    await exportToFolder([a], { preset: 'archive', folder: posts, now: NOW });
    const edited = { ...a, tags: ['new tag'] };
    const again = await exportToFolder([b, edited], { preset: 'archive', folder: posts, now: NOW });
    expect(again.written).toEqual([
      { path: '2024-05-01-Same title (2).md', url: b.url, id: 'b', replaced: false },
      { path: '2024-05-01-Same title.md', url: a.url, id: 'a', replaced: true },
    ]);
    expect(posts.tree()['2024-05-01-Same title.md']).toBe(exportClip(edited, 'archive', { now: NOW }).text);
    // A third export finds both files by their articles and replaces them in place.
    const third = await exportToFolder([a, b, b], { preset: 'archive', folder: posts, now: NOW });
    expect(third.written.map((w) => [w.path, w.replaced])).toEqual([
      ['2024-05-01-Same title.md', true],
      ['2024-05-01-Same title (2).md', true],
    ]);
    expect(third.duplicates.map((d) => d.path)).toEqual(['2024-05-01-Same title (2).md']);
    expect(Object.keys(posts.tree()).sort()).toEqual(['2024-05-01-Same title (2).md', '2024-05-01-Same title.md']);
  });

  it('never overwrites a file it did not write', async () => {
    const notes = new FakeFolder('vault');
    await notes.getDirectoryHandle('Clippings', { create: true });
    const clippings = notes.folders.get('Clippings')!;
    clippings.files.set('Same title.md', 'My own note, no front matter.');
    await exportToFolder([a], { preset: 'obsidian', folder: notes, parser: testParser, now: NOW });
    expect(clippings.files.get('Same title.md')).toBe('My own note, no front matter.');
    expect(clippings.files.get('Same title (2).md')).toContain('source: https://n.example/a');
  });

  it('stops when cancelled', async () => {
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(exportToFolder([a], { preset: 'archive', folder: new FakeFolder('x'), signal: controller.signal })).rejects.toThrow('stop');
  });
});

describe('readSourceUrl', () => {
  it("reads the article URL of every preset's file", () => {
    const clip = makeClip({ url: 'https://n.example/a_(1)?q="x"' });
    for (const preset of ['archive', 'jekyll', 'hugo', 'obsidian', 'markdown'] as const) {
      expect(readSourceUrl(exportClip(clip, preset, { parser: testParser, now: NOW }).text), preset).toBe(clip.url);
    }
    expect(readSourceUrl('just text')).toBeUndefined();
  });
});
