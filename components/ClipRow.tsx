import type { ClipSummary } from '@/utils/types';

interface ClipRowProps {
  clip: ClipSummary;
  highlighted: boolean;
  onOpen: (clip: ClipSummary) => void;
  onExport: (clip: ClipSummary) => void;
  onCopy: (clip: ClipSummary) => void;
  onDelete: (clip: ClipSummary) => void;
}

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

export function ClipRow({ clip, highlighted, onOpen, onExport, onCopy, onDelete }: ClipRowProps) {
  const published = clip.publishedAt === undefined ? undefined : new Date(clip.publishedAt);
  return (
    <li class={highlighted ? 'clip-row highlighted' : 'clip-row'} data-clip-id={clip.id}>
      <div class="clip-title" lang={clip.lang} dir={clip.dir}>
        {clip.title}
      </div>
      <div class="clip-meta">
        <span>{clip.siteName}</span>
        {published && <time dateTime={published.toISOString()}>{dateFormat.format(published)}</time>}
        {clip.fullPage && <span class="badge">full page</span>}
        {clip.revisionCount > 0 && (
          <span class="badge">{clip.revisionCount === 1 ? '1 revision' : `${clip.revisionCount} revisions`}</span>
        )}
      </div>
      <div class="clip-actions">
        <button type="button" onClick={() => onOpen(clip)} aria-label={`Open the original of ${clip.title}`}>
          Open
        </button>
        <button type="button" onClick={() => onExport(clip)} aria-label={`Export ${clip.title}`}>
          Export
        </button>
        <button type="button" onClick={() => onCopy(clip)} aria-label={`Copy ${clip.title} as a post`}>
          Copy
        </button>
        <button type="button" class="danger" onClick={() => onDelete(clip)} aria-label={`Delete ${clip.title}`}>
          Delete
        </button>
      </div>
    </li>
  );
}
