import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { exportClip } from './presets';
import { makeClip, NOW } from '../../../test/helpers/clips';
import { testParser } from '../../../test/helpers/parser';
import { exportZip, type ZipExportOptions } from './zip';

function collector() {
  const chunks: Uint8Array[] = [];
  return {
    chunks,
    write: (chunk: Uint8Array) => void chunks.push(chunk),
    bytes: () => {
      const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
      let at = 0;
      for (const c of chunks) {
        out.set(c, at);
        at += c.length;
      }
      return out;
    },
  };
}

async function zipOf(clips: Parameters<typeof exportZip>[0], options: Omit<ZipExportOptions, 'write'>) {
  const sink = collector();
  const result = await exportZip(clips, { ...options, write: sink.write });
  const files = Object.fromEntries(Object.entries(unzipSync(sink.bytes())).map(([name, data]) => [name, data]));
  return { result, files, sink };
}

const text = (data: Uint8Array | undefined) => strFromU8(data ?? new Uint8Array());

describe('exportZip', () => {
  const clips = [
    makeClip({ id: 'a', title: '布林肯和秦刚会面', url: 'https://n.example/1' }),
    makeClip({ id: 'b', title: 'Same title', url: 'https://n.example/2' }),
    makeClip({ id: 'c', title: 'same TITLE', url: 'https://n.example/3' }),
    makeClip({ id: 'd', title: 'Same title', url: 'https://n.example/4' }),
    makeClip({ id: 'e', title: 'Same title', url: 'https://n.example/2' }),
  ];

  it('writes each clip in the preset layout with names that never collide', async () => {
    const { result, files } = await zipOf(clips, { preset: 'jekyll', parser: testParser, now: NOW });
    expect(Object.keys(files).sort()).toEqual([
      '_posts/2024-05-01-Same title (3).md',
      '_posts/2024-05-01-Same title.md',
      '_posts/2024-05-01-same TITLE (2).md',
      '_posts/2024-05-01-布林肯和秦刚会面.md',
    ]);
    expect(result.files.map((f) => f.id)).toEqual(['a', 'b', 'c', 'd']);
    expect(result.files[2]?.path).toBe('_posts/2024-05-01-same TITLE (2).md');
    expect(result.duplicates).toEqual([{ id: 'e', url: 'https://n.example/2', path: '_posts/2024-05-01-Same title.md' }]);
    expect(text(files['_posts/2024-05-01-布林肯和秦刚会面.md'])).toBe(exportClip(clips[0]!, 'jekyll', { parser: testParser, now: NOW }).text);
  });

  it('reads clips from an async iterable, writing as it goes, and reports progress', async () => {
    const sink = collector();
    const writtenBeforeEach: number[] = [];
    async function* library() {
      for (const clip of clips.slice(0, 3)) {
        writtenBeforeEach.push(sink.chunks.length);
        yield clip;
      }
    }
    const progress: unknown[] = [];
    await exportZip(library(), { preset: 'archive', now: NOW, write: sink.write, total: 3, onProgress: (p) => progress.push(p) });
    // Each post reaches the sink before the next clip is read: nothing accumulates.
    expect(writtenBeforeEach[0]).toBe(0);
    expect(writtenBeforeEach[1]).toBeGreaterThan(0);
    expect(writtenBeforeEach[2]).toBeGreaterThan(writtenBeforeEach[1]!);
    expect(progress).toEqual([
      { done: 1, total: 3, path: '_posts/2024-05-01-布林肯和秦刚会面.md' },
      { done: 2, total: 3, path: '_posts/2024-05-01-Same title.md' },
      { done: 3, total: 3, path: '_posts/2024-05-01-same TITLE (2).md' },
    ]);
  });

  it('stops when cancelled, with the signal reason', async () => {
    const controller = new AbortController();
    const sink = collector();
    const promise = exportZip(clips, {
      preset: 'archive',
      now: NOW,
      write: sink.write,
      signal: controller.signal,
      onProgress: ({ done }) => done === 2 && controller.abort(new Error('cancelled by the user')),
    });
    await expect(promise).rejects.toThrow('cancelled by the user');
    expect(() => unzipSync(sink.bytes())).toThrow();
  });

  it('makes a valid empty zip of no clips', async () => {
    const { result, files } = await zipOf([], { preset: 'hugo', parser: testParser, now: NOW });
    expect(files).toEqual({});
    expect(result.bytes).toBe(22);
  });
});

describe('exportZip with images', () => {
  const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
  const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 9, 9]);
  const fetched: string[] = [];
  const fetchImage = async (url: string) => {
    fetched.push(url);
    if (url.endsWith('/a.png')) return PNG;
    if (url.endsWith('/b')) return JPEG;
    if (url.endsWith('/page.png')) return new TextEncoder().encode('<!doctype html><p>Not found');
    throw new Error('HTTP 404');
  };
  const clips = [
    makeClip({
      id: 'x',
      title: 'One',
      url: 'https://n.example/news/1.html',
      contentHtml: '<p><img src="/img/a.png" srcset="/img/a-2x.png 2x" alt="a"><img src="https://cdn.example/b" alt="b"><img src="/gone.png" alt="c"><img src="/page.png" alt="d"></p>',
    }),
    makeClip({ id: 'y', title: 'Two', url: 'https://n.example/news/2.html', contentHtml: '<figure><img src="https://n.example/img/a.png"></figure>' }),
  ];

  it('stores each image once under assets/ and links the posts to it; failures keep their remote link', async () => {
    fetched.length = 0;
    const { result, files } = await zipOf(clips, { preset: 'archive', parser: testParser, now: NOW, fetchImage });
    const assets = Object.keys(files).filter((name) => name.startsWith('assets/')).sort();
    expect(assets).toEqual([expect.stringMatching(/^assets\/clips\/a-[0-9a-f]{8}\.png$/), expect.stringMatching(/^assets\/clips\/b-[0-9a-f]{8}\.jpg$/)]);
    const pngPath = assets[0]!;
    expect(files[pngPath]).toEqual(PNG);
    expect(fetched.filter((u) => u === 'https://n.example/img/a.png')).toHaveLength(1);
    const one = text(files['_posts/2024-05-01-One.md']);
    expect(one).toContain(`<img src="/${pngPath}" alt="a">`);
    expect(one).toContain(`<img src="/${assets[1]!}" alt="b">`);
    expect(one).toContain('<img src="https://n.example/gone.png" alt="c">');
    expect(one).toContain('<img src="https://n.example/page.png" alt="d">');
    expect(text(files['_posts/2024-05-01-Two.md'])).toContain(`<img src="/${pngPath}">`);
    expect(result.images).toBe(2);
    expect(result.failedImages).toEqual([
      { clipUrl: 'https://n.example/news/1.html', imageUrl: 'https://n.example/gone.png', reason: 'HTTP 404' },
      { clipUrl: 'https://n.example/news/1.html', imageUrl: 'https://n.example/page.png', reason: 'not an image' },
    ]);
  });

  it('links images relative to the note for Obsidian, and from the site root for Hugo', async () => {
    const obsidian = await zipOf(clips.slice(1), { preset: 'obsidian', parser: testParser, now: NOW, fetchImage });
    const png = Object.keys(obsidian.files).find((n) => n.endsWith('.png'))!;
    expect(png).toMatch(/^assets\//);
    expect(text(obsidian.files['Clippings/Two.md'])).toContain(`![](../${png})`);
    const hugo = await zipOf(clips.slice(1), { preset: 'hugo', parser: testParser, now: NOW, fetchImage });
    const hugoPng = Object.keys(hugo.files).find((n) => n.endsWith('.png'))!;
    expect(hugoPng).toMatch(/^static\/assets\/clips\//);
    expect(text(hugo.files['content/posts/2024-05-01-Two.md'])).toContain(`![](/${hugoPng.slice('static/'.length)})`);
  });
});
