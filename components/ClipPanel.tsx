import { useEffect, useRef } from 'preact/hooks';
import type { Translate } from '@/utils/core/i18n';
import { reasonText } from '@/utils/core/i18n/reasons';
import type { ClipOutcome, ClipReview as Review } from '@/utils/protocol/messages';
import { ClipReview } from './ClipReview';
import { useT } from './i18n-context';

export type ClipState = { kind: 'idle' } | { kind: 'working' } | { kind: 'review'; review: Review } | { kind: 'done'; outcome: ClipOutcome };

interface ClipPanelProps {
  state: ClipState;
  hasSelection: boolean;
  onClip: () => void;
  onClipSelection: () => void;
  onClipFullPage: () => void;
  onSaveReview: (review: Review, tags: string[], note: string) => void;
  onCancelReview: () => void;
}

function outcomeText(outcome: ClipOutcome, t: Translate): string {
  if (outcome.status !== 'saved') return reasonText(outcome.reason, t);
  const { clip } = outcome;
  let text = !outcome.created
    ? outcome.revisionAdded
      ? t('updatedWithRevision', clip.title)
      : t('unchanged', clip.title)
    : clip.pageCount && clip.pageCount > 1
      ? t('savedPages', clip.title, clip.pageCount)
      : t('saved', clip.title);
  if (clip.missingPages?.length) text += ` ${t('savedMissingPages', clip.missingPages.length)}`;
  if (clip.fallback) text += ` ${t('fallbackHint')}`;
  return text;
}

/** The popup's first action, and what became of it. */
export function ClipPanel({ state, hasSelection, onClip, onClipSelection, onClipFullPage, onSaveReview, onCancelReview }: ClipPanelProps) {
  const t = useT();
  const outcome = state.kind === 'done' ? state.outcome : undefined;
  const clipButton = useRef<HTMLButtonElement>(null);
  // Focused on open so that Enter clips at once (`autofocus` is not honoured everywhere).
  useEffect(() => clipButton.current?.focus(), []);
  if (state.kind === 'review') {
    const { review } = state;
    return (
      <section class="clip-panel" aria-label={t('clipThisPage')}>
        <ClipReview review={review} onSave={(tags, note) => onSaveReview(review, tags, note)} onCancel={onCancelReview} />
      </section>
    );
  }
  return (
    <section class="clip-panel" aria-label={t('clipThisPage')}>
      <div class="row">
        <button ref={clipButton} type="button" class="primary" disabled={state.kind === 'working'} onClick={onClip}>
          {state.kind === 'working' ? t('clipping') : t('clipThisPage')}
        </button>
        {hasSelection && (
          <button type="button" disabled={state.kind === 'working'} onClick={onClipSelection}>
            {t('clipSelection')}
          </button>
        )}
      </div>
      {outcome && (
        <p class={`status status-${outcome.status}`} role="status" data-status={outcome.status}>
          {outcomeText(outcome, t)}
        </p>
      )}
      {outcome?.status === 'no-article' && (
        <button type="button" onClick={onClipFullPage}>
          {t('clipWholePage')}
        </button>
      )}
    </section>
  );
}
