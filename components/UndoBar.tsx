import { useT } from './i18n-context';

interface UndoBarProps {
  message: string;
  onUndo?: () => void;
  onCancel?: () => void;
}

/** A notice at the bottom of the popup, with undo for deletions and cancel for long exports. */
export function UndoBar({ message, onUndo, onCancel }: UndoBarProps) {
  const t = useT();
  return (
    <div class="notice" role="status">
      <span>{message}</span>
      {onCancel && (
        <button type="button" onClick={onCancel}>
          {t('cancel')}
        </button>
      )}
      {onUndo && (
        <button type="button" onClick={onUndo}>
          {t('undo')}
        </button>
      )}
    </div>
  );
}
