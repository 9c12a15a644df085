// Reading a zip of posts entry by entry, as its bytes arrive (fflate's streaming `Unzip`), so that
// an archive of any size is never held whole. A zip from anywhere is hostile until read:
// - an entry's path is only a name to report: one that could climb out of a folder (`..`, an
//   absolute path, a drive letter, with backslashes read as separators) is refused, whatever it holds;
// - an entry is inflated in small steps and dropped the moment it passes the size limit, so a
//   header that lies about its size (a zip bomb) costs a few megabytes, not gigabytes;
// - the whole zip has a ceiling on entries and on inflated bytes;
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

/**
 * A zip read as its bytes arrive: `push` each chunk in order (the last with `final`), and take the
 * entries that chunk completed. `wanted` says which entries to read; the others are passed over
 * without being inflated.
 */
export class ZipReader {
  private readonly unzip: Unzip;
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
  ) {
    this.unzip = new Unzip((file) => this.onFile(file));
    this.unzip.register(GuardedInflate);
    this.unzip.register(GuardedPassThrough);
  }

  push(chunk: Uint8Array, final = false): ZipItem[] {
    if (!this.done) {
      if (!this.started && (chunk.length > 0 || final)) {
        this.started = true;
        if (chunk.length === 0 || (!holds(chunk, LOCAL_HEADER) && !holds(chunk, END_OF_DIRECTORY))) this.stop(reason('import-bad-zip'));
      }
      this.keepTail(chunk);
      try {
        // In steps: fflate recurses once per entry within a push, and a chunk of thousands of
        // tiny entries would run out of stack.
        for (let at = 0; at < chunk.length && !this.done; at += STEP) this.unzip.push(chunk.subarray(at, at + STEP));
        if (final && !this.done) this.unzip.push(EMPTY, true);
        if (final && !this.done && !this.endsWell()) this.stop(reason('import-bad-zip'));
      } catch {
        this.stop(reason('import-bad-zip'));
      }
    }
    const items = this.items;
    this.items = [];
    return items;
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
    const { name } = file;
    const pass = () => {
      file.ondata = () => {};
      file.start();
      file.terminate();
    };
    if (this.done) return pass();
    if (++this.entries > this.limits.maxEntries) {
      pass();
      return this.stop(reason('import-zip-too-many', { max: this.limits.maxEntries }));
    }
    if (name.endsWith('/')) return pass();
    const wanted = this.wanted(name);
    const refuse = (why: Reason) => void this.items.push({ kind: 'refused', name, reason: why, wanted });
    if (isUnsafePath(name)) return (pass(), refuse(reason('import-unsafe-path')));
    if (!wanted) return (pass(), void this.items.push({ kind: 'skipped', name }));
    if (file.compression !== UnzipInflate.compression && file.compression !== UnzipPassThrough.compression) {
      this.unzip.register(discarding(file.compression));
      return (pass(), refuse(reason('import-zip-method', { method: file.compression })));
    }
    const max = this.limits.maxEntryBytes;
    if (file.originalSize !== undefined && file.originalSize > max) {
      return (pass(), refuse(reason('import-too-large', { size: megabytes(file.originalSize), max: megabytes(max) })));
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    let over = false;
    file.ondata = (error, data, final) => {
      if (over) return;
      if (error) {
        over = true;
        file.terminate();
        return refuse(reason('import-bad-zip-entry'));
      }
      size += data.length;
      this.inflated += data.length;
      if (size > max) {
        over = true;
        file.terminate();
        return refuse(reason('import-inflates-too-large', { max: megabytes(max) }));
      }
      if (this.inflated > this.limits.maxTotalBytes) {
        over = true;
        file.terminate();
        return this.stop(reason('import-zip-too-much', { max: megabytes(this.limits.maxTotalBytes) }));
      }
      if (data.length > 0) chunks.push(data);
      if (final) this.items.push({ kind: 'file', name, bytes: joinBytes(chunks, size) });
    };
    file.start();
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

/**
 * How many entries of a zip `wanted` takes, counted from its central directory (the list at the
 * end of every zip) without reading the entries. Undefined when the zip has no sound directory
 * or one over `maxDirectoryBytes`. `pace` is called every few thousand entries (a page yields there).
 */
export async function countZipEntries(
  size: number,
  read: RangeReader,
  wanted: (name: string) => boolean,
  { maxDirectoryBytes = 64 * 1048576, pace = () => {} }: { maxDirectoryBytes?: number; pace?: () => Promise<void> | void } = {},
): Promise<number | undefined> {
  const where = await findDirectory(size, read);
  if (!where || where.length > maxDirectoryBytes) return undefined;
  const directory = await read(where.offset, where.offset + where.length);
  let count = 0;
  let seen = 0;
  for (let at = 0; at + 46 <= directory.length; ) {
    if (u32(directory, at) !== 0x02014b50) return undefined;
    const nameLength = u16(directory, at + 28);
    const bytes = directory.subarray(at + 46, at + 46 + nameLength);
    // Bit 11: the name is UTF-8; otherwise fflate reads it byte for byte, and so does this.
    const name = u16(directory, at + 8) & 0x800 ? utf8.decode(bytes) : String.fromCharCode(...bytes);
    if (!name.endsWith('/') && wanted(name)) count++;
    at += 46 + nameLength + u16(directory, at + 30) + u16(directory, at + 32);
    if (++seen % 4096 === 0) await pace();
  }
  return count;
}
