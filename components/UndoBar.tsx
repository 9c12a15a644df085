import { useT } from './i18n-context';

interface UndoBarProps {
  message: string;
  onUndo?: () => void;
}

/** A notice at the bottom of the popup, with undo for deletions (long exports have their own bar). */
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
