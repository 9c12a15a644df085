import type { Page } from 'playwright-core';

// A site's `_posts` folder as an export from the library tab finds it: a real
// FileSystemDirectoryHandle of the origin-private file system, remembered as the folder of the
// last export (the picker itself cannot be driven headlessly; everything after it is the shipped
// code path). `files` are put in it first, by their paths below `_posts/`.

export async function rememberPostsFolder(tab: Page, files: Record<string, string> = {}): Promise<void> {
  await tab.evaluate(async (files) => {
    const posts = await (await navigator.storage.getDirectory()).getDirectoryHandle('_posts', { create: true });
    for (const [path, text] of Object.entries(files)) {
      const segments = path.split('/');
      const name = segments.pop()!;
      let folder = posts;
      for (const segment of segments) folder = await folder.getDirectoryHandle(segment, { create: true });
      const writable = await (await folder.getFileHandle(name, { create: true })).createWritable();
      await writable.write(text);
      await writable.close();
    }
    const request = indexedDB.open('news-clipper-export-folder', 1);
    request.onupgradeneeded = () => request.result.createObjectStore('folders');
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const tx = db.transaction('folders', 'readwrite');
    tx.objectStore('folders').put(posts, 'last');
    await new Promise((resolve) => (tx.oncomplete = resolve));
    db.close();
  }, files);
}
