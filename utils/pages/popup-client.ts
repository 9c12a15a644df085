import type { ClipOutcome, PopupClipOutcome, RequestOf, ResponseOf } from '../protocol/messages';
import type { ExportedFile } from './export-post';
import type { FolderClient } from './folder-client';
import type { FailedImage } from '../core/format/zip';
import type { HtmlParser } from '../core/format/html-parser';
import type { Clip, ClipDraft, ClipEdit, ClipSummary, ExtractMode } from '../core/model/types';

export interface ZipProgress {
  done: number;
  total: number;
}

/** What a zip export wrote. */
export interface ZipReport {
  posts: number;
  /** Image files stored in the zip. */
  images: number;
  /** Images that kept their remote link, and why. */
  failedImages: FailedImage[];
}

/** Everything the popup and the library tab ask of the outside world; pages wire the browser, tests a fake. */
export interface PopupClient {
  /** Clips the page, or answers its article to review first (the "ask before saving" setting). */
  clipTab(mode: ExtractMode): Promise<PopupClipOutcome>;
  /** Saves a reviewed article with the user's tags and note. */
  saveClip(draft: ClipDraft, tags: string[], note: string): Promise<ClipOutcome>;
  /** Whether the page to clip has text selected (false when it cannot be asked). */
  hasSelection(): Promise<boolean>;
  /** The newest `limit` summaries: the first screen, before a view is ready. */
  listClips(limit: number): Promise<ClipSummary[]>;
  /** A page of a view of the library (the worker's `viewClips`). */
  viewClips(request: RequestOf<'viewClips'>): Promise<ResponseOf<'viewClips'>>;
  /** Ids of a view's clips, in its order (the worker's `viewIds`). */
  viewIds(request: RequestOf<'viewIds'>): Promise<ResponseOf<'viewIds'>>;
  /** The sites and tags of the whole library. */
  libraryFacets(): Promise<ResponseOf<'libraryFacets'>>;
  getClip(id: string): Promise<Clip | null>;
  updateClip(id: string, edit: ClipEdit): Promise<ClipSummary | null>;
  retagClips(ids: string[], add: string[], remove: string[]): Promise<void>;
  deleteClips(ids: string[]): Promise<Clip[]>;
  restoreClips(clips: Clip[]): Promise<void>;
  /** One clip as a file in the user's export preset. */
  postFor(clip: Clip): ExportedFile;
  downloadPost(file: ExportedFile): void;
  /** Several clips as one zip download, with their images when asked. Cancel with the signal. */
  exportZip(ids: string[], signal: AbortSignal, onProgress: (progress: ZipProgress) => void, options?: { images?: boolean }): Promise<ZipReport>;
  /** Whether zips include the images (the user's setting, changed from the export bar too). */
  includeImages(): Promise<boolean>;
  setIncludeImages(include: boolean): void;
  /** The host patterns the clips' images need, and whether the extension may already fetch from them. */
  imageHosts(ids: string[], signal: AbortSignal): Promise<{ origins: string[]; granted: boolean }>;
  /** Asks the user for those hosts; call it straight from a click (the browser requires a gesture). */
  requestImageHosts(origins: string[]): Promise<boolean>;
  /** Export into a folder on disk: the library tab in Chromium only. */
  folders?: FolderClient;
  copyText(text: string): Promise<void>;
  openUrl(url: string): void;
  openLibraryTab?(): void;
  /** Sanitizes HTML again before it is shown (stored HTML is never trusted blindly). */
  sanitize(html: string): string;
  /** Whether previews load the articles' images (an options-page setting). */
  previewImages(): boolean;
  parser: HtmlParser;
}
