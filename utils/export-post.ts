import { exportClip, type ExportedFile } from './format/presets';
import type { HtmlParser } from './format/html-parser';
import { exportZip, type ExportProgress, type ZipExportResult } from './format/zip';
import type { ExportSettings } from './settings';
import type { Clip } from './types';

// The pages' export: one clip as a file in the user's preset, several as one zip in the preset's
// layout, and the blob link that saves either.

export type { ExportedFile };

export function postFor(clip: Clip, settings: ExportSettings, parser: HtmlParser, now = Date.now()): ExportedFile {
  return exportClip(clip, settings.preset, { parser, template: settings.template, now });
}

/** A download cannot name folders: the file keeps the last part of its path. */
export function downloadName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

export interface ZipRequest {
  clips: AsyncIterable<Clip>;
  total: number;
  settings: ExportSettings;
  parser: HtmlParser;
  signal?: AbortSignal;
  onProgress?: (progress: ExportProgress) => void;
}

/** The zip of several clips, gathered chunk by chunk (fflate streams it). */
export async function zipClips({ clips, total, settings, parser, signal, onProgress }: ZipRequest): Promise<{ chunks: Uint8Array[]; result: ZipExportResult }> {
  const chunks: Uint8Array[] = [];
  const result = await exportZip(clips, {
    preset: settings.preset,
    template: settings.template,
    parser,
    total,
    signal,
    onProgress,
    write: (chunk) => void chunks.push(chunk),
  });
  return { chunks, result };
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
