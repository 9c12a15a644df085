import { useT } from './i18n-context';

interface UndoBarProps {
  message: string;
  onUndo?: () => void;
}

/** A short-lived notice at the bottom of the popup, with an undo button for deletions. */
export function UndoBar({ message, onUndo }: UndoBarProps) {
  const t = useT();
  return (
    <div class="notice" role="status">
      <span>{message}</span>
      {onUndo && (
        <button type="button" onClick={onUndo}>
          {t('undo')}
        </button>
      )}
    </div>
  );
}
