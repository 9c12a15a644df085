import { strFromU8, strToU8, UnzipInflate, Zip, ZipDeflate, zipSync } from 'fflate';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { countZipEntries, isUnsafePath, ZipReader, type ZipItem, type ZipLimits } from './zip-reader';

const LIMITS: ZipLimits = { maxEntryBytes: 1024 * 1024, maxTotalBytes: 64 * 1024 * 1024, maxEntries: 1000 };
const isPost = (name: string) => name.endsWith('.md');

/** Feeds the zip in chunks of `chunk` bytes; answers the items after each chunk. */
function readInChunks(zip: Uint8Array, chunk: number, limits = LIMITS): ZipItem[][] {
  const reader = new ZipReader(limits, isPost);
  const out: ZipItem[][] = [];
  for (let at = 0; at < zip.length; at += chunk) out.push(reader.push(zip.subarray(at, at + chunk)));
  out.push(reader.push(new Uint8Array(0), true));
  return out;
}
const readAll = (zip: Uint8Array, limits = LIMITS) => readInChunks(zip, 64 * 1024, limits).flat();
const summary = (items: ZipItem[]) =>
  items.map((item) =>
    item.kind === 'file' ? `file ${item.name} ${strFromU8(item.bytes).slice(0, 20)}` : item.kind === 'broken' ? `broken ${item.reason.code}` : item.kind === 'refused' ? `refused ${item.name} ${item.reason.code}` : `skipped ${item.name}`,
  );

/** Random text: it compresses about as little as real text does. */
function text(bytes: number, seed = 1): Uint8Array {
  const out = new Uint8Array(bytes);
  let x = seed;
  for (let i = 0; i < bytes; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = 97 + ((x >>> 16) % 26);
  }
  return out;
}

/** Offsets of the local headers and central directory records naming `name`. */
function headersOf(zip: Uint8Array, name: string): { local: number; central: number } {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const find = (signature: number, nameAt: number, lengthAt: number) => {
    for (let at = 0; at + 46 < zip.length; at++) {
      if (view.getUint32(at, true) !== signature) continue;
      const length = view.getUint16(at + lengthAt, true);
      if (strFromU8(zip.subarray(at + nameAt, at + nameAt + length)) === name) return at;
    }
    throw new Error(`no header for ${name}`);
  };
  return { local: find(0x04034b50, 30, 26), central: find(0x02014b50, 46, 28) };
}

afterEach(() => vi.restoreAllMocks());

describe('ZipReader', () => {
  it('gives each entry as soon as its bytes have arrived, long before the zip ends', () => {
    const zip = zipSync({ 'a.md': text(40_000, 1), 'b.md': text(40_000, 2), 'c.md': text(40_000, 3) });
    const steps = readInChunks(zip, 4096);
    const firstAt = steps.findIndex((items) => items.some((i) => i.kind === 'file' && i.name === 'a.md'));
    expect(firstAt).toBeGreaterThanOrEqual(0);
    expect(firstAt).toBeLessThan(steps.length / 2);
    const files = steps.flat().filter((i) => i.kind === 'file');
    expect(files.map((f) => f.name)).toEqual(['a.md', 'b.md', 'c.md']);
    expect(files.map((f) => (f.kind === 'file' ? f.bytes : undefined))).toEqual([text(40_000, 1), text(40_000, 2), text(40_000, 3)]);
  });

  it('reads a zip written as a stream (sizes after the data, in data descriptors)', () => {
    const chunks: Uint8Array[] = [];
    const zip = new Zip((error, chunk) => {
      if (error) throw error;
      chunks.push(chunk);
    });
    for (const [name, bytes] of [['x/1.md', text(30_000, 4)], ['x/2.md', strToU8('# two')]] as const) {
      const entry = new ZipDeflate(name);
      zip.add(entry);
      entry.push(bytes, true);
    }
    zip.end();
    const bytes = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
    chunks.reduce((at, c) => (bytes.set(c, at), at + c.length), 0);
    expect(summary(readAll(bytes))).toEqual([`file x/1.md ${strFromU8(text(20, 4))}`, 'file x/2.md # two']);
  });


  // KNOWN BUG, not fixed yet (remove `.fails` when it is): fflate's streaming `Unzip` finds where
  // an entry with a data descriptor ends by scanning its compressed bytes for the PK signatures
  // (descriptor, local header, central directory), so an entry whose deflated bytes happen to hold
  // one is cut there and refused as damaged (a stored image is silently cut short). Every entry of
  // the extension's own export has a descriptor; Info-ZIP `unzip -t` reads such a zip without error.
  // Deflate level 0 (stored blocks) puts the signature in the compressed bytes for certain.
  it.fails('reads a streamed entry whose compressed bytes happen to hold a PK signature', () => {
    const chunks: Uint8Array[] = [];
    const zip = new Zip((error, chunk) => {
      if (error) throw error;
      chunks.push(chunk);
    });
    const body = new Uint8Array([...text(4000, 5), 0x50, 0x4b, 0x07, 0x08, ...text(4000, 6)]);
    const entry = new ZipDeflate('a.md', { level: 0 });
    zip.add(entry);
    entry.push(body, true);
    zip.end();
    const bytes = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
    chunks.reduce((at, c) => (bytes.set(c, at), at + c.length), 0);
    const items = readAll(bytes);
    expect(items.map((i) => i.kind)).toEqual(['file']);
    expect(items[0]!.kind === 'file' && items[0]!.bytes).toEqual(body);
  });
  it('passes over what is not a post without inflating it, and skips folders', () => {
    const push = vi.spyOn(UnzipInflate.prototype, 'push');
    const zip = zipSync({ 'img/': {}, 'img/photo.png': text(50_000), 'post.md': strToU8('hello') } as never);
    expect(summary(readAll(zip))).toEqual(['skipped img/photo.png', 'file post.md hello']);
    expect(push.mock.calls.reduce((n, [chunk]) => n + chunk.length, 0)).toBeLessThan(100);
  });

  it('refuses paths that could climb out of a folder, whatever they hold, and reads the rest', () => {
    const zip = zipSync({
      '../evil.md': strToU8('x'),
      'a/../../evil.md': strToU8('x'),
      '/etc/evil.md': strToU8('x'),
      'C:/evil.md': strToU8('x'),
      'a\\..\\evil.md': strToU8('x'),
      'fine/2019-05-03/ok.md': strToU8('ok'),
    });
    const items = readAll(zip);
    expect(summary(items)).toEqual([
      'refused ../evil.md import-unsafe-path',
      'refused a/../../evil.md import-unsafe-path',
      'refused /etc/evil.md import-unsafe-path',
      'refused C:/evil.md import-unsafe-path',
      'refused a\\..\\evil.md import-unsafe-path',
      'file fine/2019-05-03/ok.md ok',
    ]);
    expect(items.filter((i) => i.kind === 'refused').every((i) => i.kind === 'refused' && i.wanted)).toBe(true);
  });

  it('stops inflating an entry that passes the limit though its header says it is small (a zip bomb), and goes on', () => {
    // Two letters at random: it inflates about eight times, so the limit comes well inside it.
    const bomb = text(8 * 1024 * 1024).map((c) => 97 + (c & 1));
    const zip = zipSync({ 'bomb.md': bomb, 'after.md': strToU8('still read') }, { level: 1 });
    const { local, central } = headersOf(zip, 'bomb.md');
    const view = new DataView(zip.buffer);
    const compressed = view.getUint32(local + 18, true);
    // The header lies: 100 bytes.
    view.setUint32(local + 22, 100, true);
    view.setUint32(central + 24, 100, true);
    const pushed: number[] = [];
    const push = UnzipInflate.prototype.push;
    vi.spyOn(UnzipInflate.prototype, 'push').mockImplementation(function (this: UnzipInflate, chunk, final) {
      pushed.push(chunk.length);
      push.call(this, chunk, final);
    });
    expect(summary(readAll(zip))).toEqual(['refused bomb.md import-inflates-too-large', 'file after.md still read']);
    // Only the start of the entry was inflated, not its 8 MB.
    expect(compressed).toBeGreaterThan(64 * 1024);
    expect(pushed.reduce((n, c) => n + c, 0)).toBeLessThan(compressed / 2);
  }, 20_000);

  it('refuses a small entry that holds more than its header says, writing nothing past what it declared', () => {
    const zip = zipSync({ 'small.md': new Uint8Array(3 * 1024 * 1024).fill(0x20), 'after.md': strToU8('still read') }, { level: 9 });
    const { local, central } = headersOf(zip, 'small.md');
    const view = new DataView(zip.buffer);
    expect(view.getUint32(local + 18, true)).toBeLessThan(16 * 1024);
    view.setUint32(local + 22, 100, true);
    view.setUint32(central + 24, 100, true);
    expect(summary(readAll(zip))).toEqual(['refused small.md import-bad-zip-entry', 'file after.md still read']);
  });

  it('refuses an entry whose header declares more than the limit without inflating it', () => {
    const push = vi.spyOn(UnzipInflate.prototype, 'push');
    const zip = zipSync({ 'big.md': new Uint8Array(2 * 1024 * 1024).fill(0x61), 'ok.md': strToU8('ok') });
    const items = readAll(zip);
    expect(summary(items)).toEqual(['refused big.md import-too-large', 'file ok.md ok']);
    expect(items[0]).toMatchObject({ reason: { params: { size: 2, max: 1 } } });
    expect(push.mock.calls.every(([chunk]) => chunk.length < 100)).toBe(true);
  });

  it('stops the whole zip past its entry count or its total inflated size, keeping what came before', () => {
    const many = zipSync(Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`p${String(i).padStart(2, '0')}.md`, strToU8(`${i}`)])));
    expect(summary(readAll(many, { ...LIMITS, maxEntries: 10 })).slice(-2)).toEqual(['file p09.md 9', 'broken import-zip-too-many']);
    const heavy = zipSync(Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`p${i}.md`, text(300_000, i)])));
    const items = readAll(heavy, { ...LIMITS, maxTotalBytes: 1_000_000 });
    expect(summary(items).map((s) => s.split(' ').slice(0, 2).join(' '))).toEqual(['file p0.md', 'file p1.md', 'file p2.md', 'broken import-zip-too-much']);
  });

  it('reports a damaged entry and reads the next one', () => {
    const zip = zipSync({ 'a.md': text(20_000, 1), 'b.md': text(20_000, 2), 'c.md': strToU8('third') });
    const { local } = headersOf(zip, 'b.md');
    const data = local + 30 + 'b.md'.length;
    zip.fill(0xff, data, data + 64);
    expect(summary(readAll(zip)).map((s) => s.split(' ').slice(0, 3).join(' '))).toEqual(['file a.md ' + strFromU8(text(20, 1)), 'refused b.md import-bad-zip-entry', 'file c.md third']);
  });

  it('reports a zip cut short, or no zip at all, once; what came before the damage stands', () => {
    const zip = zipSync({ 'a.md': strToU8('first'), 'b.md': text(50_000, 2) });
    const cut = zip.subarray(0, headersOf(zip, 'b.md').local + 2000);
    expect(summary(readAll(cut))).toEqual(['file a.md first', 'broken import-bad-zip']);
    const noEnd = zip.subarray(0, headersOf(zip, 'b.md').central);
    expect(summary(readAll(noEnd)).at(-1)).toBe('broken import-bad-zip');
    expect(summary(readAll(strToU8('PK not really')))).toEqual(['broken import-bad-zip']);
    expect(summary(readAll(new Uint8Array(0)))).toEqual(['broken import-bad-zip']);
    expect(summary(readAll(zipSync({})))).toEqual([]);
  });

  it('reports an entry packed with a method it cannot unpack, and reads the next one', () => {
    const zip = zipSync({ 'odd.md': text(5000), 'ok.md': strToU8('ok') });
    const { local, central } = headersOf(zip, 'odd.md');
    const view = new DataView(zip.buffer);
    view.setUint16(local + 8, 14, true);
    view.setUint16(central + 10, 14, true);
    expect(summary(readAll(zip))).toEqual(['refused odd.md import-zip-method', 'file ok.md ok']);
  });
});

describe('isUnsafePath', () => {
  it('tells names that stay inside their folder from those that may not', () => {
    // As an old generator named posts after their titles: a stray backslash, a line break.
    const real = ['_posts/2019-05-03-x.md', 'a/b..c/x.md', '..x.md', '_posts/archived/2019-05-03/x.md', '_posts/2019-05-03-a\\b.md', '_posts/2021-10-11-莫斯科教\n育.md'];
    expect(real.map(isUnsafePath)).toEqual(real.map(() => false));
    const climbing = ['..', '../x', 'a/../x', '/x', 'c:x', 'a\\..\\x', '..\\x', '\\\\server\\share\\x.md', 'a\u0000x'];
    expect(climbing.map(isUnsafePath)).toEqual(climbing.map(() => true));
  });
});

describe('countZipEntries', () => {
  const reader = (zip: Uint8Array) => async (start: number, end: number) => zip.slice(start, end);

  it("counts the wanted entries from the zip's directory, reading only its end", async () => {
    const names = Array.from({ length: 5000 }, (_, i) => `_posts/${i}.md`);
    const zip = zipSync({ ...Object.fromEntries(names.map((n) => [n, strToU8(n)])), 'a/photo.png': strToU8('x'), '_posts/中文.md': strToU8('x') });
    const reads: [number, number][] = [];
    const paces = vi.fn();
    const count = await countZipEntries(zip.length, (start, end) => (reads.push([start, end]), reader(zip)(start, end)), isPost, { pace: paces });
    expect(count).toBe(5001);
    expect(reads.every(([start]) => start > zip.length / 3)).toBe(true);
    expect(paces).toHaveBeenCalled();
  });

  it('says nothing for a zip without a sound directory', async () => {
    const zip = zipSync({ 'a.md': strToU8('x') });
    expect(await countZipEntries(zip.length - 10, reader(zip.subarray(0, zip.length - 10)), isPost)).toBeUndefined();
    expect(await countZipEntries(5, reader(strToU8('PK no')), isPost)).toBeUndefined();
    expect(await countZipEntries(zip.length, reader(zip), isPost, { maxDirectoryBytes: 10 })).toBeUndefined();
  });
});
