// Several clips as one zip in a preset's layout, optionally with their images. Clips are read one
// at a time from any (async) iterable and written as they come, so a whole library never sits in
// memory; the export can be cancelled and reports its progress.

import { parseBody, type HtmlParser } from './html-parser';
import { imageExtension, imageFileName, imageUrls, relinkImages, resolveUrls } from './images';
import { NameRegistry } from './file-names';
import { exportClip, exportPath, importedPostFor, PRESETS, type ExportClip, type ExportOptions, type PresetId } from './presets';
import { postFields } from './post-fields';
import { ZipWriter, type ZipSink } from './zip-writer';

export interface ExportProgress {
  /** Clips handled so far. */
  done: number;
  /** All clips, when the caller said. */
  total?: number;
  /** The file just written. */
  path: string;
}

/** Downloads one image; reject (or throw) when it cannot. */
export type FetchImage = (url: string, signal?: AbortSignal) => Promise<Uint8Array>;

export interface ZipExportOptions extends ExportOptions {
  preset: PresetId;
  /** Where the zip goes, chunk by chunk (see ZipSink). */
  write: ZipSink;
  signal?: AbortSignal;
  onProgress?: (progress: ExportProgress) => void;
  /** How many clips will come, for progress. */
  total?: number;
  /** When given, images are stored in the zip (preset's asset folder) and the posts link to them. */
  fetchImage?: FetchImage;
  /** Larger images keep their remote link. Default 20 MB. */
  maxImageBytes?: number;
  /** Deflate level, 0–9 (default 6). */
  level?: 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;
}

export interface ExportedEntry {
  path: string;
  url: string;
  id?: string;
}

export interface FailedImage {
  /** The article the image belongs to. */
  clipUrl: string;
  imageUrl: string;
  reason: string;
}

export interface ZipExportResult {
  files: ExportedEntry[];
  /** Clips of an article already written in this zip (same URL): written once. */
  duplicates: ExportedEntry[];
  /** Image files stored. */
  images: number;
  /** Images that kept their remote link, and why. */
  failedImages: FailedImage[];
  /** Size of the zip. */
  bytes: number;
}

const DEFAULT_MAX_IMAGE = 20 * 1024 * 1024;
const IMAGE_CONCURRENCY = 4;

type ImageOutcome = { path: string } | { error: string };

/** Downloads, names and stores the images of an export, each URL once. */
class ImageCollector {
  private readonly outcomes = new Map<string, Promise<ImageOutcome>>();
  private readonly names = new Set<string>();
  stored = 0;

  constructor(
    private readonly fetchImage: FetchImage,
    private readonly folder: string,
    private readonly zip: ZipWriter,
    private readonly maxBytes: number,
    private readonly signal: AbortSignal | undefined,
  ) {}

  private async fetchChecked(url: string): Promise<{ bytes: Uint8Array; extension: string } | { error: string }> {
    let bytes: Uint8Array;
    try {
      bytes = await this.fetchImage(url, this.signal);
    } catch (error) {
      this.signal?.throwIfAborted();
      return { error: error instanceof Error ? error.message : String(error) };
    }
    if (bytes.length > this.maxBytes) return { error: `larger than ${Math.round(this.maxBytes / 1048576)} MB` };
    const extension = imageExtension(bytes);
    return extension === undefined ? { error: 'not an image' } : { bytes, extension };
  }

  private async download(url: string): Promise<ImageOutcome> {
    const fetched = await this.fetchChecked(url);
    if ('error' in fetched) return fetched;
    let name = imageFileName(url, fetched.extension);
    for (let n = 2; this.names.has(name.toLowerCase()); n += 1) name = imageFileName(`${url}#${n}`, fetched.extension);
    this.names.add(name.toLowerCase());
    const path = `${this.folder}/${name}`;
    // Image formats are compressed already: deflating them again costs time for nothing.
    await this.zip.add(path, fetched.bytes, { compress: fetched.extension === '.svg' || fetched.extension === '.bmp' });
    this.stored += 1;
    return { path };
  }

  /** The stored path (or the failure) of each URL, downloading new ones a few at a time. */
  async collect(urls: readonly string[]): Promise<Map<string, ImageOutcome>> {
    const fresh = urls.filter((url) => !this.outcomes.has(url));
    let next = 0;
    const worker = async () => {
      while (next < fresh.length) {
        const url = fresh[next++]!;
        const outcome = this.download(url);
        this.outcomes.set(url, outcome);
        await outcome;
      }
    };
    await Promise.all(Array.from({ length: Math.min(IMAGE_CONCURRENCY, fresh.length) }, worker));
    const result = new Map<string, ImageOutcome>();
    for (const url of urls) {
      const outcome = this.outcomes.get(url);
      if (outcome) result.set(url, await outcome);
    }
    return result;
  }
}

/** Any iterable, sync or async, as an async one. */
export async function* each<T>(items: Iterable<T> | AsyncIterable<T>): AsyncGenerator<T> {
  yield* items;
}

/** The clip with its images pointing at their files in the zip; failures keep their remote link. */
async function withLocalImages(
  clip: ExportClip,
  postPath: string,
  parser: HtmlParser,
  images: ImageCollector,
  layout: (typeof PRESETS)[PresetId]['assets'],
  failed: FailedImage[],
): Promise<ExportClip> {
  const parsed = parseBody(parser, clip.contentHtml);
  const body = parsed.root;
  const urls = imageUrls(body, clip.url);
  if (urls.length === 0) return clip;
  // The post's links to its images are relative to the site or the note, so nothing may be
  // resolved against the article URL after this: resolve the article's own URLs now.
  resolveUrls(body, clip.url);
  const outcomes = await images.collect(urls);
  for (const [imageUrl, outcome] of outcomes) {
    if ('error' in outcome) failed.push({ clipUrl: clip.url, imageUrl, reason: outcome.error });
  }
  relinkImages(body, clip.url, (url) => {
    const outcome = outcomes.get(url);
    return outcome && 'path' in outcome ? layout.link(outcome.path, postPath) : undefined;
  });
  return { ...clip, contentHtml: parsed.html() };
}

/**
 * Writes `clips` as one zip in the layout of `options.preset`. Names never collide (FORMAT.md
 * rule, case-insensitively: `a.md` and `A.md` are one file on macOS and Windows). Throws the
 * signal's reason when cancelled; the sink then has an incomplete zip, to be discarded.
 */
export async function exportZip(
  clips: Iterable<ExportClip> | AsyncIterable<ExportClip>,
  options: ZipExportOptions,
): Promise<ZipExportResult> {
  const { preset, signal } = options;
  const now = options.now ?? Date.now();
  const exportOptions: ExportOptions = { parser: options.parser, template: options.template, now };
  const zip = new ZipWriter(options.write, options.level ?? 6);
  const names = new NameRegistry();
  const layout = PRESETS[preset].assets;
  if (options.fetchImage && !options.parser) throw new Error('Storing images needs an HTML parser (new DOMParser()).');
  const images = options.fetchImage
    ? new ImageCollector(options.fetchImage, layout.folder, zip, options.maxImageBytes ?? DEFAULT_MAX_IMAGE, signal)
    : undefined;
  const result: ZipExportResult = { files: [], duplicates: [], images: 0, failedImages: [], bytes: 0 };
  let done = 0;
  try {
    for await (const clip of each(clips)) {
      signal?.throwIfAborted();
      const claim = names.claim(exportPath(clip, preset, exportOptions), clip.url);
      const entry: ExportedEntry = { path: claim.path, url: clip.url, ...(clip.id === undefined ? {} : { id: clip.id }) };
      if (claim.duplicate) {
        result.duplicates.push(entry);
      } else {
        // An archive post given back as it came keeps its image links: relinking would change it.
        const source =
          images && options.parser && !importedPostFor(clip, preset)
            ? await withLocalImages(clip, claim.path, options.parser, images, layout, result.failedImages)
            : undefined;
        const { text } = source
          ? exportClip(source, preset, { ...exportOptions, urlsResolved: true })
          : exportClip(clip, preset, exportOptions);
        await zip.add(claim.path, text, { mtime: postFields(clip, now).date });
        result.files.push(entry);
      }
      done += 1;
      options.onProgress?.({ done, total: options.total, path: claim.path });
    }
    signal?.throwIfAborted();
    result.images = images?.stored ?? 0;
    result.bytes = await zip.finish();
    return result;
  } catch (error) {
    zip.abort();
    throw error;
  }
}
