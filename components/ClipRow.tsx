import type { ClipSummary } from '@/utils/core/model/types';
import { Highlight } from './Highlight';
import { useT } from './i18n-context';

export interface ClipRowActions {
  onOpen: (clip: ClipSummary) => void;
  onPreview: (clip: ClipSummary) => void;
  onExport: (clip: ClipSummary) => void;
  onCopy: (clip: ClipSummary) => void;
  onDelete: (clip: ClipSummary) => void;
}

interface ClipRowProps extends ClipRowActions {
  clip: ClipSummary;
  query: string;
  /** The row the keyboard is on. */
  active: boolean;
  /** Just clipped: shown highlighted. */
  fresh: boolean;
  selected: boolean;
  onToggleSelect: (clip: ClipSummary, shiftKey: boolean) => void;
  top: number;
  height: number;
  /** Names the row's title for the browser's Element Timing (when it was painted); benchmarks read it. */
  timing?: string;
}

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

export function ClipRow(props: ClipRowProps) {
  const { clip, query, active, fresh, selected, top, height, timing } = props;
  const t = useT();
  const published = clip.publishedAt === undefined ? undefined : new Date(clip.publishedAt);
  const classes = ['clip-row', fresh && 'highlighted', active && 'active', selected && 'selected'].filter(Boolean).join(' ');
  return (
    <li
      class={classes}
      data-clip-id={clip.id}
      role="option"
      aria-selected={selected}
      id={`clip-${clip.id}`}
      style={{ top: `${top}px`, height: `${height}px` }}
    >
      <input
        type="checkbox"
        class="select"
        checked={selected}
        aria-label={t('selectClip', clip.title)}
        tabIndex={-1}
        onClick={(e) => props.onToggleSelect(clip, e.shiftKey)}
      />
      <div class="clip-body">
        <div class="clip-title" lang={clip.lang} dir={clip.dir} title={clip.title} elementtiming={timing}>
          <Highlight text={clip.title} query={query} />
        </div>
        <div class="clip-meta">
          <span>
            <Highlight text={clip.siteName} query={query} />
          </span>
          {clip.byline && (
            <span class="byline">
              <Highlight text={clip.byline} query={query} />
            </span>
          )}
          {published && <time dateTime={published.toISOString()}>{dateFormat.format(published)}</time>}
          {clip.fullPage && <span class="badge">{t('fullPage')}</span>}
          {clip.selection && <span class="badge">{t('selectionBadge')}</span>}
          {clip.fallback && (
            <span class="badge" title={t('fallbackHint')}>
              {t('fallbackBadge')}
            </span>
          )}
          {clip.edited && <span class="badge">{t('editedBadge')}</span>}
          {clip.revisionCount > 0 && <span class="badge">{t('revisions', clip.revisionCount)}</span>}
          {clip.tags.map((tag) => (
            <span class="tag" key={tag}>
              #<Highlight text={tag} query={query} />
            </span>
          ))}
        </div>
        <div class="clip-actions">
          <button type="button" tabIndex={-1} onClick={() => props.onPreview(clip)} aria-label={t('previewOf', clip.title)}>
            {t('preview')}
          </button>
          <button type="button" tabIndex={-1} onClick={() => props.onOpen(clip)} aria-label={t('openOriginalOf', clip.title)}>
            {t('open')}
          </button>
          <button type="button" tabIndex={-1} onClick={() => props.onExport(clip)} aria-label={t('exportOf', clip.title)}>
            {t('export')}
          </button>
          <button type="button" tabIndex={-1} onClick={() => props.onCopy(clip)} aria-label={t('copyOf', clip.title)}>
            {t('copy')}
          </button>
          <button type="button" tabIndex={-1} class="danger" onClick={() => props.onDelete(clip)} aria-label={t('deleteOf', clip.title)}>
            {t('delete')}
          </button>
        </div>
      </div>
    </li>
  );
}
