import { exportClip, importedPostFor, type ExportedFile, type PresetId } from '../core/format/presets';
import { parseBody, type HtmlParser } from '../core/format/html-parser';
import { imageUrls } from '../core/format/images';
import { exportZip, type ExportProgress, type FetchImage, type ZipExportResult } from '../core/format/zip';
import type { ZipSink } from '../core/format/zip-writer';
import { hostPatterns } from './image-fetch';
import type { Settings } from '../core/settings/settings';
import type { Clip } from '../core/model/types';

// The pages' export: one clip as a file in the user's preset, several as one zip in the preset's
// layout, and the blob link that saves either.

export type { ExportedFile };

export function postFor(clip: Clip, settings: Settings, parser: HtmlParser, now = Date.now()): ExportedFile {
  return exportClip(clip, settings.preset, { parser, template: settings.template, now });
}

/** A download cannot name folders: the file keeps the last part of its path. */
export function downloadName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

export interface ZipRequest {
  clips: AsyncIterable<Clip>;
  total: number;
  settings: Settings;
  parser: HtmlParser;
  /** Where the zip's bytes go (see blobSink). */
  write: ZipSink;
  signal?: AbortSignal;
  onProgress?: (progress: ExportProgress) => void;
  /** Given: the clips' images are stored in the zip. */
  fetchImage?: FetchImage;
}

/** The zip of several clips, written chunk by chunk as fflate makes it. */
export function zipClips({ clips, total, settings, parser, write, signal, onProgress, fetchImage }: ZipRequest): Promise<ZipExportResult> {
  return exportZip(clips, {
    preset: settings.preset,
    template: settings.template,
    parser,
    total,
    signal,
    onProgress,
    write,
    ...(fetchImage && { fetchImage }),
  });
}

/** Chunks gathered into one Blob as they come: this many bytes at most wait in the page's heap. */
const FOLD_BYTES = 1024 * 1024;

/**
 * A zip sink that folds its chunks into a Blob every few megabytes. Browsers keep Blob data out
 * of the JavaScript heap (Chromium pages large ones to disk), so a long export's heap stays flat
 * instead of holding the whole zip as arrays.
 */
export function blobSink(BlobType: typeof Blob): { write: ZipSink; parts(): BlobPart[] } {
  let folded: Blob | undefined;
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  const fold = () => {
    folded = new BlobType([...(folded ? [folded] : []), ...(pending as BlobPart[])]);
    pending = [];
    pendingBytes = 0;
  };
  return {
    write(chunk) {
      pending.push(chunk);
      pendingBytes += chunk.length;
      if (pendingBytes >= FOLD_BYTES) fold();
    },
    parts() {
      fold();
      return [folded!];
    },
  };
}

/** The host patterns an export with images in `preset` needs, read from the clips' bodies. */
export async function imageHostsOf(clips: AsyncIterable<Clip>, preset: PresetId, parser: HtmlParser, signal?: AbortSignal): Promise<string[]> {
  const urls = new Set<string>();
  for await (const clip of clips) {
    signal?.throwIfAborted();
    // Only bodies with an <img> are parsed: most of a text library costs one string search. A
    // post given back as it was imported keeps its links (exportZip fetches none of its images).
    if (!/<img\b/i.test(clip.contentHtml) || importedPostFor(clip, preset)) continue;
    for (const url of imageUrls(parseBody(parser, clip.contentHtml).root, clip.url)) urls.add(url);
  }
  return hostPatterns(urls);
}

/**
 * Saves bytes through a blob link. Unlike `downloads.download`, this needs no permission and
 * keeps the file name in every browser.
 */
export function downloadBlob(doc: Document, fileName: string, parts: BlobPart[], type: string): void {
  const view = doc.defaultView;
  if (!view) throw new Error('No window to download from.');
  const url = view.URL.createObjectURL(new view.Blob(parts, { type }));
  const link = doc.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  doc.body.append(link);
  link.click();
  link.remove();
  // Revoking at once can cancel the download in some browsers.
  view.setTimeout(() => view.URL.revokeObjectURL(url), 10_000);
}
