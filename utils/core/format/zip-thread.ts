// A zip written on another thread: the page formats the posts while a dedicated worker deflates
// them and lays out the zip (with the same ZipWriter, so the bytes are those an in-page export
// writes). Deflating is about a third of a large export's time; on the page's thread it also
// held up the formatting and the reading of the next clips. Both ends speak over a message port
// (a Worker, or one end of a MessageChannel in tests), and neither touches a browser API.
//
// The page does not wait for each post to be deflated: it hands over up to WINDOW entries (or
// WINDOW_CHARS of text) ahead, so that both threads work at once, and waits when the worker
// falls that far behind. The zip's bytes come back in order and go to the sink one after another.

import { ZipWriter, type AddOptions, type ZipFileWriter, type ZipSink } from './zip-writer';

type Level = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;

/** What the page asks of the zip thread. */
export type ZipThreadRequest =
  | { kind: 'start'; level: Level }
  | { kind: 'add'; id: number; path: string; data: string | Uint8Array; options: AddOptions }
  | { kind: 'finish'; id: number };

/** What the zip thread answers: the zip's bytes in order, each entry written, the end, or a failure. */
export type ZipThreadAnswer =
  | { kind: 'ready' }
  | { kind: 'chunk'; bytes: Uint8Array }
  | { kind: 'added'; id: number }
  | { kind: 'finished'; id: number; bytes: number }
  | { kind: 'failed'; message: string };

/** The part of a Worker, a worker's global scope or a MessagePort that the two ends use. */
export interface ZipPort {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  onmessage: ((event: MessageEvent) => void) | null;
}

/** The worker's side: serves one zip over `port`. */
export function serveZipThread(port: ZipPort): void {
  let writer: ZipWriter | undefined;
  const send = (answer: ZipThreadAnswer, transfer: Transferable[] = []) => port.postMessage(answer, transfer);
  const fail = (error: unknown) => send({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
  // The chunks go back as they are made, copied: fflate may still hold the arrays it hands out.
  const sink: ZipSink = (chunk) => send({ kind: 'chunk', bytes: chunk });
  port.onmessage = ({ data }: MessageEvent<ZipThreadRequest>) => {
    if (data.kind === 'start') {
      writer = new ZipWriter(sink, data.level);
      return send({ kind: 'ready' });
    }
    if (!writer) return fail(new Error('The zip was not started.'));
    if (data.kind === 'add') {
      const { id } = data;
      writer.add(data.path, data.data, data.options).then(() => send({ kind: 'added', id }), fail);
    } else if (data.kind === 'finish') {
      const { id } = data;
      writer.finish().then((bytes) => send({ kind: 'finished', id, bytes }), fail);
    }
  };
}

/** Entries handed over ahead of the worker, at most; and text, at most (what waits in its queue). */
const WINDOW = 16;
const WINDOW_CHARS = 8 * 1024 * 1024;

/**
 * The page's side: a ZipFileWriter whose deflating happens in the zip thread behind `port`.
 * Resolves once the thread has answered that it is ready; rejects when it does not within
 * `timeoutMs` (a worker that cannot start), so the caller can write the zip on its own thread.
 */
export function openZipThread(port: ZipPort, sink: ZipSink, { level = 6, timeoutMs = 10_000, close = () => {} }: { level?: Level; timeoutMs?: number; close?: () => void } = {}): Promise<ZipFileWriter> {
  let nextId = 0;
  let failure: Error | undefined;
  /** Entries handed over and not yet written, oldest first, with their size. */
  const inFlight: { id: number; chars: number }[] = [];
  let chars = 0;
  /** Whoever waits for room in the window (images are added several at once), or for the end. */
  const waiting = new Set<() => void>();
  const wake = () => {
    for (const waiter of [...waiting]) waiter();
  };
  let finished: ((bytes: number) => void) | undefined;
  let ready: (() => void) | undefined;
  let notReady: ((error: Error) => void) | undefined;
  // Sink writes one after another, in the order the chunks came.
  let writing: Promise<void> = Promise.resolve();

  const stop = (error: Error) => {
    failure ??= error;
    notReady?.(failure);
    wake();
    close();
  };
  port.onmessage = ({ data }: MessageEvent<ZipThreadAnswer>) => {
    if (data.kind === 'ready') ready?.();
    else if (data.kind === 'chunk') {
      const { bytes } = data;
      writing = writing.then(() => sink(bytes)).catch((error: unknown) => stop(error instanceof Error ? error : new Error(String(error))));
    } else if (data.kind === 'added') {
      const at = inFlight.findIndex((entry) => entry.id === data.id);
      if (at !== -1) chars -= inFlight.splice(at, 1)[0]!.chars;
      wake();
    } else if (data.kind === 'finished') {
      const { bytes } = data;
      void writing.then(() => finished?.(bytes));
    } else if (data.kind === 'failed') stop(new Error(data.message));
  };

  const room = async () => {
    while (!failure && (inFlight.length >= WINDOW || (inFlight.length > 0 && chars >= WINDOW_CHARS))) {
      await new Promise<void>((resolve) => {
        const waiter = () => {
          waiting.delete(waiter);
          resolve();
        };
        waiting.add(waiter);
      });
    }
    if (failure) throw failure;
  };

  // Handed over one after another, in the order of the calls, as ZipWriter writes them.
  let queue: Promise<void> = Promise.resolve();
  const handOver = async (path: string, data: string | Uint8Array, options: AddOptions) => {
    await room();
    const id = nextId++;
    inFlight.push({ id, chars: data.length });
    chars += data.length;
    port.postMessage({ kind: 'add', id, path, data, options } satisfies ZipThreadRequest);
  };

  const writer: ZipFileWriter = {
    add(path, data, options = {}) {
      const run = queue.then(() => handOver(path, data, options));
      queue = run.catch(() => undefined);
      return run;
    },
    async finish() {
      await queue;
      if (failure) throw failure;
      const bytes = await new Promise<number>((resolve, reject) => {
        finished = resolve;
        // A failure meanwhile ends the wait (it is not woken otherwise).
        const onFailure = () => {
          if (failure) {
            waiting.delete(onFailure);
            reject(failure);
          }
        };
        waiting.add(onFailure);
        port.postMessage({ kind: 'finish', id: nextId++ } satisfies ZipThreadRequest);
      });
      await writing;
      if (failure) throw failure;
      close();
      return bytes;
    },
    abort() {
      stop(new Error('The zip was aborted.'));
    },
  };

  return new Promise<ZipFileWriter>((resolve, reject) => {
    const timer = setTimeout(() => stop(new Error('The zip thread did not start.')), timeoutMs);
    ready = () => {
      clearTimeout(timer);
      resolve(writer);
    };
    notReady = (error) => {
      clearTimeout(timer);
      reject(error);
    };
    port.postMessage({ kind: 'start', level } satisfies ZipThreadRequest);
  });
}
