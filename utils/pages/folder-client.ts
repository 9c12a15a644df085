import type { HtmlParser } from '../core/format/html-parser';
import { exportToFolder, type FolderExportResult } from '../core/format/folder-export';
import { folderMemory, mayWrite, type DirectoryHandle, type FolderMemory } from './folder-memory';
import type { Settings } from '../core/settings/settings';
import type { Clip } from '../core/model/types';

// Export into a folder on disk (Chromium's File System Access API), for the library tab: the
// popup closes as soon as a file dialog opens, so only the tab offers it.

export interface FolderProgress {
  done: number;
  total: number;
}

export interface FolderClient {
  /** The folder of the last export, if the user picked one before. */
  remembered(): Promise<DirectoryHandle | undefined>;
  /** Opens the browser's folder picker (call it from a click) and remembers the folder picked. */
  pick(): Promise<DirectoryHandle>;
  /** Whether writing is allowed, asking the user if needed (call it from a click). */
  allow(folder: DirectoryHandle): Promise<boolean>;
  /** Writes the clips' posts into the folder, updating earlier exports of the same articles. */
  write(folder: DirectoryHandle, ids: string[], signal: AbortSignal, onProgress: (progress: FolderProgress) => void): Promise<FolderExportResult>;
}

type PickerWindow = Window & { showDirectoryPicker?: (options: { id?: string; mode?: 'readwrite' }) => Promise<DirectoryHandle> };

export interface FolderClientDeps {
  win: Window;
  parser: HtmlParser;
  settings: () => Settings;
  clips: (ids: string[]) => AsyncIterable<Clip>;
  memory?: FolderMemory;
}

/** The folder export of a page, or undefined where the browser has no folder picker (Firefox). */
export function folderClient({ win, parser, settings, clips, memory = folderMemory() }: FolderClientDeps): FolderClient | undefined {
  const picker = (win as PickerWindow).showDirectoryPicker?.bind(win);
  if (!picker) return undefined;
  return {
    remembered: () => memory.load().catch(() => undefined),
    async pick() {
      // `id` lets the browser open the picker where this export went last time.
      const folder = await picker({ id: 'news-clipper-export', mode: 'readwrite' });
      await memory.save(folder);
      return folder;
    },
    allow: mayWrite,
    write(folder, ids, signal, onProgress) {
      const { preset, template } = settings();
      return exportToFolder(clips(ids), {
        preset,
        template,
        parser,
        folder,
        signal,
        total: ids.length,
        onProgress: ({ done }) => onProgress({ done, total: ids.length }),
      });
    },
  };
}
