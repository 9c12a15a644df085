import { describe, expect, it, vi } from 'vitest';
import { clipsInBatches } from './extension-client';
import { BATCH_LIMIT } from '../protocol/messages';

const asked = vi.hoisted(() => [] as string[][]);
vi.mock('../protocol/messaging', () => ({
  sendMessage: async (_type: string, { ids }: { ids: string[] }) => {
    asked.push(ids);
    return ids.map((id) => ({ id }));
  },
}));

describe('clipsInBatches', () => {
  it('hands every clip once, in order, asking for the next batch while this one is worked through', async () => {
    const ids = Array.from({ length: BATCH_LIMIT * 2 + 7 }, (_, i) => `c${i}`);
    const seen: string[] = [];
    for await (const clip of clipsInBatches(ids)) {
      // While the first batch is handed out, the second has been asked for already.
      if (seen.length === 1) expect(asked.map((batch) => batch.length)).toEqual([BATCH_LIMIT, BATCH_LIMIT]);
      seen.push(clip.id);
    }
    expect(seen).toEqual(ids);
    expect(asked.map((batch) => batch.length)).toEqual([BATCH_LIMIT, BATCH_LIMIT, 7]);
    asked.length = 0;
    for await (const clip of clipsInBatches([])) seen.push(clip.id);
    expect(asked).toEqual([]);
  });
});
