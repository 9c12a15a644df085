import { openDB, type IDBPDatabase } from 'idb';
import type { FolderHandle } from '../core/format/folder-export';

// The folder the user last exported into, remembered for the next export. A directory handle
// can only be kept in IndexedDB (it is not JSON), so it has a tiny database of its own, apart
// from the library's. The browser forgets the write permission between sessions: it is asked
// again, from the export button, before writing.

/** A directory handle with the permission calls of the File System Access API (Chromium). */
export interface DirectoryHandle extends FolderHandle {
  queryPermission?(descriptor: { mode: 'readwrite' }): Promise<PermissionState>;
  requestPermission?(descriptor: { mode: 'readwrite' }): Promise<PermissionState>;
}

export const FOLDER_DB = 'news-clipper-export-folder';
const STORE = 'folders';
const KEY = 'last';

export interface FolderMemory {
  load(): Promise<DirectoryHandle | undefined>;
  save(handle: DirectoryHandle): Promise<void>;
  forget(): Promise<void>;
}

export function folderMemory(name = FOLDER_DB): FolderMemory {
  let db: Promise<IDBPDatabase> | undefined;
  const open = () =>
    (db ??= openDB(name, 1, {
      upgrade(database) {
        database.createObjectStore(STORE);
      },
    }));
  return {
    load: async () => ((await (await open()).get(STORE, KEY)) as DirectoryHandle | undefined) ?? undefined,
    save: async (handle) => void (await (await open()).put(STORE, handle, KEY)),
    forget: async () => void (await (await open()).delete(STORE, KEY)),
  };
}

/**
 * Whether the page may write into `handle`, asking the user when the browser needs to (call it
 * from the click that starts the export: the prompt needs a user gesture). Handles without the
 * permission calls (other implementations, tests) are taken as writable.
 */
export async function mayWrite(handle: DirectoryHandle): Promise<boolean> {
  const descriptor = { mode: 'readwrite' } as const;
  if (!handle.queryPermission || !handle.requestPermission) return true;
  if ((await handle.queryPermission(descriptor)) === 'granted') return true;
  return (await handle.requestPermission(descriptor)) === 'granted';
}
