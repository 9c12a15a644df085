// A zip written file by file to a sink (fflate's streaming `Zip`): the caller holds the output
// (a Blob's parts, a file stream) and the writer holds at most one file's compressed bytes, so
// memory stays flat however many files go in.
//
// File names are UTF-8. fflate sets the "language encoding" flag (general purpose bit 11) on every
// entry whose name is not ASCII, which Windows Explorer, 7-Zip and macOS Archive Utility read. Info-ZIP
// `unzip` (Debian's 6.0) does not trust that flag on an entry marked as made on MS-DOS, fflate's
// default: it converts the name from the OEM code page and garbles it. Marked as made on Unix, the
// name is taken as the bytes it is, which is UTF-8 here. (The Info-ZIP Unicode Path extra field,
// 0x7075, is not written: APPNOTE 4.6.9 says it should not be when bit 11 is set, and every reader
// above reads the flag.)

import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';

/** Receives the zip's bytes in order; awaited, so a slow sink slows the export instead of queueing. */
export type ZipSink = (chunk: Uint8Array) => void | Promise<void>;

const encoder = new TextEncoder();
// DOS dates in a zip cover 1980–2099 only (fflate throws outside them).
const ZIP_EARLIEST = Date.UTC(1980, 0, 2);
const ZIP_LATEST = Date.UTC(2099, 11, 30);
// "Version made by" high byte (APPNOTE 4.4.2.2) and, with it, the external attributes as a Unix
// mode: a regular file, rw-r--r-- (0 would unpack as a file nobody may read).
const MADE_ON_UNIX = 3;
const REGULAR_FILE_644 = (0o100644 << 16) >>> 0;

export interface AddOptions {
  /** False stores the bytes as they are (images are compressed already). Default true. */
  compress?: boolean;
  /** The file's modification time (epoch ms). */
  mtime?: number;
}

export class ZipWriter {
  private readonly zip = new Zip();
  private pending: Uint8Array[] = [];
  private failure: Error | undefined;
  private finished = false;
  /** Bytes handed to the sink so far. */
  bytes = 0;

  constructor(
    private readonly sink: ZipSink,
    private readonly level: 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 = 6,
  ) {
    this.zip.ondata = (error, chunk, final) => {
      if (error) this.failure = error;
      else this.pending.push(chunk);
      if (final) this.finished = true;
    };
  }

  private async flush(): Promise<void> {
    if (this.failure) throw this.failure;
    const chunks = this.pending;
    this.pending = [];
    for (const chunk of chunks) {
      this.bytes += chunk.length;
      await this.sink(chunk);
    }
  }

  // Writes run one after another even when callers overlap (images download in parallel): the
  // sink must get each file's chunks in order.
  private queue: Promise<void> = Promise.resolve();

  add(path: string, data: Uint8Array | string, options: AddOptions = {}): Promise<void> {
    const run = this.queue.then(() => this.write(path, data, options));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async write(path: string, data: Uint8Array | string, options: AddOptions): Promise<void> {
    const bytes = typeof data === 'string' ? encoder.encode(data) : data;
    const entry = options.compress === false ? new ZipPassThrough(path) : new ZipDeflate(path, { level: this.level });
    entry.os = MADE_ON_UNIX;
    entry.attrs = REGULAR_FILE_644;
    const mtime = options.mtime ?? Date.now();
    entry.mtime = Math.min(Math.max(Number.isFinite(mtime) ? mtime : Date.now(), ZIP_EARLIEST), ZIP_LATEST);
    this.zip.add(entry);
    entry.push(bytes, true);
    await this.flush();
  }

  /** Writes the central directory; returns the zip's size. */
  async finish(): Promise<number> {
    await this.queue;
    this.zip.end();
    await this.flush();
    if (!this.finished) throw new Error('The zip did not finish.');
    return this.bytes;
  }

  /** Stops after a cancel: nothing more is written. */
  abort(): void {
    this.zip.terminate();
    this.pending = [];
  }
}
