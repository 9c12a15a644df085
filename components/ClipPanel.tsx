import { useEffect, useRef } from 'preact/hooks';
import type { ClipOutcome } from '@/utils/messages';

export type ClipState = { kind: 'idle' } | { kind: 'working' } | { kind: 'done'; outcome: ClipOutcome };

interface ClipPanelProps {
  state: ClipState;
  onClip: () => void;
  onClipFullPage: () => void;
}

function outcomeText(outcome: ClipOutcome): string {
  if (outcome.status !== 'saved') return outcome.message;
  if (outcome.created) return `Saved: ${outcome.clip.title}`;
  return outcome.revisionAdded
    ? `Updated: ${outcome.clip.title} (the earlier version is kept as a revision)`
    : `Already saved, unchanged: ${outcome.clip.title}`;
}

/** The popup's first action, and what became of it. */
export function ClipPanel({ state, onClip, onClipFullPage }: ClipPanelProps) {
  const outcome = state.kind === 'done' ? state.outcome : undefined;
  const clipButton = useRef<HTMLButtonElement>(null);
  // Focused on open so that Enter clips at once (`autofocus` is not honoured everywhere).
  useEffect(() => clipButton.current?.focus(), []);
  return (
    <section class="clip-panel" aria-label="Clip">
      <button ref={clipButton} type="button" class="primary" disabled={state.kind === 'working'} onClick={onClip}>
        {state.kind === 'working' ? 'Clipping…' : 'Clip this page'}
      </button>
      {outcome && (
        <p class={`status status-${outcome.status}`} role="status" data-status={outcome.status}>
          {outcomeText(outcome)}
        </p>
      )}
      {outcome?.status === 'no-article' && (
        <button type="button" onClick={onClipFullPage}>
          Clip the whole page
        </button>
      )}
    </section>
  );
}
