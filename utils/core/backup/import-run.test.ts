import { strToU8, zipSync } from 'fflate';
import { describe, expect, it, vi } from 'vitest';
import { reason, ReasonError } from '../model/reasons';
import type { ImportDraft } from '../model/types';
import { ZipWriter } from '../format/zip-writer';
import { runImport, type ImportProgress, type ImportRunOptions, type ImportSource } from './import-run';

const post = (n: number) => `---\ntitle: "Post ${n}"\nfrom: https://archive.example/${n}\ntags: [t${n % 3}]\n---\n\nBody ${n}.\n`;

function memorySource(name: string, bytes: Uint8Array, chunk = 8192, { withRange = true } = {}): ImportSource {
  return {
    name,
    size: bytes.length,
    async *chunks() {
      for (let at = 0; at < bytes.length; at += chunk) yield bytes.slice(at, at + chunk);
    },
    ...(withRange && { range: async (start: number, end: number) => bytes.slice(start, end) }),
  };
}

const archive = (count: number, extra: Record<string, Uint8Array> = {}) =>
  zipSync({ ...Object.fromEntries(Array.from({ length: count }, (_, i) => [`_posts/2024-01-01-p${String(i).padStart(5, '0')}.md`, strToU8(post(i))])), ...extra });

/** A library that keeps whole batches and knows its articles by URL, as the worker does. */
function fakeLibrary() {
  const urls = new Set<string>();
  const batches: ImportDraft[][] = [];
  const send = async (drafts: ImportDraft[]) => {
    batches.push(drafts);
    let added = 0;
    for (const d of drafts) if (!urls.has(d.url) && urls.add(d.url)) added++;
    return { added, known: drafts.length - added };
  };
  return { urls, batches, send };
}

function options(overrides: Partial<ImportRunOptions> & Pick<ImportRunOptions, 'send'>): ImportRunOptions {
  return { prepareBody: (html) => ({ html, textLength: html.length }), pace: () => {}, batchSize: 100, batchChars: 1_000_000, ...overrides };
}

describe('runImport', () => {
  it('reads a zip entry by entry into batches, counting its posts first from its directory', async () => {
    const library = fakeLibrary();
    const progress: ImportProgress[] = [];
    const zip = archive(250, { 'assets/x.png': new Uint8Array([1, 2, 3]), 'C:/evil.md': strToU8(post(999)), '../evil.md': strToU8(post(998)) });
    const outcome = await runImport([memorySource('site.zip', zip)], options({ send: library.send, onProgress: (p) => progress.push(p) }));
    expect(outcome.stopped).toBeUndefined();
    expect(library.batches.map((b) => b.length)).toEqual([100, 100, 50]);
    expect(outcome.progress).toMatchObject({ done: 251, total: 251, added: 250, known: 0, failed: 1, bytesRead: zip.length });
    // Both are refused; only the one in a folder posts may be in counts as a post.
    expect(outcome.errors).toEqual([
      { file: 'site.zip/C:/evil.md', reason: reason('import-unsafe-path') },
      { file: 'site.zip/../evil.md', reason: reason('import-unsafe-path') },
    ]);
    expect(progress.some((p) => p.total === 251 && p.done === 0)).toBe(true);
    expect(library.batches[0]![0]).toMatchObject({ title: 'Post 0', url: 'https://archive.example/0', tags: ['t0'] });
    expect(library.batches[0]![0]).not.toHaveProperty('file');
  });

  it("reads every post of the extension's own streamed zip whole, even one whose compressed bytes hold a zip signature", async () => {
    // Every entry the export writes has its sizes after its data; read by the bytes alone, an
    // entry whose compressed data holds a signature is cut there. Level 0 puts the bytes as they are.
    const chunks: Uint8Array[] = [];
    const writer = new ZipWriter((chunk) => void chunks.push(chunk), 0);
    const tricky = (n: number) => `${post(n)}Signatures: PK\u0007\u0008 PK\u0001\u0002 PK\u0003\u0004 end ${n}.\n`;
    for (let n = 0; n < 20; n++) await writer.add(`_posts/2024-01-01-p${n}.md`, tricky(n));
    await writer.add('assets/photo.png', new Uint8Array([0x89, 0x50, 0x4b, 0x07, 0x08, 1, 2, 3]), { compress: false });
    await writer.finish();
    const zip = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
    chunks.reduce((at, c) => (zip.set(c, at), at + c.length), 0);
    const library = fakeLibrary();
    const outcome = await runImport([memorySource('export.zip', zip, 4096)], options({ send: library.send }));
    expect(outcome.errors).toEqual([]);
    expect(outcome.progress).toMatchObject({ total: 20, done: 20, added: 20, failed: 0 });
    const bodies = library.batches.flat().map((d) => d.contentHtml);
    expect(bodies.every((html, n) => html.includes(`PK\u0003\u0004 end ${n}.`))).toBe(true);
  });

  it("bounds a batch by its bodies' length as well as by its count", async () => {
    const library = fakeLibrary();
    const body = (n: number) => `---\nfrom: https://a.example/${n}\n---\n\n${'x'.repeat(3000)}\n`;
    const files = Array.from({ length: 10 }, (_, i) => memorySource(`p${i}.md`, strToU8(body(i))));
    await runImport(files, options({ send: library.send, batchChars: 10_000 }));
    expect(library.batches.map((b) => b.length)).toEqual([3, 3, 3, 1]);
  });

  it('falls back to bytes read when a zip cannot tell its count, and reports posts and files it refuses', async () => {
    const library = fakeLibrary();
    const sources = [
      memorySource('a.zip', archive(5), 8192, { withRange: false }),
      memorySource('notes.txt', strToU8('x')),
      memorySource('huge.md', new Uint8Array(2048).fill(0x61)),
      memorySource('nourl.md', strToU8('---\ntitle: x\n---\n')),
    ];
    const outcome = await runImport(sources, options({ send: library.send, maxFileBytes: 1024 }));
    expect(outcome.progress.total).toBeUndefined();
    expect(outcome.progress).toMatchObject({ done: 8, added: 5, failed: 3 });
    expect(outcome.errors.map((e) => [e.file, e.reason.code])).toEqual([
      ['notes.txt', 'import-not-markdown'],
      ['huge.md', 'import-too-large'],
      ['nourl.md', 'import-no-url'],
    ]);
  });

  it('lists a post whose parsing throws anything at all, and imports the others', async () => {
    const library = fakeLibrary();
    const prepareBody = (html: string) => {
      if (html.includes('Body 3.')) throw new RangeError('Maximum call stack size exceeded');
      return { html, textLength: 1 };
    };
    const outcome = await runImport([memorySource('a.zip', archive(6))], options({ send: library.send, prepareBody }));
    expect(outcome.progress.added).toBe(5);
    expect(outcome.errors).toEqual([{ file: 'a.zip/_posts/2024-01-01-p00003.md', reason: reason('import-unreadable', { detail: 'Maximum call stack size exceeded' }) }]);
  });

  it('yields to the page while it reads', async () => {
    const pace = vi.fn();
    await runImport([memorySource('a.zip', archive(30))], options({ send: fakeLibrary().send, pace }));
    expect(pace.mock.calls.length).toBeGreaterThanOrEqual(30);
  });

  it('cancelled, keeps the batches stored whole and sends nothing more; the same import again finishes the rest', async () => {
    const library = fakeLibrary();
    const controller = new AbortController();
    const zip = archive(450);
    const send = async (drafts: ImportDraft[]) => {
      const result = await library.send(drafts);
      if (library.batches.length === 2) controller.abort();
      return result;
    };
    const first = await runImport([memorySource('a.zip', zip)], options({ send, signal: controller.signal }));
    expect(first.stopped).toEqual({ cancelled: true });
    expect(library.batches.map((b) => b.length)).toEqual([100, 100]);
    expect(first.progress).toMatchObject({ added: 200, done: 200 });

    const again = await runImport([memorySource('a.zip', zip)], options({ send: library.send }));
    expect(again.stopped).toBeUndefined();
    expect(again.progress).toMatchObject({ added: 250, known: 200, done: 450 });
    expect(library.urls.size).toBe(450);
  });

  it('stops when the library is full, saying how much it kept', async () => {
    const library = fakeLibrary();
    const send = async (drafts: ImportDraft[]) => {
      if (library.batches.length === 2) throw new ReasonError(reason('storage-full'));
      return library.send(drafts);
    };
    const outcome = await runImport([memorySource('a.zip', archive(450))], options({ send }));
    expect(outcome.stopped).toEqual({ reason: reason('import-storage-full', { added: 200 }) });
    expect(outcome.progress.added).toBe(200);
    expect(library.batches).toHaveLength(2);
  });

  it('says why when a file cannot be read from disk, and goes on with the next', async () => {
    const library = fakeLibrary();
    const vanished: ImportSource = {
      name: 'gone.md',
      // eslint-disable-next-line require-yield -- fails before its first chunk, as a file deleted meanwhile does
      async *chunks() {
        throw new DOMException('The requested file could not be read', 'NotReadableError');
      },
    };
    const outcome = await runImport([vanished, memorySource('ok.md', strToU8(post(1)))], options({ send: library.send }));
    expect(outcome.errors).toEqual([{ file: 'gone.md', reason: reason('import-unreadable', { detail: 'The requested file could not be read' }) }]);
    expect(outcome.progress.added).toBe(1);
  });
});
