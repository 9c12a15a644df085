import type { ClipOutcome } from './messages';
import type { ExportedPost } from './export-post';
import type { Clip, ClipSummary, ExtractMode } from './types';

/** Everything the popup asks of the outside world; `main.tsx` wires the browser, tests a fake. */
export interface PopupClient {
  clipTab(mode: ExtractMode): Promise<ClipOutcome>;
  listClips(): Promise<ClipSummary[]>;
  getClip(id: string): Promise<Clip | null>;
  deleteClip(id: string): Promise<Clip | null>;
  restoreClip(clip: Clip): Promise<void>;
  exportPost(clip: Clip): ExportedPost;
  download(post: ExportedPost): void;
  copyText(text: string): Promise<void>;
  openUrl(url: string): void;
}
