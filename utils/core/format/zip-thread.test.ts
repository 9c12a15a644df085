import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { exportZip } from './zip';
import { openZipThread, serveZipThread, type ZipPort, type ZipThreadAnswer, type ZipThreadRequest } from './zip-thread';
import { ZipWriter, type ZipFileWriter } from './zip-writer';
import type { ExportClip } from './presets';

const MTIME = Date.UTC(2023, 5, 18, 15, 48, 20);

/** The two ends of a channel: the page's, and the zip thread's (served as a worker serves it). */
function zipThread(tap: { requests?: ZipThreadRequest[]; answers?: ZipThreadAnswer[] } = {}): ZipPort {
  const { port1, port2 } = new MessageChannel();
  const thread = port2 as unknown as ZipPort;
  const post = thread.postMessage.bind(thread);
  thread.postMessage = (message, transfer) => (tap.answers?.push(message as ZipThreadAnswer), post(message, transfer));
  serveZipThread(thread);
  const page = port1 as unknown as ZipPort;
  const send = page.postMessage.bind(page);
  page.postMessage = (message, transfer) => (tap.requests?.push(message as ZipThreadRequest), send(message, transfer));
  return page;
}

function collect(): { chunks: Uint8Array[]; bytes(): Uint8Array; write: (chunk: Uint8Array) => void } {
  const chunks: Uint8Array[] = [];
  return {
    chunks,
    write: (chunk) => void chunks.push(chunk),
    bytes: () => {
      const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
      chunks.reduce((at, c) => (out.set(c, at), at + c.length), 0);
      return out;
    },
  };
}

const FILES: [string, string | Uint8Array][] = [
  ['_posts/2023-06-18-布林肯.md', '---\ntitle: "布林肯和秦刚会面"\n---\n'.repeat(300)],
  ['assets/photo.png', new Uint8Array(5000).map((_, i) => (i * 7919) & 0xff)],
  ['_posts/2023-06-19-b.md', 'second post'],
];

async function write(writer: ZipFileWriter): Promise<number> {
  for (const [path, data] of FILES) await writer.add(path, data, { mtime: MTIME, compress: typeof data === 'string' });
  return writer.finish();
}

describe('a zip written in a zip thread', () => {
  it('is byte for byte the zip written on the page', async () => {
    const here = collect();
    const hereSize = await write(new ZipWriter(here.write));
    const there = collect();
    const thereSize = await write(await openZipThread(zipThread(), there.write));
    expect(thereSize).toBe(hereSize);
    expect(there.bytes()).toEqual(here.bytes());
    const files = unzipSync(there.bytes());
    expect(Object.keys(files)).toEqual(FILES.map(([path]) => path));
    expect(strFromU8(files['_posts/2023-06-19-b.md']!)).toBe('second post');
  });

  it('goes on handing posts over while the thread deflates, up to a window', async () => {
    const tap = { requests: [] as ZipThreadRequest[], answers: [] as ZipThreadAnswer[] };
    const writer = await openZipThread(zipThread(tap), collect().write);
    const ahead: number[] = [];
    for (let i = 0; i < 60; i++) {
      await writer.add(`p${i}.md`, `post ${i} `.repeat(2000));
      const handed = tap.requests.filter((r) => r.kind === 'add').length;
      const written = tap.answers.filter((a) => a.kind === 'added').length;
      ahead.push(handed - written);
    }
    await writer.finish();
    // The page does not wait for each post to be written; nor does it run more than 16 ahead.
    expect(Math.max(...ahead)).toBeGreaterThan(1);
    expect(Math.max(...ahead)).toBeLessThanOrEqual(16);
  });

  it('keeps the order of overlapping adds, as ZipWriter does', async () => {
    const out = collect();
    const writer = await openZipThread(zipThread(), out.write);
    await Promise.all(Array.from({ length: 40 }, (_, i) => writer.add(`f${i}.md`, `file ${i}`)));
    await writer.finish();
    expect(Object.keys(unzipSync(out.bytes()))).toEqual(Array.from({ length: 40 }, (_, i) => `f${i}.md`));
  });

  it('says why when the thread fails, at the next add or at the end', async () => {
    const page = zipThread();
    const writer = await openZipThread(page, collect().write);
    // A name fflate refuses (longer than a zip can hold) fails in the thread.
    await writer.add('x'.repeat(70_000), 'y').catch(() => undefined);
    await expect(writer.finish()).rejects.toThrow(/filename/i);
    await expect(writer.add('later.md', 'z')).rejects.toThrow(/filename/i);
  });

  it('fails a sink that fails, and a thread that never starts', async () => {
    const writer = await openZipThread(zipThread(), () => {
      throw new Error('disk full');
    });
    await writer.add('a.md', 'a');
    await expect(writer.finish()).rejects.toThrow('disk full');
    const { port1 } = new MessageChannel();
    const closed: string[] = [];
    await expect(openZipThread(port1 as unknown as ZipPort, collect().write, { timeoutMs: 50, close: () => closed.push('closed') })).rejects.toThrow(/did not start/);
    expect(closed).toEqual(['closed']);
    port1.close();
  });

  it('is what an export writes through, to the same zip', async () => {
    const clips: ExportClip[] = Array.from({ length: 30 }, (_, i) => ({
      title: `Post ${i}`,
      url: `https://a.example/${i}`,
      contentHtml: `<p>Body ${i}</p>`.repeat(50),
      byline: '',
      siteName: 'A',
      tags: ['t'],
      clippedAt: MTIME + i * 60_000,
      updatedAt: MTIME + i * 60_000,
    })) as unknown as ExportClip[];
    const here = collect();
    await exportZip(clips, { preset: 'archive', write: here.write, now: MTIME });
    const there = collect();
    await exportZip(clips, { preset: 'archive', write: there.write, now: MTIME, openZip: (sink, level) => openZipThread(zipThread(), sink, { level }) });
    expect(there.bytes()).toEqual(here.bytes());
    expect(Object.keys(unzipSync(there.bytes()))).toHaveLength(30);
  });
});
