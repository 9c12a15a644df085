import { useMemo, useState } from 'preact/hooks';
import { joinBlocks, splitBlocks, type HtmlParser } from '@/utils/core/model/body-blocks';
import type { Clip, ClipEdit } from '@/utils/core/model/types';
import { useT } from './i18n-context';
import { splitTags } from '@/utils/core/model/tag-input';

interface ClipEditorProps {
  clip: Clip;
  parser: HtmlParser;
  onSave: (edit: ClipEdit) => void;
  onCancel: () => void;
}


/** Title, author, tags, note, and the body's blocks, each of which can be removed. */
export function ClipEditor({ clip, parser, onSave, onCancel }: ClipEditorProps) {
  const t = useT();
  const blocks = useMemo(() => splitBlocks(clip.contentHtml, parser), [clip.contentHtml, parser]);
  const [title, setTitle] = useState(clip.title);
  const [byline, setByline] = useState(clip.byline ?? '');
  const [tags, setTags] = useState(clip.tags.join(', '));
  const [note, setNote] = useState(clip.note ?? '');
  const [removed, setRemoved] = useState<Set<number>>(new Set());

  function save(event: Event) {
    event.preventDefault();
    const edit: ClipEdit = { tags: splitTags(tags), note };
    if (title.trim() && title !== clip.title) edit.title = title.trim();
    if (byline !== (clip.byline ?? '')) edit.byline = byline.trim();
    if (removed.size > 0) edit.contentHtml = joinBlocks(blocks.filter((_, i) => !removed.has(i)));
    onSave(edit);
  }

  const toggle = (i: number) =>
    setRemoved((before) => {
      const next = new Set(before);
      if (!next.delete(i)) next.add(i);
      return next;
    });

  const field = (label: string, value: string, set: (v: string) => void, multiline = false) => (
    <label class="field">
      <span>{label}</span>
      {multiline ? (
        <textarea value={value} onInput={(e) => set((e.currentTarget as HTMLTextAreaElement).value)} />
      ) : (
        <input type="text" value={value} onInput={(e) => set((e.currentTarget as HTMLInputElement).value)} />
      )}
    </label>
  );

  return (
    <form class="editor" onSubmit={save}>
      {field(t('fieldTitle'), title, setTitle)}
      {field(t('fieldByline'), byline, setByline)}
      {field(t('fieldTags'), tags, setTags)}
      {field(t('fieldNote'), note, setNote, true)}
      <fieldset class="blocks">
        <legend>{t('bodyBlocks')}</legend>
        <ol>
          {blocks.map((block, i) => (
            <li key={i} class={removed.has(i) ? 'removed' : undefined}>
              <span class="block-text">{block.text}</span>
              <button type="button" onClick={() => toggle(i)} aria-pressed={removed.has(i)}>
                {removed.has(i) ? t('keepBlock') : t('removeBlock')}
              </button>
            </li>
          ))}
        </ol>
      </fieldset>
      <div class="row">
        <button type="submit" class="primary-inline">
          {t('save')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}
