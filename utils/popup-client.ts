import type { ClipOutcome } from './messages';
import type { ExportedFile } from './export-post';
import type { HtmlParser } from './format/html-parser';
import type { Clip, ClipEdit, ClipSummary, ExtractMode } from './types';

export interface ZipProgress {
  done: number;
  total: number;
}

/** Everything the popup and the library tab ask of the outside world; pages wire the browser, tests a fake. */
export interface PopupClient {
  clipTab(mode: ExtractMode): Promise<ClipOutcome>;
  /** Whether the page to clip has text selected (false when it cannot be asked). */
  hasSelection(): Promise<boolean>;
  /** The newest `limit` summaries, or all of them. */
  listClips(limit?: number): Promise<ClipSummary[]>;
  /** Numbers (`seq`) of the matching clips; null when the query has nothing to search. */
  searchClips(query: string): Promise<number[] | null>;
  getClip(id: string): Promise<Clip | null>;
  updateClip(id: string, edit: ClipEdit): Promise<ClipSummary | null>;
  retagClips(ids: string[], add: string[], remove: string[]): Promise<void>;
  deleteClips(ids: string[]): Promise<Clip[]>;
  restoreClips(clips: Clip[]): Promise<void>;
  /** One clip as a file in the user's export preset. */
  postFor(clip: Clip): ExportedFile;
  downloadPost(file: ExportedFile): void;
  /** Several clips as one zip download; answers how many posts it holds. Cancel with the signal. */
  exportZip(ids: string[], signal: AbortSignal, onProgress: (progress: ZipProgress) => void): Promise<number>;
  copyText(text: string): Promise<void>;
  openUrl(url: string): void;
  openLibraryTab?(): void;
  /** Sanitizes HTML again before it is shown (stored HTML is never trusted blindly). */
  sanitize(html: string): string;
  /** Whether previews load the articles' images (an options-page setting). */
  previewImages(): boolean;
  parser: HtmlParser;
}
