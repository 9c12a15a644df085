import { useCallback, useEffect, useLayoutEffect, useState } from 'preact/hooks';
import type { ClipSummary } from '@/utils/core/model/types';
import type { PopupClient } from '@/utils/pages/popup-client';

/** Rows that fill the popup, loaded before the rest of the library. */
export const FIRST_SCREEN = 30;

export interface ClipListInput {
  client: Pick<PopupClient, 'listClips'>;
  /** The newest clips, already requested by the page before it rendered (saves a frame or two). */
  firstScreen?: Promise<ClipSummary[]>;
  /** Called when the library cannot be read (the list stays as it was). */
  onLoadFailed: (error: unknown) => void;
}

export interface ClipList {
  /** The library, newest first; undefined while loading. */
  clips: ClipSummary[] | undefined;
  /** Reads the whole library again (after a change). */
  refresh: () => Promise<void>;
}

/** The library's clips: the first screenful, then the whole library, then again after each change. */
export function useClipList({ client, firstScreen, onLoadFailed }: ClipListInput): ClipList {
  const [clips, setClips] = useState<ClipSummary[]>();

  const refresh = useCallback(() => client.listClips().then(setClips, onLoadFailed), [client, onLoadFailed]);
  // The first screenful comes first and is painted; only then is the whole library (for search
  // and filters) asked for, so its larger answer cannot hold up the first rows.
  // A layout effect: the answer may be in already, and is then drawn now rather than after a frame.
  useLayoutEffect(() => {
    (firstScreen ?? client.listClips(FIRST_SCREEN))
      .then((first) => setClips((before) => before ?? first))
      .catch(() => {})
      .then(() => requestAnimationFrame(() => void refresh()));
  }, [client, refresh, firstScreen]);
  // For the benchmark: the frame that first shows rows (or the empty library's message).
  useEffect(() => {
    if (clips) requestAnimationFrame(() => performance.mark('clipper:first-rows'));
  }, [clips !== undefined]);

  return { clips, refresh };
}
