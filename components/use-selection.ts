import { useRef, useState } from 'preact/hooks';
import type { ClipSummary } from '@/utils/core/model/types';
import type { PopupClient } from '@/utils/pages/popup-client';
import type { ClipList } from './use-clip-list';

export interface Selection {
  /** Ids of the selected clips, hidden ones included. */
  selected: Set<string>;
  /**
   * Selects or unselects `clip`, shown at `index`; with shift, selects every clip shown from the
   * last one toggled to it.
   */
  toggle: (clip: ClipSummary, index: number, shiftKey: boolean) => Promise<void>;
  /** Selects exactly the clips shown. */
  selectAll: () => Promise<void>;
  clear: () => void;
  /** Ids of the selected clips that are shown, in the order shown. */
  selectedIds: () => Promise<string[]>;
}

/**
 * The clips selected for bulk actions, among those the list shows. The list's view lives in the
 * worker, so what spans more of it than the rows at hand (a long range, every clip shown, the
 * shown part of the selection) is asked of the worker, in the view's own order. Before the view
 * has come (only the first screen is in), the list is the rows at hand.
 */
export function useSelection(client: Pick<PopupClient, 'viewIds'>, list: Pick<ClipList, 'view' | 'rowAt' | 'total'>): Selection {
  const [selected, setSelected] = useState<Set<string>>(new Set());
  // A ref, and updates from the previous state: two clicks in a row must not see a stale selection.
  const anchor = useRef<{ id: string; index: number }>(undefined);
  const { view, rowAt, total = 0 } = list;
  const add = (ids: string[]) => setSelected((before) => new Set([...before, ...ids]));

  /** Ids of the rows from `from` to `to` (exclusive), if they are all at hand. */
  function rowsAtHand(from: number, to: number): string[] | undefined {
    const ids: string[] = [];
    for (let index = from; index < to; index++) {
      const row = rowAt(index);
      if (!row) return undefined;
      ids.push(row.id);
    }
    return ids;
  }

  async function idsBetween(from: number, to: number): Promise<string[]> {
    return rowsAtHand(from, to) ?? (view ? (await client.viewIds({ ...view, from, to })).ids : []);
  }

  async function toggle(clip: ClipSummary, index: number, shiftKey: boolean) {
    const from = anchor.current;
    anchor.current = { id: clip.id, index };
    // The anchor counts while it is still where it was toggled (the list may have changed since).
    if (shiftKey && from && rowAt(from.index)?.id === from.id) {
      const [low, high] = [Math.min(from.index, index), Math.max(from.index, index) + 1];
      const atHand = rowsAtHand(low, high);
      // Rows at hand are selected in this click's task, before the next click can come.
      if (atHand) add(atHand);
      else add(await idsBetween(low, high));
      return;
    }
    setSelected((before) => {
      const next = new Set(before);
      if (!next.delete(clip.id)) next.add(clip.id);
      return next;
    });
  }

  return {
    selected,
    toggle,
    selectAll: async () => setSelected(new Set(await idsBetween(0, total))),
    clear: () => setSelected(new Set()),
    async selectedIds() {
      if (selected.size === 0) return [];
      if (view) return (await client.viewIds({ ...view, only: [...selected] })).ids;
      return (rowsAtHand(0, total) ?? []).filter((id) => selected.has(id));
    },
  };
}
