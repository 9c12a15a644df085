import { useEffect, useRef, useState } from 'preact/hooks';
import type { ImportOutcome, ImportProgress } from '@/utils/core/backup/import-run';
import type { ImportNotice } from '@/utils/core/backup/import-posts';
import type { Translate } from '@/utils/core/i18n';
import { errorMessage, reasonText } from '@/utils/core/i18n/reasons';
import type { ReadableFolder } from '@/utils/pages/import-sources';
import type { OptionsClient } from '@/utils/pages/options-client';
import { useT } from './i18n-context';

/** An import: files the user picked, or a folder (already on its way: picked in the click that started it). */
export type ImportJobSpec = { kind: 'files'; files: File[] } | { kind: 'folder'; folder: Promise<ReadableFolder> };

/** What the page says once the import is over: a sentence, and the files not imported with why. */
export interface ImportReport {
  message: string;
  problems: string[];
  /** What was mended or cut in the posts that were imported. */
  notices: ImportNotice[];
}

interface ImportJobProps {
  job: ImportJobSpec;
  client: OptionsClient;
  /** The import is over; no report when the folder picker was closed. */
  onDone: (report: ImportReport | undefined) => void;
  now?: () => number;
}

type View = { kind: 'finding'; found: number } | { kind: 'progress'; progress: ImportProgress; started: number; at: number };

/** How far along, 0 to 1: posts settled of all posts where the count is known, else bytes read. */
function fractionOf(p: ImportProgress): number | undefined {
  if (p.total !== undefined) return p.total === 0 ? 1 : Math.min(1, p.done / p.total);
  return p.totalBytes > 0 ? Math.min(1, p.bytesRead / p.totalBytes) : undefined;
}

function wordOutcome(outcome: ImportOutcome, t: Translate): ImportReport {
  const { added, known } = outcome.progress;
  const problems = outcome.errors.map((e) => `${e.file}: ${reasonText(e.reason, t)}`);
  const { notices } = outcome;
  const { stopped } = outcome;
  if (!stopped) return { message: t('importDone', added, known), problems, notices };
  if ('cancelled' in stopped) return { message: t('importCancelled', added, known), problems, notices };
  const why = t('failed', reasonText(stopped.reason, t));
  // The full-disk reason already says what was kept.
  return { message: stopped.reason.code === 'import-storage-full' ? why : `${why} ${t('importKept', added, known)}`, problems, notices };
}

/**
 * Runs an import and shows where it is: a progress bar (posts done of all, or the share of the
 * files read where a zip cannot say how many posts it holds), posts per second, the time left, and
 * a Cancel that keeps what was stored.
 */
export function ImportJob({ job, client, onDone, now = Date.now }: ImportJobProps) {
  const t = useT();
  const [view, setView] = useState<View>({ kind: 'finding', found: 0 });
  const stop = useRef(new AbortController());
  const done = useRef(onDone);
  done.current = onDone;

  useEffect(() => {
    const controller = new AbortController();
    stop.current = controller;
    const { signal } = controller;
    let started: number | undefined;
    const control = {
      signal,
      onProgress: (progress: ImportProgress) => {
        const at = now();
        // The clock starts with the first post read, not while the posts are being counted.
        if (started === undefined && (progress.done > 0 || progress.bytesRead > 0)) started = at;
        setView({ kind: 'progress', progress, started: started ?? at, at });
      },
    };
    const run = async () => {
      if (job.kind === 'files') return client.importFiles(job.files, control);
      const folder = await job.folder;
      return client.importFolder(folder, { ...control, onFinding: (found) => setView({ kind: 'finding', found }) });
    };
    run().then(
      (outcome) => done.current(wordOutcome(outcome, t)),
      (error: unknown) => {
        // The folder picker was closed.
        if ((error as { name?: string } | null)?.name === 'AbortError') done.current(undefined);
        else done.current({ message: t('failed', errorMessage(error, t)), problems: [], notices: [] });
      },
    );
    return () => controller.abort();
    // One run per job: a new import is a new job object.
  }, [job]);

  let text: string;
  let fraction: number | undefined;
  const details: string[] = [];
  if (view.kind === 'finding') text = t('importFinding', view.found);
  else {
    const { progress, started, at } = view;
    fraction = fractionOf(progress);
    text =
      progress.total !== undefined ? t('importProgress', progress.done, progress.total) : t('importProgressBytes', progress.done, Math.floor((fraction ?? 0) * 100));
    const seconds = (at - started) / 1000;
    if (seconds >= 1 && progress.done > 0) {
      details.push(t('importRate', Math.round(progress.done / seconds)));
      if (fraction !== undefined && fraction > 0 && fraction < 1) {
        const left = (seconds * (1 - fraction)) / fraction;
        details.push(left >= 90 ? t('importLeftMinutes', Math.round(left / 60)) : t('importLeftSeconds', Math.max(1, Math.round(left))));
      }
    }
  }
  return (
    // The button before the words, which change as they go: it stays where the user aims.
    <div class="notice import-job">
      <progress aria-label={t('importProgressLabel')} max={1} {...(fraction !== undefined && { value: fraction })} />
      <button type="button" onClick={() => stop.current.abort()}>
        {t('cancel')}
      </button>
      <span class="import-progress">{[text, ...details].join(' · ')}</span>
    </div>
  );
}
