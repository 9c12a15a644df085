import { useEffect, useRef, useState } from 'preact/hooks';
import type { ClipSummary } from '@/utils/core/model/types';
import { ClipRow, type ClipRowActions } from './ClipRow';
import { useT } from './i18n-context';

interface ClipListProps extends ClipRowActions {
  clips: ClipSummary[];
  query: string;
  activeIndex: number;
  freshId?: string;
  selected: Set<string>;
  onToggleSelect: (clip: ClipSummary, shiftKey: boolean) => void;
  onKeyDown: (event: KeyboardEvent) => void;
}

export const ROW_HEIGHT = 84;
/** The Element Timing name of the first row's title (and of the empty library's message). */
export const FIRST_ROWS_TIMING = 'first-rows';
/** Rows drawn above and below the visible ones, so fast scrolling shows no gaps. */
const OVERSCAN = 6;

/**
 * The clips as a virtualized listbox: only the rows in view exist in the DOM, so ten thousand
 * clips cost what twenty do.
 */
export function ClipList({ clips, query, activeIndex, freshId, selected, onToggleSelect, onKeyDown, ...actions }: ClipListProps) {
  const t = useT();
  const viewport = useRef<HTMLUListElement>(null);
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
  const last = Math.min(clips.length, Math.ceil((scrollTop + height) / ROW_HEIGHT) + OVERSCAN);
  const active = clips[activeIndex];
  return (
    <ul
      ref={viewport}
      class="clip-list"
      role="listbox"
      aria-label={t('clipsList')}
      aria-multiselectable="true"
      aria-activedescendant={active ? `clip-${active.id}` : undefined}
      tabIndex={0}
      onScroll={(e) => setScrollTop((e.currentTarget as HTMLElement).scrollTop)}
      onKeyDown={onKeyDown}
    >
      <div class="clip-list-spacer" style={{ height: `${clips.length * ROW_HEIGHT}px` }} />
      {clips.slice(first, last).map((clip, i) => (
        <ClipRow
          key={clip.id}
          clip={clip}
          query={query}
          active={first + i === activeIndex}
          fresh={clip.id === freshId}
          selected={selected.has(clip.id)}
          onToggleSelect={onToggleSelect}
          top={(first + i) * ROW_HEIGHT}
          timing={first + i === 0 ? FIRST_ROWS_TIMING : undefined}
          height={ROW_HEIGHT}
          {...actions}
        />
      ))}
    </ul>
  );
}
