import { useEffect, useRef, useState } from 'preact/hooks';
import { splitTags } from '@/utils/core/model/tag-input';
import type { ClipReview as Review } from '@/utils/protocol/messages';
import { useT } from './i18n-context';

interface ClipReviewProps {
  review: Review;
  onSave: (tags: string[], note: string) => void;
  onCancel: () => void;
}

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

/**
 * The article before it is saved (the "ask before saving" setting): its title, site and date, with
 * tags (the default ones to start from, recent ones a click away) and a note. Enter saves, from
 * either field; Shift+Enter starts a new line in the note.
 */
export function ClipReview({ review, onSave, onCancel }: ClipReviewProps) {
  const t = useT();
  const { draft } = review;
  const [tags, setTags] = useState(review.tags.join(', '));
  const [note, setNote] = useState('');
  const tagsInput = useRef<HTMLInputElement>(null);
  useEffect(() => tagsInput.current?.focus(), []);
  const chosen = new Set(splitTags(tags));
  const offered = review.recentTags.filter((tag) => !chosen.has(tag));
  const save = () => onSave(splitTags(tags), note);
  const published = draft.publishedAt === undefined ? undefined : new Date(draft.publishedAt);

  return (
    <form
      class="clip-review"
      aria-labelledby="review-heading"
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      <h2 id="review-heading">{t('reviewHeading')}</h2>
      <p class="review-title">
        <strong>{draft.title}</strong>
      </p>
      <p class="review-meta">
        <span class="review-site">{draft.siteName}</span>
        {published && (
          <>
            {' · '}
            <time dateTime={published.toISOString()}>{dateFormat.format(published)}</time>
          </>
        )}
      </p>
      <label class="field">
        <span>{t('reviewTags')}</span>
        <input ref={tagsInput} type="text" name="review-tags" value={tags} onInput={(e) => setTags((e.currentTarget as HTMLInputElement).value)} />
      </label>
      {offered.length > 0 && (
        <p class="recent-tags" aria-label={t('reviewRecentTags')}>
          {offered.map((tag) => (
            <button
              key={tag}
              type="button"
              class="tag"
              aria-label={t('reviewAddTag', tag)}
              onClick={() => {
                setTags((current) => [...splitTags(current), tag].join(', '));
                tagsInput.current?.focus();
              }}
            >
              {tag}
            </button>
          ))}
        </p>
      )}
      <label class="field">
        <span>{t('reviewNote')}</span>
        <textarea
          name="review-note"
          rows={3}
          value={note}
          onInput={(e) => setNote((e.currentTarget as HTMLTextAreaElement).value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
              e.preventDefault();
              save();
            }
          }}
        />
      </label>
      <p class="hint">{t('reviewHint')}</p>
      <div class="row">
        <button type="submit" class="primary">
          {t('reviewSave')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('reviewCancel')}
        </button>
      </div>
    </form>
  );
}
