import { describe, expect, it } from 'vitest';
import { readStorageState, requestPersistentStorage } from './persist-storage';

describe('requestPersistentStorage', () => {
  it('asks once when storage is not yet persistent, and never throws', async () => {
    let asked = 0;
    expect(await requestPersistentStorage({ persisted: async () => false, persist: async () => (asked++, true) })).toBe(true);
    expect(asked).toBe(1);
    expect(await requestPersistentStorage({ persisted: async () => true, persist: async () => (asked++, true) })).toBe(true);
    expect(asked).toBe(1);
    expect(await requestPersistentStorage({ persist: () => Promise.reject(new Error('denied')) })).toBe(false);
    expect(await requestPersistentStorage(undefined)).toBe(false);
  });
});

describe('readStorageState', () => {
  it('asks for persistence first, then reads the estimate (Firefox raises the quota once persistent)', async () => {
    let persistent = false;
    const storage = {
      persisted: async () => persistent,
      persist: async () => (persistent = true),
      estimate: async () => ({ usage: 5_000_000, quota: persistent ? 100e9 : 10e9 }),
    };
    expect(await readStorageState(storage)).toEqual({ usage: 5_000_000, quota: 100e9, persistent: true });
  });

  it('answers what the browser says when persistence is refused', async () => {
    const storage = { persisted: async () => false, persist: async () => false, estimate: async () => ({ usage: 1, quota: 2 }) };
    expect(await readStorageState(storage)).toEqual({ usage: 1, quota: 2, persistent: false });
  });

  it('answers nothing when the browser gives no estimate, and never throws', async () => {
    expect(await readStorageState(undefined)).toBeUndefined();
    expect(await readStorageState({ estimate: async () => ({}) })).toBeUndefined();
    expect(await readStorageState({ estimate: async () => ({ usage: 1 }) })).toBeUndefined();
    expect(await readStorageState({ estimate: () => Promise.reject(new Error('SecurityError')) })).toBeUndefined();
  });
});
