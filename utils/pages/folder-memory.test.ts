import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { folderClient } from './folder-client';
import { folderMemory, mayWrite, type DirectoryHandle } from './folder-memory';
import { DEFAULT_SETTINGS } from '../core/settings/settings';

let dbs = 0;
const freshName = () => `folder-memory-test-${++dbs}`;

/** What survives IndexedDB's structured clone of a handle: its data (a real handle keeps its methods). */
const stored = { kind: 'directory', name: '_posts' } as unknown as DirectoryHandle;

describe('folderMemory', () => {
  it('has nothing before the first pick, then gives back the folder remembered, across page loads', async () => {
    const name = freshName();
    expect(await folderMemory(name).load()).toBeUndefined();
    await folderMemory(name).save(stored);
    // A new page (a new memory object, a new connection) finds it.
    expect(await folderMemory(name).load()).toEqual(stored);
    await folderMemory(name).forget();
    expect(await folderMemory(name).load()).toBeUndefined();
  });

  it('remembers only the latest folder', async () => {
    const memory = folderMemory(freshName());
    await memory.save(stored);
    await memory.save({ ...stored, name: 'content' } as DirectoryHandle);
    expect((await memory.load())?.name).toBe('content');
  });
});

function handle(query: PermissionState, request: PermissionState) {
  const calls: string[] = [];
  const folder = {
    name: '_posts',
    queryPermission: async () => (calls.push('query'), query),
    requestPermission: async () => (calls.push('request'), request),
  } as unknown as DirectoryHandle;
  return { folder, calls };
}

describe('mayWrite', () => {
  it('asks nothing when the browser still allows writing', async () => {
    const { folder, calls } = handle('granted', 'denied');
    expect(await mayWrite(folder)).toBe(true);
    expect(calls).toEqual(['query']);
  });

  it('asks the user again in a new session, and respects a refusal', async () => {
    const yes = handle('prompt', 'granted');
    expect(await mayWrite(yes.folder)).toBe(true);
    expect(yes.calls).toEqual(['query', 'request']);
    const no = handle('prompt', 'denied');
    expect(await mayWrite(no.folder)).toBe(false);
  });
});

describe('folderClient', () => {
  const deps = { parser: { parseFromString: () => { throw new Error('unused'); } }, settings: () => DEFAULT_SETTINGS, clips: async function* () {} };

  it('is not offered where the browser has no folder picker', () => {
    expect(folderClient({ ...deps, win: {} as Window })).toBeUndefined();
  });

  it('remembers the folder picked, for "Export to <folder>" next time', async () => {
    const memory = folderMemory(freshName());
    const picker = vi.fn(async () => stored);
    const client = folderClient({ ...deps, win: { showDirectoryPicker: picker } as unknown as Window, memory })!;
    expect(await client.remembered()).toBeUndefined();
    expect(await client.pick()).toBe(stored);
    expect(picker).toHaveBeenCalledWith({ id: 'news-clipper-export', mode: 'readwrite' });
    expect((await client.remembered())?.name).toBe('_posts');
  });
});
