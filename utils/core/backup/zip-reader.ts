// Reading a zip of posts entry by entry, as its bytes arrive, so that an archive of any size is
// never held whole: guided by its central directory, read from its end first, where there is one
// (where each entry lies and how long it is), else by fflate's streaming `Unzip`. A zip from
// anywhere is hostile until read:
// - an entry's path is only a name to report: one that could climb out of a folder (`..`, an
//   absolute path, a drive letter, with backslashes read as separators) is refused, whatever it holds;
// - an entry is inflated in small steps and dropped the moment it passes the size limit, so a
//   header that lies about its size (a zip bomb) costs a few megabytes, not gigabytes;
// - the whole zip has a ceiling on entries and on inflated bytes;
// - entries whose bytes overlap (one deflated stream listed as many entries) are refused unread;
// - a damaged entry is reported and the reader moves on to the next one; a damaged zip is
//   reported once, and what was read before the damage stands.

import { inflateSync, Unzip, UnzipInflate, UnzipPassThrough, type AsyncFlateStreamHandler, type FlateError, type UnzipDecoder, type UnzipDecoderConstructor, type UnzipFile } from 'fflate';
import { reason, type Reason } from '../model/reasons';

export interface ZipLimits {
  /** An entry that inflates past this is refused. */
  maxEntryBytes: number;
  /** Reading stops once the zip's entries have inflated to this much in all. */
  maxTotalBytes: number;
  /** Reading stops past this many entries. */
  maxEntries: number;
}

export type ZipItem =
  | { kind: 'file'; name: string; bytes: Uint8Array }
  /** `wanted`: the entry would have been read had it been sound (it counts towards the posts). */
  | { kind: 'refused'; name: string; reason: Reason; wanted: boolean }
  | { kind: 'skipped'; name: string }
  /** The zip as a whole: nothing more comes from it. */
  | { kind: 'broken'; reason: Reason };

export const megabytes = (bytes: number) => Math.round((bytes / 1048576) * 10) / 10;

/**
 * Whether a path could point outside the folder it is unpacked into: a `..` step, an absolute
 * path or a drive letter, with a backslash read as the separator it is on Windows; or a NUL,
 * which ends a path early where C reads it. A backslash or a line break inside a name is no
 * danger, and a real archive has them: an old generator wrote titles into file names unescaped.
 */
export function isUnsafePath(path: string): boolean {
  const slashed = path.replace(/\\/g, '/');
  if (path.includes('\0') || slashed.startsWith('/') || /^[A-Za-z]:/.test(slashed)) return true;
  return slashed.split('/').some((segment) => segment === '..');
}

/** Inflating bigger steps than this at once could overshoot the size limit by up to a thousand times the step. */
const STEP = 16 * 1024;
/**
 * An entry this small (compressed) is inflated in one go: fflate's stream allocates and copies
 * far more per entry, which for thousands of small posts costs more than the inflating. Whatever
 * the entry really holds, one go inflates at most about a thousand times this; where the header
 * declares the size, nothing is written past it.
 */
const WHOLE = 16 * 1024;
/** Posts inflate to about three times their deflated size; twelve leaves room for the most repetitive. */
const GUESSED_RATIO = 12;

/** Inflates a deflated entry, and really stops when terminated: fflate's own decoders go on inflating what is pushed to them. */
class GuardedInflate implements UnzipDecoder {
  static compression = UnzipInflate.compression;
  ondata: AsyncFlateStreamHandler = () => {};
  private stopped = false;
  private stream?: UnzipInflate;
  private parts: Uint8Array[] = [];
  private length = 0;

  constructor(
    _name: string,
    size?: number,
    private readonly originalSize?: number,
  ) {
    if (size !== undefined && size > WHOLE) this.openStream();
  }

  private openStream(): UnzipInflate {
    const stream = new UnzipInflate();
    stream.ondata = (error, data, final) => {
      if (!this.stopped) this.ondata(error, data, final);
    };
    return (this.stream = stream);
  }

  private feed(chunk: Uint8Array, final: boolean): void {
    if (chunk.length === 0) this.stream!.push(chunk, final);
    for (let at = 0; at < chunk.length && !this.stopped; at += STEP) this.stream!.push(chunk.subarray(at, at + STEP), final && at + STEP >= chunk.length);
  }

  push(chunk: Uint8Array, final: boolean): void {
    if (this.stopped) return;
    if (this.stream) return this.feed(chunk, final);
    this.parts.push(chunk);
    this.length += chunk.length;
    if (this.length > WHOLE) {
      // Larger than it looked (its size comes after its data): inflated as a stream after all.
      this.openStream();
      const parts = this.parts;
      this.parts = [];
      parts.forEach((part, i) => this.feed(part, final && i === parts.length - 1));
    } else if (final) this.inflateWhole();
  }

  private inflateWhole(): void {
    const declared = this.originalSize;
    let out: Uint8Array<ArrayBuffer>;
    try {
      const data = joinBytes(this.parts, this.length);
      // One byte more than declared: an entry that fills it holds more than its header says.
      if (declared !== undefined) out = inflateSync(data, { out: new Uint8Array(declared + 1) });
      else {
        // No size declared (a zip written as a stream): a buffer sized for text's compression
        // ratio, given to fflate, which then neither grows nor copies one (left to size it, it
        // makes room for 128 KB more at each block and copies the result out). A text that fills
        // it may hold more: it is inflated again, fflate sizing the buffer.
        const guess = inflateSync(data, { out: new Uint8Array(data.length * GUESSED_RATIO + 1024) });
        out = guess.length < guess.buffer.byteLength ? guess : inflateSync(data);
      }
    } catch (error) {
      return this.ondata(error as FlateError, new Uint8Array(0), true);
    }
    // An entry that is not the size its header says is damaged, or built to deceive.
    const wrong = declared !== undefined && out.length !== declared;
    this.ondata(wrong ? Object.assign(new Error('The entry is not the size its header says'), { code: 0 }) : null, out, true);
  }

  terminate = () => {
    this.stopped = true;
  };
}

/** Passes a stored entry through; stops when terminated. */
class GuardedPassThrough implements UnzipDecoder {
  static compression = UnzipPassThrough.compression;
  ondata: AsyncFlateStreamHandler = () => {};
  private stopped = false;

  push(chunk: Uint8Array, final: boolean): void {
    if (!this.stopped) this.ondata(null, chunk as Uint8Array<ArrayBuffer>, final);
  }

  terminate = () => {
    this.stopped = true;
  };
}

/** Takes an entry packed with a method the reader has no decoder for, and throws its bytes away. */
const discarding = (compression: number): UnzipDecoderConstructor =>
  class Discard implements UnzipDecoder {
    static compression = compression;
    ondata: AsyncFlateStreamHandler = () => {};
    push(): void {}
    terminate = () => {};
  };

const EMPTY = new Uint8Array(0);
const LOCAL_HEADER = [0x50, 0x4b, 0x03, 0x04];
const END_OF_DIRECTORY = [0x50, 0x4b, 0x05, 0x06];
/** Whether `bytes` holds `signature` at `at` (as far as `bytes` goes). */
const holds = (bytes: Uint8Array, signature: number[], at = 0) => signature.every((b, i) => at + i >= bytes.length || bytes[at + i] === b);

/** The chunks as one array (`length`: their total). */
export function joinBytes(chunks: Uint8Array[], length: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

/** Where the reader is in a zip it reads by its directory. */
interface Guide {
  directory: ZipDirectory;
  /** The next entry of the directory (in the order of the offsets). */
  next: number;
  /** The offset in the zip of the next byte pushed. */
  at: number;
  /** The local header being gathered: its fixed part first, then its name and extra field. */
  header: Uint8Array;
  gathered: number;
  /** Compressed bytes of the current entry still to come, and where they go (nowhere: passed over). */
  left: number;
  sink?: UnzipDecoder;
}

const LOCAL_HEADER_BYTES = 30;

/**
 * A zip read as its bytes arrive: `push` each chunk in order (the last with `final`), and take the
 * entries that chunk completed. `wanted` says which entries to read; the others are passed over
 * without being inflated.
 *
 * Given the zip's `directory` (read from its end first, `readZipDirectory`), an entry's bytes are
 * the ones the directory says, as Info-ZIP reads them. Without it (a zip whose end is not there,
 * or one held only as a stream), fflate's `Unzip` finds where an entry ends by itself; for an entry
 * whose size comes after its data (a data descriptor, as every streamed zip has, ours included),
 * it guesses from the first signature-like bytes in the compressed data, and one that happens to
 * hold them is cut there and refused.
 */
export class ZipReader {
  private readonly unzip?: Unzip;
  private readonly guide?: Guide;
  private items: ZipItem[] = [];
  private entries = 0;
  private inflated = 0;
  private started = false;
  private done = false;
  /** The last bytes seen, where the end-of-directory record must be once the zip is whole. */
  private tail: Uint8Array = new Uint8Array(0);

  constructor(
    private readonly limits: ZipLimits,
    private readonly wanted: (name: string) => boolean,
    directory?: ZipDirectory,
  ) {
    if (directory) {
      this.guide = { directory, next: 0, at: 0, header: new Uint8Array(LOCAL_HEADER_BYTES), gathered: 0, left: 0 };
      return;
    }
    this.unzip = new Unzip((file) => this.onFile(file));
    this.unzip.register(GuardedInflate);
    this.unzip.register(GuardedPassThrough);
  }

  push(chunk: Uint8Array, final = false): ZipItem[] {
    if (!this.done) {
      if (!this.started && (chunk.length > 0 || final)) {
        this.started = true;
        if (chunk.length === 0 || (!holds(chunk, LOCAL_HEADER) && !holds(chunk, END_OF_DIRECTORY))) this.stop(reason('import-bad-zip'));
        else for (const { name, wanted } of this.guide?.directory.overlapping ?? []) this.items.push({ kind: 'refused', name, reason: reason('import-bad-zip-entry'), wanted });
      }
      if (this.guide) this.pushGuided(this.guide, chunk, final);
      else this.pushStreamed(this.unzip!, chunk, final);
    }
    const items = this.items;
    this.items = [];
    return items;
  }

  private pushStreamed(unzip: Unzip, chunk: Uint8Array, final: boolean): void {
    this.keepTail(chunk);
    try {
      // In steps: fflate recurses once per entry within a push, and a chunk of thousands of
      // tiny entries would run out of stack.
      for (let at = 0; at < chunk.length && !this.done; at += STEP) unzip.push(chunk.subarray(at, at + STEP));
      if (final && !this.done) unzip.push(EMPTY, true);
      if (final && !this.done && !this.endsWell()) this.stop(reason('import-bad-zip'));
    } catch {
      this.stop(reason('import-bad-zip'));
    }
  }

  private pushGuided(guide: Guide, chunk: Uint8Array, final: boolean): void {
    const { offsets, compressedSizes, originalSizes } = guide.directory;
    let at = 0;
    while (at < chunk.length && !this.done) {
      if (guide.left > 0) {
        // The entry's compressed bytes, to its decoder or passed over.
        const part = chunk.subarray(at, at + Math.min(guide.left, STEP));
        at += part.length;
        guide.at += part.length;
        guide.left -= part.length;
        guide.sink?.push(part, guide.left === 0);
        continue;
      }
      if (guide.next >= offsets.length) break; // the directory itself, and whatever follows it
      if (guide.gathered === 0 && guide.at < offsets[guide.next]!) {
        // Between entries: a data descriptor, or bytes no entry claims.
        const skip = Math.min(offsets[guide.next]! - guide.at, chunk.length - at);
        at += skip;
        guide.at += skip;
        continue;
      }
      const take = Math.min(guide.header.length - guide.gathered, chunk.length - at);
      guide.header.set(chunk.subarray(at, at + take), guide.gathered);
      guide.gathered += take;
      at += take;
      guide.at += take;
      if (guide.gathered < guide.header.length) continue;
      const header = guide.header;
      if (u32(header, 0) !== 0x04034b50) return this.stop(reason('import-bad-zip'));
      const rest = u16(header, 26) + u16(header, 28);
      if (header.length === LOCAL_HEADER_BYTES && rest > 0) {
        // The fixed part is in: now its name and extra field.
        guide.header = new Uint8Array(LOCAL_HEADER_BYTES + rest);
        guide.header.set(header);
        continue;
      }
      guide.header = new Uint8Array(LOCAL_HEADER_BYTES);
      guide.gathered = 0;
      const entry = guide.next++;
      const nameBytes = header.subarray(LOCAL_HEADER_BYTES, LOCAL_HEADER_BYTES + u16(header, 26));
      guide.left = compressedSizes[entry]!;
      guide.sink = this.openGuided(guide, nameOf(nameBytes, u16(header, 6)), u16(header, 8), guide.left, originalSizes[entry]!);
    }
    if (final && !this.done && (guide.next < offsets.length || guide.left > 0)) this.stop(reason('import-bad-zip'));
  }

  /** The decoder for an entry read by the directory, or none when it is passed over. */
  private openGuided(guide: Guide, name: string, compression: number, size: number, originalSize: number): UnzipDecoder | undefined {
    // Stopped once it is the sink: its decoder stops, and the rest of its bytes are passed over.
    const terminate = () => {
      guide.sink?.terminate?.();
      guide.sink = undefined;
    };
    const receive = this.open(name, compression, originalSize, terminate);
    if (!receive) return undefined;
    if (size === 0) return void receive(null, EMPTY as Uint8Array<ArrayBuffer>, true);
    const decoder = compression === UnzipInflate.compression ? new GuardedInflate(name, size, originalSize) : new GuardedPassThrough();
    decoder.ondata = receive;
    return decoder;
  }

  private keepTail(chunk: Uint8Array): void {
    const keep = 22 + 0xffff;
    if (chunk.length >= keep) this.tail = chunk.slice(chunk.length - keep);
    else {
      const joined = joinBytes([this.tail, chunk], this.tail.length + chunk.length);
      this.tail = joined.length > keep ? joined.slice(joined.length - keep) : joined;
    }
  }

  /** A zip cut short (an interrupted download) has no end-of-directory record at its end. */
  private endsWell(): boolean {
    for (let at = this.tail.length - 22; at >= 0; at--) if (holds(this.tail, END_OF_DIRECTORY, at)) return true;
    return false;
  }

  private stop(why: Reason): void {
    if (this.done) return;
    this.done = true;
    this.items.push({ kind: 'broken', reason: why });
  }

  private onFile(file: UnzipFile): void {
    const pass = () => {
      file.ondata = () => {};
      file.start();
      file.terminate();
    };
    if (file.compression !== UnzipInflate.compression && file.compression !== UnzipPassThrough.compression) this.unzip!.register(discarding(file.compression));
    const receive = this.open(file.name, file.compression, file.originalSize, () => file.terminate());
    if (!receive) return pass();
    file.ondata = receive;
    file.start();
  }

  /**
   * Decides whether an entry is read, from what its headers say; answers what takes its inflated
   * bytes, or nothing when it is passed over (refused, skipped, or the zip stopped). `terminate`
   * stops its decoder.
   */
  private open(name: string, compression: number, originalSize: number | undefined, terminate: () => void): AsyncFlateStreamHandler | undefined {
    if (this.done) return undefined;
    if (++this.entries > this.limits.maxEntries) return void this.stop(reason('import-zip-too-many', { max: this.limits.maxEntries }));
    if (name.endsWith('/')) return undefined;
    const wanted = this.wanted(name);
    const refuse = (why: Reason) => void this.items.push({ kind: 'refused', name, reason: why, wanted });
    if (isUnsafePath(name)) return refuse(reason('import-unsafe-path'));
    if (!wanted) return void this.items.push({ kind: 'skipped', name });
    if (compression !== UnzipInflate.compression && compression !== UnzipPassThrough.compression) return refuse(reason('import-zip-method', { method: compression }));
    const max = this.limits.maxEntryBytes;
    if (originalSize !== undefined && originalSize > max) return refuse(reason('import-too-large', { size: megabytes(originalSize), max: megabytes(max) }));
    const chunks: Uint8Array[] = [];
    let size = 0;
    let over = false;
    return (error, data, final) => {
      if (over) return;
      if (error) {
        over = true;
        terminate();
        return refuse(reason('import-bad-zip-entry'));
      }
      size += data.length;
      this.inflated += data.length;
      if (size > max) {
        over = true;
        terminate();
        return refuse(reason('import-inflates-too-large', { max: megabytes(max) }));
      }
      if (this.inflated > this.limits.maxTotalBytes) {
        over = true;
        terminate();
        return this.stop(reason('import-zip-too-much', { max: megabytes(this.limits.maxTotalBytes) }));
      }
      if (data.length > 0) chunks.push(data);
      if (final) this.items.push({ kind: 'file', name, bytes: joinBytes(chunks, size) });
    };
  }
}

// ——— counting the posts before reading them ———

/** Reads bytes `start` to `end` of the zip file. */
export type RangeReader = (start: number, end: number) => Promise<Uint8Array>;

const u16 = (b: Uint8Array, at: number) => b[at]! | (b[at + 1]! << 8);
const u32 = (b: Uint8Array, at: number) => (u16(b, at) | (u16(b, at + 2) << 16)) >>> 0;
const u64 = (b: Uint8Array, at: number) => u32(b, at) + u32(b, at + 4) * 2 ** 32;
const utf8 = new TextDecoder();

/** Where the central directory is and how long, from the records at the end of the zip. */
async function findDirectory(size: number, read: RangeReader): Promise<{ offset: number; length: number } | undefined> {
  const tailStart = Math.max(0, size - (22 + 0xffff));
  const tail = await read(tailStart, size);
  let eocd = -1;
  for (let at = tail.length - 22; at >= 0 && eocd < 0; at--) if (holds(tail, END_OF_DIRECTORY, at)) eocd = at;
  if (eocd < 0) return undefined;
  let length = u32(tail, eocd + 12);
  let offset = u32(tail, eocd + 16);
  if (offset === 0xffffffff || length === 0xffffffff) {
    // Zip64: a locator just before the record points at the 64-bit record.
    const locator = eocd - 20;
    if (locator < 0 || u32(tail, locator) !== 0x07064b50) return undefined;
    const at = u64(tail, locator + 8);
    const record = await read(at, Math.min(size, at + 56));
    if (record.length < 56 || u32(record, 0) !== 0x06064b50) return undefined;
    length = u64(record, 40);
    offset = u64(record, 48);
  }
  return offset + length <= size ? { offset, length } : undefined;
}

/** An entry's name: UTF-8 when bit 11 of its flags says so; otherwise byte for byte, as fflate reads it. */
function nameOf(bytes: Uint8Array, flags: number): string {
  if (flags & 0x800) return utf8.decode(bytes);
  let name = '';
  for (const byte of bytes) name += String.fromCharCode(byte);
  return name;
}

/**
 * A zip's entries as its central directory lists them, in the order they lie in the zip. Only
 * numbers are kept (a 65,000-post archive's list is 1.5 MB): names are read from each entry's own
 * header as it comes.
 */
export interface ZipDirectory {
  /** How many entries `wanted` takes (folders left out). */
  wanted: number;
  /** Where each entry's local header starts, its compressed size and its inflated size. */
  offsets: Float64Array;
  compressedSizes: Float64Array;
  originalSizes: Float64Array;
  /**
   * Entries whose bytes lie inside another's, or past the directory (a zip bomb that makes one
   * deflated stream many entries, or a damaged directory): refused without being read.
   */
  overlapping: { name: string; wanted: boolean }[];
}

/** The zip64 extra field (0x0001) of a directory record: the sizes and offset too large for 32 bits, in this order. */
function zip64Values(extra: Uint8Array, fields: number[]): number[] | undefined {
  for (let at = 0; at + 4 <= extra.length; at += 4 + u16(extra, at + 2)) {
    if (u16(extra, at) !== 0x0001) continue;
    let field = at + 4;
    return fields.map((value) => {
      if (value !== 0xffffffff) return value;
      const big = u64(extra, field);
      field += 8;
      return big;
    });
  }
  return undefined;
}

/**
 * Reads a zip's central directory (the list at the end of every zip) without reading its entries.
 * Undefined when the zip has no sound directory or one over `maxDirectoryBytes`. `pace` is called
 * every few thousand entries (a page yields there).
 */
export async function readZipDirectory(
  size: number,
  read: RangeReader,
  wanted: (name: string) => boolean,
  { maxDirectoryBytes = 64 * 1048576, pace = () => {} }: { maxDirectoryBytes?: number; pace?: () => Promise<void> | void } = {},
): Promise<ZipDirectory | undefined> {
  const where = await findDirectory(size, read);
  if (!where || where.length > maxDirectoryBytes) return undefined;
  const directory = await read(where.offset, where.offset + where.length);
  // At least 46 bytes a record: the most entries the directory can hold.
  const most = Math.floor(directory.length / 46);
  const offsets = new Float64Array(most);
  const compressedSizes = new Float64Array(most);
  const originalSizes = new Float64Array(most);
  const records = new Uint32Array(most);
  let count = 0;
  let taken = 0;
  for (let at = 0; at + 46 <= directory.length; ) {
    if (u32(directory, at) !== 0x02014b50) return undefined;
    const nameLength = u16(directory, at + 28);
    const extraLength = u16(directory, at + 30);
    const name = nameOf(directory.subarray(at + 46, at + 46 + nameLength), u16(directory, at + 8));
    const extra = directory.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength);
    const declared = [u32(directory, at + 24), u32(directory, at + 20), u32(directory, at + 42)];
    const [originalSize, compressedSize, offset] = declared.includes(0xffffffff) ? (zip64Values(extra, declared) ?? []) : declared;
    if (offset === undefined || compressedSize === undefined || originalSize === undefined) return undefined;
    if (!name.endsWith('/') && wanted(name)) taken++;
    offsets[count] = offset;
    compressedSizes[count] = compressedSize;
    originalSizes[count] = originalSize;
    records[count] = at;
    count++;
    at += 46 + nameLength + extraLength + u16(directory, at + 32);
    if (count % 4096 === 0) await pace();
  }
  // Nearly always in order already; a zip may list them otherwise.
  const order = Array.from({ length: count }, (_, i) => i);
  if (offsets.subarray(1, count).some((offset, i) => offset < offsets[i]!)) order.sort((a, b) => offsets[a]! - offsets[b]!);
  const kept: number[] = [];
  const overlapping: ZipDirectory['overlapping'] = [];
  let end = 0;
  for (const i of order) {
    if (offsets[i]! >= end && offsets[i]! + LOCAL_HEADER_BYTES + compressedSizes[i]! <= where.offset) {
      kept.push(i);
      end = offsets[i]! + LOCAL_HEADER_BYTES + compressedSizes[i]!;
      continue;
    }
    const at = records[i]!;
    const name = nameOf(directory.subarray(at + 46, at + 46 + u16(directory, at + 28)), u16(directory, at + 8));
    if (!name.endsWith('/')) overlapping.push({ name, wanted: wanted(name) });
  }
  const pick = (values: Float64Array) => Float64Array.from(kept, (i) => values[i]!);
  return { wanted: taken, offsets: pick(offsets), compressedSizes: pick(compressedSizes), originalSizes: pick(originalSizes), overlapping };
}
