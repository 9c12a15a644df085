import type { ClipSummary } from '@/utils/types';
import { ClipRow } from './ClipRow';

interface ClipListProps {
  clips: ClipSummary[] | undefined;
  highlightId?: string;
  onOpen: (clip: ClipSummary) => void;
  onExport: (clip: ClipSummary) => void;
  onCopy: (clip: ClipSummary) => void;
  onDelete: (clip: ClipSummary) => void;
}

/** Clips, most recent first. */
export function ClipList({ clips, highlightId, ...actions }: ClipListProps) {
  if (!clips) return <p class="empty">Loading your clips…</p>;
  if (clips.length === 0)
    return <p class="empty">No clips yet. Open a news article and press “Clip this page”.</p>;
  return (
    <ul class="clip-list" aria-label="Your clips">
      {clips.map((clip) => (
        <ClipRow key={clip.id} clip={clip} highlighted={clip.id === highlightId} {...actions} />
      ))}
    </ul>
  );
}
