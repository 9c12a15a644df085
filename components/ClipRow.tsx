import type { ClipSummary } from '@/utils/core/model/types';
import { Highlight } from './Highlight';
import { useT } from './i18n-context';

interface ClipRowProps {
  clip: ClipSummary;
  query: string;
  /** The row the keyboard is on. */
  active: boolean;
  /** Just clipped: shown highlighted. */
  fresh: boolean;
  selected: boolean;
  top: number;
  height: number;
  /** Names the row's title for the browser's Element Timing (when it was painted); benchmarks read it. */
  timing?: string;
}

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

/**
 * One clip as an option of the list: its title and what is known of it, nothing to press inside
 * (the option is the row's one interactive element; ClipRowControls draws its actions beside it).
 */
export function ClipRow({ clip, query, active, fresh, selected, top, height, timing }: ClipRowProps) {
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
      </div>
    </li>
  );
}
