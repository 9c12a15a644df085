// Test helper: a folder on disk as the File System Access API shows it, in memory.
import type { FileHandleLike, FolderHandle } from '../../utils/core/format/folder-export';

/** An in-memory directory with the File System Access API's behaviour (NotFoundError on a missing entry). */
export class FakeFolder implements FolderHandle {
  readonly folders = new Map<string, FakeFolder>();
  readonly files = new Map<string, string>();
  writes = 0;

  constructor(readonly name: string) {}

  private static notFound(name: string): Error {
    return Object.assign(new Error(`${name} not found`), { name: 'NotFoundError' });
  }

  async getDirectoryHandle(name: string, options?: { create?: boolean }): Promise<FolderHandle> {
    let folder = this.folders.get(name);
    if (!folder) {
      if (!options?.create) throw FakeFolder.notFound(name);
      folder = new FakeFolder(name);
      this.folders.set(name, folder);
    }
    return folder;
  }

  async getFileHandle(name: string, options?: { create?: boolean }): Promise<FileHandleLike> {
    if (!this.files.has(name)) {
      if (!options?.create) throw FakeFolder.notFound(name);
      this.files.set(name, '');
    }
    return {
      getFile: async () => ({ text: async () => this.files.get(name) ?? '' }),
      createWritable: async () => {
        let data = '';
        return {
          write: async (chunk: string) => void (data += chunk),
          close: async () => {
            this.files.set(name, data);
            this.writes += 1;
          },
        };
      },
    };
  }

  /** Puts a file at a relative path, making its folders. */
  put(path: string, text: string): void {
    const [first, ...rest] = path.split('/');
    if (rest.length === 0) {
      this.files.set(first!, text);
      return;
    }
    if (!this.folders.has(first!)) this.folders.set(first!, new FakeFolder(first!));
    this.folders.get(first!)!.put(rest.join('/'), text);
  }

  /** Files written through a handle, in this folder and below. */
  allWrites(): number {
    return [...this.folders.values()].reduce((n, folder) => n + folder.allWrites(), this.writes);
  }

  /** Every file under this folder, by relative path. */
  tree(prefix = ''): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [name, text] of this.files) out[`${prefix}${name}`] = text;
    for (const [name, folder] of this.folders) Object.assign(out, folder.tree(`${prefix}${name}/`));
    return out;
  }
}
