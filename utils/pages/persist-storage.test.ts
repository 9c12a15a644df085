import { describe, expect, it } from 'vitest';
import { requestPersistentStorage } from './persist-storage';

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
