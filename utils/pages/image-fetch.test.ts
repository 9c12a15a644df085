import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { blobSink, imageHostsOf } from './export-post';
import { makeClip, NOW } from '../../test/helpers/clips';
import { testParser } from '../../test/helpers/parser';
import { exportZip } from '../core/format/zip';
import { boundedImageFetch, hostPatterns } from './image-fetch';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 7, 7, 7]);
const LIMITS = { maxBytes: 64, timeoutMs: 200 };

/** A fetch over a table of URLs: bytes, a status, a body that never ends, or a lying size. */
function fakeFetch(seen: Array<{ url: string; init: RequestInit | undefined }> = []): typeof fetch {
  return (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    seen.push({ url, init });
    const signal = init?.signal ?? undefined;
    if (url.endsWith('/ok.png')) return new Response(PNG, { headers: { 'content-type': 'image/png' } });
    if (url.endsWith('/missing.png')) return new Response('no', { status: 404 });
    if (url.endsWith('/declared-huge.png')) return new Response(PNG, { headers: { 'content-length': '1000000' } });
    if (url.endsWith('/streamed-huge.png')) {
      // No declared size: the body itself goes past the limit.
      const body = new ReadableStream<Uint8Array>({
        pull: (controller) => controller.enqueue(new Uint8Array(40).fill(1)),
      });
      return new Response(body);
    }
    if (url.endsWith('/slow.png'))
      return new Promise<Response>((_, reject) => signal?.addEventListener('abort', () => reject(signal.reason as Error)));
    throw new TypeError('Failed to fetch');
  }) as typeof fetch;
}

describe('boundedImageFetch', () => {
  it('downloads without cookies or referrer', async () => {
    const seen: Array<{ url: string; init: RequestInit | undefined }> = [];
    const bytes = await boundedImageFetch(fakeFetch(seen), LIMITS)('https://img.example/ok.png');
    expect(bytes).toEqual(PNG);
    expect(seen[0]!.init).toMatchObject({ credentials: 'omit', referrerPolicy: 'no-referrer' });
  });

  it('fails an image over the size limit, declared or streamed, a slow one, and an HTTP error', async () => {
    const get = boundedImageFetch(fakeFetch(), LIMITS);
    await expect(get('https://img.example/declared-huge.png')).rejects.toThrow('larger than 0 MB');
    await expect(get('https://img.example/streamed-huge.png')).rejects.toThrow('larger than 0 MB');
    await expect(get('https://img.example/slow.png')).rejects.toThrow('no answer within 0 s');
    await expect(get('https://img.example/missing.png')).rejects.toThrow('HTTP 404');
  });

  it("passes the export's cancel on as a cancel, not as an image failure", async () => {
    const stop = new AbortController();
    const pending = boundedImageFetch(fakeFetch(), { maxBytes: 64, timeoutMs: 10_000 })('https://img.example/slow.png', stop.signal);
    stop.abort(new DOMException('stopped', 'AbortError'));
    await expect(pending).rejects.toMatchObject({ name: 'AbortError', message: 'stopped' });
  });
});

describe('a zip with images fetched through the bounds', () => {
  const clip = makeClip({
    id: 'x',
    title: 'Pictures',
    url: 'https://n.example/news/1.html',
    contentHtml:
      '<p><img src="https://img.example/ok.png" alt="ok"><img src="https://img.example/missing.png" alt="m"><img src="https://img.example/slow.png" alt="s"><img src="https://img.example/declared-huge.png" alt="h"><img src="https://down.example/x.png" alt="d"></p>',
  });

  it('stores what came, keeps the remote link of every failure, and lists each failure with its reason', async () => {
    const chunks: Uint8Array[] = [];
    const result = await exportZip([clip], { preset: 'jekyll', parser: testParser, now: NOW, write: (c) => void chunks.push(c), fetchImage: boundedImageFetch(fakeFetch(), LIMITS) });
    const zip = unzipSync(new Uint8Array(await new Blob(chunks as BlobPart[]).arrayBuffer()));
    const assets = Object.keys(zip).filter((n) => n.startsWith('assets/'));
    expect(assets).toEqual([expect.stringMatching(/^assets\/clips\/ok-[0-9a-f]{8}\.png$/)]);
    const post = strFromU8(zip['_posts/2024-05-01-Pictures.md']!);
    expect(post).toContain(`![ok](/${assets[0]!})`);
    for (const remote of ['missing', 'slow', 'declared-huge']) expect(post).toContain(`https://img.example/${remote}.png`);
    expect(post).toContain('https://down.example/x.png');
    expect(result.failedImages.map((f) => [f.imageUrl.replace(/^https:\/\//, ''), f.reason])).toEqual([
      ['img.example/missing.png', 'HTTP 404'],
      ['img.example/slow.png', 'no answer within 0 s'],
      ['img.example/declared-huge.png', 'larger than 0 MB'],
      ['down.example/x.png', 'Failed to fetch'],
    ]);
  });

  it('stops when cancelled while images download', async () => {
    const stop = new AbortController();
    const run = exportZip([clip], {
      preset: 'archive',
      parser: testParser,
      now: NOW,
      write: () => {},
      signal: stop.signal,
      fetchImage: boundedImageFetch(fakeFetch(), { maxBytes: 64, timeoutMs: 10_000 }),
    });
    setTimeout(() => stop.abort(new DOMException('stopped', 'AbortError')), 20);
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('the hosts an export with images asks for', () => {
  it('reads the image hosts of the clips, relative images resolved against the article', async () => {
    async function* clips() {
      yield makeClip({ id: 'a', url: 'https://n.example/a.html', contentHtml: '<p><img src="/i/1.png"><img src="https://cdn.example/2.jpg"></p>' });
      yield makeClip({ id: 'b', url: 'http://old.example/b.html', contentHtml: '<p>No picture.</p>' });
      yield makeClip({ id: 'c', url: 'http://old.example/c.html', contentHtml: '<img src="pic.gif"><img src="data:image/png;base64,AAAA">' });
    }
    expect(await imageHostsOf(clips(), 'archive', testParser)).toEqual(['http://old.example/*', 'https://cdn.example/*', 'https://n.example/*']);
  });

  it('makes one pattern per scheme and host, ignoring what is not a web URL', () => {
    expect(hostPatterns(['https://a.example:8443/x.png', 'https://a.example/y.png', 'ftp://b.example/z', 'not a url'])).toEqual(['https://a.example/*']);
  });
});

describe('blobSink', () => {
  it('gives back the bytes in order, folded into a Blob', async () => {
    const sink = blobSink(Blob);
    const big = new Uint8Array(1024 * 1024).fill(7);
    for (let i = 0; i < 3; i += 1) {
      sink.write(big);
      sink.write(new Uint8Array([i]));
    }
    const parts = sink.parts();
    expect(parts).toHaveLength(1);
    const bytes = new Uint8Array(await (parts[0] as Blob).arrayBuffer());
    expect(bytes.length).toBe(3 * big.length + 3);
    expect([bytes[big.length], bytes[2 * big.length + 1], bytes.at(-1)]).toEqual([0, 1, 2]);
  });
});
