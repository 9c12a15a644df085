import { useState } from 'preact/hooks';
import { useT } from './i18n-context';

interface BulkBarProps {
  count: number;
  resultCount: number;
  onSelectAll: () => void;
  onClear: () => void;
  onAddTag: (tag: string) => void;
  onRemoveTag: (tag: string) => void;
  onExport: () => void;
  /** Whether a zip export stores the images. */
  includeImages: boolean;
  onIncludeImages: (include: boolean) => void;
  /** Export into a folder (library tab in Chromium): pick one, or the one of the last export. */
  folder?: { remembered?: string; onPick: () => void; onRemembered: () => void };
  onDelete: () => void;
}

/** Actions on the selected clips. */
export function BulkBar(props: BulkBarProps) {
  const t = useT();
  const [tag, setTag] = useState('');
  const withTag = (action: (tag: string) => void) => () => {
    const value = tag.trim();
    if (value) action(value);
  };
  return (
    <div class="bulk-bar" role="toolbar" aria-label={t('selectedCount', props.count)}>
      <span>{t('selectedCount', props.count)}</span>
      {props.count < props.resultCount && (
        <button type="button" onClick={props.onSelectAll}>
          {t('selectAllResults')}
        </button>
      )}
      <button type="button" onClick={props.onClear}>
        {t('clearSelection')}
      </button>
      <input type="text" class="tag-input" value={tag} aria-label={t('tagPrompt')} placeholder={t('tagPrompt')} onInput={(e) => setTag((e.currentTarget as HTMLInputElement).value)} />
      <button type="button" onClick={withTag(props.onAddTag)}>
        {t('addTag')}
      </button>
      <button type="button" onClick={withTag(props.onRemoveTag)}>
        {t('removeTag')}
      </button>
      <button type="button" onClick={props.onExport}>
        {t('exportSelected')}
      </button>
      <label class="inline-option">
        <input type="checkbox" checked={props.includeImages} onChange={(e) => props.onIncludeImages((e.currentTarget as HTMLInputElement).checked)} />
        {t('includeImages')}
      </label>
      {props.folder?.remembered !== undefined && (
        <button type="button" onClick={props.folder.onRemembered}>
          {t('exportToNamed', props.folder.remembered)}
        </button>
      )}
      {props.folder && (
        <button type="button" onClick={props.folder.onPick}>
          {t('exportToFolder')}
        </button>
      )}
      <button type="button" class="danger" onClick={props.onDelete}>
        {t('deleteSelected')}
      </button>
    </div>
  );
}
