// Runs in extension pages: the worker has no `navigator.storage.persist()`.
//
// The manifest asks for `unlimitedStorage` (docs/DESIGN.md, "Storage"). With it Firefox grants
// `persist()` without asking the user, and only then marks the library persistent; Chromium
// answers false but never evicts an origin with unlimited storage, and never prompts either.

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

export interface StorageState {
  /** Bytes the extension's origin holds (the library, its index, settings). */
  usage: number;
  /** Bytes the browser lets it hold. */
  quota: number;
  persistent: boolean;
}

/** How much room the library takes, after asking for persistence (which can raise the quota). */
export async function readStorageState(storage: Partial<StorageManager> | undefined = globalThis.navigator?.storage): Promise<StorageState | undefined> {
  if (!storage?.estimate) return undefined;
  const persistent = await requestPersistentStorage(storage);
  try {
    const { usage, quota } = await storage.estimate();
    return usage === undefined || quota === undefined ? undefined : { usage, quota, persistent };
  } catch {
    return undefined;
  }
}
