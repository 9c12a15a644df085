import { useEffect, useRef, useState } from 'preact/hooks';
import type { ClipSummary } from '@/utils/core/model/types';
import { ClipRow } from './ClipRow';
import { ClipRowControls, type ClipRowActions } from './ClipRowControls';
import { useT } from './i18n-context';

interface ClipListProps extends ClipRowActions {
  /** How many clips the list holds. */
  count: number;
  /** The clip at `index`, if its page has arrived (the row waits empty until then). */
  rowAt: (index: number) => ClipSummary | undefined;
  /** Called with the rows in view (from `first` to `last`, exclusive), for their pages to be asked for. */
  onNeed: (first: number, last: number) => void;
  query: string;
  activeIndex: number;
  freshId?: string;
  selected: Set<string>;
  onToggleSelect: (clip: ClipSummary, index: number, shiftKey: boolean) => void;
  onKeyDown: (event: KeyboardEvent) => void;
}

export const ROW_HEIGHT = 84;
/** The Element Timing name of the first row's title (and of the empty library's message). */
export const FIRST_ROWS_TIMING = 'first-rows';
/** Rows drawn above and below the visible ones, so fast scrolling shows no gaps. */
const OVERSCAN = 6;

/**
 * The clips as a virtualized listbox: only the rows in view exist in the DOM, and only their
 * pages are asked for, so a library of any size costs what twenty clips do.
 */
export function ClipList({ count, rowAt, onNeed, query, activeIndex, freshId, selected, onToggleSelect, onKeyDown, ...actions }: ClipListProps) {
  const t = useT();
  const viewport = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(480);

  useEffect(() => {
    const element = viewport.current;
    if (!element) return;
    const observer = new ResizeObserver(() => setHeight(element.clientHeight || 480));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  // Keep the keyboard's row in view.
  useEffect(() => {
    const element = viewport.current;
    if (!element || activeIndex < 0) return;
    const top = activeIndex * ROW_HEIGHT;
    if (top < element.scrollTop) element.scrollTop = top;
    else if (top + ROW_HEIGHT > element.scrollTop + element.clientHeight) element.scrollTop = top + ROW_HEIGHT - element.clientHeight;
  }, [activeIndex]);

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(count, Math.ceil((scrollTop + height) / ROW_HEIGHT) + OVERSCAN);
  // Again whenever the rows change too: a list asked for anew (after a change) fills the rows in view.
  useEffect(() => onNeed(first, last), [first, last, onNeed, rowAt]);
  const active = rowAt(activeIndex);
  const rows = [];
  const controls = [];
  for (let index = first; index < last; index++) {
    const clip = rowAt(index);
    const top = index * ROW_HEIGHT;
    if (!clip) {
      rows.push(<li key={`row-${index}`} class="clip-row" role="presentation" style={{ top: `${top}px`, height: `${ROW_HEIGHT}px` }} />);
      continue;
    }
    const fresh = clip.id === freshId;
    const isSelected = selected.has(clip.id);
    rows.push(
      <ClipRow
        key={clip.id}
        clip={clip}
        query={query}
        active={index === activeIndex}
        fresh={fresh}
        selected={isSelected}
        top={top}
        timing={index === 0 ? FIRST_ROWS_TIMING : undefined}
        height={ROW_HEIGHT}
      />,
    );
    controls.push(
      <ClipRowControls
        key={clip.id}
        clip={clip}
        fresh={fresh}
        selected={isSelected}
        onToggleSelect={(c, shiftKey) => onToggleSelect(c, index, shiftKey)}
        top={top}
        height={ROW_HEIGHT}
        {...actions}
      />,
    );
  }
  // The scroller holds the listbox (options only) and, beside it, each row's controls drawn over
  // their row: nothing interactive sits inside an option.
  return (
    <div ref={viewport} class="clip-list" onScroll={(e) => setScrollTop((e.currentTarget as HTMLElement).scrollTop)}>
      <div class="clip-canvas" style={{ height: `${count * ROW_HEIGHT}px` }}>
        <ul
          class="clip-options"
          role="listbox"
          aria-label={t('clipsList')}
          aria-multiselectable="true"
          aria-activedescendant={active ? `clip-${active.id}` : undefined}
          tabIndex={0}
          onKeyDown={onKeyDown}
        >
          {rows}
        </ul>
        {controls}
      </div>
    </div>
  );
}
