// Runs in extension pages: the worker has no `navigator.storage.persist()`.

/**
 * Asks the browser to keep the library when it runs short of space (`navigator.storage.persist()`,
 * available in pages, not in workers). Answers whether storage is persistent; never throws.
 */
export async function requestPersistentStorage(storage: Partial<StorageManager> | undefined = globalThis.navigator?.storage): Promise<boolean> {
  try {
    if (!storage?.persist) return false;
    if (await storage.persisted?.()) return true;
    return await storage.persist();
  } catch {
    return false;
  }
}
