import { useState } from 'preact/hooks';
import type { PopupClient } from '@/utils/pages/popup-client';
import { paragraphChanges } from '@/utils/core/library/revision-diff';
import type { Clip, ClipEdit, ClipRevision } from '@/utils/core/model/types';
import { ArticleFrame } from './ArticleFrame';
import { ClipEditor } from './ClipEditor';
import { useT } from './i18n-context';

interface ClipDetailProps {
  clip: Clip;
  client: PopupClient;
  onBack: () => void;
  onExport: (clip: Clip) => void;
  onCopy: (clip: Clip) => void;
  onSave: (edit: ClipEdit) => void;
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** A clip as it would be exported at one of its versions. */
function atRevision(clip: Clip, revision: ClipRevision): Clip {
  const { title, byline, publishedAt, modifiedAt, contentHtml, textLength } = revision;
  return { ...clip, title, byline, publishedAt, modifiedAt, contentHtml, textLength };
}

/** Preview, metadata, revisions and editing of one clip. */
export function ClipDetail({ clip, client, onBack, onExport, onCopy, onSave }: ClipDetailProps) {
  const t = useT();
  const [editing, setEditing] = useState(false);
  const [shownRevision, setShownRevision] = useState<number>();
  const shown = shownRevision === undefined ? clip : atRevision(clip, clip.revisions[shownRevision]!);
  // Each version is compared with the one that followed it.
  const versions = [...clip.revisions.map((r) => r.contentHtml), clip.contentHtml];

  return (
    <section class="detail" aria-label={clip.title}>
      <div class="row">
        <button type="button" onClick={onBack}>
          ← {t('back')}
        </button>
        {!editing && (
          <>
            <button type="button" onClick={() => setEditing(true)}>
              {t('edit')}
            </button>
            <button type="button" onClick={() => onExport(shown)}>
              {shownRevision === undefined ? t('export') : t('exportRevision')}
            </button>
            <button type="button" onClick={() => onCopy(shown)}>
              {t('copy')}
            </button>
          </>
        )}
      </div>
      <h2 class="detail-title" lang={clip.lang} dir={clip.dir}>
        {shown.title}
      </h2>
      <p class="clip-meta">
        <span>{clip.siteName}</span>
        {shown.byline && <span>{shown.byline}</span>}
        {shown.publishedAt !== undefined && <span>{t('publishedOn', dateTime.format(shown.publishedAt))}</span>}
        <span>{t('clippedOn', dateTime.format(clip.clippedAt))}</span>
        <a href={clip.url} target="_blank" rel="noopener noreferrer">
          {t('originalLink')}
        </a>
      </p>
      {clip.note && <p class="note">{clip.note}</p>}
      {editing ? (
        <ClipEditor
          clip={clip}
          parser={client.parser}
          onCancel={() => setEditing(false)}
          onSave={(edit) => {
            setEditing(false);
            onSave(edit);
          }}
        />
      ) : (
        <ArticleFrame html={client.sanitize(shown.contentHtml)} lang={clip.lang} dir={clip.dir} loadImages={client.previewImages()} />
      )}
      {clip.revisions.length > 0 && (
        <ol class="revisions">
          <li>
            <button type="button" aria-pressed={shownRevision === undefined} onClick={() => setShownRevision(undefined)}>
              {t('currentVersion')}
            </button>
          </li>
          {clip.revisions.map((revision, i) => {
            const { added, removed } = paragraphChanges(revision.contentHtml, versions[i + 1]!);
            return (
              <li key={revision.clippedAt}>
                <button type="button" aria-pressed={shownRevision === i} onClick={() => setShownRevision(i)}>
                  {t('revisionFrom', dateTime.format(revision.clippedAt))}
                </button>{' '}
                <span class="changes">
                  {added + removed === 0 ? t('revisionUnchangedText') : t('revisionChanges', added, removed)}
                </span>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
