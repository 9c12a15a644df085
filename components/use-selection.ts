import { useState } from 'preact/hooks';
import type { ClipSummary } from '@/utils/core/model/types';

export interface Selection {
  /** Ids of the selected clips, hidden ones included. */
  selected: Set<string>;
  /** Selects or unselects `clip`; with shift, selects every clip shown from the last one toggled to it. */
  toggle: (clip: ClipSummary, shiftKey: boolean) => void;
  selectAll: () => void;
  clear: () => void;
  /** Ids of the selected clips that are shown, in the order shown. */
  selectedIds: () => string[];
}

/** The clips selected for bulk actions, among the clips `shown`. */
export function useSelection(shown: ClipSummary[]): Selection {
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [anchor, setAnchor] = useState<string>();

  function toggle(c: ClipSummary, shiftKey: boolean) {
    const next = new Set(selected);
    if (shiftKey && anchor) {
      const from = shown.findIndex((s) => s.id === anchor);
      const to = shown.findIndex((s) => s.id === c.id);
      if (from !== -1 && to !== -1) for (const s of shown.slice(Math.min(from, to), Math.max(from, to) + 1)) next.add(s.id);
    } else if (!next.delete(c.id)) next.add(c.id);
    setAnchor(c.id);
    setSelected(next);
  }

  return {
    selected,
    toggle,
    selectAll: () => setSelected(new Set(shown.map((c) => c.id))),
    clear: () => setSelected(new Set()),
    selectedIds: () => shown.filter((c) => selected.has(c.id)).map((c) => c.id),
  };
}
