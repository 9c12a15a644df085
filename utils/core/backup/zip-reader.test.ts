import { strFromU8, strToU8, UnzipInflate, Zip, ZipDeflate, zipSync } from 'fflate';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isUnsafePath, readZipDirectory, ZipReader, type RangeReader, type ZipItem, type ZipLimits } from './zip-reader';

const LIMITS: ZipLimits = { maxEntryBytes: 1024 * 1024, maxTotalBytes: 64 * 1024 * 1024, maxEntries: 1000 };
const isPost = (name: string) => name.endsWith('.md');

const rangeOf =
  (zip: Uint8Array): RangeReader =>
  async (start, end) =>
    zip.slice(start, end);

/**
 * How the reader is used: guided by the zip's directory, as an import from a file is (when the
 * zip has a directory to read), or with the bytes alone.
 */
const MODES = ['by its directory', 'streamed'] as const;
type Mode = (typeof MODES)[number];

/** Feeds the zip in chunks of `chunk` bytes; answers the items after each chunk. */
async function readInChunks(zip: Uint8Array, chunk: number, limits = LIMITS, mode: Mode = 'by its directory'): Promise<ZipItem[][]> {
  const directory = mode === 'streamed' ? undefined : await readZipDirectory(zip.length, rangeOf(zip), isPost);
  const reader = new ZipReader(limits, isPost, directory);
  const out: ZipItem[][] = [];
  for (let at = 0; at < zip.length; at += chunk) out.push(reader.push(zip.subarray(at, at + chunk)));
  out.push(reader.push(new Uint8Array(0), true));
  return out;
}
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

/** A zip written as a stream by fflate (every entry's sizes after its data), as the extension's export is. */
function streamedZip(entries: [string, Uint8Array, number?][]): Uint8Array {
  const chunks: Uint8Array[] = [];
  const zip = new Zip((error, chunk) => {
    if (error) throw error;
    chunks.push(chunk);
  });
  for (const [name, bytes, level] of entries) {
    const entry = new ZipDeflate(name, level === undefined ? undefined : { level: level as 0 });
    zip.add(entry);
    entry.push(bytes, true);
  }
  zip.end();
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  chunks.reduce((at, c) => (out.set(c, at), at + c.length), 0);
  return out;
}

describe.each(MODES)('ZipReader, %s', (mode) => {
  const readInChunksOf = (zip: Uint8Array, chunk: number, limits = LIMITS) => readInChunks(zip, chunk, limits, mode);
  const readAll = async (zip: Uint8Array, limits = LIMITS) => (await readInChunksOf(zip, 64 * 1024, limits)).flat();

  it('gives each entry as soon as its bytes have arrived, long before the zip ends', async () => {
    const zip = zipSync({ 'a.md': text(40_000, 1), 'b.md': text(40_000, 2), 'c.md': text(40_000, 3) });
    const steps = await readInChunksOf(zip, 4096);
    const firstAt = steps.findIndex((items) => items.some((i) => i.kind === 'file' && i.name === 'a.md'));
    expect(firstAt).toBeGreaterThanOrEqual(0);
    expect(firstAt).toBeLessThan(steps.length / 2);
    const files = steps.flat().filter((i) => i.kind === 'file');
    expect(files.map((f) => f.name)).toEqual(['a.md', 'b.md', 'c.md']);
    expect(files.map((f) => (f.kind === 'file' ? f.bytes : undefined))).toEqual([text(40_000, 1), text(40_000, 2), text(40_000, 3)]);
  });

  it('reads a zip written as a stream (sizes after the data, in data descriptors)', async () => {
    const bytes = streamedZip([
      ['x/1.md', text(30_000, 4)],
      ['x/2.md', strToU8('# two')],
    ]);
    expect(summary(await readAll(bytes))).toEqual([`file x/1.md ${strFromU8(text(20, 4))}`, 'file x/2.md # two']);
  });


  it('passes over what is not a post without inflating it, and skips folders', async () => {
    const push = vi.spyOn(UnzipInflate.prototype, 'push');
    const zip = zipSync({ 'img/': {}, 'img/photo.png': text(50_000), 'post.md': strToU8('hello') } as never);
    expect(summary(await readAll(zip))).toEqual(['skipped img/photo.png', 'file post.md hello']);
    expect(push.mock.calls.reduce((n, [chunk]) => n + chunk.length, 0)).toBeLessThan(100);
  });

  it('refuses paths that could climb out of a folder, whatever they hold, and reads the rest', async () => {
    const zip = zipSync({
      '../evil.md': strToU8('x'),
      'a/../../evil.md': strToU8('x'),
      '/etc/evil.md': strToU8('x'),
      'C:/evil.md': strToU8('x'),
      'a\\..\\evil.md': strToU8('x'),
      'fine/2019-05-03/ok.md': strToU8('ok'),
    });
    const items = await readAll(zip);
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

  it('stops inflating an entry that passes the limit though its header says it is small (a zip bomb), and goes on', async () => {
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
    expect(summary(await readAll(zip))).toEqual(['refused bomb.md import-inflates-too-large', 'file after.md still read']);
    // Only the start of the entry was inflated, not its 8 MB.
    expect(compressed).toBeGreaterThan(64 * 1024);
    expect(pushed.reduce((n, c) => n + c, 0)).toBeLessThan(compressed / 2);
  }, 20_000);

  it('refuses a small entry that holds more than its header says, writing nothing past what it declared', async () => {
    const zip = zipSync({ 'small.md': new Uint8Array(3 * 1024 * 1024).fill(0x20), 'after.md': strToU8('still read') }, { level: 9 });
    const { local, central } = headersOf(zip, 'small.md');
    const view = new DataView(zip.buffer);
    expect(view.getUint32(local + 18, true)).toBeLessThan(16 * 1024);
    view.setUint32(local + 22, 100, true);
    view.setUint32(central + 24, 100, true);
    expect(summary(await readAll(zip))).toEqual(['refused small.md import-bad-zip-entry', 'file after.md still read']);
  });

  it('refuses an entry whose header declares more than the limit without inflating it', async () => {
    const push = vi.spyOn(UnzipInflate.prototype, 'push');
    const zip = zipSync({ 'big.md': new Uint8Array(2 * 1024 * 1024).fill(0x61), 'ok.md': strToU8('ok') });
    const items = await readAll(zip);
    expect(summary(items)).toEqual(['refused big.md import-too-large', 'file ok.md ok']);
    expect(items[0]).toMatchObject({ reason: { params: { size: 2, max: 1 } } });
    expect(push.mock.calls.every(([chunk]) => chunk.length < 100)).toBe(true);
  });

  it('stops the whole zip past its entry count or its total inflated size, keeping what came before', async () => {
    const many = zipSync(Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`p${String(i).padStart(2, '0')}.md`, strToU8(`${i}`)])));
    expect(summary(await readAll(many, { ...LIMITS, maxEntries: 10 })).slice(-2)).toEqual(['file p09.md 9', 'broken import-zip-too-many']);
    const heavy = zipSync(Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`p${i}.md`, text(300_000, i)])));
    const items = await readAll(heavy, { ...LIMITS, maxTotalBytes: 1_000_000 });
    expect(summary(items).map((s) => s.split(' ').slice(0, 2).join(' '))).toEqual(['file p0.md', 'file p1.md', 'file p2.md', 'broken import-zip-too-much']);
  });

  it('reports a damaged entry and reads the next one', async () => {
    const zip = zipSync({ 'a.md': text(20_000, 1), 'b.md': text(20_000, 2), 'c.md': strToU8('third') });
    const { local } = headersOf(zip, 'b.md');
    const data = local + 30 + 'b.md'.length;
    zip.fill(0xff, data, data + 64);
    expect(summary(await readAll(zip)).map((s) => s.split(' ').slice(0, 3).join(' '))).toEqual(['file a.md ' + strFromU8(text(20, 1)), 'refused b.md import-bad-zip-entry', 'file c.md third']);
  });

  it('reports a zip cut short, or no zip at all, once; what came before the damage stands', async () => {
    const zip = zipSync({ 'a.md': strToU8('first'), 'b.md': text(50_000, 2) });
    const cut = zip.subarray(0, headersOf(zip, 'b.md').local + 2000);
    expect(summary(await readAll(cut))).toEqual(['file a.md first', 'broken import-bad-zip']);
    const noEnd = zip.subarray(0, headersOf(zip, 'b.md').central);
    expect(summary(await readAll(noEnd)).at(-1)).toBe('broken import-bad-zip');
    expect(summary(await readAll(strToU8('PK not really')))).toEqual(['broken import-bad-zip']);
    expect(summary(await readAll(new Uint8Array(0)))).toEqual(['broken import-bad-zip']);
    expect(summary(await readAll(zipSync({})))).toEqual([]);
  });

  it('reports an entry packed with a method it cannot unpack, and reads the next one', async () => {
    const zip = zipSync({ 'odd.md': text(5000), 'ok.md': strToU8('ok') });
    const { local, central } = headersOf(zip, 'odd.md');
    const view = new DataView(zip.buffer);
    view.setUint16(local + 8, 14, true);
    view.setUint16(central + 10, 14, true);
    expect(summary(await readAll(zip))).toEqual(['refused odd.md import-zip-method', 'file ok.md ok']);
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

/** A zip of one stored entry built by hand, its directory record giving its sizes and offset in a zip64 extra field. */
function zip64Zip(name: string, body: Uint8Array): Uint8Array {
  const nameBytes = strToU8(name);
  const local = new Uint8Array(30 + nameBytes.length);
  const lv = new DataView(local.buffer);
  lv.setUint32(0, 0x04034b50, true);
  lv.setUint16(4, 20, true);
  lv.setUint16(6, 0x800, true); // the name is UTF-8
  lv.setUint32(18, body.length, true);
  lv.setUint32(22, body.length, true);
  lv.setUint16(26, nameBytes.length, true);
  local.set(nameBytes, 30);
  const central = new Uint8Array(46 + nameBytes.length + 28);
  const cv = new DataView(central.buffer);
  cv.setUint32(0, 0x02014b50, true);
  cv.setUint16(8, 0x800, true);
  cv.setUint32(20, 0xffffffff, true);
  cv.setUint32(24, 0xffffffff, true);
  cv.setUint16(28, nameBytes.length, true);
  cv.setUint16(30, 28, true);
  cv.setUint32(42, 0xffffffff, true);
  central.set(nameBytes, 46);
  const extra = 46 + nameBytes.length;
  cv.setUint16(extra, 0x0001, true);
  cv.setUint16(extra + 2, 24, true);
  cv.setBigUint64(extra + 4, BigInt(body.length), true);
  cv.setBigUint64(extra + 12, BigInt(body.length), true);
  cv.setBigUint64(extra + 20, 0n, true);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, 1, true);
  ev.setUint16(10, 1, true);
  ev.setUint32(12, central.length, true);
  ev.setUint32(16, local.length + body.length, true);
  return new Uint8Array([...local, ...body, ...central, ...end]);
}

describe('ZipReader, by its directory: where the bytes alone mislead', () => {
  // Deflate level 0 (stored blocks) puts the bytes in the compressed data as they are.
  const signatures = [
    [0x50, 0x4b, 0x07, 0x08],
    [0x50, 0x4b, 0x01, 0x02],
    [0x50, 0x4b, 0x03, 0x04],
  ];
  const holding = signatures.map((signature, i) => new Uint8Array([...text(4000, 5 + i), ...signature, ...text(4000, 9 + i)]));
  const zip = streamedZip([...holding.map((body, i): [string, Uint8Array, number] => [`${i}.md`, body, 0]), ['last.md', strToU8('last'), 6]]);

  it('reads whole every streamed entry whose compressed bytes happen to hold a PK signature, in chunks of any size', async () => {
    for (const chunk of [1000, 4096, 64 * 1024, zip.length]) {
      const files = (await readInChunks(zip, chunk)).flat();
      expect(files.map((f) => f.kind === 'file' && f.name)).toEqual(['0.md', '1.md', '2.md', 'last.md']);
      expect(files.slice(0, 3).map((f) => f.kind === 'file' && f.bytes)).toEqual(holding);
    }
  });

  it('streamed, the same zip is not read as it is (why an import reads the directory first)', async () => {
    const files = (await readInChunks(zip, 64 * 1024, LIMITS, 'streamed')).flat();
    expect(files.filter((f) => f.kind === 'file' && holding.some((body) => f.bytes.length === body.length && f.bytes.every((b, i) => b === body[i])))).not.toHaveLength(3);
  });

  it('refuses entries whose bytes lie inside another (a zip bomb of overlapping entries) without reading them', async () => {
    const bomb = zipSync({ 'a.md': text(20_000, 1), 'b.md': strToU8('bee'), 'c.md': strToU8('sea') });
    const view = new DataView(bomb.buffer);
    view.setUint32(headersOf(bomb, 'b.md').central + 42, headersOf(bomb, 'a.md').local, true);
    const items = (await readInChunks(bomb, 4096)).flat();
    expect(summary(items)).toEqual(['refused b.md import-bad-zip-entry', `file a.md ${strFromU8(text(20, 1))}`, 'file c.md sea']);
    expect(items[0]).toMatchObject({ wanted: true });
  });

  it('stops, keeping what came before, where an entry is not where the directory says', async () => {
    const zip = zipSync({ 'a.md': strToU8('first'), 'b.md': strToU8('second') });
    const { central } = headersOf(zip, 'b.md');
    const view = new DataView(zip.buffer);
    view.setUint32(central + 42, view.getUint32(central + 42, true) + 3, true);
    expect(summary((await readInChunks(zip, 7)).flat())).toEqual(['file a.md first', 'broken import-bad-zip']);
  });

  it('stops a zip that ends before the entries its directory lists', async () => {
    const zip = zipSync({ 'a.md': strToU8('first'), 'b.md': text(50_000, 2) });
    const directory = await readZipDirectory(zip.length, rangeOf(zip), isPost);
    const reader = new ZipReader(LIMITS, isPost, directory);
    const items = [...reader.push(zip.subarray(0, headersOf(zip, 'b.md').local + 2000)), ...reader.push(new Uint8Array(0), true)];
    expect(summary(items)).toEqual(['file a.md first', 'broken import-bad-zip']);
  });

  it('reads the sizes and offset of a zip64 directory record', async () => {
    const zip = zip64Zip('big/中文.md', strToU8('sixty-four'));
    expect(await readZipDirectory(zip.length, rangeOf(zip), isPost)).toMatchObject({ wanted: 1, offsets: Float64Array.of(0), compressedSizes: Float64Array.of(10) });
    expect(summary((await readInChunks(zip, 5)).flat())).toEqual(['file big/中文.md sixty-four']);
  });
});

describe('readZipDirectory', () => {
  it("counts the wanted entries from the zip's directory, reading only its end", async () => {
    const names = Array.from({ length: 5000 }, (_, i) => `_posts/${i}.md`);
    const zip = zipSync({ ...Object.fromEntries(names.map((n) => [n, strToU8(n)])), 'a/photo.png': strToU8('x'), '_posts/中文.md': strToU8('x') });
    const reads: [number, number][] = [];
    const paces = vi.fn();
    const directory = await readZipDirectory(zip.length, (start, end) => (reads.push([start, end]), rangeOf(zip)(start, end)), isPost, { pace: paces });
    expect(directory?.wanted).toBe(5001);
    expect(directory?.offsets).toHaveLength(5002);
    expect(directory?.offsets[0]).toBe(0);
    expect(directory?.offsets.every((offset, i, all) => i === 0 || offset > all[i - 1]!)).toBe(true);
    expect(reads.every(([start]) => start > zip.length / 3)).toBe(true);
    expect(paces).toHaveBeenCalled();
  });

  it('says nothing for a zip without a sound directory', async () => {
    const zip = zipSync({ 'a.md': strToU8('x') });
    expect(await readZipDirectory(zip.length - 10, rangeOf(zip.subarray(0, zip.length - 10)), isPost)).toBeUndefined();
    expect(await readZipDirectory(5, rangeOf(strToU8('PK no')), isPost)).toBeUndefined();
    expect(await readZipDirectory(zip.length, rangeOf(zip), isPost, { maxDirectoryBytes: 10 })).toBeUndefined();
  });
});
