import { describe, expect, it } from 'vitest';
import { ReasonError } from '../core/model/reasons';
import { ensureRoom, sizeOf, STORAGE_RESERVE_BYTES } from './storage-room';

const MB = 1024 * 1024;
const disk = (free: number) => async () => ({ usage: 500 * MB, quota: 500 * MB + free });

describe('the storage reserve', () => {
  it('lets a write through while the reserve stays free after it', async () => {
    await expect(ensureRoom(disk(STORAGE_RESERVE_BYTES + 2 * MB), MB)).resolves.toBeUndefined();
  });

  it('refuses as storage full a write that would eat into the reserve', async () => {
    const refused = ensureRoom(disk(STORAGE_RESERVE_BYTES + MB), 2 * MB);
    await expect(refused).rejects.toBeInstanceOf(ReasonError);
    await expect(refused).rejects.toMatchObject({ reason: { code: 'storage-full' } });
    await expect(ensureRoom(disk(MB), 0)).rejects.toMatchObject({ reason: { code: 'storage-full' } });
  });

  it('lets the write try when the estimate fails or says nothing', async () => {
    await expect(ensureRoom(undefined, MB)).resolves.toBeUndefined();
    await expect(ensureRoom(async () => ({}), MB)).resolves.toBeUndefined();
    await expect(ensureRoom(() => Promise.reject(new Error('no estimate')), MB)).resolves.toBeUndefined();
  });

  it('sizes a write by its text', () => {
    expect(sizeOf({ contentHtml: 'x'.repeat(1000) })).toBeGreaterThan(2000);
    expect(sizeOf([{ a: 'x'.repeat(500) }, { b: ['y'.repeat(500), 3] }])).toBeGreaterThan(2000);
    expect(sizeOf(undefined)).toBe(0);
  });
});
