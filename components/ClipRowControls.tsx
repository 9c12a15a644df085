import type { ClipSummary } from '@/utils/core/model/types';
import { useT } from './i18n-context';

export interface ClipRowActions {
  onOpen: (clip: ClipSummary) => void;
  onPreview: (clip: ClipSummary) => void;
  onExport: (clip: ClipSummary) => void;
  onCopy: (clip: ClipSummary) => void;
  onDelete: (clip: ClipSummary) => void;
}

interface ClipRowControlsProps extends ClipRowActions {
  clip: ClipSummary;
  /** Just clipped (its row is highlighted). */
  fresh: boolean;
  selected: boolean;
  onToggleSelect: (clip: ClipSummary, shiftKey: boolean) => void;
  top: number;
  height: number;
}

/**
 * A row's checkbox and actions, laid over the row but outside the listbox: an option may hold
 * nothing interactive, and a listbox nothing but options. They are for the pointer (tabIndex -1):
 * from the keyboard, Space selects the row, Enter previews it (export and copy are there), Delete
 * deletes it.
 */
export function ClipRowControls({ clip, fresh, selected, onToggleSelect, top, height, ...actions }: ClipRowControlsProps) {
  const t = useT();
  return (
    <div class={fresh ? 'clip-controls highlighted' : 'clip-controls'} data-clip-id={clip.id} style={{ top: `${top}px`, height: `${height}px` }}>
      <input
        type="checkbox"
        class="select"
        checked={selected}
        aria-label={t('selectClip', clip.title)}
        tabIndex={-1}
        onClick={(e) => onToggleSelect(clip, e.shiftKey)}
      />
      <div class="clip-actions">
        <button type="button" tabIndex={-1} onClick={() => actions.onPreview(clip)} aria-label={t('previewOf', clip.title)}>
          {t('preview')}
        </button>
        <button type="button" tabIndex={-1} onClick={() => actions.onOpen(clip)} aria-label={t('openOriginalOf', clip.title)}>
          {t('open')}
        </button>
        <button type="button" tabIndex={-1} onClick={() => actions.onExport(clip)} aria-label={t('exportOf', clip.title)}>
          {t('export')}
        </button>
        <button type="button" tabIndex={-1} onClick={() => actions.onCopy(clip)} aria-label={t('copyOf', clip.title)}>
          {t('copy')}
        </button>
        <button type="button" tabIndex={-1} class="danger" onClick={() => actions.onDelete(clip)} aria-label={t('deleteOf', clip.title)}>
          {t('delete')}
        </button>
      </div>
    </div>
  );
}
