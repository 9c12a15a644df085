import { useEffect, useRef, useState } from 'preact/hooks';
import { errorMessage } from '@/utils/core/i18n/reasons';
import type { DirectoryHandle } from '@/utils/pages/folder-memory';
import type { FailedImage } from '@/utils/core/format/zip';
import type { PopupClient } from '@/utils/pages/popup-client';
import { useT } from './i18n-context';

/** A long export: several clips as a zip (optionally with images), or into a folder. */
export type ExportJobSpec =
  | { kind: 'zip'; ids: string[]; images: boolean }
  /** `folder` is already on its way (picked or allowed in the click that started the export). */
  | { kind: 'folder'; ids: string[]; folder: Promise<DirectoryHandle | undefined> };

interface ExportJobProps {
  job: ExportJobSpec;
  client: PopupClient;
  /** The job is over and its report was read (or needs no reading). */
  onClose: () => void;
  /** How long a report without problems stays. */
  noticeMs: number;
}

type View =
  | { kind: 'progress'; message: string }
  | { kind: 'ask'; origins: string[] }
  | { kind: 'report'; message: string; failedImages?: FailedImage[]; lasting: boolean };

/**
 * Runs an export and shows where it is: the image hosts to allow (the browser asks the user, so
 * the request starts in the "Allow" click), progress with a cancel button, and at the end what
 * was written and which images kept their remote links.
 */
export function ExportJob({ job, client, onClose, noticeMs }: ExportJobProps) {
  const t = useT();
  const [view, setView] = useState<View>({ kind: 'progress', message: '' });
  const stop = useRef<AbortController>(new AbortController());
  const answer = useRef<(reply: { granted: Promise<boolean> }) => void>(undefined);
  const close = useRef(onClose);
  close.current = onClose;

  useEffect(() => {
    // A controller per run: a new export replacing this one must not inherit its cancel.
    const controller = new AbortController();
    stop.current = controller;
    const { signal } = controller;
    // A run replaced by a newer one says nothing more.
    const current = () => stop.current === controller;
    // Progress is drawn once a frame, not once a clip: a whole library is tens of thousands of
    // clips, and as many renders would slow the export. Any other view drops a frame's progress.
    let frame: number | undefined;
    let latest = '';
    const progress = (message: string) => {
      latest = message;
      frame ??= requestAnimationFrame(() => {
        frame = undefined;
        if (!signal.aborted) setView({ kind: 'progress', message: latest });
      });
    };
    const show = (next: View) => {
      if (frame !== undefined) cancelAnimationFrame(frame);
      frame = undefined;
      setView(next);
    };
    const report = (message: string, lasting = false, failedImages?: FailedImage[]) => current() && show({ kind: 'report', message, lasting, failedImages });

    async function runZip(ids: string[], wantImages: boolean) {
      let images = wantImages;
      let refused = false;
      if (images) {
        progress(t('findingImages', ids.length));
        const { origins, granted } = await client.imageHosts(ids, signal);
        if (!granted) {
          const reply = await new Promise<{ granted: Promise<boolean> }>((resolve) => {
            answer.current = resolve;
            show({ kind: 'ask', origins });
          });
          images = await reply.granted.catch(() => false);
          refused = !images;
        }
      }
      progress(t('exporting', 0, ids.length));
      const done = await client.exportZip(ids, signal, ({ done: n }) => progress(t('exporting', n, ids.length)), { images });
      const summary = images ? t('exportedWithImages', done.posts, done.images) : t('exportedMany', done.posts);
      if (refused) report(`${summary}. ${t('imagesNotAllowed')}`, true);
      else if (done.failedImages.length > 0) report(`${summary}. ${t('imagesFailed', done.failedImages.length)}`, true, done.failedImages);
      else report(summary);
    }

    async function runFolder(ids: string[], folderPromise: Promise<DirectoryHandle | undefined>) {
      const folder = await folderPromise;
      if (!folder) {
        close.current();
        return;
      }
      let written = 0;
      progress(t('writingToFolder', 0, ids.length, folder.name));
      try {
        const result = await client.folders!.write(folder, ids, signal, ({ done }) => {
          written = done;
          progress(t('writingToFolder', done, ids.length, folder.name));
        });
        report(t('wroteToFolder', result.written.length, folder.name, result.written.filter((w) => w.replaced).length));
      } catch (error) {
        if (signal.aborted) report(t('folderCancelled', written, folder.name));
        else throw error;
      }
    }

    (job.kind === 'zip' ? runZip(job.ids, job.images) : runFolder(job.ids, job.folder)).catch((error: unknown) => {
      if (signal.aborted) report(job.kind === 'zip' ? t('exportCancelled') : t('failed', errorMessage(error, t)));
      else if ((error as { name?: string } | null)?.name === 'AbortError') close.current(); // the folder picker was closed
      else report(t('failed', errorMessage(error, t)), true);
    });
    return () => {
      controller.abort();
      if (frame !== undefined) cancelAnimationFrame(frame);
    };
    // One run per job: the job object is replaced for a new export.
  }, [job]);

  // A report with nothing to read closes by itself.
  useEffect(() => {
    if (view.kind !== 'report' || view.lasting) return;
    const timer = setTimeout(() => close.current(), noticeMs);
    return () => clearTimeout(timer);
  }, [view, noticeMs]);

  const cancel = () => stop.current.abort();
  return (
    <div class="notice export-job" role="status">
      {view.kind === 'ask' ? (
        <>
          <span>{t('allowImageHosts', view.origins.length)}</span>
          <button type="button" onClick={() => answer.current?.({ granted: client.requestImageHosts(view.origins) })}>
            {t('allowImages')}
          </button>
          <button type="button" onClick={() => answer.current?.({ granted: Promise.resolve(false) })}>
            {t('withoutImages')}
          </button>
          <button
            type="button"
            onClick={() => {
              cancel();
              answer.current?.({ granted: Promise.resolve(false) });
            }}
          >
            {t('cancel')}
          </button>
        </>
      ) : view.kind === 'progress' ? (
        <>
          <span>{view.message}</span>
          <button type="button" onClick={cancel}>
            {t('cancel')}
          </button>
        </>
      ) : (
        <>
          <span>{view.message}</span>
          {view.failedImages && (
            <ul class="failed-images">
              {view.failedImages.map((f) => (
                <li key={`${f.clipUrl} ${f.imageUrl}`}>
                  <a href={f.imageUrl} target="_blank" rel="noopener noreferrer">
                    {f.imageUrl}
                  </a>{' '}
                  — {f.reason}
                </li>
              ))}
            </ul>
          )}
          <button type="button" onClick={onClose}>
            {t('close')}
          </button>
        </>
      )}
    </div>
  );
}
